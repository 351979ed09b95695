"""Replies reach Telegram despite failures: split to the length limit, retried with
backoff, kept in the outbox when they cannot be sent, never sent twice."""

import logging
from typing import Any

import httpx
import pytest
from sqlalchemy import Engine, select

from assistant.channels.service import ChannelService
from assistant.channels.splitting import utf16_length
from assistant.channels.tables import OutboxReply
from assistant.channels.telegram.adapter import TelegramAdapter
from assistant.dialogue.service import DialogueService
from tests.channels.conftest import FAST_RETRIES
from tests.channels.telegram.conftest import SECRET, settings_for
from tests.support.rasa_rest import ScriptedRasa
from tests.support.telegram_server import TelegramServer, message_update

CHAT = 880003


async def _say(gateway: httpx.AsyncClient, telegram: TelegramAdapter, text: str) -> None:
    response = await gateway.post(
        "/channels/telegram/webhook", json=message_update(CHAT, text),
        headers={"X-Telegram-Bot-Api-Secret-Token": SECRET},
    )
    assert response.status_code == 200
    await telegram.drain()


def _outbox(engine: Engine) -> list[Any]:
    with engine.connect() as connection:
        return list(connection.execute(select(OutboxReply).order_by(OutboxReply.id)))


async def test_long_replies_are_split_to_telegrams_limit(
    gateway: httpx.AsyncClient, telegram: TelegramAdapter, telegram_api: TelegramServer,
    rasa: ScriptedRasa,
) -> None:
    paragraph = "📄 Hồ sơ gồm tờ khai, ảnh chân dung và bản sao giấy tờ tùy thân. " * 20
    long_text = "\n\n".join([paragraph.strip()] * 8)  # ~11,000 characters with emoji
    rasa.script = lambda _: [{"text": long_text,
                              "buttons": [{"title": "Lệ phí", "payload": "/ask_fee"}]}]
    await _say(gateway, telegram, "hồ sơ cần gì")
    pieces = telegram_api.sent(CHAT)
    assert len(pieces) == 3
    assert all(utf16_length(p["text"]) <= 4096 for p in pieces)
    assert " ".join(p["text"] for p in pieces).split() == long_text.split()
    assert [("reply_markup" in p) for p in pieces] == [False, False, True]


async def test_a_failed_send_is_retried_and_logged(
    gateway: httpx.AsyncClient, telegram: TelegramAdapter, telegram_api: TelegramServer,
    engine: Engine, caplog: pytest.LogCaptureFixture,
) -> None:
    telegram_api.fail("sendMessage", 500)
    with caplog.at_level(logging.WARNING, logger="assistant.channels.outbox"):
        await _say(gateway, telegram, "gọi tôi số 0912345678")
    [sent] = telegram_api.sent(CHAT)
    assert sent["text"] == "echo: gọi tôi số 0912345678"
    [row] = _outbox(engine)
    assert row.sent_at is not None and row.attempts == 2 and row.last_error is None
    [warning] = [r for r in caplog.records if "not sent" in r.getMessage()]
    assert "attempt 1/3" in warning.getMessage()
    assert "0912345678" not in caplog.text


async def test_a_refused_reply_is_kept_in_the_outbox_and_not_retried(
    gateway: httpx.AsyncClient, telegram: TelegramAdapter, telegram_api: TelegramServer,
    engine: Engine, core: ChannelService,
) -> None:
    telegram_api.fail("sendMessage", 403, description="Forbidden: bot was blocked by the user")
    await _say(gateway, telegram, "xin chào")
    [row] = _outbox(engine)
    assert row.sent_at is None and row.attempts == 1
    assert row.last_error.startswith("permanent: Forbidden")
    assert row.payload["text"] == "echo: xin chào"
    assert await core.outbox.retry_pending() == 0
    assert telegram_api.sent(CHAT) == []


async def test_an_outage_keeps_replies_in_order_for_the_background_retry(
    gateway: httpx.AsyncClient, telegram: TelegramAdapter, telegram_api: TelegramServer,
    engine: Engine, core: ChannelService, rasa: ScriptedRasa,
) -> None:
    rasa.script = lambda text: [{"text": f"{text} 1"}, {"text": f"{text} 2"}]
    telegram_api.fail("sendMessage", 502, 502, 502, description="Bad Gateway")  # all 3 tries
    await _say(gateway, telegram, "reply")
    assert telegram_api.sent(CHAT) == []
    first, second = _outbox(engine)
    assert (first.attempts, second.attempts) == (3, 0)  # the second waits behind the first
    assert first.last_error and "Bad Gateway" in first.last_error
    assert await core.outbox.retry_pending() == 2
    assert [m["text"] for m in telegram_api.sent(CHAT)] == ["reply 1", "reply 2"]
    assert await core.outbox.retry_pending() == 0  # nothing is sent twice


async def test_the_background_loop_sends_what_was_kept(
    engine: Engine, dialogue: DialogueService, telegram_api: TelegramServer
) -> None:
    settings = FAST_RETRIES.model_copy(update={"outbox_retry_interval_seconds": 0.05})
    core = ChannelService(engine, dialogue=dialogue, settings=settings)
    core.add(TelegramAdapter(settings_for(telegram_api), core))
    await core.start_adapters()
    telegram_api.fail("sendMessage", 500, 500, 500)
    payload = {"method": "sendMessage", "text": "kept for later"}
    assert not await core.outbox.deliver("telegram", str(CHAT), [payload])
    core.start()
    await telegram_api.until(lambda: telegram_api.sent(CHAT), what="the retried reply")
    await core.aclose()
    assert [m["text"] for m in telegram_api.sent(CHAT)] == ["kept for later"]
    assert [row.sent_at is not None for row in _outbox(engine)] == [True]
