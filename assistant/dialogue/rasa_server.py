"""The Rasa server process (Python 3.10 venv), for the launcher and the tests."""

from pathlib import Path

import httpx
import yaml

from assistant.dialogue.training import rasa_environment, rasa_executable
from assistant.runtime.process import ManagedProcess
from assistant.settings import Settings

__all__ = ["rasa_has_model", "rasa_process", "write_rasa_config"]


def write_rasa_config(settings: Settings, *, gateway_url: str, folder: Path) -> tuple[Path, Path]:
    """Write endpoints.yml (action endpoint = the gateway, SQL tracker store) and
    credentials.yml (REST channel) for one Rasa process."""
    folder.mkdir(parents=True, exist_ok=True)
    action: dict[str, object] = {"url": f"{gateway_url.rstrip('/')}/actions/webhook"}
    if settings.rasa.action_token:
        action["token"] = settings.rasa.action_token
    tracker_db = settings.tracker_db_path
    tracker_db.parent.mkdir(parents=True, exist_ok=True)
    endpoints = {
        "action_endpoint": action,
        "tracker_store": {"type": "SQL", "dialect": "sqlite", "db": str(tracker_db)},
    }
    endpoints_file = folder / "endpoints.yml"
    credentials_file = folder / "credentials.yml"
    endpoints_file.write_text(yaml.safe_dump(endpoints), encoding="utf-8")
    credentials_file.write_text(yaml.safe_dump({"rest": None}), encoding="utf-8")
    return endpoints_file, credentials_file


def rasa_process(
    settings: Settings, *, model: Path, gateway_url: str, log_file: Path
) -> ManagedProcess:
    """A not-yet-started ``rasa run`` serving ``model`` on ``settings.rasa.port``."""
    folder = settings.data_dir / "rasa" / f"run-{settings.rasa.port}"
    endpoints, credentials = write_rasa_config(settings, gateway_url=gateway_url, folder=folder)
    command = [
        str(rasa_executable(settings)), "run",
        "--enable-api",
        "--model", str(model),
        "--endpoints", str(endpoints),
        "--credentials", str(credentials),
        "--interface", "127.0.0.1",
        "--port", str(settings.rasa.port),
    ]
    if settings.rasa.token:
        command += ["--auth-token", settings.rasa.token]
    return ManagedProcess(
        "rasa", command, cwd=folder, env=rasa_environment(settings), log_file=log_file
    )


def rasa_has_model(settings: Settings) -> bool:
    """True when the Rasa server at ``settings.rasa.url`` answers with a loaded model."""
    params = {"token": settings.rasa.token} if settings.rasa.token else {}
    try:
        response = httpx.get(f"{settings.rasa.url}/status", params=params, timeout=2.0)
        return response.status_code == 200 and bool(response.json().get("model_file"))
    except (httpx.HTTPError, ValueError):
        return False
