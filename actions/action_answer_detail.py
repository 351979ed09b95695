"""A follow-up (documents, fee, time, where, online, legal basis, conditions) → the answer
about the procedure in focus, or about the procedure the question itself names."""

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.answer_feedback_prompt import ask_if_helpful
from actions.need_in_question import need_in_question
from actions.procedure_search import find_procedures, is_clear_winner, offer_choices
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
        catalogue = self._services.catalogue
        focus = tracker.get_slot("procedure_code")
        events: list[dict[str, Any]] = []
        hits = await self._named_procedures(tracker.latest_message.get("text") or "")
        if hits and is_clear_winner(self._services, hits):
            focus = hits[0].code
            events.append(SlotSet("procedure_code", focus))
        elif hits and focus not in _codes(hits):
            # The question names a need search is unsure about: let the user pick rather
            # than answer about a guess (or about the previous procedure).
            return offer_choices(self._services, dispatcher, hits, language)
        procedure = catalogue.get(focus) if focus else None
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

    async def _named_procedures(self, question: str) -> list[Any]:
        """The matches of the need a question names ("lệ phí làm hộ chiếu"), if any."""
        need = need_in_question(question)
        if not need or self._services.search is None:
            return []
        return await find_procedures(self._services, need)


def _codes(hits: list[Any]) -> set[str]:
    """Every code the hits stand for, other levels of a family included."""
    return {code for hit in hits for code in (hit.code, *hit.variants)}
