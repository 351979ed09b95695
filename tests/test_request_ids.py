"""One request id follows a turn: the gateway adopts or makes one, answers it in
``X-Request-ID``, sends it to Rasa in the message metadata, and the action endpoint
adopts it from the tracker Rasa posts back; JSON log lines carry it."""

import json
import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from assistant.app import create_app
from assistant.logs import configure_logging
from tests.staff.conftest import app_settings


@pytest.fixture
def json_logs() -> Iterator[None]:
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    configure_logging("INFO", is_json=True)
    yield
    root.handlers[:] = handlers
    root.setLevel(level)


def _read(capsys: pytest.CaptureFixture[str]) -> list[dict[str, object]]:
    return [json.loads(line) for line in capsys.readouterr().err.splitlines()
            if line.startswith("{")]


def test_the_turn_id_reaches_the_logs_of_the_gateway_and_the_actions(
    tmp_path: Path, json_logs: None, capsys: pytest.CaptureFixture[str]
) -> None:
    settings = app_settings(tmp_path)
    settings.rasa.action_token = "action-secret"  # what `assistant run` hands to Rasa
    with TestClient(create_app(settings)) as client:
        capsys.readouterr()
        reply = client.post("/api/chat", headers={"X-Request-ID": "turn-0001"},
                            json={"sender_id": "web-r1", "text": "gọi 0912345678 giúp tôi"})
        assert reply.headers["X-Request-ID"] == "turn-0001"
        gateway_lines = _read(capsys)
        # Rasa posts the tracker back with the metadata the gateway sent.
        action = client.post("/actions/webhook?token=action-secret", json={
            "next_action": "action_that_does_not_exist", "sender_id": "web-r1",
            "tracker": {"sender_id": "web-r1",
                        "latest_message": {"metadata": {"request_id": "turn-0001"}}},
            "domain": {}, "version": "3.6.0"})
        assert action.status_code == 404
        action_lines = _read(capsys)
        fresh = client.get("/healthz")
    assert any(line["request_id"] == "turn-0001" and "rasa unavailable" in str(line["message"])
               for line in gateway_lines), gateway_lines
    assert any(line["request_id"] == "turn-0001" and "unknown action" in str(line["message"])
               for line in action_lines), action_lines
    assert all("0912345678" not in json.dumps(line) for line in gateway_lines)
    assert len(fresh.headers["X-Request-ID"]) == 32  # made up when none was sent


def test_a_bad_request_id_is_replaced(tmp_path: Path) -> None:
    settings = app_settings(tmp_path)
    settings.rasa.action_token = "action-secret"  # what `assistant run` hands to Rasa
    with TestClient(create_app(settings)) as client:
        response = client.get("/healthz", headers={"X-Request-ID": "<script>"})
    assert response.headers["X-Request-ID"] != "<script>"
