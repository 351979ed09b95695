"""The periodic hand-over of queued push notifications (Telegram, Zalo).

A status change pushed by a one-stop-shop system (``PUT /api/staff/dossiers/…``) is
handed over at once; one loaded by ``assistant dossiers import`` — another process —
only queues its notifications in the database. This loop, run by the gateway, picks
those up every ``notification_dispatch_seconds``. Claims are compare-and-set, so
several gateway workers running it never send one notification twice."""

from typing import Protocol

from assistant.periodic import PeriodicTask

__all__ = ["NotificationDispatcher"]


class _Notifications(Protocol):
    async def dispatch(self) -> int: ...


class NotificationDispatcher(PeriodicTask):
    """Queued notifications stay queued when a round fails; the next one sends them."""

    def __init__(self, notifications: _Notifications, *, interval_seconds: float) -> None:
        super().__init__(
            "dossier-notification-dispatcher", notifications.dispatch,
            interval_seconds=interval_seconds,
            done="queued dossier notifications handed to the channels",
            failed="dossier notifications not dispatched",
        )
