"""The one settings object. Every value comes from ``ASSISTANT_*`` environment variables
(nested groups with ``__``, e.g. ``ASSISTANT_RASA__URL``); every default works offline
on one machine."""

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, Self

from pydantic import BaseModel, Field, create_model, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from assistant.channels.registry import CHANNELS
from assistant.channels.settings import ChannelSettings
from assistant.dossiers.settings import DossierHttpSettings, DossierSettings
from assistant.feedback.settings import FeedbackSettings
from assistant.handover.settings import HandoverSettings
from assistant.retention.settings import RetentionSettings
from assistant.staff.settings import StaffSettings

__all__ = [
    "ChannelSettings",
    "DialogueSettings",
    "DossierHttpSettings",
    "DossierSettings",
    "FeedbackSettings",
    "RasaSettings",
    "RetentionSettings",
    "SearchSettings",
    "ServerSettings",
    "Settings",
    "StaffSettings",
    "project_root",
]


_DEV_STAFF_TOKEN = "dev-staff-token"
_MIN_SHARED_TOKEN_CHARS = 12  # as assistant.staff.service refuses shorter bearer values


def _default_cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "public-service-assistant"


def project_root() -> Path:
    """The checkout the package runs from (where ``nlu_data/`` and ``config.yml`` live)."""
    return Path(__file__).resolve().parent.parent


class ServerSettings(BaseModel):
    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=1, le=65535)
    public_url: str = ""  # as seen by users and platforms; derived from host/port when empty
    # Sites (e.g. the province portal) whose pages embed the chat widget from another origin.
    cors_origins: list[str] = Field(default_factory=list)
    # Reverse proxies (addresses or networks) whose X-Forwarded-For names the client;
    # from any other peer the header is ignored.
    trusted_proxies: list[str] = Field(default_factory=list)
    # Larger request bodies get 413 before any route reads them (a chat turn is a few kB).
    max_body_bytes: int = Field(default=64 * 1024, ge=1024)
    # Rasa's calls to the action endpoint carry the whole tracker and domain (hundreds of
    # kB in a long conversation); the token is checked before the body is read.
    max_action_body_bytes: int = Field(default=16 * 1024 * 1024, ge=1024)
    # Gateway worker processes (uvicorn --workers). More than one needs ``redis_url`` (the
    # rate-limit counters are shared there) and Telegram in webhook mode.
    workers: int = Field(default=1, ge=1, le=64)


class RasaSettings(BaseModel):
    url: str = ""  # where the gateway reaches Rasa; default: the local server on ``port``
    port: int = Field(default=5005, ge=1, le=65535)
    # Local Rasa processes `assistant run` starts, on ``port``, ``port + 1`` …. One is
    # the fastest on 2 cores, where the gateway needs the other core (measured with
    # bench/scale_out.py, docs/deployment.md); more pay off with more cores.
    processes: int = Field(default=1, ge=1, le=32)
    # Every Rasa server the gateway spreads conversations over (a conversation sticks to
    # one; another takes over when it fails). Default: ``url``, or the local processes.
    urls: list[str] = Field(default_factory=list)
    # The tracker store every Rasa process shares, as a SQLAlchemy URL (e.g.
    # postgresql://rasa:secret@db:5432/rasa); empty: the SQLite file below.
    tracker_store_url: str = ""
    # How long a conversation's lock outlives a Rasa process that died holding it (Rasa's
    # TICKET_LOCK_LIFETIME); a turn normally holds it well under a second.
    lock_lifetime_seconds: int = Field(default=10, ge=1)
    timeout_seconds: float = Field(default=20.0, gt=0)
    # Turns one gateway worker sends to one Rasa server at once; the others wait their
    # turn in order (0: no limit). All let in, Rasa interleaves them and every turn waits
    # for all the others: at 16 conversations p95 577 ms let in, 389 ms with 3, same
    # turns/s; 1 leaves Rasa idle while it waits for our actions (-20 % turns/s)
    # (bench/chat_load.py). Per gateway worker: keep workers × this at 3-4.
    turns_in_flight: int = Field(default=3, ge=0, le=1000)
    # One turn (message + tracker read) answers within this, Rasa or not: below the
    # widget's 30 s, so the user reads the degraded answer rather than a timeout.
    turn_deadline_seconds: float = Field(default=25.0, gt=0)
    # After this many failed turns in a row, Rasa is left alone for breaker_reset_seconds
    # (users get the degraded answer at once instead of waiting for each timeout).
    breaker_failures: int = Field(default=5, ge=1)
    breaker_reset_seconds: float = Field(default=30.0, gt=0)
    python: Path | None = None  # the Python 3.10 venv's interpreter; default .venv-rasa
    # Shared secret for Rasa's HTTP API (``rasa run --auth-token``); `assistant run`
    # generates one when empty.
    token: str = ""
    # Secret Rasa sends to our action endpoint; `assistant run` generates one when empty.
    # Without it (a gateway started on its own) the action endpoint refuses every call.
    action_token: str = ""
    model_dir: Path | None = None  # trained models; default <cache_dir>/rasa-models
    tracker_store_path: Path | None = None  # SQLite tracker store; default under data_dir

    @model_validator(mode="after")
    def _local_url_follows_port(self) -> "RasaSettings":
        # Setting only the port must move both the server the launcher starts and the
        # address the gateway calls.
        is_local = not self.url
        if is_local:
            self.url = f"http://127.0.0.1:{self.port}"
        if not self.urls:
            self.urls = (
                [f"http://127.0.0.1:{port}" for port in self.local_ports]
                if is_local else [self.url]
            )
        return self

    @property
    def local_ports(self) -> list[int]:
        """The ports of the Rasa processes `assistant run` starts."""
        return [self.port + number for number in range(self.processes)]


