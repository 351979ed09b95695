"""Conversation ids of the public chat API, kept apart from the channels' own.

Telegram and Zalo conversations are ``telegram:<chat>`` and ``zalo:<user>``. An id a
web or API client chooses carries no ``:`` and lives under ``api:`` server-side, so no
client can write into (or read the subscriptions of) another channel's conversation."""

__all__ = ["API_SENDER_PATTERN", "api_conversation_id"]

# Letters, digits, ``_ . @ -``; the ``:`` is reserved for the server-side namespaces.
API_SENDER_PATTERN = r"^[\w.@-]+$"


def api_conversation_id(sender_id: str) -> str:
    """The id Rasa, the notifications and the limits know a web/API conversation by."""
    return f"api:{sender_id}"
