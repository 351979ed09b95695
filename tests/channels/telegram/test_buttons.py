"""Buttons ↔ inline keyboards: payloads go out as callback data (long ones behind a
stored key) and come back to the dialogue as the message text when tapped."""

from typing import Any

import httpx

from assistant.channels.telegram.adapter import TelegramAdapter
from tests.channels.telegram.conftest import SECRET
from tests.support.rasa_rest import ScriptedRasa
from tests.support.telegram_server import TelegramServer, callback_update, message_update

CHAT = 777002
CHOOSE = '/choose_procedure{"procedure_code":"1.001193"}'
LONG = '/choose_procedure{"procedure_code":"1.001193","agency":"Sở Tư pháp tỉnh Hà Tĩnh"}'


def _choices(text: str) -> list[dict[str, Any]]:
    if text.startswith("/"):
        return [{"text": f"chosen {text}"}]
    return [{
        "text": "Tôi tìm thấy các thủ tục sau:",
        "buttons": [{"title": "Cấp hộ chiếu phổ thông", "payload": CHOOSE},
                    {"title": "Cấp lại hộ chiếu (mất)", "payload": LONG},
                    {"title": "Lệ phí", "payload": "/ask_fee"}],
    }]


async def _post(gateway: httpx.AsyncClient, update: dict[str, Any]) -> None:
    response = await gateway.post("/channels/telegram/webhook", json=update,
                                  headers={"X-Telegram-Bot-Api-Secret-Token": SECRET})
    assert response.status_code == 200, response.text


async def test_buttons_round_trip(
    gateway: httpx.AsyncClient, telegram: TelegramAdapter, telegram_api: TelegramServer,
    rasa: ScriptedRasa,
) -> None:
    rasa.script = _choices
    await _post(gateway, message_update(CHAT, "tôi muốn làm hộ chiếu"))
    await telegram.drain()
    [offer] = telegram_api.sent(CHAT)
    buttons = [b for row in offer["reply_markup"]["inline_keyboard"] for b in row]
    assert [b["text"] for b in buttons] == [
        "Cấp hộ chiếu phổ thông", "Cấp lại hộ chiếu (mất)", "Lệ phí"
    ]
    short, long_key, fee = (b["callback_data"] for b in buttons)
    assert short == CHOOSE and fee == "/ask_fee"
    assert len(LONG.encode()) > 64 and len(long_key.encode()) <= 64 and long_key != LONG

    for data, payload in ((long_key, LONG), (short, CHOOSE)):
        await _post(gateway, callback_update(CHAT, data, message=dict(offer)))
        await telegram.drain()
        assert rasa.received()[-1]["message"] == payload
        assert telegram_api.sent(CHAT)[-1]["text"] == f"chosen {payload}"

    assert len(telegram_api.calls("answerCallbackQuery")) == 2
    # The tapped button is ticked in place; the others stay usable.
    edits = telegram_api.calls("editMessageReplyMarkup")
    assert len(edits) == 2 and edits[-1]["message_id"] == offer["message_id"]
    marked = [b["text"] for row in edits[-1]["reply_markup"]["inline_keyboard"] for b in row]
    assert marked == ["✓ Cấp hộ chiếu phổ thông", "Cấp lại hộ chiếu (mất)", "Lệ phí"]


async def test_an_unknown_button_key_is_answered_not_guessed(
    gateway: httpx.AsyncClient, telegram: TelegramAdapter, telegram_api: TelegramServer,
    rasa: ScriptedRasa,
) -> None:
    await _post(gateway, callback_update(CHAT, "k:" + "0" * 32))
    await telegram.drain()
    [answer] = telegram_api.calls("answerCallbackQuery")
    assert "hết hạn" in answer["text"]
    assert rasa.received() == []


async def test_language_picker_buttons_switch_the_language(
    gateway: httpx.AsyncClient, telegram: TelegramAdapter, rasa: ScriptedRasa
) -> None:
    await _post(gateway, callback_update(CHAT, '/change_language{"language":"en"}'))
    await telegram.drain()
    assert rasa.received()[-1]["message"] == '/change_language{"language":"en"}'
