"""Recorded conversations: written by the dialogue after every turn, read by staff."""

import csv
import io
import logging
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from sqlalchemy import Engine

from assistant.conversations.errors import ConversationNotFoundError
from assistant.conversations.models import (
    ConversationDetail,
    ConversationOut,
    ConversationPage,
    ConversationQuery,
    RecordedTurn,
    TurnOut,
)
from assistant.conversations.store import ConversationStore
from assistant.conversations.tables import ConversationRow

__all__ = ["ConversationService"]

log = logging.getLogger(__name__)
_EXPORT_PAGE = 500


class ConversationService:
    def __init__(
        self,
        engine: Engine,
        *,
        low_rating_max: int,
        feedback_key: Callable[[str], str] | None = None,
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        """``feedback_key`` is the feedback store's key of a conversation id, so ratings
        can be joined to conversations."""
        self.store = ConversationStore(
            engine, low_rating_max=low_rating_max, feedback_key=feedback_key
        )
        self._now = now

    def record(self, turn: RecordedTurn) -> None:
        """Store one turn; a failure is logged, never passed on to the person chatting."""
        try:
            self.store.record(turn, at=self._now())
        except Exception:
            log.exception("recording a %s turn failed", turn.channel)

    def record_many(self, turns: list[RecordedTurn]) -> None:
        """``record`` for several turns in one transaction; when that fails, one by one,
        so a turn the database refuses does not take the others with it."""
        try:
            self.store.record_many(turns, at=self._now())
        except Exception:
            if len(turns) == 1:
                log.exception("recording a %s turn failed", turns[0].channel)
                return
            for turn in turns:
                self.record(turn)

    def search(self, query: ConversationQuery) -> ConversationPage:
        rows, total = self.store.search(query)
        return ConversationPage(items=[_out(row, first) for row, first in rows], total=total)

    def detail(self, conversation_id: int) -> ConversationDetail:
        found = self.store.get(conversation_id)
        if found is None:
            raise ConversationNotFoundError(conversation_id)
        row, turns = found
        first = next((t.text for t in turns if t.who == "user"), "")
        return ConversationDetail(
            conversation=_out(row, first),
            turns=[
                TurnOut(who="bot" if t.who == "bot" else "user", at=t.at, text=t.text,
                        intent=t.intent, confidence=t.confidence, is_fallback=t.is_fallback)
                for t in turns
            ],
        )

    def export_csv(self, query: ConversationQuery) -> str:
        """Every turn of the matching conversations, one CSV row each (UTF-8 with BOM,
        so spreadsheet programs read the Vietnamese correctly)."""
        out = io.StringIO()
        out.write("\ufeff")
        writer = csv.writer(out)
        writer.writerow(["conversation", "channel", "language", "at", "who", "intent",
                         "confidence", "text"])
        offset = 0
        while True:
            page = self.search(query.model_copy(update={"limit": _EXPORT_PAGE, "offset": offset}))
            for item in page.items:
                for turn in self.detail(item.id).turns:
                    writer.writerow([
                        item.id, item.channel, item.language or "", turn.at.isoformat(),
                        turn.who, turn.intent or "",
                        "" if turn.confidence is None else f"{turn.confidence:.3f}", turn.text,
                    ])
            offset += _EXPORT_PAGE
            if offset >= page.total:
                return out.getvalue()

    def delete_older_than(self, days: int) -> int:
        return self.store.delete_older_than(self._now() - timedelta(days=days))


def _out(row: ConversationRow, first_message: str) -> ConversationOut:
    return ConversationOut(
        id=row.id, sender_id=row.sender_id, channel=row.channel, language=row.language,
        started_at=row.started_at, last_at=row.last_at, turns=row.turns,
        last_intent=row.last_intent, is_fallback_ending=row.is_fallback_ending,
        first_message=first_message,
    )
