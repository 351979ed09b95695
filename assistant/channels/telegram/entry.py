"""The Telegram channel as the registry lists it."""

from typing import TYPE_CHECKING

from assistant.channels.entry import ChannelEntry
from assistant.channels.telegram.settings import TelegramSettings
from assistant.feedback.settings import FeedbackSettings

if TYPE_CHECKING:
    from assistant.channels.service import ChannelAdapter, ChannelService

__all__ = ["TELEGRAM"]


def _adapter(settings: TelegramSettings, core: "ChannelService") -> "ChannelAdapter":
    from assistant.channels.telegram.adapter import TelegramAdapter

    return TelegramAdapter(settings, core)


def _deep_link(feedback: FeedbackSettings, start_code: str) -> str | None:
    """``t.me/<bot>?start=<code>``: Telegram sends ``/start <code>`` when the chat opens."""
    bot = feedback.telegram_bot_username.lstrip("@")
    return f"https://t.me/{bot}?start={start_code}" if bot else None


TELEGRAM = ChannelEntry(
    name="telegram",
    title="Telegram",
    settings=TelegramSettings,
    build_adapter=_adapter,
    deep_link=_deep_link,
    deep_link_setting="ASSISTANT_FEEDBACK__TELEGRAM_BOT_USERNAME",
    pushes_notifications=True,
)
