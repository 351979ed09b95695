"""RasaClient over several Rasa servers: a conversation sticks to one, another takes
over when it fails, a request's own error is not retried elsewhere; turns reach a server
a few at a time, in order."""

import asyncio
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest

from assistant.dialogue.client import RasaClient
from assistant.dialogue.errors import RasaUnavailableError
from tests.support.fake_http import Request
from tests.support.ports import free_port
from tests.support.rasa_rest import ScriptedRasa


class _FailingRasa(ScriptedRasa):
    def __init__(self, status: int) -> None:
        super().__init__()
        self.status = status

    def respond(self, request: Request) -> tuple[int, Any]:
        return self.status, {"error": "failing"}


class _SlowRasa(ScriptedRasa):
    """Answers after a pause and remembers how many requests it held at once."""

    def __init__(self) -> None:
        super().__init__()
        self.holding = 0
        self.most_held = 0
        self._count = threading.Lock()

    def respond(self, request: Request) -> tuple[int, Any]:
        with self._count:
            self.holding += 1
            self.most_held = max(self.most_held, self.holding)
        time.sleep(0.1)
        with self._count:
            self.holding -= 1
        if request.path == "/model/parse":
            return 200, {"text": request.json()["text"], "intent": {"name": "greet"}}
        return super().respond(request)


@pytest.fixture
def pair() -> Iterator[tuple[ScriptedRasa, ScriptedRasa]]:
    with ScriptedRasa() as first, ScriptedRasa() as second:
        yield first, second


def _senders_of(rasa: ScriptedRasa) -> set[str]:
    return {body["sender"] for body in rasa.received()}


async def test_each_conversation_sticks_to_one_server_and_they_spread(
    pair: tuple[ScriptedRasa, ScriptedRasa],
) -> None:
    client = RasaClient([server.url for server in pair], timeout=5.0)
    senders = [f"user-{number}" for number in range(20)]
    for _ in range(2):
        for sender in senders:
            await client.send(sender, "xin chào", metadata={})
    await client.aclose()
    first, second = (_senders_of(server) for server in pair)
    assert first and second and not first & second
    assert first | second == set(senders)
    # Another gateway worker or replica with the same servers routes the same way.
    other = RasaClient([server.url for server in reversed(pair)], timeout=5.0)
    assert all(other.servers_for(s)[0] == pair[0].url for s in first)
    await other.aclose()


@pytest.mark.parametrize("failure", ["refused", "500"])
async def test_another_server_takes_the_turn_when_the_conversations_one_fails(
    failure: str,
) -> None:
    with ScriptedRasa() as healthy, _FailingRasa(500) as failing:
        broken = failing.url if failure == "500" else f"http://127.0.0.1:{free_port()}"
        client = RasaClient([broken, healthy.url], timeout=5.0)
        sender = next(s for n in range(100)
                      if client.servers_for(s := f"user-{n}")[0] == broken)
        replies = await client.send(sender, "xin chào", metadata={})
        assert replies[0].text == "echo: xin chào"
        assert client.servers_for(sender)[0] == healthy.url  # the failed one waits
        await client.aclose()


async def test_a_request_error_is_not_sent_elsewhere() -> None:
    with _FailingRasa(400) as refusing, ScriptedRasa() as other:
        client = RasaClient([refusing.url, other.url], timeout=5.0)
        sender = next(s for n in range(100)
                      if client.servers_for(s := f"user-{n}")[0] == refusing.url)
        with pytest.raises(RasaUnavailableError):
            await client.send(sender, "xin chào", metadata={})
        assert other.received() == []
        await client.aclose()


async def test_every_server_down_is_unavailable() -> None:
    client = RasaClient(
        [f"http://127.0.0.1:{free_port()}", f"http://127.0.0.1:{free_port()}"], timeout=2.0
    )
    with pytest.raises(RasaUnavailableError):
        await client.send("u1", "xin chào", metadata={})
    await client.aclose()


async def test_turns_reach_a_server_a_few_at_a_time_in_order_of_arrival() -> None:
    with _SlowRasa() as rasa:
        client = RasaClient(rasa.url, timeout=5.0, turns_in_flight=2)
        turns = []
        for number in range(8):
            turns.append(asyncio.create_task(
                client.send(f"user-{number}", f"tin {number}", metadata={})
            ))
            await asyncio.sleep(0.01)  # they arrive one after another
        answers = await asyncio.gather(*turns)
        await client.aclose()
    assert [a[0].text for a in answers] == [f"echo: tin {n}" for n in range(8)]
    assert rasa.most_held == 2
    # The first two went in at once; from then on, in the order they came.
    assert [body["message"] for body in rasa.received()][2:] == [
        f"tin {n}" for n in range(2, 8)
    ]


async def test_the_staff_nlu_tester_does_not_wait_behind_the_turns() -> None:
    with _SlowRasa() as rasa:
        client = RasaClient(rasa.url, timeout=5.0, turns_in_flight=1)
        turns = [asyncio.create_task(client.send(f"user-{n}", "tin", metadata={}))
                 for n in range(4)]
        await asyncio.sleep(0.02)
        parse = asyncio.create_task(client.parse("xin chào"))
        assert (await parse)["intent"]["name"] == "greet"
        assert sum(not turn.done() for turn in turns) >= 2  # still queued
        await asyncio.gather(*turns)
        await client.aclose()
    assert rasa.most_held == 2  # the parse went in beside the one turn
