"""Every channel the gateway can run, one line each.

Adding a channel: a folder under ``assistant/channels/`` with its settings, adapter and
``entry.py``, and its line in ``CHANNELS``. Its settings group, webhook route, QR deep
link and dossier notifications follow from the entry."""

from typing import Any

from assistant.channels.entry import ChannelEntry
from assistant.channels.telegram.entry import TELEGRAM
from assistant.channels.zalo.entry import ZALO

__all__ = ["CHANNELS", "channel_entry", "notifying_channels"]

CHANNELS: tuple[ChannelEntry[Any], ...] = (
    TELEGRAM,
    ZALO,
)


def channel_entry(name: str) -> ChannelEntry[Any] | None:
    return next((entry for entry in CHANNELS if entry.name == name), None)


def notifying_channels() -> str:
    """The channels that deliver dossier notifications themselves, comma-separated (the
    default of ``ASSISTANT_DOSSIERS__PUSH_CHANNELS``)."""
    return ",".join(entry.name for entry in CHANNELS if entry.pushes_notifications)
