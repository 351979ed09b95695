"""What one channel contributes to the gateway. ``channels.registry`` lists the
entries; the settings, the app and the feedback QR codes read them from there."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from pydantic import BaseModel

from assistant.channels.settings import PlatformSettings
from assistant.feedback.settings import FeedbackSettings

if TYPE_CHECKING:
    from assistant.channels.service import ChannelAdapter, ChannelService

__all__ = ["ChannelEntry", "DeepLink"]

S = TypeVar("S", bound=PlatformSettings)

DeepLink = Callable[[FeedbackSettings, str], "str | None"]
"""A chat link carrying a start code (``counter_Q3``…), from the feedback settings that
name the bot; None when they do not."""


@dataclass(frozen=True)
class ChannelEntry(Generic[S]):
    """One platform.

    ``name`` is at once the prefix of its sender ids (``telegram:<chat>``), its outbox
    key, its webhook path (``POST /channels/<name>/webhook``) and its settings group
    (``ASSISTANT_<NAME>__*``). ``build_adapter`` imports the platform's library only
    when the channel is on."""

    name: str
    title: str  # as the gateway's messages name it
    settings: type[S]
    build_adapter: Callable[[S, "ChannelService"], "ChannelAdapter"]
    deep_link: DeepLink | None = None
    deep_link_setting: str = ""  # the variable that turns the deep link on
    pushes_notifications: bool = False  # can deliver dossier status changes by itself

    def settings_of(self, settings: BaseModel) -> S:
        """This channel's group of the one ``Settings`` object."""
        group: Any = getattr(settings, self.name)
        if not isinstance(group, self.settings):
            raise TypeError(f"settings.{self.name} is not {self.settings.__name__}")
        return group
