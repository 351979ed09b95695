"""Fills custom-mapped slots after every user message (run by ``action_extract_slots``)."""

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import ValidationAction


class ActionValidateSlotMappings(ValidationAction):
    def name(self) -> str:
        return "action_validate_slot_mappings"

    async def extract_language(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> dict[str, Any]:
        """The gateway detects the language of each message and sends it as metadata;
        a message with no language signal ("ok", "5") keeps the current one."""
        metadata = tracker.latest_message.get("metadata") or {}
        language = metadata.get("language")
        if language in ("vi", "en"):
            return {"language": language}
        return {}
