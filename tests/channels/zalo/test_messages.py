"""Replies as Zalo messages: buttons (at most five, titles cut to Zalo's limit),
numbered options beyond that, 2,000-character pieces."""

from typing import Any

import httpx

from assistant.channels.service import ChannelService
from assistant.channels.zalo.adapter import ZaloAdapter
from tests.channels.zalo.conftest import post_event
from tests.support.rasa_rest import ScriptedRasa
from tests.support.zalo_server import ZaloServer, text_event

USER = "6142494823000000002"
CHOOSE = '/choose_procedure{"procedure_code":"1.001193"}'


async def _say(
    gateway: httpx.AsyncClient, api: ZaloServer, core: ChannelService, text: str
) -> None:
    response = await post_event(gateway, api, text_event(USER, text, app_id=api.app_id))
    assert response.status_code == 200
    await core.drain()


def _buttons(count: int) -> list[dict[str, Any]]:
    long_title = "Cấp hộ chiếu phổ thông ở trong nước cho công dân Việt Nam " * 3
    return [{"title": long_title if i == 0 else f"Thủ tục {i + 1}",
             "payload": CHOOSE if i == 0 else f"/ask_{i + 1}"} for i in range(count)]


async def test_buttons_round_trip(
    gateway: httpx.AsyncClient, zalo: ZaloAdapter, zalo_api: ZaloServer, rasa: ScriptedRasa,
    core: ChannelService,
) -> None:
    rasa.script = lambda text: (
        [{"text": "Chọn thủ tục:", "buttons": _buttons(3)}] if text == "hộ chiếu"
        else [{"text": f"chosen {text}"}]
    )
    await _say(gateway, zalo_api, core, "hộ chiếu")
    [offer] = zalo_api.sent(USER)
    assert offer["text"] == "Chọn thủ tục:"
    buttons = offer["attachment"]["payload"]["buttons"]
    assert offer["attachment"]["type"] == "template"
    assert [b["payload"] for b in buttons] == [CHOOSE, "/ask_2", "/ask_3"]
    assert {b["type"] for b in buttons} == {"oa.query.show"}
    assert len(buttons[0]["title"]) == 100 and buttons[0]["title"].endswith("…")
    # A tap comes back as a user_send_text whose text is the payload.
    await _say(gateway, zalo_api, core, buttons[0]["payload"])
    assert rasa.received()[-1]["message"] == CHOOSE
    assert zalo_api.sent(USER)[-1] == {"text": f"chosen {CHOOSE}"}


async def test_more_buttons_than_zalo_shows_become_numbered_options(
    gateway: httpx.AsyncClient, zalo: ZaloAdapter, zalo_api: ZaloServer, rasa: ScriptedRasa,
    core: ChannelService,
) -> None:
    rasa.script = lambda text: (
        [{"text": "Tôi tìm thấy các thủ tục sau:", "buttons": _buttons(7)}]
        if text == "đăng ký" else [{"text": f"chosen {text}"}]
    )
    await _say(gateway, zalo_api, core, "đăng ký")
    [offer] = zalo_api.sent(USER)
    assert "attachment" not in offer
    lines = offer["text"].splitlines()
    assert lines[2].startswith("1. Cấp hộ chiếu") and lines[8] == "7. Thủ tục 7"
    assert lines[-1] == "Trả lời 1, 2, 3… để chọn."
    await _say(gateway, zalo_api, core, " 1 ")
    assert rasa.received()[-1]["message"] == CHOOSE
    # The chosen reply had no options: a number is just a number again.
    await _say(gateway, zalo_api, core, "7")
    assert rasa.received()[-1]["message"] == "7"


async def test_long_replies_are_split_to_zalos_limit(
    gateway: httpx.AsyncClient, zalo: ZaloAdapter, zalo_api: ZaloServer, rasa: ScriptedRasa,
    core: ChannelService,
) -> None:
    text = "Hồ sơ gồm: tờ khai, ảnh chân dung, bản sao giấy tờ. " * 100  # ~5,300 characters
    rasa.script = lambda _: [{"text": text, "buttons": _buttons(2)}]
    await _say(gateway, zalo_api, core, "hồ sơ")
    pieces = zalo_api.sent(USER)
    assert len(pieces) == 3 and all(len(p["text"]) <= 2000 for p in pieces)
    assert " ".join(p["text"] for p in pieces).split() == text.split()
    assert ["attachment" in p for p in pieces] == [False, False, True]
