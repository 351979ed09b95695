"""A chosen procedure (button or typed code) → its summary and follow-up buttons, and the
answer to a follow-up asked while the choices were on screen."""

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.support.procedure_search import show_procedure
from actions.support.render_procedure import TOPICS
from actions.support.services import ActionServices
from actions.support.texts import language_of, text


class ActionShowProcedure(Action):
    def __init__(self, services: ActionServices) -> None:
        self._services = services

    def name(self) -> str:
        return "action_show_procedure"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        language = language_of(tracker.get_slot("language"))
        code = next(tracker.get_latest_entity_values("procedure_code"), None)
        code = str(code or tracker.get_slot("procedure_code") or "").strip()
        procedure = self._services.catalogue.get(code) if code else None
        if procedure is None:
            dispatcher.utter_message(text=text("unknown_procedure", language, code=code or "?"))
            return []
        pending = tracker.get_slot("pending_topic")
        return show_procedure(
            dispatcher, procedure, language, services=self._services,
            pending_topic=pending if pending in TOPICS.values() else None,
        )
