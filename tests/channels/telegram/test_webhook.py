"""Telegram webhook: secret verification, dedupe, the turn, commands (``/stop`` ends
the chat's dossier notifications), content we cannot read."""

import json
from datetime import date
from typing import Any

import httpx
import pytest
from sqlalchemy import Engine

from assistant.channels.service import ChannelService
from assistant.channels.telegram.adapter import TelegramAdapter
from assistant.dossiers.channel_sender import ChannelTextSender
from assistant.dossiers.models import DossierIn, DossierStatus
from assistant.dossiers.service import DEMO_DATA, DossierService
from assistant.dossiers.settings import DossierSettings
from tests.channels.telegram.conftest import SECRET, settings_for
from tests.support.rasa_rest import ScriptedRasa
from tests.support.telegram_server import TelegramServer, message_update, sticker_update

CHAT = 555001


async def _post(
    gateway: httpx.AsyncClient, update: dict[str, Any], secret: str | None = SECRET
) -> httpx.Response:
    headers = {"X-Telegram-Bot-Api-Secret-Token": secret} if secret is not None else {}
    return await gateway.post("/channels/telegram/webhook", json=update, headers=headers)


@pytest.mark.parametrize("secret", [None, "", "wrong-secret", SECRET + "x"])
async def test_forged_webhooks_are_rejected(
    gateway: httpx.AsyncClient, telegram: TelegramAdapter, rasa: ScriptedRasa,
    secret: str | None,
) -> None:
    response = await _post(gateway, message_update(CHAT, "xin chào"), secret)
    assert response.status_code == 401
    assert response.json()["code"] == "webhook_rejected"
    await telegram.drain()
    assert rasa.received() == []


async def test_disabled_channels_answer_404(gateway: httpx.AsyncClient) -> None:
    response = await _post(gateway, message_update(CHAT, "xin chào"))
    assert response.status_code == 404
    assert response.json()["code"] == "channel_disabled"
    response = await gateway.post("/channels/zalo/webhook", content=b"{}")
    assert response.status_code == 404


async def test_malformed_update_is_refused(
    gateway: httpx.AsyncClient, telegram: TelegramAdapter
) -> None:
    response = await gateway.post(
        "/channels/telegram/webhook", content=b"not json",
        headers={"X-Telegram-Bot-Api-Secret-Token": SECRET},
    )
    assert response.status_code == 422


async def test_a_message_is_answered_through_the_dialogue(
    gateway: httpx.AsyncClient, telegram: TelegramAdapter, telegram_api: TelegramServer,
    rasa: ScriptedRasa,
) -> None:
    response = await _post(gateway, message_update(CHAT, "tôi muốn làm hộ chiếu"))
    assert response.status_code == 200 and response.json() == {"ok": True}
    await telegram.drain()
    [received] = rasa.received()
    assert received["sender"] == f"telegram:{CHAT}"
    assert received["message"] == "tôi muốn làm hộ chiếu"
    assert received["metadata"]["channel"] == "telegram"
    [sent] = telegram_api.sent(CHAT)
    assert sent["text"] == "echo: tôi muốn làm hộ chiếu"
    assert "parse_mode" not in telegram_api.calls("sendMessage")[0]  # plain text


async def test_a_retried_update_is_processed_once(
    gateway: httpx.AsyncClient, telegram: TelegramAdapter, telegram_api: TelegramServer,
    rasa: ScriptedRasa,
) -> None:
    update = message_update(CHAT, "lệ phí bao nhiêu")
    for _ in range(3):  # Telegram redelivers when it did not see our 200 in time
        assert (await _post(gateway, update)).status_code == 200
    await telegram.drain()
    assert len(rasa.received()) == 1
    assert len(telegram_api.sent(CHAT)) == 1


async def test_duplicate_and_out_of_order_updates_are_each_processed_once(
    gateway: httpx.AsyncClient, telegram: TelegramAdapter, telegram_api: TelegramServer,
    rasa: ScriptedRasa,
) -> None:
    first, second, third = (message_update(CHAT, f"câu hỏi {n}") for n in (1, 2, 3))
    for update in (third, first, third, second, first, second):
        assert (await _post(gateway, update)).status_code == 200
    await telegram.drain()
    assert sorted(body["message"] for body in rasa.received()) == [
        "câu hỏi 1", "câu hỏi 2", "câu hỏi 3"]
    assert len(telegram_api.sent(CHAT)) == 3


async def test_start_deep_link_context_goes_with_every_message(
    gateway: httpx.AsyncClient, telegram: TelegramAdapter, rasa: ScriptedRasa
) -> None:
    await _post(gateway, message_update(CHAT, "/start counter_Q3__agency_STP__evil_x"))
    await telegram.drain()
    await _post(gateway, message_update(CHAT, "cần giấy tờ gì"))
    await telegram.drain()
    start, follow_up = rasa.received()
    assert start["message"] == "/greet"
    expected = {"counter": "Q3", "agency": "STP"}
    assert start["metadata"]["context"] == expected
    assert follow_up["metadata"]["context"] == expected
    await _post(gateway, message_update(CHAT + 1, "xin chào"))
    await telegram.drain()
    assert rasa.received(f"telegram:{CHAT + 1}")[0]["metadata"]["context"] == {}


