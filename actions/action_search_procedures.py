"""A need in the user's words → the matching procedures."""

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.procedure_search import search_and_present
from actions.texts import language_of


class ActionSearchProcedures(Action):
    def __init__(self, services: Any) -> None:
        self._services = services

    def name(self) -> str:
        return "action_search_procedures"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        language = language_of(tracker.get_slot("language"))
        query = tracker.latest_message.get("text") or ""
        return await search_and_present(self._services, dispatcher, query, language)
