"""The human route: the citizen asks for a person; they join the officers' queue, or,
outside opening hours, are asked to leave a message (``assistant.handover``)."""

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.support.services import ActionServices
from actions.support.texts import language_of


class ActionHumanHandoff(Action):
    def __init__(self, services: ActionServices) -> None:
        self._services = services

    def name(self) -> str:
        return "action_human_handoff"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        language = language_of(tracker.get_slot("language"))
        dialogue = self._services.settings.dialogue
        handover = self._services.handover
        metadata = tracker.latest_message.get("metadata") or {}
        outcome = await handover.request(
            channel=str(metadata.get("channel") or "api"), sender_id=tracker.sender_id,
            language=language, history=_history(tracker),
        )
        hours = dialogue.counter_hours_en if language == "en" else dialogue.counter_hours_vi
        for message in handover.reply_for(outcome, language, hours=hours,
                                          hotline=dialogue.hotline):
            dispatcher.utter_message(text=message.text,
                                     buttons=[b.model_dump() for b in message.buttons])
        return []


def _history(tracker: Tracker) -> list[tuple[str, str]]:
    """The conversation so far, for the officer who takes it over."""
    turns = []
    for event in tracker.events:
        said = event.get("text")
        if event.get("event") in ("user", "bot") and isinstance(said, str) and said:
            turns.append(("citizen" if event["event"] == "user" else "bot", said))
    return turns
