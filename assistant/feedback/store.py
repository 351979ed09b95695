"""SQL storage of feedback (the app's one database, tables in ``tables.py``)."""

import hashlib
import hmac
from datetime import UTC, datetime

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from assistant.database import retry_when_locked
from assistant.feedback.models import (
    AnswerFeedbackIn,
    AnswerFeedbackRecord,
    AnswerStats,
    FeedbackContext,
    FeedbackDraft,
    FeedbackRecord,
    FeedbackStatus,
)
from assistant.feedback.tables import AnswerFeedbackRow, FeedbackRow

__all__ = ["FeedbackStore", "conversation_key"]


def conversation_key(conversation: str, *, salt: str) -> str:
    """A one-way key of a conversation id: feedback stays anonymous. Keyed with the
    installation's salt, so a known id (a Telegram chat number) cannot be looked up."""
    return hmac.new(salt.encode(), conversation.encode(), hashlib.sha256).hexdigest()[:16]


def _utc(moment: datetime) -> datetime:
    # SQLite returns naive datetimes; everything is stored in UTC.
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


class FeedbackStore:
    def __init__(self, engine: Engine, *, salt: str = "") -> None:
        self._engine = engine
        self._salt = salt

    def key_of(self, conversation: str) -> str:
        """The anonymous key this store keeps for ``conversation`` (other capabilities
        join on it, e.g. the staff's "rated unhelpful" filter)."""
        return conversation_key(conversation, salt=self._salt)

    @retry_when_locked()
    def create(
        self,
        context: FeedbackContext,
        draft: FeedbackDraft,
        *,
        status: FeedbackStatus,
        at: datetime | None = None,
    ) -> int:
        moment = _utc(at or datetime.now(UTC))
        row = FeedbackRow(
            created_at=moment,
            updated_at=moment,
            status=status,
            rating=draft.rating,
            reasons=list(draft.reasons),
            comment=draft.comment,
            contact=draft.contact,
            opening_text=draft.opening_text,
            source="qr" if context.is_from_qr else "chat",
            channel=context.channel,
            language=context.language,
            agency=context.agency,
            counter=context.counter,
            procedure_code=context.procedure_code,
            dossier_code=context.dossier_code,
            conversation=conversation_key(context.conversation, salt=self._salt),
            handover_id=context.handover_id,
        )
        with Session(self._engine) as session, session.begin():
            session.add(row)
            session.flush()
            return row.id

    @retry_when_locked()
    def update(
        self, feedback_id: int, draft: FeedbackDraft, *, status: FeedbackStatus
    ) -> bool:
        """Merge ``draft`` into the record: what is given replaces, what is missing is
        kept. False when the record does not exist."""
        with Session(self._engine) as session, session.begin():
            row = session.get(FeedbackRow, feedback_id)
            if row is None:
                return False
            if draft.rating is not None:
                row.rating = draft.rating
            if draft.reasons:
                row.reasons = list(draft.reasons)
            for name in ("comment", "contact", "opening_text"):
                value = getattr(draft, name)
                if value:
                    setattr(row, name, value)
            row.status = status
            row.updated_at = datetime.now(UTC)
            return True

    def get(self, feedback_id: int) -> FeedbackRecord | None:
        with Session(self._engine) as session:
            row = session.get(FeedbackRow, feedback_id)
            return _record(row) if row is not None else None

    def between(self, start: datetime, end: datetime) -> list[FeedbackRecord]:
        """Every record created in [start, end), oldest first."""
        query = (
            select(FeedbackRow)
            .where(FeedbackRow.created_at >= _utc(start), FeedbackRow.created_at < _utc(end))
            .order_by(FeedbackRow.created_at, FeedbackRow.id)
        )
        with Session(self._engine) as session:
            return [_record(row) for row in session.scalars(query)]

    @retry_when_locked()
    def add_answer(self, answer: AnswerFeedbackIn, *, at: datetime | None = None) -> int:
        row = AnswerFeedbackRow(
            created_at=_utc(at or datetime.now(UTC)),
            is_helpful=answer.is_helpful,
            question=answer.question,
            topic=answer.topic,
            procedure_code=answer.procedure_code,
            channel=answer.channel,
            language=answer.language,
            conversation=conversation_key(answer.conversation, salt=self._salt),
        )
        with Session(self._engine) as session, session.begin():
            session.add(row)
            session.flush()
            return row.id

    def answer_stats(self, start: datetime, end: datetime) -> AnswerStats:
        query = (
            select(AnswerFeedbackRow.is_helpful, func.count())
            .where(
                AnswerFeedbackRow.created_at >= _utc(start),
                AnswerFeedbackRow.created_at < _utc(end),
            )
            .group_by(AnswerFeedbackRow.is_helpful)
        )
        with Session(self._engine) as session:
            counts: dict[bool, int] = {bool(k): int(v) for k, v in session.execute(query).all()}
        return AnswerStats(helpful=counts.get(True, 0), not_helpful=counts.get(False, 0))

    def latest_answers(self, *, limit: int = 100) -> list[AnswerFeedbackRecord]:
        query = select(AnswerFeedbackRow).order_by(AnswerFeedbackRow.id.desc()).limit(limit)
        with Session(self._engine) as session:
            return [
                AnswerFeedbackRecord(
                    id=row.id,
                    created_at=_utc(row.created_at),
                    is_helpful=row.is_helpful,
                    question=row.question,
                    topic=row.topic,
                    procedure_code=row.procedure_code,
                    channel=row.channel,
                    language=row.language,
                    conversation=row.conversation,
                )
                for row in session.scalars(query)
            ]


def _record(row: FeedbackRow) -> FeedbackRecord:
    return FeedbackRecord(
        id=row.id,
        created_at=_utc(row.created_at),
        updated_at=_utc(row.updated_at),
        status=row.status,  # type: ignore[arg-type]
        rating=row.rating,
        reasons=list(row.reasons or []),
        comment=row.comment,
        contact=row.contact,
        opening_text=row.opening_text,
        source=row.source,  # type: ignore[arg-type]
        channel=row.channel,
        language=row.language,
        agency=row.agency,
        counter=row.counter,
        procedure_code=row.procedure_code,
        dossier_code=row.dossier_code,
        conversation=row.conversation,
        handover_id=row.handover_id,
    )
