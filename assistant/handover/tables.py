"""Tables of the handover capability: handovers, their transcripts, and the messages
waiting for the widget (and other API clients) to fetch."""

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from assistant.database.base import Base

__all__ = ["ChatUpdateRow", "HandoverRow", "HandoverTurnRow"]


class HandoverRow(Base):
    """One conversation handed to a person: ``waiting`` → ``active`` → ``closed``, or
    ``message`` (left outside opening hours or after nobody claimed it)."""

    __tablename__ = "handovers"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    channel: Mapped[str] = mapped_column(String(32))
    sender_id: Mapped[str] = mapped_column(String(128), index=True)
    status: Mapped[str] = mapped_column(String(16), index=True)
    language: Mapped[str] = mapped_column(String(8))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    claimed_by: Mapped[str | None] = mapped_column(String(64), nullable=True)
    closed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    close_reason: Mapped[str | None] = mapped_column(String(16), nullable=True)
    # The citizen's next message is the message they leave (status ``message``).
    is_awaiting_message: Mapped[bool] = mapped_column(Boolean, default=False)
    contact: Mapped[str | None] = mapped_column(String(200), nullable=True)
    preview: Mapped[str] = mapped_column(String(200), default="")


class HandoverTurnRow(Base):
    """One line of a handover's transcript: ``citizen``, ``staff`` or ``bot``."""

    __tablename__ = "handover_turns"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    handover_id: Mapped[int] = mapped_column(ForeignKey("handovers.id"), index=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    who: Mapped[str] = mapped_column(String(16))
    staff: Mapped[str | None] = mapped_column(String(64), nullable=True)
    text: Mapped[str] = mapped_column(Text)


class ChatUpdateRow(Base):
    """A message for a chat without a push channel (the widget polls for it)."""

    __tablename__ = "chat_updates"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    sender_id: Mapped[str] = mapped_column(String(128), index=True)
    author: Mapped[str] = mapped_column(String(16))  # staff | bot
    text: Mapped[str] = mapped_column(Text)
    buttons: Mapped[list[Any]] = mapped_column(JSON, default=list)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    fetched_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
