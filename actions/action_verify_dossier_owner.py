"""Submits ``dossier_verification_form``: with the matching second factor, the
applicant's masked name and the full history; the digits are not kept in a slot."""

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.support.dossier_context import requester_of
from actions.support.dossier_texts import dossier_text
from actions.support.render_dossier import dossier_summary
from actions.support.services import ActionServices
from actions.support.texts import language_of
from assistant.dossiers import (
    DossierNotFoundError,
    DossierSourceUnavailableError,
    InvalidDossierCodeError,
    LookupRateLimitedError,
    VerificationFailedError,
)


class ActionVerifyDossierOwner(Action):
    def __init__(self, services: ActionServices) -> None:
        self._services = services

    def name(self) -> str:
        return "action_verify_dossier_owner"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        language = language_of(tracker.get_slot("language"))
        code = tracker.get_slot("dossier_last_code")
        last4 = tracker.get_slot("dossier_phone_last4")
        forget = [SlotSet("dossier_phone_last4", None), SlotSet("dossier_attempts", 0)]
        if not code:
            dispatcher.utter_message(text=dossier_text("no_dossier_yet", language))
            return forget
        if not last4:
            dispatcher.utter_message(text=dossier_text("invalid_last4", language))
            return forget
        try:
            view = await self._services.dossiers.lookup(
                code, requester_of(tracker), phone_last4=str(last4)
            )
        except VerificationFailedError:
            dispatcher.utter_message(text=dossier_text("verification_failed", language))
            return forget
        except LookupRateLimitedError as exc:
            minutes = max(1, -(-exc.retry_after_seconds // 60))
            dispatcher.utter_message(text=dossier_text("rate_limited", language, minutes=minutes))
            return forget
        except (DossierNotFoundError, InvalidDossierCodeError):
            dispatcher.utter_message(text=dossier_text("not_found", language, code=code))
            return forget
        except DossierSourceUnavailableError:
            dispatcher.utter_message(text=dossier_text("unavailable", language))
            return forget
        dispatcher.utter_message(
            text=dossier_text("verified", language) + "\n" + dossier_summary(view, language)
        )
        return forget
