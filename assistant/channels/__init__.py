"""Channels: adapters between platforms (Telegram, Zalo) and the one internal message
type, around a core that dedupes deliveries, orders each chat's turns and sends replies
through the outbox. They hold no dialogue logic.

The registry (``CHANNELS``) lists every platform; ``channels.assembly`` builds the core
from the settings and ``channels.router`` serves the webhooks (both import the settings,
so they are not re-exported here)."""

from assistant.channels.entry import ChannelEntry, DeepLink
from assistant.channels.errors import (
    ChannelDisabledError,
    ChannelNotReadyError,
    WebhookRejectedError,
)
from assistant.channels.models import WebhookOut
from assistant.channels.outbox import DeliveryError, Sender
from assistant.channels.registry import CHANNELS, channel_entry, notifying_channels
from assistant.channels.service import (
    ChannelAdapter,
    ChannelService,
    Dialogue,
    Payload,
    Unsubscriber,
)
from assistant.channels.settings import ChannelSettings, PlatformSettings
from assistant.channels.splitting import split_text, utf16_length
from assistant.channels.texts import channel_text

__all__ = [
    "CHANNELS",
    "ChannelAdapter",
    "ChannelDisabledError",
    "ChannelEntry",
    "ChannelNotReadyError",
    "ChannelService",
    "ChannelSettings",
    "DeepLink",
    "DeliveryError",
    "Dialogue",
    "Payload",
    "PlatformSettings",
    "Sender",
    "Unsubscriber",
    "WebhookOut",
    "WebhookRejectedError",
    "channel_entry",
    "channel_text",
    "notifying_channels",
    "split_text",
    "utf16_length",
]
