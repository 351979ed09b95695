"""A follow-up (documents, fee, time, where, online, legal basis, conditions) → the answer
about the procedure in focus, or about the procedure the question itself names."""

import asyncio
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.answer_feedback_prompt import ask_if_helpful
from actions.need_in_question import need_in_question
from actions.render_procedure import TOPICS, detail_bubbles, follow_up_buttons
from actions.texts import language_of


class ActionAnswerDetail(Action):
    def __init__(self, services: Any) -> None:
        self._services = services

    def name(self) -> str:
        return "action_answer_detail"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        language = language_of(tracker.get_slot("language"))
        intent = (tracker.latest_message.get("intent") or {}).get("name", "")
        topic = TOPICS.get(intent, "documents")
        events: list[dict[str, Any]] = []
        procedure = await self._named_procedure(tracker.latest_message.get("text") or "")
        if procedure is not None:
            events.append(SlotSet("procedure_code", procedure.code))
        else:
            code = tracker.get_slot("procedure_code")
            procedure = self._services.catalogue.get(code) if code else None
        if procedure is None:
            dispatcher.utter_message(response="utter_ask_which_procedure")
            return events
        bubbles = detail_bubbles(
            procedure, topic, language,
            max_chars=self._services.settings.dialogue.max_bubble_chars,
        )
        for bubble in bubbles[:-1]:
            dispatcher.utter_message(text=bubble)
        dispatcher.utter_message(text=bubbles[-1], buttons=follow_up_buttons(language))
        ask_if_helpful(dispatcher, self._services, language)
        return events

    async def _named_procedure(self, question: str) -> Any:
        """The procedure a question names ("lệ phí làm hộ chiếu"), when search is sure."""
        need = need_in_question(question)
        search = self._services.search
        if not need or search is None:
            return None
        settings = self._services.settings.dialogue
        hits = await asyncio.to_thread(search.search, need, k=2)
        if not hits or hits[0].score < settings.min_score:
            return None
        if len(hits) > 1 and hits[0].score - hits[1].score < settings.clear_winner_margin:
            return None
        return self._services.catalogue.get(hits[0].code)
