"""Fills custom-mapped slots after every user message (run by ``action_extract_slots``)."""

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import ValidationAction

_LANGUAGES = ("vi", "en")


class ActionValidateSlotMappings(ValidationAction):
    def name(self) -> str:
        return "action_validate_slot_mappings"

    async def extract_language_preference(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> dict[str, Any]:
        """An explicit choice: the user asked to switch, or picked a language in the widget."""
        chosen = _chosen_language(tracker)
        return {"language_preference": chosen} if chosen else {}

    async def extract_language(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> dict[str, Any]:
        """The language to answer in: an explicit choice wins, then the gateway's
        detection of this message; a message with no signal ("ok", "5", an emoji) keeps
        it, and so does a conversation under way when the guess is unsure (gibberish,
        one word)."""
        chosen = _chosen_language(tracker) or tracker.get_slot("language_preference")
        if chosen in _LANGUAGES:
            return {"language": chosen}
        metadata = tracker.latest_message.get("metadata") or {}
        detected = metadata.get("language")
        if detected not in _LANGUAGES:
            return {}
        if metadata.get("language_is_sure") is False and _is_under_way(tracker):
            return {}
        return {"language": detected}


def _is_under_way(tracker: Tracker) -> bool:
    """The user wrote before this message."""
    return sum(event.get("event") == "user" for event in tracker.events) > 1


def _chosen_language(tracker: Tracker) -> str | None:
    metadata = tracker.latest_message.get("metadata") or {}
    if metadata.get("language_is_explicit") and metadata.get("language") in _LANGUAGES:
        return str(metadata["language"])
    intent = (tracker.latest_message.get("intent") or {}).get("name")
    if intent == "change_language":
        value = next(tracker.get_latest_entity_values("language"), None)
        if value in _LANGUAGES:
            return str(value)
    return None
