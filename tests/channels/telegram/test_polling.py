"""Polling mode (local use without a public URL): updates come from getUpdates."""

from assistant.channels.service import ChannelService
from assistant.channels.telegram.adapter import TelegramAdapter
from tests.channels.telegram.conftest import settings_for
from tests.support.rasa_rest import ScriptedRasa
from tests.support.telegram_server import TelegramServer, message_update


async def test_polling_gets_updates_from_the_api(
    core: ChannelService, telegram_api: TelegramServer, rasa: ScriptedRasa
) -> None:
    adapter = TelegramAdapter(
        settings_for(telegram_api, mode="polling", polling_timeout_seconds=1), core
    )
    core.add(adapter)
    await core.start_adapters()
    assert not adapter.accepts_webhooks
    telegram_api.push_update(message_update(990004, "đăng ký khai sinh"))
    await telegram_api.until(lambda: telegram_api.sent(990004), what="the reply")
    await adapter.aclose()
    assert telegram_api.calls("deleteWebhook")  # polling and a webhook exclude each other
    assert rasa.received()[0]["message"] == "đăng ký khai sinh"
    assert telegram_api.sent(990004)[0]["text"] == "echo: đăng ký khai sinh"
