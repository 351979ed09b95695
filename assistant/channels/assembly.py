"""The channel core built from the settings: an adapter for each registered channel
they enable, and each channel's deep link for the feedback QR codes."""

from functools import partial

from sqlalchemy import Engine

from assistant.channels.registry import CHANNELS
from assistant.channels.service import ChannelService, Dialogue
from assistant.feedback.links import ChannelLink
from assistant.settings import Settings

__all__ = ["build_channels", "channel_links"]


def build_channels(settings: Settings, *, engine: Engine, dialogue: Dialogue) -> ChannelService:
    """The channel core with an adapter for each platform the settings enable."""
    service = ChannelService(engine, dialogue=dialogue, settings=settings.channels)
    for entry in CHANNELS:
        group = entry.settings_of(settings)
        if group.is_enabled:
            service.add(entry.build_adapter(group, service))
    return service


def channel_links(settings: Settings) -> dict[str, ChannelLink]:
    """Channel name → how its chat link carries a feedback QR code's start code."""
    return {
        entry.name: ChannelLink(
            title=entry.title, setting=entry.deep_link_setting,
            build=partial(entry.deep_link, settings.feedback),
        )
        for entry in CHANNELS
        if entry.deep_link is not None
    }
