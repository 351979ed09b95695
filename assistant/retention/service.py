"""One retention pass over the gateway's database and Rasa's tracker store."""

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, delete, inspect, text
from sqlalchemy.orm import Session

from assistant.conversations.service import ConversationService
from assistant.database import create_db_engine
from assistant.dossiers.tables import DossierLookupRow
from assistant.retention.settings import RetentionSettings

__all__ = ["RetentionReport", "RetentionService"]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class RetentionReport:
    conversations: int
    lookup_audit_rows: int
    tracker_events: int


class RetentionService:
    def __init__(
        self,
        engine: Engine,
        settings: RetentionSettings,
        *,
        conversations: ConversationService,
        tracker_db: Path,
        tracker_url: str = "",
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self._engine = engine
        self.settings = settings
        self._conversations = conversations
        self._tracker_db = tracker_db
        self._tracker_url = tracker_url  # a shared store (PostgreSQL); else the SQLite file
        self._now = now

    def run(self) -> RetentionReport:
        now = self._now()
        report = RetentionReport(
            conversations=self._conversations.store.delete_older_than(
                now - timedelta(days=self.settings.conversation_days)),
            lookup_audit_rows=self._delete_lookups(
                now - timedelta(days=self.settings.lookup_audit_days)),
            tracker_events=self._delete_tracker_events(
                now - timedelta(days=self.settings.tracker_days)),
        )
        log.info("retention: deleted %d conversations, %d lookup audit rows, %d tracker events",
                 report.conversations, report.lookup_audit_rows, report.tracker_events)
        return report

    def _delete_lookups(self, cutoff: datetime) -> int:
        with Session(self._engine) as db, db.begin():
            result: Any = db.execute(delete(DossierLookupRow).where(DossierLookupRow.at < cutoff))
            return int(result.rowcount or 0)

    def _delete_tracker_events(self, cutoff: datetime) -> int:
        """Every event of the conversations whose last event is older than ``cutoff``:
        a conversation still going on keeps its whole history."""
        if self._tracker_url:
            engine = create_db_engine(self._tracker_url)
        elif self._tracker_db.exists():
            engine = create_engine(f"sqlite:///{self._tracker_db}")
        else:
            return 0
        try:
            if "events" not in inspect(engine).get_table_names():
                return 0
            with engine.begin() as connection:
                result: Any = connection.execute(text(
                    "DELETE FROM events WHERE sender_id IN (SELECT sender_id FROM events "
                    "GROUP BY sender_id HAVING MAX(timestamp) < :cutoff)"
                ), {"cutoff": cutoff.timestamp()})
                return int(result.rowcount or 0)
        finally:
            engine.dispose()
