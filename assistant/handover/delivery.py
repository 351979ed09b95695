"""Messages to the citizen outside a conversation turn: pushed through the channel's
outbox (Telegram, Zalo), or queued for chats that poll (the widget,
``GET /api/chat/updates``)."""

import asyncio
from typing import Protocol

from assistant.dialogue.models import BotMessage, ChatOut, Language
from assistant.handover.store import HandoverStore

__all__ = ["CitizenDelivery"]


class _Channels(Protocol):
    def adapter(self, name: str) -> object | None: ...

    async def notify(
        self, channel: str, sender_id: str, *, recipient_id: str, payloads: list[dict[str, str]]
    ) -> None: ...

    async def deliver_reply(self, channel: str, sender_id: str, reply: ChatOut) -> None: ...


class CitizenDelivery:
    def __init__(self, store: HandoverStore, channels: _Channels | None) -> None:
        self._store = store
        self._channels = channels

    async def send(
        self, channel: str, sender_id: str, messages: list[BotMessage], *,
        author: str = "bot", label: str = "", language: Language = "vi",
    ) -> None:
        """``label`` prefixes the text on push channels (who speaks: the widget shows it
        from ``author``)."""
        if not messages:
            return
        if self._channels is not None and self._channels.adapter(channel) is not None:
            if any(m.buttons for m in messages):  # the channel's own buttons or options
                await self._channels.deliver_reply(
                    channel, sender_id, ChatOut(messages=messages, language=language))
                return
            # Adapters name a chat "<channel>:<platform id>" and address the platform id.
            await self._channels.notify(
                channel, sender_id, recipient_id=sender_id.removeprefix(f"{channel}:"),
                payloads=[{"text": label + m.text} for m in messages])
            return
        for message in messages:
            await asyncio.to_thread(
                self._store.push_update, sender_id, author, message.text,
                [b.model_dump() for b in message.buttons])

