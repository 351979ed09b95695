"""Telegram and Zalo carry the same conversation as the web chat (need → choose →
follow-up, in Vietnamese and English) through the real gateway and the real Rasa
server; the platforms are local servers speaking the Bot API and the OA API."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import httpx
import pytest

from assistant.runtime.stack import Stack
from tests.support.stack import WEBHOOK_SECRET as SECRET
from tests.support.stack import LocalPlatforms
from tests.support.telegram_server import TelegramServer, callback_update, message_update
from tests.support.zalo_server import ZaloServer, signed_event, text_event

pytestmark = pytest.mark.integration

TURN_TIMEOUT = 90.0
# Several birth registration procedures score close together, so the assistant offers
# a choice (need → choose → follow-up) with the shipped thresholds.
VI_NEED = "tôi muốn đăng ký khai sinh cho con"


@dataclass
class Platforms:
    stack: Stack
    gateway: httpx.Client
    telegram: TelegramServer
    zalo: ZaloServer


@pytest.fixture
def platforms(
    stack: Stack, gateway: httpx.Client, local_platforms: LocalPlatforms
) -> Platforms:
    """The session's gateway and Rasa server, with the local Telegram and Zalo servers."""
    return Platforms(stack, gateway, local_platforms.telegram, local_platforms.zalo)


def _after(
    server: TelegramServer | ZaloServer, sent: Callable[[], list[dict[str, Any]]],
    seen: int, check: Callable[[dict[str, Any]], bool], what: str,
) -> dict[str, Any]:
    """The first message after the ``seen`` first ones that passes ``check``."""
    found: dict[str, Any] = server.wait_until(
        lambda: next((m for m in sent()[seen:] if check(m)), None),
        timeout=TURN_TIMEOUT, what=what,
    )
    return found


def _title(text: str) -> str:
    assert "📄" in text, text
    return text.split("📄", 1)[1].splitlines()[0].strip()


def _telegram_buttons(message: dict[str, Any]) -> list[dict[str, str]]:
    markup = message.get("reply_markup") or {}
    return [b for row in markup.get("inline_keyboard", []) for b in row]


def _telegram_conversation(
    p: Platforms, chat: int, need: str, fee_question: str, fee_header: str
) -> str:
    api = p.telegram

    def post(update: dict[str, Any]) -> int:
        seen = len(api.sent(chat))
        response = p.gateway.post("/channels/telegram/webhook", json=update,
                                  headers={"X-Telegram-Bot-Api-Secret-Token": SECRET})
        assert response.status_code == 200, response.text
        return seen

    def sent() -> list[dict[str, Any]]:
        return api.sent(chat)

    seen = post(message_update(chat, need))
    offer = _after(api, sent, seen, lambda m: any(
        b["callback_data"].startswith("/choose_procedure") for b in _telegram_buttons(m)
    ), "procedure choices")
    first = next(b for b in _telegram_buttons(offer)
                 if b["callback_data"].startswith("/choose_procedure"))
    seen = post(callback_update(chat, first["callback_data"], message=dict(offer)))
    summary = _after(api, sent, seen, lambda m: "📄" in m["text"], "the procedure summary")
    title = _title(summary["text"])
    assert {b["callback_data"] for b in _telegram_buttons(summary)} >= {"/ask_fee"}
    seen = post(message_update(chat, fee_question))
    _after(api, sent, seen, lambda m: fee_header in m["text"] and title in m["text"], "the fee")
    assert all(len(m["text"]) <= 4096 for m in sent())
    return title


def test_telegram_conversation_in_vietnamese(platforms: Platforms) -> None:
    api = platforms.telegram
    assert api.webhook["secret_token"] == SECRET  # registered at start-up
    title = _telegram_conversation(
        platforms, 710001, VI_NEED, "lệ phí bao nhiêu", "Lệ phí"
    )
    assert "khai sinh" in title.lower()
    assert api.calls("answerCallbackQuery")
    [edit] = [e for e in api.calls("editMessageReplyMarkup") if e["chat_id"] == 710001]
    ticked = [b["text"] for row in edit["reply_markup"]["inline_keyboard"] for b in row]
    assert ticked[0].startswith("✓ ")


