"""The app-scoped service container: built once by the lifespan, closed on exit."""

import asyncio
import logging
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, cast

from rasa_sdk.executor import ActionExecutor
from sqlalchemy import Engine

from assistant.catalogue.refresh import CatalogueRefresh
from assistant.catalogue.service import CatalogueService
from assistant.channels.assembly import build_channels, channel_links
from assistant.channels.service import ChannelService
from assistant.conversations.service import ConversationService
from assistant.database import create_db_engine, setup_lock, upgrade_to_head
from assistant.dialogue.action_executor import build_executor
from assistant.dialogue.client import RasaClient
from assistant.dialogue.service import DialogueService
from assistant.dossiers.service import DossierService
from assistant.feedback.service import FeedbackService
from assistant.handover.service import HandoverService
from assistant.handover.watcher import HandoverWatcher
from assistant.metrics.service import GatewayMetrics, TimedSearch
from assistant.regression.service import RegressionService
from assistant.retention.service import RetentionService
from assistant.settings import Settings, project_root
from assistant.staff.service import StaffService
from assistant.staff.tester import IntentTesterService

if TYPE_CHECKING:
    from assistant.search import SearchService
    from assistant.unanswered.service import UnansweredService

__all__ = ["Services"]

log = logging.getLogger(__name__)


