"""DialogueService against an unreachable Rasa: the user still gets a clear answer."""

import asyncio
import threading
import time
from types import SimpleNamespace
from typing import Any

import pytest

from assistant.dialogue.client import RasaClient
from assistant.dialogue.models import IncomingMessage
from assistant.dialogue.service import DialogueService
from tests.support.fake_http import FakeServer, Request
from tests.support.ports import free_port
from tests.support.rasa_rest import ScriptedRasa


@pytest.fixture
async def service():  # type: ignore[no-untyped-def]
    client = RasaClient(f"http://127.0.0.1:{free_port()}", timeout=2.0)
    yield DialogueService(client, max_chars=100)
    await client.aclose()


def _message(text: str, language: str | None = None) -> IncomingMessage:
    return IncomingMessage(channel="api", sender_id="u1", text=text, language=language)  # type: ignore[arg-type]


async def test_rasa_down_gives_a_degraded_answer_in_the_users_language(
    service: DialogueService,
) -> None:
    vi = await service.handle(_message("xin chào"))
    en = await service.handle(_message("hello"))
    assert vi.is_degraded and "hạn chế" in vi.messages[-1].text
    assert en.is_degraded and en.language == "en" and "temporarily" in en.messages[-1].text


async def test_empty_message_is_answered_without_rasa(service: DialogueService) -> None:
    reply = await service.handle(_message(" \u200b ", language="en"))
    assert not reply.is_degraded
    assert "empty" in reply.messages[0].text


async def test_too_long_message_is_cut_with_a_notice(service: DialogueService) -> None:
    reply = await service.handle(_message("xin chào " * 50))
    assert "100" in reply.messages[0].text


class _SlowRasa(FakeServer):
    """A Rasa REST channel that takes ``delay`` seconds for every answer."""

    def __init__(self, delay: float) -> None:
        super().__init__()
        self.delay = delay

    def respond(self, request: Request) -> tuple[int, Any]:
        time.sleep(self.delay)
        return 200, [{"text": "late"}]


async def test_a_slow_rasa_gets_a_degraded_answer_within_the_turn_deadline() -> None:
    with _SlowRasa(delay=3.0) as rasa:
        client = RasaClient(rasa.url, timeout=20.0)
        service = DialogueService(client, max_chars=100, turn_deadline=0.5)
        started = time.monotonic()
        reply = await service.handle(_message("xin chào"))
        assert time.monotonic() - started < 2.0
        assert reply.is_degraded and "hạn chế" in reply.messages[-1].text
        await client.aclose()


async def test_the_breaker_opens_after_failures_and_closes_when_rasa_is_back() -> None:
    port = free_port()
    client = RasaClient(f"http://127.0.0.1:{port}", timeout=2.0)
    service = DialogueService(
        client, max_chars=100, breaker_failures=2, breaker_reset_seconds=0.5
    )
    for _ in range(2):
        assert (await service.handle(_message("xin chào"))).is_degraded
    assert service.breaker.current_state == "open"
    rasa = ScriptedRasa()
    rasa.port = port
    with rasa:
        assert (await service.handle(_message("xin chào"))).is_degraded  # not even asked
        assert rasa.received() == []
        await asyncio.sleep(0.6)
        reply = await service.handle(_message("xin chào"))
        assert not reply.is_degraded and reply.messages[0].text == "echo: xin chào"
        assert service.breaker.current_state == "closed"
    await client.aclose()


async def test_degraded_search_runs_off_the_event_loop() -> None:
    loop_thread = threading.get_ident()
    threads: list[int] = []

    def search(text: str) -> list[Any]:
        threads.append(threading.get_ident())
        return [SimpleNamespace(title="Cấp hộ chiếu phổ thông", url=None, level=None)]

    client = RasaClient(f"http://127.0.0.1:{free_port()}", timeout=2.0)
    service = DialogueService(client, max_chars=100, search=search)
    reply = await service.handle(_message("tôi muốn làm hộ chiếu"))
    assert "Cấp hộ chiếu phổ thông" in reply.messages[-1].text
    assert threads and threads[0] != loop_thread
    await client.aclose()


class _RasaThatRunsActions(ScriptedRasa):
    """Calls the gateway's action note-taker during the turn, as the real Rasa's
    ``action_validate_slot_mappings`` call through the action endpoint does."""

    def __init__(self, notes: Any) -> None:
        super().__init__()
        self.notes = notes

    def respond(self, request: Request) -> tuple[int, Any]:
        if request.path == "/webhooks/rest/webhook":
            body = request.json()
            call = {"tracker": {
                "sender_id": body["sender"], "slots": {"language": "vi"},
                "latest_message": {"intent": {"name": "greet", "confidence": 0.97},
                                   "metadata": body["metadata"]},
            }}
            self.notes.note_action(call, [{"event": "slot", "name": "language", "value": "en"}])
        return super().respond(request)


async def test_a_turn_whose_actions_left_a_note_reads_no_tracker() -> None:
    recorded: list[Any] = []
    port = free_port()
    client = RasaClient(f"http://127.0.0.1:{port}", timeout=2.0)
    service = DialogueService(client, max_chars=100, recorder=recorded.extend)
    rasa = _RasaThatRunsActions(service.turn_notes)
    rasa.port = port
    with rasa:
        reply = await service.handle(_message("xin chào"))
        assert reply.language == "en"  # the slot the action set, not the message's guess
        assert [r.path for r in rasa.requests] == ["/webhooks/rest/webhook"]
        assert recorded[0].intent == "greet" and recorded[0].confidence == 0.97
        rasa.notes = SimpleNamespace(note_action=lambda *_: None)  # actions elsewhere
        reply = await service.handle(_message("hello"))
        assert reply.language == "en"  # read from the tracker instead
        assert rasa.requests[-1].path == "/conversations/u1/tracker"
    await client.aclose()


async def test_turns_that_end_together_are_recorded_in_one_write() -> None:
    batches: list[list[Any]] = []

    def recorder(turns: list[Any]) -> None:
        time.sleep(0.2)  # a slow database: the other turns finish meanwhile
        batches.append(turns)

    port = free_port()
    client = RasaClient(f"http://127.0.0.1:{port}", timeout=2.0)
    service = DialogueService(client, max_chars=100, recorder=recorder)
    rasa = ScriptedRasa()
    rasa.port = port
    with rasa:
        messages = [
            IncomingMessage(channel="api", sender_id=f"u{i}", text=f"xin chào {i}")
            for i in range(6)
        ]
        replies = await asyncio.gather(*(service.handle(m) for m in messages))
    await client.aclose()
    assert all(not r.is_degraded for r in replies)
    # Every turn was recorded before its answer came back, in fewer writes than turns.
    assert sorted(t.user_text for b in batches for t in b) == [m.text for m in messages]
    assert len(batches) < len(messages)
