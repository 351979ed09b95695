"""Submits ``dossier_status_form``: looks the code up under the privacy and abuse rules
and shows what the code alone may show, with the offer to follow the dossier."""

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.support.dossier_context import channel_of, requester_of
from actions.support.dossier_texts import dossier_text
from actions.support.render_dossier import dossier_buttons, dossier_summary
from actions.support.services import ActionServices
from actions.support.texts import language_of
from assistant.dossiers import (
    DossierNotFoundError,
    DossierSourceUnavailableError,
    InvalidDossierCodeError,
    LookupRateLimitedError,
)
from assistant.text import Language


class ActionCheckDossierStatus(Action):
    def __init__(self, services: ActionServices) -> None:
        self._services = services

    def name(self) -> str:
        return "action_check_dossier_status"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        language = language_of(tracker.get_slot("language"))
        code = tracker.get_slot("dossier_code")
        reset = [SlotSet("dossier_code", None), SlotSet("dossier_attempts", 0)]
        if not code:
            _offer_help(dispatcher, language)
            return reset
        dossiers = self._services.dossiers
        try:
            view = await dossiers.lookup(code, requester_of(tracker))
        except (DossierNotFoundError, InvalidDossierCodeError):
            dispatcher.utter_message(
                text=dossier_text("not_found", language, code=code),
                buttons=[{"title": dossier_text("button_other", language),
                          "payload": "/check_dossier_status"}],
            )
            return reset
        except LookupRateLimitedError as exc:
            minutes = max(1, -(-exc.retry_after_seconds // 60))
            dispatcher.utter_message(text=dossier_text("rate_limited", language, minutes=minutes))
            return reset
        except DossierSourceUnavailableError:
            dispatcher.utter_message(text=dossier_text("unavailable", language))
            return reset
        can_subscribe = dossiers.can_subscribe(channel_of(tracker))
        dispatcher.utter_message(text=dossier_summary(view, language))
        follow_up = [dossier_text("more", language)]
        if can_subscribe:
            follow_up.insert(0, dossier_text("offer", language))
        dispatcher.utter_message(
            text="\n".join(follow_up),
            buttons=dossier_buttons(language, can_subscribe=can_subscribe, can_verify=True),
        )
        return [*reset, SlotSet("dossier_last_code", view.code)]


def _offer_help(dispatcher: CollectingDispatcher, language: Language) -> None:
    dispatcher.utter_message(
        text=dossier_text("help_after_attempts", language),
        buttons=[
            {"title": dossier_text("button_other", language), "payload": "/check_dossier_status"},
            {"title": dossier_text("button_human", language), "payload": "/ask_human"},
        ],
    )
