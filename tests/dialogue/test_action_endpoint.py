from types import SimpleNamespace
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from assistant.catalogue.service import CatalogueService
from assistant.dialogue.action_endpoint import router
from assistant.dialogue.action_executor import build_executor
from assistant.dialogue.turn_notes import TurnNotes
from assistant.settings import RasaSettings, Settings


def _tracker(*, language: str | None, metadata: dict[str, Any] | None = None) -> dict[str, Any]:
    return {
        "sender_id": "u1",
        "slots": {"language": language},
        "latest_message": {"text": "hi", "intent": {"name": "greet"}, "entities": [],
                           "metadata": metadata or {}},
        "events": [],
        "paused": False,
        "followup_action": None,
        "active_loop": {},
        "latest_action_name": "action_listen",
    }


_DOMAIN = {
    "slots": {"language": {"type": "categorical", "values": ["vi", "en"],
                           "mappings": [{"type": "custom"}]}},
    "forms": {},
}


@pytest.fixture(scope="module")
def client(catalogue: CatalogueService) -> TestClient:
    settings = Settings(rasa=RasaSettings(action_token="secret"))
    services = SimpleNamespace(
        settings=settings, catalogue=catalogue, dialogue=SimpleNamespace(turn_notes=TurnNotes())
    )
    services.action_executor = build_executor(services)
    app = FastAPI()
    app.include_router(router)
    app.state.services = services
    return TestClient(app)


def _call(client: TestClient, action: str, tracker: dict[str, Any], token: str = "secret"):  # type: ignore[no-untyped-def]
    return client.post(
        f"/actions/webhook?token={token}",
        json={"next_action": action, "sender_id": "u1", "tracker": tracker,
              "domain": _DOMAIN, "version": "3.6.21"},
    )


def test_lists_the_registered_actions(client: TestClient) -> None:
    names = client.get("/actions").json()
    assert {"action_greet", "action_validate_slot_mappings"} <= set(names)


def test_greet_renders_the_catalogue_size_in_the_slot_language(client: TestClient) -> None:
    count = len(client.app.state.services.catalogue)  # type: ignore[attr-defined]
    english = _call(client, "action_greet", _tracker(language="en")).json()
    vietnamese = _call(client, "action_greet", _tracker(language="vi")).json()
    assert f"{count:,}" in english["responses"][0]["text"]
    assert f"{count:,}".replace(",", ".") in vietnamese["responses"][0]["text"]
    assert english["responses"][0]["text"].startswith("Hello")


def test_language_slot_follows_gateway_metadata(client: TestClient) -> None:
    response = _call(
        client, "action_validate_slot_mappings",
        _tracker(language="vi", metadata={"language": "en"}),
    ).json()
    assert {"event": "slot", "name": "language", "value": "en"} in [
        {k: e.get(k) for k in ("event", "name", "value")} for e in response["events"]
    ]


def test_the_turn_keeps_a_note_of_the_language_the_action_set(client: TestClient) -> None:
    _call(
        client, "action_validate_slot_mappings",
        _tracker(language="vi", metadata={"language": "en", "turn_id": "t-42"}),
    )
    notes = client.app.state.services.dialogue.turn_notes  # type: ignore[attr-defined]
    note = notes.take("u1", "t-42")
    assert note is not None and note.language == "en" and note.intent["name"] == "greet"


def test_message_without_language_keeps_the_slot(client: TestClient) -> None:
    response = _call(
        client, "action_validate_slot_mappings",
        _tracker(language="en", metadata={"language": None}),
    ).json()
    assert not [e for e in response["events"] if e.get("name") == "language"]


def test_wrong_token_is_refused(client: TestClient) -> None:
    assert _call(client, "action_greet", _tracker(language="vi"), token="nope").status_code == 403


def test_unknown_action_is_a_404(client: TestClient) -> None:
    assert _call(client, "action_nope", _tracker(language="vi")).status_code == 404


def test_a_gateway_without_a_token_refuses_every_action_call(
    catalogue: CatalogueService,
) -> None:
    # A gateway started on its own (plain uvicorn) has no token: fail closed.
    services = SimpleNamespace(settings=Settings(), catalogue=catalogue)
    services.action_executor = build_executor(services)
    app = FastAPI()
    app.include_router(router)
    app.state.services = services
    open_client = TestClient(app)
    for token in ("", "anything"):
        response = _call(open_client, "action_greet", _tracker(language="vi"), token=token)
        assert response.status_code == 403


def test_a_long_conversations_tracker_is_not_cut_by_the_chat_body_limit(
    catalogue: CatalogueService,
) -> None:
    from assistant.app import create_app

    settings = Settings(rasa=RasaSettings(action_token="secret"))
    app = create_app(settings)
    services = SimpleNamespace(
        settings=settings, catalogue=catalogue, dialogue=SimpleNamespace(turn_notes=TurnNotes())
    )
    services.action_executor = build_executor(services)
    app.state.services = services
    tracker = _tracker(language="vi")
    tracker["events"] = [{"event": "bot", "text": "x" * 1000, "timestamp": n} for n in range(200)]
    client = TestClient(app)
    assert _call(client, "action_greet", tracker).status_code == 200  # ~200 kB
    refused = client.post("/actions/webhook?token=nope", content=b"x" * 200_000)
    assert refused.status_code == 403  # the token first: the body is never parsed
    assert client.post("/actions/webhook?token=secret", content=b"[1]").status_code == 400
