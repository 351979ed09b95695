"""The human route: where and when to reach a person (configurable hotline and hours)."""

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.texts import language_of, text


class ActionHumanHandoff(Action):
    def __init__(self, services: Any) -> None:
        self._services = services

    def name(self) -> str:
        return "action_human_handoff"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        language = language_of(tracker.get_slot("language"))
        settings = self._services.settings
        dialogue = settings.dialogue
        organisation = settings.organisation_en if language == "en" else settings.organisation_vi
        hours = dialogue.counter_hours_en if language == "en" else dialogue.counter_hours_vi
        hotline = text("hotline", language, number=dialogue.hotline) if dialogue.hotline else ""
        dispatcher.utter_message(
            text=text("handoff", language, organisation=organisation, hours=hours, hotline=hotline)
        )
        return []
