"""Zalo webhook bodies, property-based: unsigned or signed, any JSON (or none) gets
200 or a 401/422 with a message, never a 500; nothing unsigned reaches the dialogue."""

import json
import time
from typing import Any

import httpx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assistant.channels.service import ChannelService
from assistant.channels.zalo.adapter import ZaloAdapter
from tests.support.rasa_rest import ScriptedRasa
from tests.support.zalo_server import ZaloServer, signed_event

_JSON = st.recursive(
    st.none() | st.booleans() | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner,
                                                                 max_size=4),
    max_leaves=12,
)
_EVENT = st.fixed_dictionaries(
    {"timestamp": st.just("NOW")},
    optional={
        "event_name": st.sampled_from(["user_send_text", "follow", "user_send_image", ""]),
        "sender": st.one_of(_JSON, st.fixed_dictionaries({"id": st.text(max_size=20)})),
        "message": st.one_of(_JSON, st.fixed_dictionaries({"text": st.text(max_size=50)})),
        "extra": _JSON,
    },
)
_FUZZ = settings(max_examples=40, deadline=None,
                 suppress_health_check=[HealthCheck.function_scoped_fixture])


@_FUZZ
@given(body=st.one_of(st.binary(max_size=300), _JSON.map(lambda v: json.dumps(v).encode())),
       signature=st.one_of(st.none(), st.text(max_size=80)))
async def test_unsigned_bodies_never_reach_the_dialogue(
    gateway: httpx.AsyncClient, zalo: ZaloAdapter, rasa: ScriptedRasa, core: ChannelService,
    body: bytes, signature: str | None,
) -> None:
    headers = {"content-type": "application/json"}
    if signature is not None and signature.isprintable() and signature.isascii():
        headers["X-ZEvent-Signature"] = signature
    response = await gateway.post("/channels/zalo/webhook", content=body, headers=headers)
    assert response.status_code == 401, response.text
    assert response.json()["code"] == "webhook_rejected"
    await core.drain()
    assert rasa.received() == []


@_FUZZ
@given(event=_EVENT)
async def test_signed_events_of_any_shape_get_a_clear_answer(
    gateway: httpx.AsyncClient, zalo: ZaloAdapter, zalo_api: ZaloServer, core: ChannelService,
    event: dict[str, Any],
) -> None:
    event = {**event, "timestamp": str(int(time.time() * 1000))}
    body, headers = signed_event(event, app_id=zalo_api.app_id,
                                 oa_secret_key=zalo_api.oa_secret_key)
    response = await gateway.post("/channels/zalo/webhook", content=body, headers=headers)
    assert response.status_code in (200, 401), response.text
    assert "Traceback" not in response.text
    await core.drain()
