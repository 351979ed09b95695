"""A follow-up (documents, fee, time, where, online, legal basis, conditions) → the answer
about the procedure in focus, or about the procedure the question itself names.

Never an answer about a guess: a question that names no procedure clearly, with none in
focus, is asked back ("which procedure?") with the closest ones as choices; after a
list of choices, a bare follow-up shows the list again. The question is answered once
a procedure is chosen.
"""

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.support.need_in_question import need_in_question
from actions.support.procedure_search import (
    Gloss,
    answer_topic,
    find_procedures,
    is_clear_winner,
    names_a_procedure,
    offer_choices,
)
from actions.support.render_procedure import TOPICS, Topic
from actions.support.services import ActionServices
from actions.support.texts import language_of
from assistant.search import SearchHit
from assistant.text import Language


class ActionAnswerDetail(Action):
    def __init__(self, services: ActionServices, *, gloss: Gloss | None = None) -> None:
        self._services = services
        self._gloss = gloss

    def name(self) -> str:
        return "action_answer_detail"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        language = language_of(tracker.get_slot("language"))
        intent = (tracker.latest_message.get("intent") or {}).get("name", "")
        topic = TOPICS.get(intent, "documents")
        focus = tracker.get_slot("procedure_code")
        candidates = list(tracker.get_slot("candidate_codes") or [])
        hits = await self._named_procedures(tracker.latest_message.get("text") or "")
        if hits:
            codes = _codes(hits)
            if is_clear_winner(self._services, hits) and (
                focus or candidates or names_a_procedure(self._services, hits)
            ):
                focus = hits[0].code
            elif focus not in codes:
                # The question names a need search is unsure about: let the user pick
                # rather than answer about a guess (or about the previous procedure).
                return self._ask(dispatcher, [h.code for h in hits], topic, language,
                                 prompt="choose" if focus else "which_procedure")
        elif not focus and candidates:
            if len(candidates) > 1:
                return self._ask(dispatcher, candidates, topic, language, prompt="pick_again")
            focus = candidates[0]
        procedure = self._services.catalogue.get(focus) if focus else None
        if procedure is None:
            dispatcher.utter_message(response="utter_ask_which_procedure")
            return [SlotSet("pending_topic", topic)]
        answer_topic(self._services, dispatcher, procedure, topic, language)
        events = []
        if procedure.code != tracker.get_slot("procedure_code"):
            events.append(SlotSet("procedure_code", procedure.code))
        if tracker.get_slot("pending_topic"):
            events.append(SlotSet("pending_topic", None))
        return events

    def _ask(
        self, dispatcher: CollectingDispatcher, codes: list[str], topic: Topic,
        language: Language, *, prompt: str,
    ) -> list[dict[str, Any]]:
        return offer_choices(
            self._services, dispatcher, codes, language, gloss=self._gloss, prompt=prompt,
            pending_topic=topic,
        )

    async def _named_procedures(self, question: str) -> list[SearchHit]:
        """The matches of the need a question names ("lệ phí làm hộ chiếu"), if any."""
        need = need_in_question(question)
        if not need or self._services.search is None:
            return []
        return await find_procedures(self._services, need)


def _codes(hits: list[SearchHit]) -> set[str]:
    """Every code the hits stand for, other levels of a family included."""
    return {code for hit in hits for code in (hit.code, *hit.variants)}
