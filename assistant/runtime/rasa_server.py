"""The Rasa server process (Python 3.10 venv), for the launcher and the tests.

Every process of one deployment shares the tracker store (PostgreSQL by URL, or the
SQLite file of the embedded default) and, with ``redis_url``, Rasa's Redis lock store,
so a conversation can move from one process to another and keep its state."""

import sqlite3
from pathlib import Path
from typing import Any

import httpx
import yaml
from sqlalchemy.engine import make_url

from assistant.runtime import rasa_launcher
from assistant.runtime.process import ManagedProcess
from assistant.runtime.training import rasa_environment, rasa_executable
from assistant.settings import Settings

__all__ = [
    "lock_store_config",
    "rasa_has_model",
    "rasa_process",
    "tracker_store_config",
    "write_rasa_config",
]


def tracker_store_config(settings: Settings) -> dict[str, Any]:
    """Rasa's ``tracker_store`` endpoint: the SQL store at ``rasa.tracker_store_url``, or
    the SQLite file under the data folder."""
    if settings.rasa.tracker_store_url:
        url = make_url(settings.rasa.tracker_store_url)
        config: dict[str, Any] = {
            "type": "SQL",
            "dialect": url.get_backend_name(),  # Rasa picks its own driver (psycopg2)
            "url": url.host,
            "db": url.database,
        }
        optional = {"port": url.port, "username": url.username, "password": url.password}
        config.update({key: value for key, value in optional.items() if value is not None})
        if url.query:
            config["query"] = dict(url.query)
        return config
    tracker_db = settings.tracker_db_path
    tracker_db.parent.mkdir(parents=True, exist_ok=True)
    _use_wal(tracker_db)
    return {"type": "SQL", "dialect": "sqlite", "db": str(tracker_db)}


def _use_wal(path: Path) -> None:
    # WAL is a property of the file: readers of one process no longer block another
    # process's writer, which several Rasa processes on one SQLite file need.
    with sqlite3.connect(path) as connection:
        connection.execute("PRAGMA journal_mode=WAL")
    connection.close()


def lock_store_config(settings: Settings) -> dict[str, Any] | None:
    """Rasa's ``lock_store`` endpoint on ``redis_url``; None keeps Rasa's in-memory one."""
    if not settings.redis_url:
        return None
    url = make_url(settings.redis_url)
    config: dict[str, Any] = {
        "type": "redis",
        "url": url.host or "localhost",
        "port": url.port or 6379,
        "db": int(url.database or 0),
        "key_prefix": "assistant",
        "use_ssl": url.get_backend_name() == "rediss",
    }
    if url.username:
        config["username"] = url.username
    if url.password:
        config["password"] = url.password
    return config


def write_rasa_config(settings: Settings, *, gateway_url: str, folder: Path) -> tuple[Path, Path]:
    """Write endpoints.yml (action endpoint = the gateway, the shared tracker and lock
    stores) and credentials.yml (REST channel) for one Rasa process."""
    folder.mkdir(parents=True, exist_ok=True)
    action: dict[str, object] = {"url": f"{gateway_url.rstrip('/')}/actions/webhook"}
    if settings.rasa.action_token:
        action["token"] = settings.rasa.action_token
    endpoints: dict[str, Any] = {
        "action_endpoint": action,
        "tracker_store": tracker_store_config(settings),
    }
    lock_store = lock_store_config(settings)
    if lock_store is not None:
        endpoints["lock_store"] = lock_store
    endpoints_file = folder / "endpoints.yml"
    credentials_file = folder / "credentials.yml"
    endpoints_file.write_text(yaml.safe_dump(endpoints), encoding="utf-8")
    endpoints_file.chmod(0o600)  # may hold database and Redis passwords
    credentials_file.write_text(yaml.safe_dump({"rest": None}), encoding="utf-8")
    return endpoints_file, credentials_file


def rasa_process(
    settings: Settings,
    *,
    model: Path,
    gateway_url: str,
    log_file: Path,
    port: int | None = None,
) -> ManagedProcess:
    """A not-yet-started ``rasa run`` serving ``model`` on ``port`` (default
    ``settings.rasa.port``)."""
    port = port or settings.rasa.port
    folder = settings.data_dir / "rasa" / f"run-{port}"
    endpoints, credentials = write_rasa_config(settings, gateway_url=gateway_url, folder=folder)
    # Through our launcher (same arguments as `rasa`), which speeds up Rasa first.
    python = rasa_executable(settings).parent / "python"
    command = [
        str(python), str(Path(rasa_launcher.__file__).resolve()), "run",
        "--enable-api",
        "--model", str(model),
        "--endpoints", str(endpoints),
        "--credentials", str(credentials),
        "--interface", "127.0.0.1",
        "--port", str(port),
    ]
    if settings.rasa.token:
        command += ["--auth-token", settings.rasa.token]
    env = rasa_environment(settings)
    env["TICKET_LOCK_LIFETIME"] = str(settings.rasa.lock_lifetime_seconds)
    return ManagedProcess(
        f"rasa:{port}", command, cwd=folder, env=env, log_file=log_file
    )


def rasa_has_model(settings: Settings, url: str | None = None) -> bool:
    """True when the Rasa server at ``url`` (default ``settings.rasa.url``) answers with a
    loaded model."""
    params = {"token": settings.rasa.token} if settings.rasa.token else {}
    try:
        response = httpx.get(f"{url or settings.rasa.url}/status", params=params, timeout=2.0)
        return response.status_code == 200 and bool(response.json().get("model_file"))
    except (httpx.HTTPError, ValueError):
        return False
