"""Status-change notifications sent through the channels' outbox (Telegram, Zalo).

Channel adapters name a chat ``"<channel>:<platform id>"`` as sender and address
replies to the platform id; a notification goes to the same chat, in order with
the conversation's own replies."""

from typing import Protocol

__all__ = ["ChannelTextSender"]


class _Channels(Protocol):
    async def notify(
        self, channel: str, sender_id: str, *, recipient_id: str, payloads: list[dict[str, str]]
    ) -> None: ...


class ChannelTextSender:
    def __init__(self, channels: _Channels) -> None:
        self._channels = channels

    async def send_text(self, channel: str, recipient_id: str, text: str) -> None:
        """``recipient_id`` is the conversation's sender id, as subscribed."""
        prefix = f"{channel}:"
        platform_id = recipient_id.removeprefix(prefix)
        await self._channels.notify(
            channel, recipient_id, recipient_id=platform_id, payloads=[{"text": text}]
        )
