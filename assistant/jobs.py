"""One background job at a time (retraining, regression runs), its state readable by
any request."""

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

__all__ = ["BackgroundJob", "JobState"]

State = Literal["idle", "running", "done", "failed"]


@dataclass(frozen=True)
class JobState:
    state: State
    started_at: float | None
    finished_at: float | None
    result: str
    progress: str  # the last line the job reported

    @property
    def elapsed_seconds(self) -> int:
        if self.started_at is None:
            return 0
        return int((self.finished_at or time.time()) - self.started_at)


class BackgroundJob:
    """Runs ``work(report)`` in a thread; ``report(line)`` updates the progress."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._lock = threading.Lock()
        self._state = JobState("idle", None, None, "", "")

    @property
    def state(self) -> JobState:
        with self._lock:
            return self._state

    def start(self, work: Callable[[Callable[[str], None]], str]) -> bool:
        """Start ``work`` unless it is already running; whether it started."""
        with self._lock:
            if self._state.state == "running":
                return False
            self._state = JobState("running", time.time(), None, "", "")
        threading.Thread(target=self._run, args=(work,), name=self.name, daemon=True).start()
        return True

    def _report(self, line: str) -> None:
        with self._lock:
            self._state = JobState(self._state.state, self._state.started_at, None,
                                   self._state.result, line.strip()[-300:])

    def _run(self, work: Callable[[Callable[[str], None]], str]) -> None:
        try:
            result, state = work(self._report), "done"
        except Exception as exc:
            result, state = f"{type(exc).__name__}: {exc}", "failed"
        with self._lock:
            self._state = JobState(state, self._state.started_at, time.time(), result,  # type: ignore[arg-type]
                                   self._state.progress)
