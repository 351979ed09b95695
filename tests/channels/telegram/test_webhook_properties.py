"""Telegram webhook bodies, property-based: with the right secret any body gets 200 or
a clear 422, never a 500; without it, 401 and nothing is read."""

import json
from typing import Any

import httpx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assistant.channels.telegram.adapter import TelegramAdapter
from tests.channels.telegram.conftest import SECRET
from tests.support.rasa_rest import ScriptedRasa

_JSON = st.recursive(
    st.none() | st.booleans() | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner,
                                                                 max_size=4),
    max_leaves=12,
)
_UPDATE = st.fixed_dictionaries(
    {"update_id": st.integers(min_value=-5, max_value=2**40)},
    optional={
        "message": st.one_of(_JSON, st.fixed_dictionaries({
            "message_id": st.integers(min_value=0, max_value=10**6),
            "date": st.integers(min_value=0, max_value=2**31),
            "chat": st.one_of(_JSON, st.fixed_dictionaries({
                "id": st.integers(), "type": st.sampled_from(["private", "group", "x"])})),
            "text": st.one_of(st.text(max_size=60), _JSON),
        })),
        "callback_query": _JSON,
        "edited_message": _JSON,
    },
)
_FUZZ = settings(max_examples=40, deadline=None,
                 suppress_health_check=[HealthCheck.function_scoped_fixture])


@_FUZZ
@given(body=st.one_of(st.binary(max_size=200), _JSON.map(lambda v: json.dumps(v).encode()),
                      _UPDATE.map(lambda v: json.dumps(v).encode()),
                      st.just(b"[" * 20_000)))
async def test_any_body_with_the_secret_gets_a_clear_answer(
    gateway: httpx.AsyncClient, telegram: TelegramAdapter, rasa: ScriptedRasa, body: bytes,
) -> None:
    response = await gateway.post(
        "/channels/telegram/webhook", content=body,
        headers={"X-Telegram-Bot-Api-Secret-Token": SECRET, "content-type": "application/json"},
    )
    assert response.status_code in (200, 422), response.text
    assert "Traceback" not in response.text
    await telegram.drain()


@_FUZZ
@given(update=_UPDATE)
async def test_without_the_secret_nothing_is_read(
    gateway: httpx.AsyncClient, telegram: TelegramAdapter, rasa: ScriptedRasa,
    update: dict[str, Any],
) -> None:
    response = await gateway.post("/channels/telegram/webhook", json=update)
    assert response.status_code == 401
    await telegram.drain()
    assert rasa.received() == []
