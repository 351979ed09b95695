"""A child process in its own process group, stopped with its children (no orphans)."""

import contextlib
import os
import signal
import subprocess
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import IO

__all__ = ["ManagedProcess"]


class ManagedProcess:
    def __init__(
        self,
        name: str,
        command: Sequence[str],
        *,
        cwd: Path,
        env: dict[str, str],
        log_file: Path,
    ) -> None:
        self.name = name
        self.log_file = log_file
        self._command = list(command)
        self._cwd = cwd
        self._env = env
        self._process: subprocess.Popen[bytes] | None = None
        self._log: IO[bytes] | None = None

    def start(self) -> None:
        self.log_file.parent.mkdir(parents=True, exist_ok=True)
        self._log = self.log_file.open("ab")
        self._process = subprocess.Popen(
            self._command,
            cwd=self._cwd,
            env=self._env,
            stdout=self._log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process else None

    def is_running(self) -> bool:
        return self._process is not None and self._process.poll() is None

    def wait_until(self, check: Callable[[], bool], *, timeout: float, what: str) -> None:
        """Poll ``check`` until it is true; raise if the process dies or time runs out."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if not self.is_running():
                raise RuntimeError(f"{self.name} exited before {what}; see {self.log_file}")
            if check():
                return
            time.sleep(0.3)
        raise TimeoutError(f"{self.name}: not {what} after {timeout:.0f} s; see {self.log_file}")

    def stop(self, *, timeout: float = 15.0) -> None:
        process = self._process
        if process is not None and process.poll() is None:
            self._signal(signal.SIGTERM)
            try:
                process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self._signal(signal.SIGKILL)
                process.wait(timeout=5)
        # The group may outlive its leader (e.g. worker children): make sure it is gone.
        if process is not None:
            self._signal(signal.SIGKILL)
        self._process = None
        if self._log is not None:
            self._log.close()
            self._log = None

    def _signal(self, sig: signal.Signals) -> None:
        if self._process is None:
            return
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self._process.pid, sig)