def test_telegram_conversation_in_english(platforms: Platforms) -> None:
    title = _telegram_conversation(
        platforms, 710002, "I need to register the birth of my child", "how much does it cost",
        "Fee",
    )
    assert "khai sinh" in title.lower()  # official titles stay Vietnamese


def test_telegram_deep_link_context_reaches_rasa(platforms: Platforms) -> None:
    chat = 710003
    api = platforms.telegram
    response = platforms.gateway.post(
        "/channels/telegram/webhook", json=message_update(chat, "/start counter_Q3"),
        headers={"X-Telegram-Bot-Api-Secret-Token": SECRET},
    )
    assert response.status_code == 200
    greeting = _after(api, lambda: api.sent(chat), 0, lambda m: bool(m["text"]), "a greeting")
    assert "Xin chào" in greeting["text"]
    tracker = httpx.get(
        f"{platforms.stack.settings.rasa.url}/conversations/telegram:{chat}/tracker",
        params={"token": platforms.stack.settings.rasa.token}, timeout=10.0,
    ).json()
    user_events = [e for e in tracker["events"] if e["event"] == "user"]
    assert user_events[-1]["metadata"]["context"] == {"counter": "Q3"}


def test_forged_telegram_update_is_rejected(platforms: Platforms) -> None:
    response = platforms.gateway.post(
        "/channels/telegram/webhook", json=message_update(710004, "xin chào"),
        headers={"X-Telegram-Bot-Api-Secret-Token": "forged"},
    )
    assert response.status_code == 401


def _zalo_conversation(
    p: Platforms, user: str, need: str, fee_question: str, fee_header: str
) -> str:
    api = p.zalo

    def say(text: str) -> int:
        seen = len(api.sent(user))
        event = text_event(user, text, app_id=api.app_id)
        body, headers = signed_event(event, app_id=api.app_id, oa_secret_key=api.oa_secret_key)
        response = p.gateway.post("/channels/zalo/webhook", content=body, headers=headers)
        assert response.status_code == 200, response.text
        return seen

    def sent() -> list[dict[str, Any]]:
        return api.sent(user)

    def buttons(message: dict[str, Any]) -> list[dict[str, str]]:
        return list(((message.get("attachment") or {}).get("payload") or {}).get("buttons", []))

    seen = say(need)
    offer = _after(api, sent, seen, lambda m: any(
        b["payload"].startswith("/choose_procedure") for b in buttons(m)
    ), "procedure choices")
    assert len(buttons(offer)) <= 5
    # A tap on an oa.query button reaches the webhook as a text whose text is the payload.
    seen = say(buttons(offer)[0]["payload"])
    summary = _after(api, sent, seen, lambda m: "📄" in m["text"], "the procedure summary")
    title = _title(summary["text"])
    seen = say(fee_question)
    _after(api, sent, seen, lambda m: fee_header in m["text"] and title in m["text"], "the fee")
    assert all(len(m["text"]) <= 2000 for m in sent())
    return title


def test_zalo_conversation_in_vietnamese(platforms: Platforms) -> None:
    user = "7001000000000000001"
    title = _zalo_conversation(platforms, user, VI_NEED, "lệ phí bao nhiêu",
                               "Lệ phí")
    assert "khai sinh" in title.lower()
    # The summary's seven follow-ups are more than Zalo's five buttons: numbered options.
    summary = next(m for m in platforms.zalo.sent(user) if "📄" in m["text"])
    assert "Trả lời 1, 2, 3…" in summary["text"]


def test_zalo_conversation_in_english(platforms: Platforms) -> None:
    title = _zalo_conversation(platforms, "7001000000000000002",
                               "I need to register the birth of my child",
                               "how much does it cost", "Fee")
    assert "khai sinh" in title.lower()
