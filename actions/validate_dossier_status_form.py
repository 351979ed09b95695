"""Reads the receipt code for ``dossier_status_form``: from the entity, the whole
message or a code inside it; a bad format is re-asked a few times, then help."""

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import FormValidationAction

from actions.support.dossier_texts import dossier_text
from actions.support.services import ActionServices
from actions.support.texts import language_of
from assistant.dossiers import extract_dossier_code


class ValidateDossierStatusForm(FormValidationAction):
    def __init__(self, services: ActionServices) -> None:
        self._services = services

    def name(self) -> str:
        return "validate_dossier_status_form"

    async def extract_dossier_code(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> dict[str, Any]:
        """A code anywhere in the message ("tra cuu ho so h22 45 240105 0003"), even when
        the NLU entity missed it or caught only part of it."""
        code = extract_dossier_code(tracker.latest_message.get("text") or "")
        return {"dossier_code": code} if code else {}

    async def validate_dossier_code(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
        domain: dict[str, Any],
    ) -> dict[str, Any]:
        code = extract_dossier_code(str(value or "")) or extract_dossier_code(
            tracker.latest_message.get("text") or ""
        )
        if code:
            return {"dossier_code": code, "dossier_attempts": 0}
        language = language_of(tracker.get_slot("language"))
        attempts = int(tracker.get_slot("dossier_attempts") or 0) + 1
        if attempts > self._services.settings.dossiers.max_code_reasks:
            # Give up asking: the form ends and action_check_dossier_status offers help.
            return {"dossier_code": None, "dossier_attempts": attempts, "requested_slot": None}
        dispatcher.utter_message(text=dossier_text("bad_format", language))
        return {"dossier_code": None, "dossier_attempts": attempts}
