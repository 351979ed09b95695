"""Reads each answer of the feedback form (rating, reasons, comment, contact), lets the
person skip a step or stop, and saves what was given after every answer. A round is
counted against the feedback limits when it opens: a refused one ends at once, before
the person types anything, and a round under way is never cut off."""

import asyncio
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import FormValidationAction

from actions.support.feedback_texts import feedback_text
from actions.support.feedback_tracker import (
    FORM_SLOTS,
    RATE_LIMITED,
    admit_feedback,
    draft_from_slots,
    feedback_context,
)
from actions.support.services import ActionServices
from actions.support.texts import language_of
from assistant.feedback import (
    FeedbackRateLimitedError,
    FeedbackStatus,
    parse_contact,
    parse_control,
    parse_rating,
    parse_reasons,
    reason,
)

_Slots = dict[str, Any]


class ValidateFeedbackForm(FormValidationAction):
    def __init__(self, services: ActionServices) -> None:
        self._services = services

    def name(self) -> str:
        return "validate_feedback_form"

    async def required_slots(
        self,
        domain_slots: list[str],
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: dict[str, Any],
    ) -> list[str]:
        """Nothing more once the person stopped; the contact only when there is
        something to reply to (a rating of 3 or less, or a comment)."""
        if tracker.slots.get("feedback_stopped"):
            return []
        rating = tracker.slots.get("feedback_rating")
        if isinstance(rating, int) and rating >= 4 and not tracker.slots.get("feedback_comment"):
            return [s for s in domain_slots if s != "feedback_contact"]
        return domain_slots

    def validate_feedback_rating(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> _Slots:
        is_opening = _is_opening(tracker)
        entity = next(tracker.get_latest_entity_values("rating"), None)
        if is_opening and entity is None:
            return {"feedback_rating": None}  # a value left from earlier: ask afresh
        rating = parse_rating(str(entity if entity is not None else value))
        if rating is not None:
            return {"feedback_rating": rating}
        if parse_control(str(value)) is not None:
            return {"feedback_rating": None, "feedback_stopped": True}
        if not is_opening:
            language = language_of(tracker.get_slot("language"))
            dispatcher.utter_message(text=feedback_text("not_a_rating", language))
        return {"feedback_rating": None}

    def validate_feedback_reasons(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> _Slots:
        if _is_opening(tracker):  # a value left from earlier: only the opening words count
            return {"feedback_reasons": _opening_reasons(tracker)}
        chosen = [str(v) for v in tracker.get_latest_entity_values("feedback_reason")]
        if chosen:
            return {"feedback_reasons": [c for c in chosen if reason(c) is not None]}
        text = str(value[-1] if isinstance(value, list) and value else value or "")
        codes = parse_reasons(text)
        if codes:
            return {"feedback_reasons": codes}
        control = parse_control(text)
        if control is not None:
            return {"feedback_reasons": [], "feedback_stopped": control == "stop"}
        # Words that name no chip are the person's own reason: keep them as the comment.
        return {"feedback_reasons": [], "feedback_comment": text[:4000]}

    def validate_feedback_comment(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> _Slots:
        if _is_opening(tracker):
            return {"feedback_comment": None}  # a value left from earlier
        text = str(value or "")
        control = parse_control(text)
        if control is not None:
            return {"feedback_comment": "", "feedback_stopped": control == "stop"}
        reasons = list(tracker.slots.get("feedback_reasons") or [])
        extra = [c for c in parse_reasons(text) if c not in reasons]
        return {"feedback_comment": text[:4000],
                **({"feedback_reasons": reasons + extra} if extra else {})}

    def validate_feedback_contact(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> _Slots:
        if _is_opening(tracker):
            return {"feedback_contact": None}  # a value left from earlier
        text = str(value or "")
        control = parse_control(text)
        if control is not None:
            return {"feedback_contact": "", "feedback_stopped": control == "stop"}
        contact = parse_contact(text)
        if contact is None:
            language = language_of(tracker.get_slot("language"))
            dispatcher.utter_message(text=feedback_text("not_a_contact", language))
        return {"feedback_contact": contact}

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        opening: list[dict[str, Any]] = []
        if _is_opening(tracker):
            try:
                await admit_feedback(self._services, tracker, "round")
            except FeedbackRateLimitedError as exc:
                return _refused(exc, dispatcher, tracker)
            # A new round: forget the last one's record, and keep the opening words
            # ("cán bộ rất nhiệt tình") with the reasons they name.
            fresh = {"feedback_id": None, "feedback_stopped": None,
                     "feedback_opening": _opening_text(tracker),
                     "feedback_reasons": _opening_reasons(tracker),
                     "feedback_comment": None, "feedback_contact": None}
            opening = [SlotSet(name, value) for name, value in fresh.items()]
            tracker.slots.update(fresh)
        events = [*opening, *await super().run(dispatcher, tracker, domain)]
        slots = {**tracker.slots, **{e["name"]: e["value"] for e in events if e["event"] == "slot"}}
        required = await self.required_slots(
            list(FORM_SLOTS), dispatcher, _with_slots(tracker, slots), domain
        )
        status: FeedbackStatus = ("stopped" if slots.get("feedback_stopped") else
                  "complete" if all(slots.get(s) is not None for s in required) else "partial")
        feedback_id = await asyncio.to_thread(
            self._services.feedback.save,
            slots.get("feedback_id"),
            feedback_context(tracker),
            draft_from_slots(slots),
            status=status,
        )
        if feedback_id is not None and feedback_id != slots.get("feedback_id"):
            events.append(SlotSet("feedback_id", feedback_id))
        return events


def _refused(
    exc: FeedbackRateLimitedError, dispatcher: CollectingDispatcher, tracker: Tracker
) -> list[dict[str, Any]]:
    """Say why, and end the form at once: nothing of this round is asked or kept."""
    dispatcher.utter_message(text=exc.message(language_of(tracker.get_slot("language"))))
    return [*(SlotSet(name, None) for name in (*FORM_SLOTS, "feedback_id")),
            SlotSet("feedback_stopped", RATE_LIMITED),
            SlotSet("requested_slot", None)]


def _is_opening(tracker: Tracker) -> bool:
    """The form is being activated (no question asked yet in this round)."""
    return tracker.slots.get("requested_slot") is None


def _opening_text(tracker: Tracker) -> str | None:
    text = str(tracker.latest_message.get("text") or "")
    return text[:4000] if text and not text.startswith("/") else None


def _opening_reasons(tracker: Tracker) -> list[str] | None:
    return parse_reasons(_opening_text(tracker) or "") or None


def _with_slots(tracker: Tracker, slots: _Slots) -> Tracker:
    tracker.slots.update(slots)
    return tracker
