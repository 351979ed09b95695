"""Zalo OA webhook: signature and age checks, dedupe by msg_id, the turn, content we
cannot read, events that need no answer, the words that stop notifications."""

import time

import httpx
import pytest
from sqlalchemy import Engine

from assistant.channels.service import ChannelService
from assistant.channels.zalo.adapter import ZaloAdapter
from assistant.dossiers.channel_sender import ChannelTextSender
from assistant.dossiers.service import DEMO_DATA, DossierService
from assistant.dossiers.settings import DossierSettings
from tests.channels.zalo.conftest import post_event
from tests.support.rasa_rest import ScriptedRasa
from tests.support.zalo_server import ZaloServer, signed_event, sticker_event, text_event

USER = "6142494823000000001"


async def test_a_text_is_answered_through_the_dialogue(
    gateway: httpx.AsyncClient, zalo: ZaloAdapter, zalo_api: ZaloServer, rasa: ScriptedRasa,
    core: ChannelService,
) -> None:
    event = text_event(USER, "tôi muốn làm hộ chiếu", app_id=zalo_api.app_id)
    response = await post_event(gateway, zalo_api, event)
    assert response.status_code == 200 and response.json() == {"ok": True}
    await core.drain()
    [received] = rasa.received()
    assert received["sender"] == f"zalo:{USER}"
    assert received["metadata"]["channel"] == "zalo"
    assert zalo_api.sent(USER) == [{"text": "echo: tôi muốn làm hộ chiếu"}]


@pytest.mark.parametrize("forgery", ["missing", "wrong key", "tampered body", "no mac= prefix"])
async def test_forged_events_are_rejected(
    gateway: httpx.AsyncClient, zalo: ZaloAdapter, zalo_api: ZaloServer, rasa: ScriptedRasa,
    core: ChannelService, forgery: str,
) -> None:
    event = text_event(USER, "xin chào", app_id=zalo_api.app_id)
    body, headers = signed_event(event, app_id=zalo_api.app_id,
                                 oa_secret_key=zalo_api.oa_secret_key)
    if forgery == "missing":
        del headers["X-ZEvent-Signature"]
    elif forgery == "wrong key":
        _, headers = signed_event(event, app_id=zalo_api.app_id, oa_secret_key="guess")
    elif forgery == "tampered body":
        body = body.replace("xin chào".encode(), "chuyển tiền".encode())
    else:
        headers["X-ZEvent-Signature"] = headers["X-ZEvent-Signature"].removeprefix("mac=")
    response = await gateway.post("/channels/zalo/webhook", content=body, headers=headers)
    assert response.status_code == 401
    assert response.json()["code"] == "webhook_rejected"
    await core.drain()
    assert rasa.received() == [] and zalo_api.sent() == []


@pytest.mark.parametrize("age_seconds", [600, -600])
async def test_replayed_or_future_events_are_rejected(
    gateway: httpx.AsyncClient, zalo: ZaloAdapter, zalo_api: ZaloServer, age_seconds: int
) -> None:
    stamp = int((time.time() - age_seconds) * 1000)
    event = text_event(USER, "xin chào", app_id=zalo_api.app_id, timestamp_ms=stamp)
    response = await post_event(gateway, zalo_api, event)  # correctly signed, but old
    assert response.status_code == 401
    assert "stale" in response.json()["message"]


async def test_a_redelivered_event_is_processed_once(
    gateway: httpx.AsyncClient, zalo: ZaloAdapter, zalo_api: ZaloServer, rasa: ScriptedRasa,
    core: ChannelService,
) -> None:
    event = text_event(USER, "lệ phí bao nhiêu", app_id=zalo_api.app_id, msg_id="dup-1")
    for _ in range(3):
        assert (await post_event(gateway, zalo_api, event)).status_code == 200
    await core.drain()
    assert len(rasa.received()) == 1 and len(zalo_api.sent(USER)) == 1


async def test_duplicate_and_out_of_order_events_are_each_processed_once(
    gateway: httpx.AsyncClient, zalo: ZaloAdapter, zalo_api: ZaloServer, rasa: ScriptedRasa,
    core: ChannelService,
) -> None:
    now = int(time.time() * 1000)
    first, second = (
        text_event(USER, f"câu hỏi {n}", app_id=zalo_api.app_id, msg_id=f"order-{n}",
                   timestamp_ms=now + n)
        for n in (1, 2)
    )
    for event in (second, first, second, first):
        assert (await post_event(gateway, zalo_api, event)).status_code == 200
    await core.drain()
    assert sorted(body["message"] for body in rasa.received()) == ["câu hỏi 1", "câu hỏi 2"]
    assert len(zalo_api.sent(USER)) == 2


async def test_stickers_get_a_polite_answer_and_other_events_none(
    gateway: httpx.AsyncClient, zalo: ZaloAdapter, zalo_api: ZaloServer, rasa: ScriptedRasa,
    core: ChannelService,
) -> None:
    await post_event(gateway, zalo_api, sticker_event(USER, app_id=zalo_api.app_id))
    for name in ("follow", "user_seen_message", "oa_send_text"):
        event = text_event(USER, "", app_id=zalo_api.app_id)
        event["event_name"] = name
        assert (await post_event(gateway, zalo_api, event)).status_code == 200
    await core.drain()
    [answer] = zalo_api.sent(USER)
    assert "chỉ đọc được tin nhắn chữ" in answer["text"]
    assert rasa.received() == []


async def test_stop_words_unsubscribe_the_user_from_dossier_notifications(
    gateway: httpx.AsyncClient, zalo: ZaloAdapter, zalo_api: ZaloServer, rasa: ScriptedRasa,
    core: ChannelService, engine: Engine,
) -> None:
    dossiers = DossierService.create(DossierSettings(), engine, sender=ChannelTextSender(core))
    core.on_unsubscribe(dossiers.unsubscribe_chat)  # as the gateway's container wires it
    dossiers.import_file(DEMO_DATA, is_demo=True)
    code = "H22.45-240105-0003"
    await dossiers.subscribe(code, channel="zalo", recipient_id=f"zalo:{USER}", language="vi")

    event = text_event(USER, "Tắt thông báo", app_id=zalo_api.app_id, msg_id="stop-1")
    await post_event(gateway, zalo_api, event)
    await core.drain()
    assert "Đã tắt thông báo" in zalo_api.sent(USER)[-1]["text"]
    assert not dossiers.notifications.is_subscribed(
        code, channel="zalo", recipient_id=f"zalo:{USER}")
    await post_event(gateway, zalo_api, text_event(USER, "stop", app_id=zalo_api.app_id,
                                                   msg_id="stop-2"))
    await core.drain()
    assert "không có gì cần tắt" in zalo_api.sent(USER)[-1]["text"]
    assert rasa.received() == []  # stop words never reach the dialogue
    await dossiers.aclose()


@pytest.mark.parametrize(
    "body",
    [b'{"timestamp": "1700000000000", "x": ' + b"[" * 60_000, b"\xff not json", b"[]"],
)
async def test_unsigned_bodies_are_rejected_before_any_parsing(
    gateway: httpx.AsyncClient, zalo: ZaloAdapter, body: bytes
) -> None:
    # A deeply nested body once reached json.loads unsigned (and failed with a 500).
    response = await gateway.post(
        "/channels/zalo/webhook", content=body,
        headers={"X-ZEvent-Signature": "mac=" + "0" * 64, "content-type": "application/json"},
    )
    assert response.status_code == 401
    assert "invalid signature" in response.json()["message"]
