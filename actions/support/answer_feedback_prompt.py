"""The "was this helpful?" thumbs shown after an answer about a procedure."""


from rasa_sdk.executor import CollectingDispatcher

from actions.support.feedback_texts import feedback_text, helpful_buttons
from actions.support.services import ActionServices
from assistant.text import Language

__all__ = ["ask_if_helpful"]


def ask_if_helpful(
    dispatcher: CollectingDispatcher, services: ActionServices, language: Language
) -> None:
    """Ask for thumbs on the answer just given, unless turned off in the settings."""
    if services.settings.feedback.ask_if_helpful:
        dispatcher.utter_message(
            text=feedback_text("ask_helpful", language), buttons=helpful_buttons(language)
        )
