"""Offers a reply: a phone number or e-mail address, optional (anonymous by default)."""

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.support.feedback_texts import contact_buttons, feedback_text
from actions.support.texts import language_of


class ActionAskFeedbackContact(Action):
    def name(self) -> str:
        return "action_ask_feedback_contact"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        language = language_of(tracker.get_slot("language"))
        dispatcher.utter_message(
            text=feedback_text("ask_contact", language), buttons=contact_buttons(language)
        )
        return []
