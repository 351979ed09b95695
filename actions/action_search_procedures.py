"""A need in the user's words → the matching procedures."""

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.support.open_question import is_open_question
from actions.support.procedure_search import Gloss, search_and_present
from actions.support.render_procedure import TOPICS
from actions.support.services import ActionServices
from actions.support.texts import language_of


class ActionSearchProcedures(Action):
    def __init__(self, services: ActionServices, *, gloss: Gloss | None = None) -> None:
        self._services = services
        self._gloss = gloss

    def name(self) -> str:
        return "action_search_procedures"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        language = language_of(tracker.get_slot("language"))
        query = tracker.latest_message.get("text") or ""
        pending = tracker.get_slot("pending_topic")
        return await search_and_present(
            self._services, dispatcher, query, language, gloss=self._gloss,
            is_open_question=is_open_question(query),
            pending_topic=pending if pending in TOPICS.values() else None,
        )
