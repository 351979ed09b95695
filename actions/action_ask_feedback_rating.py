"""Asks for the rating, naming the counter when the chat came from its QR code."""

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.support.feedback_texts import feedback_text, rating_buttons
from actions.support.feedback_tracker import qr_context
from actions.support.texts import language_of


class ActionAskFeedbackRating(Action):
    def name(self) -> str:
        return "action_ask_feedback_rating"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        language = language_of(tracker.get_slot("language"))
        counter = qr_context(tracker).get("counter")
        place = feedback_text("place", language, counter=counter) if counter else ""
        dispatcher.utter_message(
            text=feedback_text("ask_rating", language, place=place),
            buttons=rating_buttons(language),
        )
        return []
