"""Fills ``feedback_mode`` from the message metadata: true while the chat was opened
from a counter's feedback QR code (context ``mode: feedback``)."""

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.support.feedback_tracker import qr_context


class ActionExtractFeedbackMode(Action):
    def name(self) -> str:
        return "action_extract_feedback_mode"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        is_feedback = qr_context(tracker).get("mode") == "feedback"
        if bool(tracker.get_slot("feedback_mode")) == is_feedback:
            return []
        return [SlotSet("feedback_mode", is_feedback)]
