"""A question about using the online portal → a short answer for its topic, the portal's
links and support line, and the centre's own contacts."""

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.support.portal_help import portal_answer, portal_topic
from actions.support.procedure_search import human_route
from actions.support.services import ActionServices
from actions.support.texts import language_of, text


class ActionAnswerPortalHelp(Action):
    def __init__(self, services: ActionServices) -> None:
        self._services = services

    def name(self) -> str:
        return "action_answer_portal_help"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        language = language_of(tracker.get_slot("language"))
        settings = self._services.settings.dialogue
        topic = portal_topic(tracker.latest_message.get("text") or "")
        answer = portal_answer(
            topic, language, portal_url=settings.portal_url,
            help_url=settings.portal_help_url, hotline=settings.portal_hotline,
        )
        buttons = []
        if topic == "tracking":
            buttons.append(
                {"title": text("look_up_dossier", language), "payload": "/check_dossier_status"}
            )
        dispatcher.utter_message(
            text=f"{answer}\n{human_route(self._services, language)}", buttons=buttons
        )
        return []
