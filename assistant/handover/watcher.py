"""The gateway's periodic check for waiting handovers nobody claimed in time."""

from collections.abc import Awaitable, Callable

from assistant.periodic import PeriodicTask

__all__ = ["HandoverWatcher"]


class HandoverWatcher(PeriodicTask):
    def __init__(self, expire: Callable[[], Awaitable[int]], *, interval_seconds: float) -> None:
        super().__init__(
            "handover-watcher", expire, interval_seconds=interval_seconds,
            done="unclaimed handovers turned into messages",
            failed="unclaimed handovers not checked",
        )
