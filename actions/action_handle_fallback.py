"""NLU is unsure: search anyway when the text reads like a need, else ask to rephrase."""

import asyncio
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.procedure_search import human_route, search_and_present
from actions.texts import language_of


class ActionHandleFallback(Action):
    def __init__(self, services: Any) -> None:
        self._services = services

    def name(self) -> str:
        return "action_handle_fallback"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        language = language_of(tracker.get_slot("language"))
        query = tracker.latest_message.get("text") or ""
        if await self._reads_like_a_need(tracker, query):
            return await search_and_present(self._services, dispatcher, query, language)
        dispatcher.utter_message(response="utter_default")
        dispatcher.utter_message(text=human_route(self._services, language))
        return []

    async def _reads_like_a_need(self, tracker: Tracker, query: str) -> bool:
        """A real procedure question must never be rejected: when the runner-up intent
        is a need, or the search finds a confident match, treat it as one."""
        ranking = tracker.latest_message.get("intent_ranking") or []
        names = [r.get("name") for r in ranking[:3]]
        if names and names[0] == "out_of_scope":
            return False
        if "ask_procedure" in names[:2]:
            return True
        search = self._services.search
        if search is None or len(query.split()) < 2:
            return False
        hits = await asyncio.to_thread(search.search, query, k=1)
        threshold = self._services.settings.dialogue.need_similarity
        return bool(hits) and (hits[0].similarity or 0.0) >= threshold
