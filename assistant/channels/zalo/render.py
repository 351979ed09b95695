"""Translation between the dialogue's replies and Zalo OA messages: 2,000-character
pieces, up to five buttons, and numbered options ("Trả lời 1, 2, 3…") when a message
has more buttons than Zalo shows."""

import hashlib
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from assistant.channels.splitting import split_text
from assistant.channels.texts import channel_text
from assistant.channels.zalo.models import ZaloButton, ZaloMessage
from assistant.channels.zalo.settings import ZaloSettings
from assistant.dialogue.models import BotMessage, ChatOut, Language

__all__ = ["Rendered", "button_key", "is_key", "render_reply"]

_KEY_PREFIX = "k:"

SaveKey = Callable[[str, str], Awaitable[None]]


@dataclass
class Rendered:
    messages: list[ZaloMessage] = field(default_factory=list)
    options: list[str] = field(default_factory=list)  # payload of option 1, 2, 3…


def button_key(payload: str) -> str:
    return _KEY_PREFIX + hashlib.sha256(payload.encode()).hexdigest()[:32]


def is_key(text: str) -> bool:
    return text.startswith(_KEY_PREFIX) and len(text) == len(_KEY_PREFIX) + 32


async def render_reply(reply: ChatOut, settings: ZaloSettings, save_key: SaveKey) -> Rendered:
    rendered = Rendered()
    for message in reply.messages:
        text = message.text.strip()
        buttons: list[ZaloButton] = []
        if len(message.buttons) > settings.max_buttons:
            text = _numbered(message, rendered.options, reply.language)
        elif message.buttons:
            buttons = [await _button(b.title, b.payload, settings, save_key)
                       for b in message.buttons]
        pieces = split_text(text, settings.max_text_chars)
        if not pieces and not buttons:
            continue
        if not pieces:
            pieces = [channel_text("choose_below", reply.language)]
        for piece in pieces[:-1]:
            rendered.messages.append({"text": piece})
        last: ZaloMessage = {"text": pieces[-1]}
        if buttons:
            last["attachment"] = {"type": "template", "payload": {"buttons": buttons}}
        rendered.messages.append(last)
    return rendered


def _numbered(message: BotMessage, options: list[str], language: Language) -> str:
    """The message with its buttons as a numbered list; numbering runs on across the
    reply and ``options`` collects the payloads in that order."""
    lines = [message.text.strip(), ""] if message.text.strip() else []
    for button in message.buttons:
        options.append(button.payload)
        lines.append(f"{len(options)}. {button.title}")
    lines.append(channel_text("reply_with_number", language))
    return "\n".join(lines)


async def _button(
    title: str, payload: str, settings: ZaloSettings, save_key: SaveKey
) -> ZaloButton:
    if len(payload) > settings.max_payload_chars or payload.startswith(_KEY_PREFIX):
        key = button_key(payload)
        await save_key(key, payload)
        payload = key
    limit = settings.max_button_title_chars
    title = title.strip() or payload
    if len(title) > limit:
        title = title[: limit - 1].rstrip() + "…"
    return {"title": title, "type": settings.button_type, "payload": payload}
