"""The gateway and the Rasa server started together, for `assistant run` and the tests."""

import json
import logging
import os
import secrets
import sys
from pathlib import Path
from typing import Any

import httpx

from assistant.runtime.process import ManagedProcess
from assistant.runtime.rasa_server import rasa_has_model, rasa_process
from assistant.runtime.training import ensure_model
from assistant.settings import Settings, project_root

__all__ = ["Stack", "settings_environment", "with_generated_secrets"]

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


def with_generated_secrets(settings: Settings) -> Settings:
    """``settings`` with a fresh random action token and Rasa API token where none is
    configured: both processes get them, nobody else knows them."""
    generated = {
        name: secrets.token_urlsafe(24)
        for name in ("action_token", "token")
        if not getattr(settings.rasa, name)
    }
    if not generated:
        return settings
    return settings.model_copy(update={"rasa": settings.rasa.model_copy(update=generated)})


class Stack:
    """Gateway (``server.workers`` uvicorn workers) + ``rasa.processes`` Rasa processes for
    one ``Settings``; ``stop`` ends every process group."""

    def __init__(self, settings: Settings, *, log_dir: Path | None = None) -> None:
        self.settings = with_generated_secrets(settings)
        self._log_dir = log_dir or settings.data_dir / "logs"
        self.gateway: ManagedProcess | None = None
        self.rasa_by_port: dict[int, ManagedProcess] = {}

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
            # Client addresses come from ASSISTANT_SERVER__TRUSTED_PROXIES only.
            "--no-proxy-headers",
        ]
        if settings.server.workers > 1:
            command += ["--workers", str(settings.server.workers)]
        env = {**os.environ, **settings_environment(settings)}
        self.gateway = ManagedProcess(
            "gateway", command, cwd=project_root(), env=env,
            log_file=self._log_dir / "gateway.log",
        )
        self.gateway.start()

    @property
    def rasa(self) -> ManagedProcess | None:
        """The first Rasa process (the only one by default)."""
        return next(iter(self.rasa_by_port.values()), None)

    @property
    def processes(self) -> list[ManagedProcess]:
        return [*([self.gateway] if self.gateway else []), *self.rasa_by_port.values()]

    def start_rasa(self, model: Path | None = None, *, actions_url: str | None = None) -> None:
        """Start one Rasa process per port of ``rasa.local_ports``; their action endpoint
        is this gateway unless ``actions_url`` (the base URL of another server of
        ``/actions/webhook``) is given."""
        model = model or ensure_model(self.settings)
        for port in self.settings.rasa.local_ports:
            self.start_rasa_on(port, model=model, actions_url=actions_url)

    def start_rasa_on(
        self, port: int, *, model: Path, actions_url: str | None = None
    ) -> ManagedProcess:
        """Start one more Rasa process on ``port`` (its log: ``rasa-<port>.log``)."""
        name = "rasa.log" if port == self.settings.rasa.port else f"rasa-{port}.log"
        process = rasa_process(
            self.settings, model=model, gateway_url=actions_url or self.gateway_url,
            log_file=self._log_dir / name, port=port,
        )
        process.start()
        self.rasa_by_port[port] = process
        return process

    def wait_ready(self, *, timeout: float = 300.0) -> None:
        """Block until every Rasa process serves its model and ``/readyz`` is 200
        (database, search index)."""
        for port, process in self.rasa_by_port.items():
            url = f"http://127.0.0.1:{port}"
            process.wait_until(
                lambda url=url: rasa_has_model(self.settings, url),  # type: ignore[misc]
                timeout=timeout, what="serving a model",
            )
        assert self.gateway is not None, "start_gateway first"
        self.gateway.wait_until(self._gateway_ready, timeout=timeout, what="ready")

    def _gateway_ready(self) -> bool:
        try:
            return httpx.get(f"{self.gateway_url}/readyz", timeout=3.0).status_code == 200
        except httpx.HTTPError:
            return False

    def stop(self) -> None:
        for process in reversed(self.processes):
            process.stop()
