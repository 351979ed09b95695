"""Feedback and satisfaction: ratings collected in the chat and from QR codes at the
counters, "was this helpful?" answer feedback, the staff summary and the printable QR
sheets.

Public API: :class:`FeedbackService` (built by the app container), the edge types the
chat hands in, the reading of a rating, reasons, a contact or a stop from free text,
the reasons offered per rating, and :func:`context_from_start_code` for channel
adapters that receive a deep link's start code (Telegram ``/start``, Zalo).
"""

from assistant.feedback.errors import FeedbackRateLimitedError
from assistant.feedback.limiter import FeedbackKind
from assistant.feedback.links import context_from_start_code, start_code
from assistant.feedback.models import (
    AnswerFeedbackIn,
    FeedbackContext,
    FeedbackDraft,
    FeedbackStatus,
)
from assistant.feedback.parsing import parse_contact, parse_control, parse_rating, parse_reasons
from assistant.feedback.reasons import Reason, reason, reasons_for_rating
from assistant.feedback.service import FeedbackService

__all__ = [
    "AnswerFeedbackIn",
    "FeedbackContext",
    "FeedbackDraft",
    "FeedbackKind",
    "FeedbackRateLimitedError",
    "FeedbackService",
    "FeedbackStatus",
    "Reason",
    "context_from_start_code",
    "parse_contact",
    "parse_control",
    "parse_rating",
    "parse_reasons",
    "reason",
    "reasons_for_rating",
    "start_code",
]
