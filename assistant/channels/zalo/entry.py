"""The Zalo OA channel as the registry lists it."""

from typing import TYPE_CHECKING

from assistant.channels.entry import ChannelEntry
from assistant.channels.zalo.settings import ZaloSettings
from assistant.feedback.settings import FeedbackSettings

if TYPE_CHECKING:
    from assistant.channels.service import ChannelAdapter, ChannelService

__all__ = ["ZALO"]


def _adapter(settings: ZaloSettings, core: "ChannelService") -> "ChannelAdapter":
    from assistant.channels.zalo.adapter import ZaloAdapter

    return ZaloAdapter(settings, core)


def _deep_link(feedback: FeedbackSettings, start_code: str) -> str | None:
    """The deployer's link template (an OA chat link itself has no documented way to
    carry context), with ``{start}`` replaced by the start code."""
    template = feedback.zalo_link_template
    return template.replace("{start}", start_code) if template else None


ZALO = ChannelEntry(
    name="zalo",
    title="Zalo",
    settings=ZaloSettings,
    build_adapter=_adapter,
    deep_link=_deep_link,
    deep_link_setting="ASSISTANT_FEEDBACK__ZALO_LINK_TEMPLATE",
    pushes_notifications=True,
)
