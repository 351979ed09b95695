"""The gateway's periodic check for waiting handovers nobody claimed in time."""

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable

__all__ = ["HandoverWatcher"]

log = logging.getLogger(__name__)


class HandoverWatcher:
    def __init__(self, expire: Callable[[], Awaitable[int]], *, interval_seconds: float) -> None:
        self._expire = expire
        self._interval = interval_seconds
        self._task: asyncio.Task[None] | None = None
        self._stopping = asyncio.Event()

    def start(self) -> None:
        """Run the loop in the background; an interval of 0 turns it off."""
        if self._interval <= 0 or self._task is not None:
            return
        self._stopping = asyncio.Event()
        self._task = asyncio.get_running_loop().create_task(self._run(), name="handover-watcher")

    async def stop(self) -> None:
        if self._task is None:
            return
        self._stopping.set()
        task, self._task = self._task, None
        _, pending = await asyncio.wait({task}, timeout=10)
        for left in pending:
            left.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await left

    async def _run(self) -> None:
        while True:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._stopping.wait(), self._interval)
            if self._stopping.is_set():
                return
            try:
                expired = await self._expire()
            except Exception:
                # A database outage must not end the loop: the next round tries again.
                log.exception("unclaimed handovers not checked; retrying later")
                continue
            if expired:
                log.info("%d unclaimed handovers turned into messages", expired)
