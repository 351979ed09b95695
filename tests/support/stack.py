"""Settings and a running stack (real Rasa server + real gateway) for integration tests."""

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from assistant.channels.settings import ChannelSettings
from assistant.channels.telegram.settings import TelegramSettings
from assistant.channels.zalo.settings import ZaloSettings
from assistant.handover.settings import HandoverSettings
from assistant.runtime.stack import Stack
from assistant.settings import RasaSettings, ServerSettings, Settings
from tests.support.ports import free_port
from tests.support.telegram_server import TelegramServer
from tests.support.zalo_server import ZaloServer

WEBHOOK_SECRET = "integration-webhook-secret"
# The session stack's handover desk: open at any hour (tests run at night too) and quick
# to time out, so the handover tests need no stack of their own.
INTEGRATION_HANDOVER = HandoverSettings(
    opening_hours="always", unclaimed_timeout_seconds=20.0, check_interval_seconds=1.0
)


@dataclass
class LocalPlatforms:
    """Local servers speaking the Telegram Bot API and the Zalo OA API."""

    telegram: TelegramServer
    zalo: ZaloServer


def integration_settings(data_dir: Path) -> Settings:
    """Fresh ports and data folder; the trained models (in the shared cache) and the
    index are the project's, built once by `assistant prepare`."""
    rasa_port = free_port()
    return Settings(
        data_dir=data_dir,
        server=ServerSettings(port=free_port()),
        rasa=RasaSettings(
            url=f"http://127.0.0.1:{rasa_port}",
            port=rasa_port,
        ),
    )


def with_platforms(settings: Settings, platforms: LocalPlatforms) -> Settings:
    """``settings`` with the Telegram and Zalo channels pointed at the local servers
    and the handover desk of the integration tests."""
    telegram, zalo = platforms.telegram, platforms.zalo
    return settings.model_copy(update={
        "telegram": TelegramSettings(
            bot_token=telegram.token, base_url=telegram.base_url,
            base_file_url=telegram.base_file_url, webhook_secret=WEBHOOK_SECRET,
            webhook_url="https://assistant.example.org/channels/telegram/webhook",
        ),
        "zalo": ZaloSettings(**zalo.settings()),
        "channels": ChannelSettings(retry_backoff_seconds=0.2),
        "handover": INTEGRATION_HANDOVER,
    })


@contextmanager
def running_stack(settings: Settings, *, with_rasa: bool = True) -> Iterator[Stack]:
    stack = Stack(settings)
    try:
        stack.start_gateway()
        if with_rasa:
            stack.start_rasa()
            stack.wait_ready(timeout=300)
        yield stack
    finally:
        stack.stop()
