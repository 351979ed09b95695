"""The periodic hand-over of queued push notifications (Telegram, Zalo).

A status change pushed by a one-stop-shop system (``PUT /api/staff/dossiers/…``) is
handed over at once; one loaded by ``assistant dossiers import`` — another process —
only queues its notifications in the database. This loop, run by the gateway, picks
those up every ``notification_dispatch_seconds``. Claims are compare-and-set, so
several gateway workers running it never send one notification twice."""

import asyncio
import contextlib
import logging
from typing import Protocol

__all__ = ["NotificationDispatcher"]

log = logging.getLogger(__name__)


class _Notifications(Protocol):
    async def dispatch(self) -> int: ...


class NotificationDispatcher:
    def __init__(self, notifications: _Notifications, *, interval_seconds: float) -> None:
        self._notifications = notifications
        self._interval = interval_seconds
        self._task: asyncio.Task[None] | None = None
        self._stopping = asyncio.Event()

    @property
    def is_running(self) -> bool:
        return self._task is not None and not self._task.done()

    def start(self) -> None:
        """Run the loop in the background; an interval of 0 turns it off."""
        if self._interval <= 0 or self.is_running:
            return
        self._stopping = asyncio.Event()
        self._task = asyncio.get_running_loop().create_task(
            self._run(), name="dossier-notification-dispatcher"
        )

    async def stop(self, *, timeout: float = 10.0) -> None:
        """Stop the loop; a hand-over in progress may finish within ``timeout``."""
        if self._task is None:
            return
        self._stopping.set()
        task, self._task = self._task, None
        _, pending = await asyncio.wait({task}, timeout=timeout)
        if pending:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    async def _run(self) -> None:
        while True:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._stopping.wait(), self._interval)
            if self._stopping.is_set():
                return
            try:
                sent = await self._notifications.dispatch()
            except Exception:
                # A database or channel outage must not end the loop: the notifications
                # stay queued and the next round tries again.
                log.exception("dossier notifications not dispatched; retrying later")
                continue
            if sent:
                log.info("%d queued dossier notifications handed to the channels", sent)
