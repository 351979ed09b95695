"""Subscriptions to status changes and the delivery of their notifications.

The store queues a notification per subscriber when an upsert changes a status
(once: unique per subscription and status step). Push channels (Telegram, Zalo)
get it through a ``TextSender`` — the channels capability's outbox — right after a
staff push, or from the gateway's ``NotificationDispatcher`` when another process
(an import) queued it; the widget polls ``GET /api/dossiers/notifications``.
Unsubscribing drops what is still queued.
"""

import asyncio
import logging
from datetime import datetime
from typing import Protocol

from sqlalchemy import Engine, delete, func, select, update
from sqlalchemy.orm import Session

from assistant.database import retry_when_locked
from assistant.dossiers.errors import SubscriptionRefusedError
from assistant.dossiers.models import DossierStatus, NotificationOut, now_utc
from assistant.dossiers.tables import DossierNotificationRow, DossierSubscriptionRow

__all__ = ["DossierNotifications", "TextSender"]

log = logging.getLogger(__name__)


class TextSender(Protocol):
    """Sends one plain text to a recipient of a channel (e.g. the channels' outbox);
    raises when the channel cannot take it now (the notification stays queued)."""

    async def send_text(self, channel: str, recipient_id: str, text: str) -> None: ...


class DossierNotifications:
    def __init__(
        self,
        engine: Engine,
        *,
        push_channels: frozenset[str],
        poll_channels: frozenset[str],
        max_per_recipient: int,
        sender: TextSender | None = None,
    ) -> None:
        self._engine = engine
        self.push_channels = push_channels
        self.poll_channels = poll_channels
        self._max_per_recipient = max_per_recipient
        self.sender = sender

    def can_subscribe(self, channel: str) -> bool:
        return channel in self.push_channels or channel in self.poll_channels

    @retry_when_locked()
    def subscribe(self, code: str, *, channel: str, recipient_id: str, language: str) -> bool:
        """Subscribe ``recipient_id`` on ``channel`` to ``code``; False when it already was."""
        if not self.can_subscribe(channel):
            raise SubscriptionRefusedError(
                "Kênh này chưa hỗ trợ gửi thông báo. Anh/chị có thể nhận thông báo qua "
                "Telegram, Zalo hoặc khung chat trên trang web.",
                "This channel cannot send notifications yet. You can get them on "
                "Telegram, Zalo or in the website chat.",
            )
        with Session(self._engine) as session, session.begin():
            existing = session.scalar(
                select(DossierSubscriptionRow).where(
                    DossierSubscriptionRow.dossier_code == code,
                    DossierSubscriptionRow.channel == channel,
                    DossierSubscriptionRow.recipient_id == recipient_id,
                )
            )
            if existing is not None:
                existing.language = language
                return False
            count = session.scalar(
                select(func.count()).select_from(DossierSubscriptionRow).where(
                    DossierSubscriptionRow.channel == channel,
                    DossierSubscriptionRow.recipient_id == recipient_id,
                )
            ) or 0
            if count >= self._max_per_recipient:
                raise SubscriptionRefusedError(
                    "Anh/chị đã đăng ký theo dõi quá nhiều hồ sơ.",
                    "You are already following too many dossiers.",
                )
            session.add(DossierSubscriptionRow(
                dossier_code=code, channel=channel, recipient_id=recipient_id,
                language=language, created_at=now_utc(),
            ))
        return True

    def is_subscribed(self, code: str, *, channel: str, recipient_id: str) -> bool:
        with Session(self._engine) as session:
            return session.scalar(
                select(DossierSubscriptionRow.id).where(
                    DossierSubscriptionRow.dossier_code == code,
                    DossierSubscriptionRow.channel == channel,
                    DossierSubscriptionRow.recipient_id == recipient_id,
                )
            ) is not None

    def unsubscribe(
        self, recipient_id: str, *, channels: frozenset[str], code: str | None = None
    ) -> int:
        """Stop following ``code`` (every dossier when None) on ``channels``; the number
        of subscriptions removed."""
        with Session(self._engine) as session, session.begin():
            query = select(DossierSubscriptionRow.id).where(
                DossierSubscriptionRow.recipient_id == recipient_id,
                DossierSubscriptionRow.channel.in_(sorted(channels)),
            )
            if code is not None:
                query = query.where(DossierSubscriptionRow.dossier_code == code)
            ids = list(session.scalars(query).all())
            if not ids:
                return 0
            # Their notifications go with them (ON DELETE CASCADE): nothing queued is
            # sent after the person said stop.
            session.execute(delete(DossierSubscriptionRow).where(
                DossierSubscriptionRow.id.in_(ids)
            ))
        return len(ids)

    def take_for_widget(self, recipient_id: str) -> list[NotificationOut]:
        """The undelivered notifications of a widget/API recipient, marked delivered."""
        now = now_utc()
        taken: list[NotificationOut] = []
        with Session(self._engine) as session, session.begin():
            rows = session.scalars(
                select(DossierNotificationRow)
                .where(
                    DossierNotificationRow.recipient_id == recipient_id,
                    DossierNotificationRow.channel.in_(sorted(self.poll_channels)),
                    DossierNotificationRow.delivered_at.is_(None),
                )
                .order_by(DossierNotificationRow.id)
                .limit(50)
            ).all()
            for row in rows:
                if _claim(session, row.id, now):
                    taken.append(_out(row))
        return taken

    async def dispatch(self) -> int:
        """Hand every queued push notification to the sender; the number handed over.
        Without a sender (channels not configured) they stay queued."""
        if self.sender is None or not self.push_channels:
            return 0
        pending = await asyncio.to_thread(self._pending_pushes)
        sent = 0
        for row_id, channel, recipient_id, text in pending:
            if not await asyncio.to_thread(self._claim_one, row_id):
                continue  # another worker has it
            try:
                await self.sender.send_text(channel, recipient_id, text)
            except Exception:
                log.exception("dossier notification %d not handed to %s; kept", row_id, channel)
                await asyncio.to_thread(self._release, row_id)
                continue
            sent += 1
        return sent

    def _pending_pushes(self) -> list[tuple[int, str, str, str]]:
        with Session(self._engine) as session:
            rows = session.execute(
                select(
                    DossierNotificationRow.id, DossierNotificationRow.channel,
                    DossierNotificationRow.recipient_id, DossierNotificationRow.text,
                )
                .where(
                    DossierNotificationRow.delivered_at.is_(None),
                    DossierNotificationRow.channel.in_(sorted(self.push_channels)),
                )
                .order_by(DossierNotificationRow.id)
                .limit(500)
            ).all()
            return [(r[0], r[1], r[2], r[3]) for r in rows]

    def _claim_one(self, row_id: int) -> bool:
        with Session(self._engine) as session, session.begin():
            return _claim(session, row_id, now_utc())

    def _release(self, row_id: int) -> None:
        with Session(self._engine) as session, session.begin():
            session.execute(
                update(DossierNotificationRow)
                .where(DossierNotificationRow.id == row_id)
                .values(delivered_at=None)
            )


def _claim(session: Session, row_id: int, now: datetime) -> bool:
    """Compare-and-set on ``delivered_at`` so two workers never deliver one notification."""
    result = session.execute(
        update(DossierNotificationRow)
        .where(DossierNotificationRow.id == row_id,
               DossierNotificationRow.delivered_at.is_(None))
        .values(delivered_at=now)
    )
    return bool(getattr(result, "rowcount", 0) == 1)


def _out(row: DossierNotificationRow) -> NotificationOut:
    return NotificationOut(
        dossier_code=row.dossier_code,
        status=DossierStatus(row.status),
        text=row.text,
        created_at=row.created_at,
    )
