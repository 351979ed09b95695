from pathlib import Path

import yaml

from assistant.runtime.rasa_server import rasa_process
from assistant.runtime.stack import Stack
from assistant.settings import RasaSettings, Settings


def test_the_launcher_gives_rasa_and_the_gateway_fresh_secrets(tmp_path: Path) -> None:
    first = Stack(Settings(data_dir=tmp_path)).settings.rasa
    second = Stack(Settings(data_dir=tmp_path)).settings.rasa
    assert len(first.action_token) >= 24 and len(first.token) >= 24
    assert first.action_token != second.action_token and first.token != second.token


def test_configured_secrets_are_kept(tmp_path: Path) -> None:
    rasa = RasaSettings(token="api-secret-123", action_token="action-secret-123")
    kept = Stack(Settings(data_dir=tmp_path, rasa=rasa)).settings.rasa
    assert (kept.token, kept.action_token) == ("api-secret-123", "action-secret-123")


def test_rasa_is_started_with_both_secrets(tmp_path: Path) -> None:
    settings = Stack(Settings(data_dir=tmp_path)).settings
    process = rasa_process(
        settings, model=tmp_path / "model.tar.gz", gateway_url="http://127.0.0.1:9",
        log_file=tmp_path / "rasa.log",
    )
    command = process._command
    assert command[command.index("--auth-token") + 1] == settings.rasa.token
    endpoints = yaml.safe_load(
        (tmp_path / "rasa" / f"run-{settings.rasa.port}" / "endpoints.yml").read_text()
    )
    assert endpoints["action_endpoint"]["token"] == settings.rasa.action_token
