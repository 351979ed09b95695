"""The app-scoped service container: built once by the lifespan, closed on exit."""

import asyncio
import logging
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine

from assistant.catalogue.service import CatalogueService
from assistant.database import create_db_engine, upgrade_to_head
from assistant.dialogue.client import RasaClient
from assistant.dialogue.service import DialogueService
from assistant.settings import Settings

if TYPE_CHECKING:
    from assistant.search.service import SearchService

__all__ = ["Services"]

log = logging.getLogger(__name__)


@dataclass
class Services:
    """Everything a request or an action may need, loaded once per process."""

    settings: Settings
    catalogue: CatalogueService
    db: Engine
    rasa: RasaClient
    dialogue: DialogueService = field(init=False)
    action_executor: Any = field(init=False)
    search: "SearchService | None" = None
    search_error: str | None = None
    _loading: "asyncio.Task[None] | None" = field(default=None, repr=False)

    @classmethod
    def create(cls, settings: Settings) -> "Services":
        """Cheap, synchronous part of start-up; the search index loads in ``start``."""
        from assistant.dialogue.action_endpoint import build_executor

        catalogue = CatalogueService.load(settings.search.catalogue_path)
        rasa = RasaClient(
            settings.rasa.url, timeout=settings.rasa.timeout_seconds, token=settings.rasa.token
        )
        engine = create_db_engine(settings.effective_database_url)
        upgrade_to_head(engine)
        services = cls(settings=settings, catalogue=catalogue, db=engine, rasa=rasa)
        services.dialogue = DialogueService(
            rasa, max_chars=settings.max_message_chars, search=services._search_hits
        )
        services.action_executor = build_executor(services)
        return services

    def _search_hits(self, text: str) -> list[Any]:
        return self.search.search(text, k=3) if self.search is not None else []

    def start(self) -> None:
        """Load the search index in the background: the gateway answers health checks
        at once and reports ready when the index is in memory."""
        self._loading = asyncio.get_running_loop().create_task(self._load_search())

    async def _load_search(self) -> None:
        from assistant.search.service import SearchService

        try:
            self.search = await asyncio.to_thread(
                SearchService.load, self.settings, catalogue=self.catalogue
            )
        except Exception as exc:
            self.search_error = f"{type(exc).__name__}: {exc}"
            log.exception("search index failed to load")

    async def aclose(self) -> None:
        if self._loading is not None and not self._loading.done():
            self._loading.cancel()
        await self.rasa.aclose()
        self.db.dispose()
