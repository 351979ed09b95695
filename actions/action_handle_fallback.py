"""NLU is unsure: follow its guess when that is a request that is no procedure (a
dossier, feedback, a person, the portal); search when the text reads like a need;
else ask to rephrase."""

import asyncio
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import FollowupAction
from rasa_sdk.executor import CollectingDispatcher

from actions.support.procedure_search import Gloss, human_route, search_and_present
from actions.support.services import ActionServices
from actions.support.texts import language_of

# Searching the catalogue for "kiem tra ho so" finds titles with "kiểm tra": a request
# guessed first is better served by its own answer, asked again if wrong.
_REQUESTS = {
    "check_dossier_status": "dossier_status_form",
    "give_feedback": "feedback_form",
    "ask_human": "action_human_handoff",
    "ask_portal_help": "action_answer_portal_help",
}


class ActionHandleFallback(Action):
    def __init__(self, services: ActionServices, *, gloss: Gloss | None = None) -> None:
        self._services = services
        self._gloss = gloss

    def name(self) -> str:
        return "action_handle_fallback"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        language = language_of(tracker.get_slot("language"))
        query = tracker.latest_message.get("text") or ""
        # The FallbackClassifier puts nlu_fallback first; NLU's own guesses follow.
        ranking = tracker.latest_message.get("intent_ranking") or []
        guesses = [r.get("name") for r in ranking if r.get("name") != "nlu_fallback"]
        if guesses and guesses[0] in _REQUESTS:
            return [FollowupAction(_REQUESTS[guesses[0]])]
        if await self._reads_like_a_need(guesses, query):
            return await search_and_present(
                self._services, dispatcher, query, language, gloss=self._gloss
            )
        dispatcher.utter_message(response="utter_default")
        dispatcher.utter_message(text=human_route(self._services, language))
        return []

    async def _reads_like_a_need(self, guesses: list[Any], query: str) -> bool:
        """A real procedure question must never be rejected: when one of NLU's two best
        guesses is a need, or the search finds a confident match, treat it as one."""
        if guesses and guesses[0] == "out_of_scope":
            return False
        if "ask_procedure" in guesses[:2]:
            return True
        search = self._services.search
        if search is None or len(query.split()) < 2:
            return False
        hits = await asyncio.to_thread(search.search, query, k=1)
        threshold = self._services.settings.dialogue.need_similarity
        return bool(hits) and (hits[0].similarity or 0.0) >= threshold