async def test_help_and_language_commands(
    gateway: httpx.AsyncClient, telegram: TelegramAdapter, telegram_api: TelegramServer,
    rasa: ScriptedRasa,
) -> None:
    for text in ("/help", "/language en", "/unknown_command"):
        await _post(gateway, message_update(CHAT, text))
        await telegram.drain()
    assert [r["message"] for r in rasa.received()] == [
        "/help", '/change_language{"language":"en"}', "/help"
    ]
    await _post(gateway, message_update(CHAT, "/language"))
    await telegram.drain()
    picker = telegram_api.sent(CHAT)[-1]
    assert "Choose the language" in picker["text"]
    buttons = [b for row in picker["reply_markup"]["inline_keyboard"] for b in row]
    assert [b["callback_data"] for b in buttons] == [
        '/change_language{"language":"vi"}', '/change_language{"language":"en"}'
    ]
    assert len(rasa.received()) == 3  # the picker is the channel's own message


async def test_stickers_get_a_polite_answer_in_the_chats_language(
    gateway: httpx.AsyncClient, telegram: TelegramAdapter, telegram_api: TelegramServer,
    rasa: ScriptedRasa,
) -> None:
    await _post(gateway, sticker_update(CHAT))
    await telegram.drain()
    assert "chỉ đọc được tin nhắn chữ" in telegram_api.sent(CHAT)[-1]["text"]
    rasa.language[f"telegram:{CHAT}"] = "en"  # the conversation switched to English
    await _post(gateway, message_update(CHAT, "hello"))
    await telegram.drain()
    await _post(gateway, sticker_update(CHAT))
    await telegram.drain()
    assert "only read text messages" in telegram_api.sent(CHAT)[-1]["text"]
    assert [r["message"] for r in rasa.received()] == ["hello"]


async def test_webhook_is_registered_with_its_secret_at_start(
    core: ChannelService, telegram_api: TelegramServer
) -> None:
    adapter = TelegramAdapter(
        settings_for(telegram_api, webhook_url="https://example.org/channels/telegram/webhook"),
        core,
    )
    await adapter.start()
    await adapter.aclose()
    assert telegram_api.webhook["url"] == "https://example.org/channels/telegram/webhook"
    assert telegram_api.webhook["secret_token"] == SECRET
    assert json.dumps(telegram_api.webhook["allowed_updates"]) == '["message", "callback_query"]'


async def test_stop_unsubscribes_the_chat_from_dossier_notifications(
    gateway: httpx.AsyncClient, telegram: TelegramAdapter, telegram_api: TelegramServer,
    rasa: ScriptedRasa, core: ChannelService, engine: Engine,
) -> None:
    dossiers = DossierService.create(
        DossierSettings(), engine, sender=ChannelTextSender(core)
    )
    core.on_unsubscribe(dossiers.unsubscribe_chat)  # as the gateway's container wires it
    dossiers.import_file(DEMO_DATA, is_demo=True)
    codes = ("H22.45-240105-0003", "000.00.15.H22-231004-0012")
    for code in codes:
        await dossiers.subscribe(code, channel="telegram", recipient_id=f"telegram:{CHAT}",
                                 language="vi")
    await dossiers.subscribe(codes[0], channel="telegram", recipient_id=f"telegram:{CHAT + 1}",
                             language="vi")

    await _post(gateway, message_update(CHAT, "/stop"))
    await telegram.drain()
    assert "Đã tắt thông báo" in telegram_api.sent(CHAT)[-1]["text"]
    for code in codes:
        assert not dossiers.notifications.is_subscribed(
            code, channel="telegram", recipient_id=f"telegram:{CHAT}")
    assert dossiers.notifications.is_subscribed(  # another chat keeps its own
        codes[0], channel="telegram", recipient_id=f"telegram:{CHAT + 1}")
    rasa.language[f"telegram:{CHAT}"] = "en"
    await _post(gateway, message_update(CHAT, "hello"))
    await telegram.drain()
    await _post(gateway, message_update(CHAT, "/stop"))
    await telegram.drain()
    assert "nothing to stop" in telegram_api.sent(CHAT)[-1]["text"]
    assert [r["message"] for r in rasa.received(f"telegram:{CHAT}")] == ["hello"]
    result = await dossiers.push(codes[0], DossierIn(
        procedure_name="Thủ tục đăng ký khai sinh", agency="UBND phường Hồng Hải",
        received_on=date(2024, 1, 5), status=DossierStatus.RESULT_READY,
    ))
    assert result.notifications == 1  # only the other chat
    assert len(telegram_api.sent(CHAT)) == 3
    assert "Đã có kết quả" in telegram_api.sent(CHAT + 1)[-1]["text"]
    await dossiers.aclose()
