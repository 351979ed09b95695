"""Reading and writing recorded conversations."""

from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import Engine, Select, and_, delete, exists, func, or_, select
from sqlalchemy.orm import Session

from assistant.conversations.masking import mask_conversation_text
from assistant.conversations.models import ConversationQuery, RecordedTurn
from assistant.conversations.tables import ConversationRow, TurnRow
from assistant.feedback.store import conversation_key
from assistant.feedback.tables import AnswerFeedbackRow, FeedbackRow

__all__ = ["ConversationStore"]


class ConversationStore:
    def __init__(
        self, engine: Engine, *, low_rating_max: int,
        feedback_key: Callable[[str], str] | None = None,
    ) -> None:
        self._engine = engine
        self._low_rating_max = low_rating_max
        self._feedback_key = feedback_key or (lambda c: conversation_key(c, salt=""))

    def record(self, turn: RecordedTurn, *, at: datetime) -> int:
        """Append the user's message and the replies to the sender's conversation."""
        return self.record_many([turn], at=at)[0]

    def record_many(self, turns: list[RecordedTurn], *, at: datetime) -> list[int]:
        """``record`` for several turns in one transaction (one commit: under load the
        commits, not the rows, were the recorder's cost); returns their conversations."""
        with Session(self._engine) as db, db.begin():
            return [
                self._add_turn(db, turn, at=at + timedelta(microseconds=100 * index))
                for index, turn in enumerate(turns)
            ]

    def _add_turn(self, db: Session, turn: RecordedTurn, *, at: datetime) -> int:
        row = db.scalar(select(ConversationRow).where(
            ConversationRow.channel == turn.channel,
            ConversationRow.sender_id == turn.sender_id,
        ))
        if row is None:
            row = ConversationRow(
                channel=turn.channel, sender_id=turn.sender_id, started_at=at,
                feedback_key=self._feedback_key(turn.sender_id), turns=0,
            )
            db.add(row)
        row.last_at, row.turns = at, (row.turns or 0) + 1
        row.language = turn.language or row.language
        row.last_intent, row.is_fallback_ending = turn.intent, turn.is_fallback
        db.flush()
        db.add(TurnRow(
            conversation_id=row.id, at=at, who="user",
            text=mask_conversation_text(turn.user_text), intent=turn.intent,
            confidence=turn.confidence, is_fallback=turn.is_fallback,
        ))
        for offset, reply in enumerate(turn.replies, start=1):
            # Microseconds apart so the replies keep their order after the question.
            db.add(TurnRow(
                conversation_id=row.id, at=at + timedelta(microseconds=offset), who="bot",
                text=mask_conversation_text(reply), is_fallback=False,
            ))
        return row.id

    def search(self, query: ConversationQuery) -> tuple[list[tuple[ConversationRow, str]], int]:
        """One page of conversations (newest last message first) and the total."""
        filtered = self._filtered(query)
        with Session(self._engine) as db:
            total = db.scalar(select(func.count()).select_from(filtered.subquery())) or 0
            rows = list(db.scalars(
                filtered.order_by(ConversationRow.last_at.desc(), ConversationRow.id.desc())
                .limit(query.limit).offset(query.offset)
            ))
            firsts = self._first_messages(db, [row.id for row in rows])
        return [(row, firsts.get(row.id, "")) for row in rows], total

    def get(self, conversation_id: int) -> tuple[ConversationRow, list[TurnRow]] | None:
        with Session(self._engine) as db:
            row = db.get(ConversationRow, conversation_id)
            if row is None:
                return None
            turns = list(db.scalars(
                select(TurnRow).where(TurnRow.conversation_id == conversation_id)
                .order_by(TurnRow.at, TurnRow.id)
            ))
            return row, turns

    def first_message(self, conversation_id: int) -> str:
        with Session(self._engine) as db:
            return self._first_messages(db, [conversation_id]).get(conversation_id, "")

    def delete_older_than(self, cutoff: datetime) -> int:
        """Conversations whose last message is older than ``cutoff``, with their turns."""
        with Session(self._engine) as db, db.begin():
            old = select(ConversationRow.id).where(ConversationRow.last_at < cutoff)
            db.execute(delete(TurnRow).where(TurnRow.conversation_id.in_(old)))
            result: Any = db.execute(
                delete(ConversationRow).where(ConversationRow.last_at < cutoff)
            )
            return int(result.rowcount or 0)

    @staticmethod
    def _first_messages(db: Session, ids: list[int]) -> dict[int, str]:
        if not ids:
            return {}
        first = (
            select(TurnRow.conversation_id, func.min(TurnRow.id).label("first_id"))
            .where(TurnRow.conversation_id.in_(ids), TurnRow.who == "user")
            .group_by(TurnRow.conversation_id).subquery()
        )
        rows = db.execute(select(TurnRow.conversation_id, TurnRow.text).join(
            first, TurnRow.id == first.c.first_id))
        return {conversation: text for conversation, text in rows}

    def _filtered(self, query: ConversationQuery) -> Select[Any]:
        statement = select(ConversationRow)
        conditions: list[Any] = []
        if query.channel:
            conditions.append(ConversationRow.channel == query.channel)
        if query.language:
            conditions.append(ConversationRow.language == query.language)
        if query.fallback is not None:
            conditions.append(ConversationRow.is_fallback_ending.is_(query.fallback))
        if query.since:
            conditions.append(ConversationRow.last_at >= _day_start(query.since))
        if query.until:
            conditions.append(
                ConversationRow.last_at < _day_start(query.until) + timedelta(days=1)
            )
        if query.intent:
            conditions.append(exists().where(
                TurnRow.conversation_id == ConversationRow.id, TurnRow.intent == query.intent))
        if query.q:
            pattern = f"%{query.q.strip().lower()}%"
            conditions.append(exists().where(
                TurnRow.conversation_id == ConversationRow.id,
                func.lower(TurnRow.text).like(pattern)))
        if query.rated:
            unhelpful = or_(
                exists().where(AnswerFeedbackRow.conversation == ConversationRow.feedback_key,
                               AnswerFeedbackRow.is_helpful.is_(False)),
                exists().where(FeedbackRow.conversation == ConversationRow.feedback_key,
                               FeedbackRow.rating <= self._low_rating_max),
            )
            conditions.append(unhelpful if query.rated == "unhelpful" else and_(
                ~unhelpful,
                exists().where(AnswerFeedbackRow.conversation == ConversationRow.feedback_key,
                               AnswerFeedbackRow.is_helpful.is_(True)),
            ))
        return statement.where(*conditions) if conditions else statement


def _day_start(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=UTC)
