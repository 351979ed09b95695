"""Typed errors of recorded conversations."""

from assistant.errors import NotFoundError

__all__ = ["ConversationNotFoundError"]


class ConversationNotFoundError(NotFoundError):
    def __init__(self, conversation_id: int) -> None:
        super().__init__(
            f"Không có hội thoại số {conversation_id}.",
            f"There is no conversation {conversation_id}.",
        )
