"""Tables of recorded conversations: one row per chat, one per turn."""

from datetime import datetime

from sqlalchemy import Boolean, Float, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from assistant.database.base import Base
from assistant.database.types import UtcDateTime

__all__ = ["ConversationRow", "TurnRow"]


class ConversationRow(Base):
    """One chat of one sender on one channel. The sender id is the platform's chat id
    (random in the widget): not personal data by itself, and needed to read a chat."""

    __tablename__ = "conversations"
    __table_args__ = (UniqueConstraint("channel", "sender_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    channel: Mapped[str] = mapped_column(String(32))
    sender_id: Mapped[str] = mapped_column(String(128))
    # The one-way key feedback rows carry (assistant.feedback.store.conversation_key):
    # finds a chat's ratings without storing who rated.
    feedback_key: Mapped[str] = mapped_column(String(32), index=True)
    language: Mapped[str | None] = mapped_column(String(8), nullable=True)
    started_at: Mapped[datetime] = mapped_column(UtcDateTime())
    last_at: Mapped[datetime] = mapped_column(UtcDateTime(), index=True)
    turns: Mapped[int] = mapped_column(Integer, default=0)  # user messages
    last_intent: Mapped[str | None] = mapped_column(String(64), nullable=True)
    is_fallback_ending: Mapped[bool] = mapped_column(Boolean, default=False)


class TurnRow(Base):
    """One message: the user's (with what NLU made of it) or the assistant's. Text is
    masked before it is written (phones, ID numbers, e-mails, names)."""

    __tablename__ = "conversation_turns"
    __table_args__ = (Index("ix_conversation_turns_conversation_at", "conversation_id", "at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    conversation_id: Mapped[int] = mapped_column(
        ForeignKey("conversations.id", ondelete="CASCADE")
    )
    at: Mapped[datetime] = mapped_column(UtcDateTime(), index=True)
    who: Mapped[str] = mapped_column(String(8))  # user | bot
    text: Mapped[str] = mapped_column(Text)
    intent: Mapped[str | None] = mapped_column(String(64), nullable=True, index=True)
    confidence: Mapped[float | None] = mapped_column(Float, nullable=True)
    is_fallback: Mapped[bool] = mapped_column(Boolean, default=False)
