"""A round of work repeated in the background of the gateway (notification hand-over,
unclaimed handovers): started with the app, stopped before what it uses is closed."""

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable

__all__ = ["PeriodicTask"]

log = logging.getLogger(__name__)


class PeriodicTask:
    """Runs ``work()`` every ``interval_seconds`` (0: never). A failing round is logged
    and the next one tries again: an outage of the database or a platform must not end
    the loop. ``work`` returns how many things it handled, logged as ``done``."""

    def __init__(
        self, name: str, work: Callable[[], Awaitable[int]], *, interval_seconds: float,
        done: str, failed: str,
    ) -> None:
        self.name = name
        self._work = work
        self._interval = interval_seconds
        self._done = done
        self._failed = failed
        self._task: asyncio.Task[None] | None = None
        self._stopping = asyncio.Event()

    @property
    def is_running(self) -> bool:
        return self._task is not None and not self._task.done()

    def start(self) -> None:
        if self._interval <= 0 or self.is_running:
            return
        self._stopping = asyncio.Event()
        self._task = asyncio.get_running_loop().create_task(self._run(), name=self.name)

    async def stop(self, *, timeout: float = 10.0) -> None:
        """Stop the loop; a round in progress may finish within ``timeout``."""
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
                handled = await self._work()
            except Exception:
                log.exception("%s; retrying later", self._failed)
                continue
            if handled:
                log.info("%d %s", handled, self._done)
