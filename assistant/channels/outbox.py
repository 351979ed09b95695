"""The outbox: every reply is written down before it is sent and marked when sent, so
a platform outage or a crash never loses one silently.

A reply is tried a few times right away with exponential backoff; what still fails
stays in ``channel_outbox`` with its error, and the background loop (``retry_pending``)
tries again later until ``outbox_max_attempts``. A permanent refusal (the user blocked
the bot, a malformed message) is kept for staff but not retried. Each attempt first
claims the row (compare-and-set on ``attempts``), so two workers never send one reply
twice.
"""

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Literal

from sqlalchemy import Engine, insert, select, update

from assistant.channels.settings import ChannelSettings
from assistant.channels.tables import OutboxReply
from assistant.logs import mask_personal_data

__all__ = ["DeliveryError", "Outbox", "Sender"]

log = logging.getLogger(__name__)

Sender = Callable[[str, dict[str, Any]], Awaitable[None]]
"""Sends one platform payload to one recipient; raises ``DeliveryError`` on failure."""

_PERMANENT = "permanent: "
_Outcome = Literal["sent", "later", "dead"]


class DeliveryError(Exception):
    """A platform did not take a reply. ``is_permanent``: retrying cannot help;
    ``retry_after``: the platform asked us to wait that many seconds."""

    def __init__(
        self, detail: str, *, is_permanent: bool = False, retry_after: float | None = None
    ) -> None:
        super().__init__(detail)
        self.detail = detail
        self.is_permanent = is_permanent
        self.retry_after = retry_after


@dataclass(frozen=True)
class _Row:
    id: int
    channel: str
    recipient_id: str
    payload: dict[str, Any]
    attempts: int


class Outbox:
    def __init__(self, engine: Engine, settings: ChannelSettings) -> None:
        self._engine = engine
        self._settings = settings
        self._senders: dict[str, Sender] = {}
        self._busy: set[tuple[str, str]] = set()  # (channel, recipient) being sent here

    def register(self, channel: str, sender: Sender) -> None:
        self._senders[channel] = sender

    async def deliver(
        self, channel: str, recipient_id: str, payloads: list[dict[str, Any]]
    ) -> bool:
        """Record ``payloads`` and send them in order; True when all were sent.

        At the first reply that cannot be sent the rest wait in the outbox behind it,
        so the user never gets them out of order."""
        if not payloads:
            return True
        rows = await asyncio.to_thread(self._record, channel, recipient_id, payloads)
        target = (channel, recipient_id)
        self._busy.add(target)
        is_complete = True
        try:
            for row in rows:
                outcome = await self._send(row, tries=self._settings.send_attempts)
                if outcome == "later":
                    return False
                is_complete = is_complete and outcome == "sent"
            return is_complete
        finally:
            self._busy.discard(target)

    async def retry_pending(self) -> int:
        """One more attempt at every pending reply (oldest first, per recipient in
        order); the number sent."""
        rows = await asyncio.to_thread(self._pending)
        sent = 0
        blocked: set[tuple[str, str]] = set(self._busy)
        for row in rows:
            target = (row.channel, row.recipient_id)
            if target in blocked:
                continue
            outcome = await self._send(row, tries=1)
            if outcome == "sent":
                sent += 1
            elif outcome == "later":
                blocked.add(target)
        return sent

    async def _send(self, row: _Row, *, tries: int) -> _Outcome:
        """``sent``; ``later``: kept for the background retry (or taken by another
        worker); ``dead``: kept for staff, never retried."""
        sender = self._senders.get(row.channel)
        if sender is None:
            log.warning("outbox %d: no sender for channel %s; kept", row.id, row.channel)
            return "later"
        attempts = row.attempts
        for number in range(1, tries + 1):
            if not await asyncio.to_thread(self._claim, row.id, attempts):
                return "later"  # another worker has it
            attempts += 1
            try:
                await sender(row.recipient_id, row.payload)
            except DeliveryError as exc:
                detail = mask_personal_data(exc.detail)[:500]
                log.warning(
                    "%s reply %d not sent (attempt %d/%d%s): %s", row.channel, row.id,
                    number, tries, ", permanent" if exc.is_permanent else "", detail,
                )
                await asyncio.to_thread(
                    self._failed, row.id, (_PERMANENT if exc.is_permanent else "") + detail
                )
                if exc.is_permanent or attempts >= self._settings.outbox_max_attempts:
                    return "dead"
                if number < tries:
                    await asyncio.sleep(self._backoff(number, exc.retry_after))
                continue
            await asyncio.to_thread(self._sent, row.id)
            return "sent"
        log.warning("%s reply %d kept in the outbox for a later retry", row.channel, row.id)
        return "later"

    def _backoff(self, number: int, retry_after: float | None) -> float:
        delay = self._settings.retry_backoff_seconds * 2 ** (number - 1)
        return min(max(delay, retry_after or 0.0), self._settings.max_backoff_seconds)

    # Blocking database work, run in a worker thread.

    def _record(
        self, channel: str, recipient_id: str, payloads: list[dict[str, Any]]
    ) -> list[_Row]:
        now = datetime.now(UTC)
        rows = []
        with self._engine.begin() as connection:
            for payload in payloads:
                row_id = connection.execute(
                    insert(OutboxReply)
                    .values(channel=channel, recipient_id=recipient_id, payload=payload,
                            attempts=0, created_at=now)
                    .returning(OutboxReply.id)
                ).scalar_one()
                rows.append(_Row(row_id, channel, recipient_id, payload, 0))
        return rows

    def _pending(self) -> list[_Row]:
        query = (
            select(OutboxReply)
            .where(
                OutboxReply.sent_at.is_(None),
                OutboxReply.attempts < self._settings.outbox_max_attempts,
                (OutboxReply.last_error.is_(None))
                | (OutboxReply.last_error.not_like(f"{_PERMANENT}%")),
            )
            .order_by(OutboxReply.id)
            .limit(500)
        )
        with self._engine.connect() as connection:
            return [
                _Row(r.id, r.channel, r.recipient_id, r.payload, r.attempts)
                for r in connection.execute(query)
            ]

    def _claim(self, row_id: int, attempts: int) -> bool:
        with self._engine.begin() as connection:
            result = connection.execute(
                update(OutboxReply)
                .where(OutboxReply.id == row_id, OutboxReply.attempts == attempts,
                       OutboxReply.sent_at.is_(None))
                .values(attempts=attempts + 1)
            )
        return result.rowcount == 1

    def _sent(self, row_id: int) -> None:
        with self._engine.begin() as connection:
            connection.execute(
                update(OutboxReply).where(OutboxReply.id == row_id)
                .values(sent_at=datetime.now(UTC), last_error=None)
            )

    def _failed(self, row_id: int, error: str) -> None:
        with self._engine.begin() as connection:
            connection.execute(
                update(OutboxReply).where(OutboxReply.id == row_id).values(last_error=error)
            )
