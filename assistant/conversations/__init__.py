"""What citizens asked and what the assistant answered, turn by turn, with personal
data masked before it is stored; read by staff in the console.

Public API: :class:`ConversationService` (built by the app container), the turn the
gateway records (:class:`RecordedTurn`), the staff query and its pages, and
:func:`mask_conversation_text`. The router (``assistant.conversations.router``) is
imported by the app.
"""

from assistant.conversations.masking import mask_conversation_text
from assistant.conversations.models import (
    ConversationDetail,
    ConversationOut,
    ConversationPage,
    ConversationQuery,
    RecordedTurn,
    TurnOut,
)
from assistant.conversations.service import ConversationService

__all__ = [
    "ConversationDetail",
    "ConversationOut",
    "ConversationPage",
    "ConversationQuery",
    "ConversationService",
    "RecordedTurn",
    "TurnOut",
    "mask_conversation_text",
]
