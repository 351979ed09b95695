"""Follows the last dossier looked up: a notification when its status changes
(Telegram and Zalo messages; the widget polls while it is open)."""

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.support.dossier_context import channel_of
from actions.support.dossier_texts import dossier_text
from actions.support.services import ActionServices
from actions.support.texts import language_of
from assistant.dossiers import SubscriptionRefusedError


class ActionSubscribeDossierUpdates(Action):
    def __init__(self, services: ActionServices) -> None:
        self._services = services

    def name(self) -> str:
        return "action_subscribe_dossier_updates"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        language = language_of(tracker.get_slot("language"))
        code = tracker.get_slot("dossier_last_code")
        if not code:
            dispatcher.utter_message(text=dossier_text("no_dossier_yet", language))
            return []
        dossiers = self._services.dossiers
        channel = channel_of(tracker)
        try:
            is_new = await dossiers.subscribe(
                code, channel=channel, recipient_id=tracker.sender_id, language=language
            )
        except SubscriptionRefusedError as exc:
            dispatcher.utter_message(text=exc.message(language))
            return []
        if not is_new:
            dispatcher.utter_message(text=dossier_text("already_subscribed", language, code=code))
            return []
        where = "where_push" if dossiers.pushes_to(channel) else "where_widget"
        dispatcher.utter_message(
            text=dossier_text("subscribed", language, code=code,
                              where=dossier_text(where, language))
        )
        return []