@dataclass
class Services:
    """Everything a request or an action may need, loaded once per process."""

    settings: Settings
    catalogue: CatalogueService
    db: Engine
    rasa: RasaClient
    metrics: GatewayMetrics
    dialogue: DialogueService = field(init=False)
    action_executor: ActionExecutor = field(init=False)
    channels: ChannelService = field(init=False)
    dossiers: DossierService = field(init=False)
    feedback: FeedbackService = field(init=False)
    handover: HandoverService = field(init=False)
    handover_watcher: HandoverWatcher = field(init=False)
    staff: StaffService = field(init=False)
    conversations: ConversationService = field(init=False)
    unanswered: "UnansweredService" = field(init=False)
    retention: RetentionService = field(init=False)
    regression: RegressionService = field(init=False)
    catalogue_refresh: CatalogueRefresh = field(init=False)
    tester: IntentTesterService = field(init=False)
    search: "SearchService | None" = None
    search_error: str | None = None
    _loading: "asyncio.Task[None] | None" = field(default=None, repr=False)
    _retaining: "asyncio.Task[None] | None" = field(default=None, repr=False)

    @classmethod
    def create(cls, settings: Settings) -> "Services":
        """Cheap, synchronous part of start-up; the search index loads in ``start``."""
        catalogue = CatalogueService.load(settings.search.catalogue_path)
        metrics = GatewayMetrics()
        rasa = RasaClient(
            settings.rasa.urls, timeout=settings.rasa.timeout_seconds, token=settings.rasa.token,
            observe=metrics.observe_rasa, turns_in_flight=settings.rasa.turns_in_flight,
        )
        engine = create_db_engine(settings.effective_database_url)
        with setup_lock(engine):  # gateway workers start together
            upgrade_to_head(engine)
            return cls._assemble(
                settings, catalogue=catalogue, engine=engine, rasa=rasa, metrics=metrics
            )

    @classmethod
    def _assemble(
        cls, settings: Settings, *, catalogue: CatalogueService, engine: Engine,
        rasa: RasaClient, metrics: GatewayMetrics,
    ) -> "Services":
        services = cls(
            settings=settings, catalogue=catalogue, db=engine, rasa=rasa, metrics=metrics
        )
        services.staff = StaffService(
            engine, settings=settings.staff, shared_token=settings.effective_staff_token
        )
        services.tester = IntentTesterService(
            rasa, search=services._search_top, low_confidence=settings.staff.low_confidence
        )
        services.feedback = FeedbackService.create(
            engine, settings=settings.feedback, public_url=settings.effective_public_url,
            organisation_vi=settings.organisation_vi, salt_file=settings.feedback_salt_file,
            channel_links=channel_links(settings),
        )
        services.conversations = ConversationService(
            engine, low_rating_max=settings.feedback.low_rating_max,
            feedback_key=services.feedback.conversation_key,
        )
        from assistant.unanswered.service import UnansweredService

        services.catalogue_refresh = CatalogueRefresh(settings, swap=services._swap_catalogue)
        root = project_root()
        services.regression = RegressionService(
            engine, rasa_url=settings.rasa.url, rasa_token=settings.rasa.token,
            search=services._search_loaded,
            nlu_path=settings.staff.regression_nlu_path or root / "tests/nlu/heldout.yml",
            search_path=settings.staff.regression_search_path
            or root / "bench/data/search_questions.jsonl",
        )
        services.retention = RetentionService(
            engine, settings.retention, conversations=services.conversations,
            tracker_db=settings.tracker_db_path, tracker_url=settings.rasa.tracker_store_url,
        )
        services.unanswered = UnansweredService(
            engine, settings,
            nlu_root=settings.staff.training_data_dir or project_root() / "nlu_data",
        )
        services.dialogue = DialogueService(
            rasa, max_chars=settings.max_message_chars, search=services._search_hits,
            turn_deadline=settings.rasa.turn_deadline_seconds,
            breaker_failures=settings.rasa.breaker_failures,
            breaker_reset_seconds=settings.rasa.breaker_reset_seconds,
            recorder=services._record_turns,
        )
        services.action_executor = build_executor(services)
        if not settings.rasa.action_token:
            log.warning(
                "ASSISTANT_RASA__ACTION_TOKEN is not set: the action endpoint refuses every "
                "call (use `assistant run`, or give Rasa and the gateway the same token)"
            )
        services.channels = build_channels(settings, engine=engine, dialogue=services.dialogue)
        services.dossiers = _build_dossiers(settings, engine, services.channels)
        services.handover = HandoverService(
            engine, settings=settings.handover, delivery_channels=services.channels, bot=rasa
        )
        services.dialogue.route_handovers(services.handover)
        services.handover_watcher = HandoverWatcher(
            services.handover.expire_unclaimed,
            interval_seconds=settings.handover.check_interval_seconds,
        )
        return services

    def _swap_catalogue(self, catalogue: CatalogueService, search: "SearchService") -> None:
        """After a catalogue import: requests from now on see the new data."""
        self.catalogue = catalogue
        timed = TimedSearch(search, self.metrics.search_latency.observe)
        self.search = cast("SearchService", timed)

    def _record_turns(self, turns: list[Any]) -> None:
        for turn in turns:
            self.metrics.count_turn(turn)
        self.conversations.record_many(turns)

    def _search_hits(self, text: str) -> list[Any]:
        return self._search_top(text, 3)

    def _search_loaded(self, text: str, k: int) -> list[Any]:
        if self.search is None:
            raise RuntimeError("the search index is still loading; try again shortly")
        return self.search.search(text, k=k)

    def _search_top(self, text: str, k: int) -> list[Any]:
        return self.search.search(text, k=k) if self.search is not None else []

    def start(self) -> None:
        """Load the search index in the background: the gateway answers health checks
        at once and reports ready when the index is in memory."""
        self._loading = asyncio.get_running_loop().create_task(self._load_search())
        if self.settings.retention.run_every_hours > 0:
            self._retaining = asyncio.get_running_loop().create_task(self._retain_daily())
        self.channels.start()
        self.dossiers.start()
        self.handover_watcher.start()

    async def search_loaded(self) -> None:
        """Wait until the index load started by ``start`` has ended (loaded or failed)."""
        if self._loading is not None:
            await asyncio.shield(self._loading)

    async def _load_search(self) -> None:
        from assistant.search import SearchService

        try:
            loaded = await asyncio.to_thread(
                SearchService.load, self.settings, catalogue=self.catalogue
            )
            # Every search (chat actions, APIs, the console) is timed for /metrics.
            self.search = cast(
                SearchService, TimedSearch(loaded, self.metrics.search_latency.observe)
            )
        except Exception as exc:
            self.search_error = f"{type(exc).__name__}: {exc}"
            log.exception("search index failed to load")

    async def _retain_daily(self) -> None:
        # A minute after start-up (not during it), then every period.
        delay = 60.0
        while True:
            await asyncio.sleep(delay)
            delay = self.settings.retention.run_every_hours * 3600
            try:
                await asyncio.to_thread(self.retention.run)
            except Exception:
                log.exception("the retention run failed; retrying next period")

    async def aclose(self) -> None:
        for task in (self._loading, self._retaining):
            if task is not None and not task.done():
                task.cancel()
        await self.dossiers.stop()  # no hand-over to channels that are closing
        await self.handover_watcher.stop()
        await self.channels.aclose()  # finishes turns in progress: before Rasa and the DB
        await self.dossiers.aclose()
        await self.rasa.aclose()
        self.db.dispose()


def _build_dossiers(
    settings: Settings, engine: Engine, channels: ChannelService
) -> DossierService:
    """The dossier service, notifying through the channels and stopped by their
    ``/stop``; in development an empty store gets the demo dossiers."""
    from assistant.dossiers.channel_sender import ChannelTextSender

    dossiers = DossierService.create(
        settings.dossiers, engine, sender=ChannelTextSender(channels)
    )
    channels.on_unsubscribe(dossiers.unsubscribe_chat)
    if settings.is_dossier_demo_enabled:
        dossiers.load_demo_if_empty()
    return dossiers
