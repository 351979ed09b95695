"""What the feedback actions read from a conversation: the QR context, the channel,
the procedure and dossier in focus, and the answers given so far."""

import asyncio
from typing import Any

from rasa_sdk import Tracker

from actions.support.services import ActionServices
from actions.support.texts import language_of
from assistant.feedback import FeedbackContext, FeedbackDraft, FeedbackKind

__all__ = [
    "FORM_SLOTS",
    "RATE_LIMITED",
    "admit_feedback",
    "draft_from_slots",
    "feedback_context",
    "qr_context",
]

FORM_SLOTS = ("feedback_rating", "feedback_reasons", "feedback_comment", "feedback_contact")
RATE_LIMITED = "rate_limited"  # ``feedback_stopped`` when the round was refused
_CONTEXT_KEYS = ("mode", "counter", "agency", "handover")


def qr_context(tracker: Tracker) -> dict[str, str]:
    """The newest counter context of the conversation: the widget sends it with every
    message, a channel may send it once (a deep link's start), so look back for it."""
    for event in reversed(tracker.events):
        if event.get("event") != "user":
            continue
        context = (event.get("metadata") or {}).get("context") or {}
        found = {k: str(context[k])[:64] for k in _CONTEXT_KEYS if context.get(k)}
        if found:
            return found
    return {}


def feedback_context(tracker: Tracker) -> FeedbackContext:
    context = qr_context(tracker)
    metadata = tracker.latest_message.get("metadata") or {}
    return FeedbackContext(
        conversation=tracker.sender_id,
        channel=str(metadata.get("channel") or "api")[:32],
        language=language_of(tracker.get_slot("language")),
        agency=context.get("agency"),
        counter=context.get("counter"),
        procedure_code=_text(tracker.get_slot("procedure_code")),
        dossier_code=_text(tracker.get_slot("dossier_code")),
        is_from_qr=context.get("mode") == "feedback",
        # The gateway asks for a rating when an officer closes a handover.
        handover_id=int(handover) if (handover := context.get("handover", "")).isdigit()
        else None,
    )


async def admit_feedback(services: ActionServices, tracker: Tracker, kind: FeedbackKind) -> None:
    """Count this feedback against the limits per conversation and per client address
    (the gateway puts the address in the metadata); raises ``FeedbackRateLimitedError``."""
    metadata = tracker.latest_message.get("metadata") or {}
    client_ip = metadata.get("client_ip") if isinstance(metadata, dict) else None
    await asyncio.to_thread(
        services.feedback.admit, kind, sender_id=tracker.sender_id,
        client_ip=str(client_ip) if client_ip else None,
    )


def draft_from_slots(slots: dict[str, Any]) -> FeedbackDraft:
    """The answers so far; "" and [] mark a skipped step and count as nothing."""
    rating = slots.get("feedback_rating")
    return FeedbackDraft(
        rating=rating if isinstance(rating, int) and 1 <= rating <= 5 else None,
        reasons=[str(r) for r in slots.get("feedback_reasons") or [] if isinstance(r, str)],
        comment=_text(slots.get("feedback_comment"), limit=4000),
        contact=_text(slots.get("feedback_contact"), limit=200),
        opening_text=_text(slots.get("feedback_opening"), limit=4000),
    )


def _text(value: Any, *, limit: int = 64) -> str | None:
    return str(value)[:limit] if isinstance(value, str) and value.strip() else None
