"""Thanks the person when the feedback form ends (finished or stopped) and clears the
form for a next round. The record itself was saved answer by answer; a round refused
by the feedback limits was already explained by the form."""

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.support.feedback_texts import feedback_text
from actions.support.feedback_tracker import FORM_SLOTS, RATE_LIMITED, draft_from_slots
from actions.support.services import ActionServices
from actions.support.texts import language_of

_RESET = (*FORM_SLOTS, "feedback_id", "feedback_opening", "feedback_stopped")


class ActionSubmitFeedback(Action):
    def __init__(self, services: ActionServices) -> None:
        self._services = services

    def name(self) -> str:
        return "action_submit_feedback"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        if tracker.get_slot("feedback_stopped") != RATE_LIMITED:  # else the form told why
            dispatcher.utter_message(text=self._closing(tracker))
        return [SlotSet(name, None) for name in _RESET]

    def _closing(self, tracker: Tracker) -> str:
        language = language_of(tracker.get_slot("language"))
        if tracker.get_slot("feedback_id") is None:
            return feedback_text("stopped_empty", language)
        draft = draft_from_slots(tracker.slots)
        message = feedback_text("thanks", language)
        if draft.rating is not None and draft.rating <= self._low_rating_max:
            message += feedback_text("thanks_low", language)
        if draft.contact:
            message += feedback_text("thanks_contact", language, contact=draft.contact)
        return message

    @property
    def _low_rating_max(self) -> int:
        return int(self._services.settings.feedback.low_rating_max)
