"""``POST /api/chat`` through the real app factory, against a scripted Rasa peer."""

from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from types import SimpleNamespace

import httpx
import pytest

from assistant.app import create_app
from assistant.dialogue.client import RasaClient
from assistant.dialogue.service import DialogueService
from assistant.settings import Settings
from tests.support.rasa_rest import ScriptedRasa


@pytest.fixture
def rasa() -> Iterator[ScriptedRasa]:
    with ScriptedRasa() as server:
        yield server


@pytest.fixture
async def gateway(rasa: ScriptedRasa, tmp_path: Path) -> AsyncIterator[httpx.AsyncClient]:
    settings = Settings(data_dir=tmp_path)
    client = RasaClient(rasa.url, timeout=5.0)
    app = create_app(settings)
    app.state.services = SimpleNamespace(
        settings=settings, dialogue=DialogueService(client, max_chars=2000)
    )
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://gateway") as http:
        yield http
    await client.aclose()


@pytest.mark.parametrize("sender", ["telegram:42", "zalo:8456", "api:w-1", "web:x"])
async def test_channel_conversation_ids_are_refused(
    gateway: httpx.AsyncClient, rasa: ScriptedRasa, sender: str
) -> None:
    response = await gateway.post("/api/chat", json={"sender_id": sender, "text": "/stop"})
    assert response.status_code == 422
    assert response.json()["code"] == "invalid_input"
    assert rasa.received() == []


async def test_api_conversations_live_in_their_own_namespace(
    gateway: httpx.AsyncClient, rasa: ScriptedRasa
) -> None:
    response = await gateway.post("/api/chat", json={"sender_id": "web-abc", "text": "xin chào"})
    assert response.status_code == 200, response.text
    assert [body["sender"] for body in rasa.received()] == ["api:web-abc"]


async def test_only_known_context_keys_with_short_values_pass(
    gateway: httpx.AsyncClient, rasa: ScriptedRasa
) -> None:
    known = {"counter": "Q3", "agency": "so-tu-phap", "mode": "feedback", "page": 2,
             "procedure": "1.001234"}
    response = await gateway.post(
        "/api/chat", json={"sender_id": "w-1", "text": "xin chào", "context": known}
    )
    assert response.status_code == 200, response.text
    sent = rasa.received()[-1]["metadata"]["context"]
    assert sent == {**known, "page": "2"}
    for bad in ({"colour": "red"}, {"counter": "x" * 101}, {"agency": {"nested": 1}},
                {"counter": ""}):
        refused = await gateway.post(
            "/api/chat", json={"sender_id": "w-1", "text": "hi", "context": bad}
        )
        assert refused.status_code == 422, bad
    assert len(rasa.received()) == 1


async def test_a_body_over_64_kb_gets_413_in_the_callers_language(
    gateway: httpx.AsyncClient, rasa: ScriptedRasa
) -> None:
    body = {"sender_id": "w-1", "text": "a" * 70_000}
    vi = await gateway.post("/api/chat", json=body)
    assert vi.status_code == 413
    assert vi.json() == {"code": "body_too_large", "message": "Yêu cầu quá lớn: tối đa 64 kB."}
    en = await gateway.post("/api/chat", json=body, headers={"Accept-Language": "en"})
    assert en.status_code == 413 and "too large" in en.json()["message"]

    async def chunks() -> AsyncIterator[bytes]:  # no content-length: counted while read
        for _ in range(80):
            yield b"x" * 1024

    chunked = await gateway.post(
        "/api/chat", content=chunks(), headers={"content-type": "application/json"}
    )
    assert chunked.status_code == 413
    assert rasa.received() == []
