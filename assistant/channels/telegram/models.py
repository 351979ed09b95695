"""Edge types of the Telegram channel. Incoming updates are python-telegram-bot's own
typed ``Update``; these are what we keep and answer."""

from typing import Any, Literal, NotRequired, TypedDict

__all__ = ["SendMessagePayload"]


class SendMessagePayload(TypedDict):
    """One ``sendMessage`` call as stored in the outbox (plain text, no parse mode)."""

    method: Literal["sendMessage"]
    text: str
    reply_markup: NotRequired[dict[str, Any]]  # an InlineKeyboardMarkup as JSON
