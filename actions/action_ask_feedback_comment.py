"""Asks for an optional comment in the person's own words."""

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.support.feedback_texts import control_buttons, feedback_text
from actions.support.texts import language_of


class ActionAskFeedbackComment(Action):
    def name(self) -> str:
        return "action_ask_feedback_comment"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        language = language_of(tracker.get_slot("language"))
        dispatcher.utter_message(
            text=feedback_text("ask_comment", language), buttons=control_buttons(language)
        )
        return []
