"""Tables of the dossiers capability: dossiers and their status history, lookups
(the audit trail), subscriptions to status changes and their notifications."""

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    func,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from assistant.database.base import Base

__all__ = [
    "DossierLookupRow",
    "DossierNotificationRow",
    "DossierRow",
    "DossierStatusEventRow",
    "DossierSubscriptionRow",
]


class DossierRow(Base):
    __tablename__ = "dossiers"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)  # normalised printed form
    procedure_code: Mapped[str | None] = mapped_column(String(32), nullable=True)
    procedure_name: Mapped[str] = mapped_column(String(500))
    agency: Mapped[str] = mapped_column(String(300))
    channel: Mapped[str] = mapped_column(String(16))
    received_on: Mapped[date] = mapped_column(Date)
    due_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    status: Mapped[str] = mapped_column(String(32))
    result_ready_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    # Personal data, kept to verify the owner (second factor) and show a masked name.
    applicant_name: Mapped[str | None] = mapped_column(String(200), nullable=True)
    applicant_phone: Mapped[str | None] = mapped_column(String(16), nullable=True)
    is_demo: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now()
    )
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now()
    )
    events: Mapped[list["DossierStatusEventRow"]] = relationship(
        back_populates="dossier",
        cascade="all, delete-orphan",
        order_by="DossierStatusEventRow.at",
    )


class DossierStatusEventRow(Base):
    """One step of a dossier's history; (dossier, status, time) is unique so that a
    re-import adds nothing."""

    __tablename__ = "dossier_status_events"
    __table_args__ = (UniqueConstraint("dossier_id", "status", "at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    dossier_id: Mapped[int] = mapped_column(
        ForeignKey("dossiers.id", ondelete="CASCADE"), index=True
    )
    status: Mapped[str] = mapped_column(String(32))
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    note: Mapped[str | None] = mapped_column(Text, nullable=True)
    dossier: Mapped[DossierRow] = relationship(back_populates="events")


class DossierLookupRow(Base):
    """The audit trail: who looked up which code, when, and what came of it. The second
    factor is never stored, only whether one was given."""

    __tablename__ = "dossier_lookups"
    __table_args__ = (Index("ix_dossier_lookups_at", "at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    channel: Mapped[str] = mapped_column(String(32))
    sender_id: Mapped[str | None] = mapped_column(String(128), nullable=True, index=True)
    client_ip: Mapped[str | None] = mapped_column(String(64), nullable=True)
    code: Mapped[str | None] = mapped_column(String(80), nullable=True)  # as typed when invalid
    outcome: Mapped[str] = mapped_column(String(32))
    has_second_factor: Mapped[bool] = mapped_column(Boolean, default=False)


class DossierSubscriptionRow(Base):
    __tablename__ = "dossier_subscriptions"
    __table_args__ = (UniqueConstraint("dossier_code", "channel", "recipient_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    dossier_code: Mapped[str] = mapped_column(String(64), index=True)
    channel: Mapped[str] = mapped_column(String(32))
    recipient_id: Mapped[str] = mapped_column(String(128), index=True)
    language: Mapped[str] = mapped_column(String(2), default="vi")
    created_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now()
    )


class DossierNotificationRow(Base):
    """A status change told to one subscriber; unique per (subscription, status event) so
    each change is sent once. ``delivered_at`` is set when handed to a channel's outbox
    or fetched by the widget."""

    __tablename__ = "dossier_notifications"
    __table_args__ = (UniqueConstraint("subscription_id", "event_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    subscription_id: Mapped[int] = mapped_column(
        ForeignKey("dossier_subscriptions.id", ondelete="CASCADE")
    )
    event_id: Mapped[int] = mapped_column(
        ForeignKey("dossier_status_events.id", ondelete="CASCADE")
    )
    channel: Mapped[str] = mapped_column(String(32))
    recipient_id: Mapped[str] = mapped_column(String(128), index=True)
    dossier_code: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(32))
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    delivered_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
