"""Settings of the Telegram channel (``ASSISTANT_TELEGRAM__*``); off until a bot token
is set."""

import hashlib
import hmac
from typing import Literal

from pydantic import Field

from assistant.channels.settings import PlatformSettings

__all__ = ["TelegramSettings"]


class TelegramSettings(PlatformSettings):
    bot_token: str = ""  # from @BotFather; empty → the channel is off
    mode: Literal["off", "webhook", "polling"] = "webhook"
    # Public HTTPS URL of POST /channels/telegram/webhook, registered with setWebhook at
    # start-up; empty → not registered (register it yourself, or use polling locally).
    webhook_url: str = ""
    # X-Telegram-Bot-Api-Secret-Token; empty → derived from the bot token, so every
    # replica agrees on it without extra configuration.
    webhook_secret: str = Field(default="", pattern=r"^[A-Za-z0-9_-]{0,256}$")
    base_url: str = "https://api.telegram.org/bot"  # PTB's base_url (Bot API server)
    base_file_url: str = "https://api.telegram.org/file/bot"
    timeout_seconds: float = Field(default=10.0, gt=0)
    polling_timeout_seconds: int = Field(default=10, ge=0)  # long polling (getUpdates)

    @property
    def is_enabled(self) -> bool:
        return bool(self.bot_token) and self.mode != "off"

    def several_workers_problem(self) -> str | None:
        if self.mode == "polling" and self.bot_token:
            return (
                "Telegram polling takes updates in one process: use "
                "ASSISTANT_TELEGRAM__MODE=webhook with several gateway workers"
            )
        return None

    @property
    def effective_webhook_secret(self) -> str:
        if self.webhook_secret:
            return self.webhook_secret
        return hmac.new(
            self.bot_token.encode(), b"assistant-telegram-webhook", hashlib.sha256
        ).hexdigest()