class SearchSettings(BaseModel):
    model_path: Path | None = None  # sentence-transformers name or dir; default: bundled e5
    # How the encoder runs: "auto" is ONNX Runtime for the bundled e5 (same vectors, ~2×
    # faster queries, no torch in the gateway) and sentence-transformers for other models;
    # "onnx" also exports another mean-pooled model folder.
    runtime: Literal["auto", "onnx", "torch"] = "auto"
    # ONNX only: "int8" encodes queries with the export's 8-bit graph (about half the time
    # of float32, same recall on bench/search_quality.py); passages are always float32.
    query_precision: Literal["int8", "float32"] = "int8"
    # Intra-op threads of the query encoder, at most one per core.
    encoder_threads: int = Field(default=2, ge=1)
    query_cache_size: int = Field(default=4096, ge=0)  # recent query vectors kept (0: none)
    index_dir: Path | None = None  # default <project>/index
    catalogue_path: Path | None = None  # default: the bundled cleaned catalogue


class DialogueSettings(BaseModel):
    """Conversation thresholds and the human route.

    The search thresholds were measured for the bundled e5-small model with
    ``bench/dialogue_thresholds.py``; re-run it when another model is configured.
    """

    max_choices: int = Field(default=5, ge=1, le=10)  # procedures offered as buttons
    # Best fused score − second ≥ margin → answer directly (right 95 % of the time on
    # the labelled questions; 30 % of needs are answered without asking).
    clear_winner_margin: float = Field(default=0.3, ge=0)
    # Matches below this question–procedure cosine are not offered; none left → the
    # assistant says it found nothing (keeps 99 % of labelled questions in each form).
    min_similarity: float = Field(default=0.84, ge=-1, le=1)
    # A message NLU could not place is searched as a need from this cosine up (turns
    # away 73 % of small talk and greetings).
    need_similarity: float = Field(default=0.86, ge=-1, le=1)
    # A clear winner is answered directly only from this cosine up; below, the question
    # names no procedure clearly and is asked back with choices (on the labelled
    # questions, clear winners under 0.86 were right 2 times in 5, above it 224 in 236).
    named_similarity: float = Field(default=0.86, ge=-1, le=1)
    max_bubble_chars: int = Field(default=900, ge=200)  # long answers are split
    hotline: str = ""  # shown with the human route when set
    counter_hours_vi: str = "Thứ Hai đến Thứ Sáu, sáng 7:30–11:30, chiều 13:30–17:00"
    counter_hours_en: str = "Monday to Friday, 7:30–11:30 and 13:30–17:00"
    # The online portal citizens apply on, its help page and its support line (the
    # national portal's by default; a province with its own portal sets its own).
    portal_url: str = "https://dichvucong.gov.vn"
    portal_help_url: str = "https://dichvucong.gov.vn"
    portal_hotline: str = "18001096"
    max_choice_chars: int = Field(default=90, ge=30, le=100)  # button label (Zalo: 100)


