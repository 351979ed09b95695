"""Feedback and satisfaction: ratings collected in the chat and from QR codes at the
counters, "was this helpful?" answer feedback, the staff summary and the printable QR
sheets.

Public API: :class:`FeedbackService` (built by the app container), the edge types of
:mod:`assistant.feedback.models`, and :func:`context_from_start_code` for channel
adapters that receive a deep link's start code (Telegram ``/start``, Zalo).
"""

from assistant.feedback.links import context_from_start_code, start_code
from assistant.feedback.service import FeedbackService

__all__ = ["FeedbackService", "context_from_start_code", "start_code"]
