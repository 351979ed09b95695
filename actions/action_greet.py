"""Greets the user in their language and says what the assistant can do."""

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.support.services import ActionServices
from actions.support.texts import format_count, language_of, text


class ActionGreet(Action):
    def __init__(self, services: ActionServices) -> None:
        self._services = services

    def name(self) -> str:
        return "action_greet"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        language = language_of(tracker.get_slot("language"))
        settings = self._services.settings
        organisation = settings.organisation_en if language == "en" else settings.organisation_vi
        count = format_count(len(self._services.catalogue), language)
        dispatcher.utter_message(
            text=text("greet", language, organisation=organisation, count=count)
        )
        return []
