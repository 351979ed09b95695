"""The gateway and the Rasa server started together, for `assistant run` and the tests."""

import json
import logging
import os
import secrets
import sys
from pathlib import Path
from typing import Any

import httpx

from assistant.dialogue.rasa_server import rasa_has_model, rasa_process
from assistant.dialogue.training import ensure_model
from assistant.runtime.process import ManagedProcess
from assistant.settings import Settings, project_root

__all__ = ["Stack", "settings_environment"]

log = logging.getLogger(__name__)


def settings_environment(settings: Settings) -> dict[str, str]:
    """``settings`` as the ``ASSISTANT_*`` variables that rebuild it in a child process."""
    env: dict[str, str] = {}

    def put(prefix: str, values: dict[str, Any]) -> None:
        for key, value in values.items():
            name = f"{prefix}{key.upper()}"
            if isinstance(value, dict):
                put(f"{name}__", value)
            elif isinstance(value, list):
                env[name] = json.dumps(value)  # pydantic-settings reads lists as JSON
            elif value is not None:
                env[name] = str(value)

    put("ASSISTANT_", settings.model_dump(mode="json"))
    return env


class Stack:
    """Gateway + Rasa for one ``Settings``; ``stop`` ends both process groups."""

    def __init__(self, settings: Settings, *, log_dir: Path | None = None) -> None:
        if not settings.rasa.action_token:
            settings = settings.model_copy(
                update={
                    "rasa": settings.rasa.model_copy(
                        update={"action_token": secrets.token_urlsafe(24)}
                    )
                }
            )
        self.settings = settings
        self._log_dir = log_dir or settings.data_dir / "logs"
        self.gateway: ManagedProcess | None = None
        self.rasa: ManagedProcess | None = None

    @property
    def gateway_url(self) -> str:
        return f"http://{self.settings.server.host}:{self.settings.server.port}"

    def start_gateway(self) -> None:
        settings = self.settings
        command = [
            sys.executable, "-m", "uvicorn", "assistant.server:app",
            "--host", settings.server.host,
            "--port", str(settings.server.port),
            "--no-access-log",
        ]
        env = {**os.environ, **settings_environment(settings)}
        self.gateway = ManagedProcess(
            "gateway", command, cwd=project_root(), env=env,
            log_file=self._log_dir / "gateway.log",
        )
        self.gateway.start()

    def start_rasa(self, model: Path | None = None, *, actions_url: str | None = None) -> None:
        """Start Rasa; its action endpoint is this gateway unless ``actions_url`` (the
        base URL of another server of ``/actions/webhook``) is given."""
        model = model or ensure_model(self.settings)
        self.rasa = rasa_process(
            self.settings, model=model, gateway_url=actions_url or self.gateway_url,
            log_file=self._log_dir / "rasa.log",
        )
        self.rasa.start()

    def wait_ready(self, *, timeout: float = 300.0) -> None:
        """Block until ``/readyz`` is 200 (Rasa model loaded, database, search index)."""
        if self.rasa is not None:
            self.rasa.wait_until(
                lambda: rasa_has_model(self.settings), timeout=timeout, what="serving a model"
            )
        assert self.gateway is not None, "start_gateway first"
        self.gateway.wait_until(self._gateway_ready, timeout=timeout, what="ready")

    def _gateway_ready(self) -> bool:
        try:
            return httpx.get(f"{self.gateway_url}/readyz", timeout=3.0).status_code == 200
        except httpx.HTTPError:
            return False

    def stop(self) -> None:
        for process in (self.rasa, self.gateway):
            if process is not None:
                process.stop()
