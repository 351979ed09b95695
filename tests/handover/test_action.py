"""``action_human_handoff`` through the gateway's action endpoint (as Rasa calls it), with
the real handover service: queued within opening hours, a message offered outside."""

import asyncio
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from assistant.database import create_db_engine, upgrade_to_head
from assistant.dialogue.action_endpoint import router
from assistant.dialogue.action_executor import build_executor
from assistant.dialogue.turn_notes import TurnNotes
from assistant.handover.service import HandoverService
from assistant.handover.settings import HandoverSettings
from assistant.settings import DialogueSettings, RasaSettings, Settings

MONDAY_9 = datetime(2026, 12, 7, 2, 0, tzinfo=UTC)
MONDAY_18 = datetime(2026, 12, 7, 11, 0, tzinfo=UTC)


class _Clock:
    now = MONDAY_9

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> _Clock:
    return _Clock()


@pytest.fixture
def setup(tmp_path: Path, clock: _Clock) -> Iterator[tuple[TestClient, HandoverService]]:
    engine = create_db_engine(f"sqlite:///{tmp_path / 'handover.db'}")
    upgrade_to_head(engine)
    settings = Settings(
        dialogue=DialogueSettings(hotline="1900 1234"), rasa=RasaSettings(action_token="secret")
    )
    handover = HandoverService(engine, settings=HandoverSettings(), delivery_channels=None,
                               clock=clock)
    services = SimpleNamespace(
        settings=settings, handover=handover, dialogue=SimpleNamespace(turn_notes=TurnNotes())
    )
    services.action_executor = build_executor(services)
    app = FastAPI()
    app.include_router(router)
    app.state.services = services
    yield TestClient(app), handover
    engine.dispose()


def _handoff(client: TestClient, sender: str, language: str) -> dict[str, Any]:
    tracker = {
        "sender_id": sender, "slots": {"language": language},
        "latest_message": {"text": "gặp cán bộ", "intent": {"name": "ask_human"},
                           "entities": [], "metadata": {"channel": "telegram"}},
        "events": [{"event": "user", "text": "làm hộ chiếu"},
                   {"event": "bot", "text": "Thủ tục cấp hộ chiếu…"},
                   {"event": "user", "text": "gặp cán bộ"}],
        "paused": False, "followup_action": None, "active_loop": {},
        "latest_action_name": "action_listen",
    }
    response = client.post("/actions/webhook?token=secret", json={
        "next_action": "action_human_handoff", "sender_id": sender, "tracker": tracker,
        "domain": {"slots": {}, "forms": {}}, "version": "3.6.21"})
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def test_within_opening_hours_the_citizen_is_queued(
    setup: tuple[TestClient, HandoverService],
) -> None:
    client, service = setup
    first = _handoff(client, "telegram:1", "vi")["responses"][0]["text"]
    second = _handoff(client, "telegram:2", "en")["responses"][0]["text"]
    assert "vị trí số 1" in first and "number 2 in the queue" in second
    [queued, _] = asyncio.run(service.with_status("waiting"))
    _, turns = asyncio.run(service.get(queued.id))
    assert (queued.channel, queued.preview) == ("telegram", "gặp cán bộ")
    assert [t.who for t in turns] == ["citizen", "bot", "citizen"]


def test_outside_opening_hours_a_message_is_offered(
    setup: tuple[TestClient, HandoverService], clock: _Clock,
) -> None:
    client, service = setup
    clock.now = MONDAY_18
    [reply] = _handoff(client, "telegram:3", "vi")["responses"]
    assert "ngoài giờ làm việc" in reply["text"] and "1900 1234" in reply["text"]
    assert reply["buttons"] == [{"title": "Không để lại lời nhắn",
                                 "payload": "/handover_cancel"}]
    [left] = asyncio.run(service.with_status("message"))
    assert left.is_awaiting_message
