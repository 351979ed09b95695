"""Reads the second factor for ``dossier_verification_form``: the last 4 digits of
the phone number on the dossier (a full number typed is cut to its last 4)."""

import re
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import FormValidationAction

from actions.support.dossier_texts import dossier_text
from actions.support.services import ActionServices
from actions.support.texts import language_of


class ValidateDossierVerificationForm(FormValidationAction):
    def __init__(self, services: ActionServices) -> None:
        self._services = services

    def name(self) -> str:
        return "validate_dossier_verification_form"

    async def required_slots(
        self, domain_slots: list[str], dispatcher: CollectingDispatcher, tracker: Tracker,
        domain: dict[str, Any],
    ) -> list[str]:
        # Nothing to verify before a dossier was found: the form ends at once and
        # action_verify_dossier_owner says so.
        return domain_slots if tracker.get_slot("dossier_last_code") else []

    async def validate_dossier_phone_last4(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
        domain: dict[str, Any],
    ) -> dict[str, Any]:
        digits = re.sub(r"\D", "", str(value or ""))
        if len(digits) == 4 or 9 <= len(digits) <= 12:
            return {"dossier_phone_last4": digits[-4:], "dossier_attempts": 0}
        attempts = int(tracker.get_slot("dossier_attempts") or 0) + 1
        if attempts > self._services.settings.dossiers.max_code_reasks:
            return {"dossier_phone_last4": None, "dossier_attempts": 0, "requested_slot": None}
        dispatcher.utter_message(
            text=dossier_text("invalid_last4", language_of(tracker.get_slot("language")))
        )
        return {"dossier_phone_last4": None, "dossier_attempts": attempts}
