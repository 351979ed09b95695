"""Tables of the feedback capability: service ratings and answer feedback."""

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, DateTime, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from assistant.database.base import Base

__all__ = ["AnswerFeedbackRow", "FeedbackRow"]


class FeedbackRow(Base):
    """One satisfaction rating with its reasons and context. Written step by step while
    the person answers, so whatever they gave is kept if they stop."""

    __tablename__ = "feedback"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    status: Mapped[str] = mapped_column(String(16))  # partial | complete | stopped
    rating: Mapped[int | None] = mapped_column(Integer, nullable=True)
    reasons: Mapped[list[Any]] = mapped_column(JSON, default=list)
    comment: Mapped[str | None] = mapped_column(Text, nullable=True)
    contact: Mapped[str | None] = mapped_column(String(200), nullable=True)
    opening_text: Mapped[str | None] = mapped_column(Text, nullable=True)
    source: Mapped[str] = mapped_column(String(16))  # qr | chat
    channel: Mapped[str] = mapped_column(String(32))
    language: Mapped[str] = mapped_column(String(8))
    agency: Mapped[str | None] = mapped_column(String(64), nullable=True, index=True)
    counter: Mapped[str | None] = mapped_column(String(64), nullable=True)
    procedure_code: Mapped[str | None] = mapped_column(String(64), nullable=True, index=True)
    dossier_code: Mapped[str | None] = mapped_column(String(64), nullable=True)
    # A one-way hash of the conversation id: feedback is anonymous, yet staff can tell
    # two ratings of one conversation apart from two people.
    conversation: Mapped[str] = mapped_column(String(32))
    # Set when the rating is of an officer's help: the handover it follows.
    handover_id: Mapped[int | None] = mapped_column(Integer, nullable=True, index=True)


class AnswerFeedbackRow(Base):
    """A thumbs up or down on one answer, tied to the question and the procedure shown."""

    __tablename__ = "answer_feedback"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    is_helpful: Mapped[bool] = mapped_column(Boolean)
    question: Mapped[str | None] = mapped_column(Text, nullable=True)
    topic: Mapped[str | None] = mapped_column(String(64), nullable=True)
    procedure_code: Mapped[str | None] = mapped_column(String(64), nullable=True, index=True)
    channel: Mapped[str] = mapped_column(String(32))
    language: Mapped[str] = mapped_column(String(8))
    conversation: Mapped[str] = mapped_column(String(32))
