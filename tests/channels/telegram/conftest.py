from collections.abc import AsyncIterator, Iterator
from typing import Any

import pytest

from assistant.channels.service import ChannelService
from assistant.channels.telegram.adapter import TelegramAdapter
from assistant.channels.telegram.settings import TelegramSettings
from tests.support.telegram_server import TelegramServer

SECRET = "webhook-secret_42"


def settings_for(api: TelegramServer, **overrides: Any) -> TelegramSettings:
    return TelegramSettings(
        bot_token=api.token, base_url=api.base_url, base_file_url=api.base_file_url,
        webhook_secret=SECRET, **overrides,
    )


@pytest.fixture
def telegram_api() -> Iterator[TelegramServer]:
    with TelegramServer() as server:
        yield server


@pytest.fixture
async def telegram(
    core: ChannelService, telegram_api: TelegramServer
) -> AsyncIterator[TelegramAdapter]:
    adapter = TelegramAdapter(settings_for(telegram_api), core)
    core.add(adapter)
    await core.start_adapters()
    yield adapter
    await adapter.aclose()