class _GatewaySettings(BaseSettings):
    """``Settings`` without the channels' own groups, which the registry adds."""

    model_config = SettingsConfigDict(
        env_prefix="ASSISTANT_", env_nested_delimiter="__", extra="ignore"
    )

    environment: Literal["development", "production"] = "development"
    data_dir: Path = Field(default_factory=lambda: project_root() / "var")
    # Built artefacts keyed by the hash of their inputs (trained Rasa models, the
    # embedding model), shared by every checkout on the machine.
    cache_dir: Path = Field(default_factory=_default_cache_dir)
    database_url: str = ""  # default: SQLite file under data_dir; or postgresql://…
    # One Redis server (redis://host:6379/0) for Rasa's lock store and the rate-limit
    # counters, needed by several Rasa processes or gateway workers; empty: in memory.
    redis_url: str = ""
    # One shared bearer token for development and tests (default ``dev-staff-token``);
    # production refuses it: accounts and `assistant staff token create` instead.
    staff_token: str | None = None
    log_level: str = "INFO"
    log_format: Literal["text", "json"] = "text"  # json: one object per line, with request ids
    max_message_chars: int = Field(default=2000, ge=50)
    organisation_vi: str = "Trung tâm Phục vụ hành chính công tỉnh"
    organisation_en: str = "Provincial Public Administration Service Centre"
    server: ServerSettings = ServerSettings()
    rasa: RasaSettings = RasaSettings()
    search: SearchSettings = SearchSettings()
    dialogue: DialogueSettings = DialogueSettings()
    dossiers: DossierSettings = DossierSettings()
    channels: ChannelSettings = ChannelSettings()
    feedback: FeedbackSettings = FeedbackSettings()
    handover: HandoverSettings = HandoverSettings()
    staff: StaffSettings = StaffSettings()
    retention: RetentionSettings = RetentionSettings()

    @model_validator(mode="after")
    def _refuse_shared_token_in_production(self) -> Self:
        if self.environment == "production" and self.staff_token:
            raise ValueError(
                "ASSISTANT_STAFF_TOKEN is a development convenience and is refused in "
                "production: create API tokens with `assistant staff token create`"
            )
        if self.staff_token and len(self.staff_token.strip()) < _MIN_SHARED_TOKEN_CHARS:
            raise ValueError(
                f"ASSISTANT_STAFF_TOKEN needs at least {_MIN_SHARED_TOKEN_CHARS} characters"
            )
        return self

    @model_validator(mode="after")
    def _shared_state_for_several_workers(self) -> Self:
        if self.redis_url:  # counters kept in memory would be per worker
            for group in (self.dossiers, self.feedback):
                if group.rate_limit_storage == "memory://":
                    group.rate_limit_storage = self.redis_url
        if self.server.workers > 1:
            if not self.redis_url and "memory://" in {
                self.dossiers.rate_limit_storage, self.feedback.rate_limit_storage
            }:
                raise ValueError(
                    "ASSISTANT_SERVER__WORKERS > 1 needs ASSISTANT_REDIS_URL: each worker "
                    "would count rate limits on its own"
                )
            for entry in CHANNELS:
                problem = entry.settings_of(self).several_workers_problem()
                if problem:
                    raise ValueError(problem)
        return self

    @property
    def effective_staff_token(self) -> str:
        """The shared staff token in force: none in production, the development default
        when unset, none when set empty."""
        if self.environment == "production":
            return ""
        return _DEV_STAFF_TOKEN if self.staff_token is None else self.staff_token.strip()

    @property
    def is_dossier_demo_enabled(self) -> bool:
        demo = self.dossiers.demo_data
        return self.environment == "development" if demo is None else demo

    @property
    def effective_database_url(self) -> str:
        return self.database_url or f"sqlite:///{self.data_dir / 'assistant.db'}"

    @property
    def effective_public_url(self) -> str:
        return self.server.public_url or f"http://{self.server.host}:{self.server.port}"

    @property
    def feedback_salt_file(self) -> Path:
        """Where a generated feedback conversation salt is kept (see FeedbackSettings)."""
        return self.data_dir / "secrets" / "feedback-salt"

    @property
    def index_dir(self) -> Path:
        return self.search.index_dir or project_root() / "index"

    @property
    def tracker_db_path(self) -> Path:
        """Rasa's SQLite tracker store."""
        return self.rasa.tracker_store_path or self.data_dir / "rasa" / "tracker.db"

    @property
    def models_dir(self) -> Path:
        return self.cache_dir / "models"


def _channel_groups() -> dict[str, Any]:
    return {
        entry.name: (entry.settings, Field(default_factory=entry.settings))
        for entry in CHANNELS
    }


if TYPE_CHECKING:
    Settings = _GatewaySettings
else:
    # One group per registered channel, named as the channel (``ASSISTANT_TELEGRAM__*``,
    # ``ASSISTANT_ZALO__*``): adding a channel does not touch this module. Code reads a
    # group through its registry entry (``entry.settings_of(settings)``), typed.
    Settings = create_model(
        "Settings", __base__=_GatewaySettings, __module__=__name__, **_channel_groups()
    )
    Settings.__doc__ = "The one settings object of the gateway, the CLI and the tests."
