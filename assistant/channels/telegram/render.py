"""Translation between the dialogue's replies and Telegram messages: 4,096-character
pieces, inline keyboards whose callback data carries the button payload, and the
``/start`` deep-link parameter."""

import hashlib
import re
from collections.abc import Awaitable, Callable
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from assistant.channels.splitting import split_text, utf16_length
from assistant.channels.telegram.models import SendMessagePayload
from assistant.channels.texts import channel_text
from assistant.dialogue.models import Button, ChatOut

__all__ = [
    "MAX_CALLBACK_BYTES",
    "MAX_TEXT",
    "button_key",
    "callback_data",
    "mark_pressed",
    "parse_start_parameter",
    "render_reply",
]

MAX_TEXT = 4096  # Bot API: message text, in UTF-16 code units after entity parsing
MAX_CALLBACK_BYTES = 64  # Bot API: callback_data, 1–64 bytes
_KEY_PREFIX = "k:"
_PRESSED = "✓ "
# Deep links (t.me/<bot>?start=…) allow [A-Za-z0-9_-], 64 characters: pairs
# ``key_value`` joined by ``__``, e.g. ``mode_feedback__counter_Q3`` (the feedback QR
# codes' start code, see assistant.feedback.links). Only known keys count.
_CONTEXT_KEYS = frozenset({"mode", "counter", "agency", "procedure", "source"})
_VALUE = re.compile(r"^[A-Za-z0-9-][A-Za-z0-9_-]{0,63}$")

SaveKey = Callable[[str, str], Awaitable[None]]


def button_key(payload: str) -> str:
    """The short callback data standing for a payload too long for Telegram."""
    return _KEY_PREFIX + hashlib.sha256(payload.encode()).hexdigest()[:32]


async def callback_data(payload: str, save_key: SaveKey) -> str:
    """``payload`` itself when it fits 64 bytes, else a short key saved for the tap."""
    if len(payload.encode()) <= MAX_CALLBACK_BYTES and not payload.startswith(_KEY_PREFIX):
        return payload
    key = button_key(payload)
    await save_key(key, payload)
    return key


def is_key(data: str) -> bool:
    return data.startswith(_KEY_PREFIX)


async def render_reply(reply: ChatOut, save_key: SaveKey) -> list[SendMessagePayload]:
    """``sendMessage`` payloads for a reply: long texts split, a message's buttons as an
    inline keyboard (one per row: procedure titles are long) under its last piece."""
    payloads: list[SendMessagePayload] = []
    for message in reply.messages:
        keyboard = await _keyboard(message.buttons, save_key) if message.buttons else None
        pieces = split_text(message.text, MAX_TEXT, length=utf16_length)
        if not pieces and keyboard is None:
            continue
        if not pieces:  # buttons without text: under the previous message, or announced
            if payloads and "reply_markup" not in payloads[-1]:
                payloads[-1]["reply_markup"] = keyboard  # type: ignore[typeddict-item]
                continue
            pieces = [channel_text("choose_below", reply.language)]
        for index, piece in enumerate(pieces):
            payload: SendMessagePayload = {"method": "sendMessage", "text": piece}
            if keyboard is not None and index == len(pieces) - 1:
                payload["reply_markup"] = keyboard
            payloads.append(payload)
    return payloads


async def _keyboard(buttons: list[Button], save_key: SaveKey) -> dict[str, Any]:
    rows = [
        [InlineKeyboardButton(b.title[:200] or b.payload[:64],
                              callback_data=await callback_data(b.payload, save_key))]
        for b in buttons
    ]
    return InlineKeyboardMarkup(rows).to_dict()


def mark_pressed(markup: InlineKeyboardMarkup, data: str) -> InlineKeyboardMarkup:
    """The keyboard with the tapped button ticked (and earlier ticks removed), so the
    chat shows what was chosen while the other buttons stay usable."""
    rows = []
    for row in markup.inline_keyboard:
        new_row = []
        for button in row:
            text = button.text.removeprefix(_PRESSED)
            if button.callback_data == data:
                text = _PRESSED + text
            new_row.append(InlineKeyboardButton(text, callback_data=button.callback_data,
                                                url=button.url))
        rows.append(new_row)
    return InlineKeyboardMarkup(rows)


def parse_start_parameter(parameter: str) -> dict[str, str]:
    """Context carried by a deep link: ``counter_Q3`` → ``{"counter": "Q3"}``. Unknown
    keys and malformed pairs are ignored (anyone can craft a link)."""
    context: dict[str, str] = {}
    for pair in parameter[:64].split("__"):
        key, _, value = pair.partition("_")
        if key in _CONTEXT_KEYS and _VALUE.match(value):
            context[key] = value
    return context
