"""Settings of dossier lookups (the ``dossiers`` group of ``assistant.settings.Settings``,
``ASSISTANT_DOSSIERS__…``)."""

from typing import Literal

from pydantic import BaseModel, Field

from assistant.channels.registry import notifying_channels

__all__ = ["DossierHttpSettings", "DossierSettings"]


class DossierHttpSettings(BaseModel):
    """An external one-stop-shop system asked for dossier status (``dossiers.adapter=http``).

    ``url_template`` holds ``{code}``; ``field_map`` maps our field names (``status``,
    ``procedure_name``, ``agency``, ``received_on``, ``due_on``, …) to dotted paths in the
    reply; ``status_map`` maps the system's status values to ours."""

    url_template: str = ""  # e.g. https://motcua.example.gov.vn/api/hoso/{code}
    headers: dict[str, str] = Field(default_factory=dict)  # e.g. an API key
    field_map: dict[str, str] = Field(default_factory=dict)
    status_map: dict[str, str] = Field(default_factory=dict)
    timeout_seconds: float = Field(default=3.0, gt=0)  # one attempt
    retries: int = Field(default=2, ge=0, le=5)  # extra attempts on timeouts and 5xx
    total_timeout_seconds: float = Field(default=8.0, gt=0)  # the whole lookup, retries included
    breaker_failures: int = Field(default=5, ge=1)  # consecutive failures that open the circuit
    breaker_reset_seconds: float = Field(default=30.0, gt=0)  # open → one trial call


class DossierSettings(BaseModel):
    """Dossier status lookups: the source, abuse limits, demo data, notifications."""

    adapter: Literal["sql", "http"] = "sql"
    http: DossierHttpSettings = DossierHttpSettings()
    demo_data: bool | None = None  # load the demo dossiers into an empty store; default: dev only
    # `limits` notation ("10/minute", "100 per day"; several separated by ";").
    sender_rate_limit: str = "10/minute;60/day"
    client_rate_limit: str = "20/minute;300/day"
    # Every lookup together (one client rotating addresses cannot walk the code space).
    global_rate_limit: str = "600/minute;20000/day"
    # Wrong phone digits per dossier code, counted in the database; the verified owner's
    # conversation is never locked out.
    verification_rate_limit: str = "5/hour;20/day"
    rate_limit_storage: str = "memory://"  # e.g. redis://… when several gateway workers run
    max_code_reasks: int = Field(default=2, ge=0, le=5)  # bad formats re-asked before help
    max_subscriptions_per_recipient: int = Field(default=20, ge=1)
    # Comma-separated channel names: pushed through the channels' outbox (default: every
    # registered channel that can, Telegram and Zalo), or polled by the widget
    # (GET /api/dossiers/notifications).
    push_channels: str = Field(default_factory=notifying_channels)
    poll_channels: str = "web,api"
    # How often the gateway hands over push notifications queued outside a request
    # (e.g. by `assistant dossiers import`); 0 turns the loop off.
    notification_dispatch_seconds: float = Field(default=15.0, ge=0)
