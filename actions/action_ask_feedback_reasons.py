"""Asks what made the rating: praise chips for 4–5 stars, problem chips for 1–3."""

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.support.feedback_texts import feedback_text, reason_buttons
from actions.support.texts import language_of


class ActionAskFeedbackReasons(Action):
    def name(self) -> str:
        return "action_ask_feedback_reasons"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        language = language_of(tracker.get_slot("language"))
        rating = tracker.get_slot("feedback_rating")
        rating = rating if isinstance(rating, int) else None
        key = "ask_reasons_good" if rating is not None and rating >= 4 else "ask_reasons_bad"
        dispatcher.utter_message(
            text=feedback_text(key, language), buttons=reason_buttons(rating, language)
        )
        return []
