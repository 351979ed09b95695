"""Search for a need and present the result: one clear answer, or a choice of buttons."""

import asyncio
from typing import Any

from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.render_procedure import choice_buttons, follow_up_buttons, summary
from actions.texts import Language, text

__all__ = [
    "find_procedures",
    "human_route",
    "is_clear_winner",
    "offer_choices",
    "search_and_present",
    "show_procedure",
]


def human_route(services: Any, language: Language) -> str:
    dialogue = services.settings.dialogue
    hours = dialogue.counter_hours_en if language == "en" else dialogue.counter_hours_vi
    hotline = text("hotline", language, number=dialogue.hotline) if dialogue.hotline else ""
    return text("human_route", language, hours=hours, hotline=hotline)


def show_procedure(
    dispatcher: CollectingDispatcher, procedure: Any, language: Language
) -> list[dict[str, Any]]:
    """The summary of ``procedure`` with follow-up buttons; it becomes the focus."""
    dispatcher.utter_message(text=summary(procedure, language), buttons=follow_up_buttons(language))
    return [SlotSet("procedure_code", procedure.code)]


async def find_procedures(services: Any, query: str) -> list[Any]:
    """The best matches for ``query`` above the confidence floor that the catalogue
    holds (search hits)."""
    settings = services.settings.dialogue
    # Encoding the query is CPU work: keep the event loop free for other users.
    hits = await asyncio.to_thread(services.search.search, query, k=settings.max_choices)
    return [
        h for h in hits
        if (h.similarity is None or h.similarity >= settings.min_similarity)
        and services.catalogue.get(h.code) is not None
    ]


def is_clear_winner(services: Any, hits: list[Any]) -> bool:
    """One match is far enough ahead of the next to answer without asking."""
    margin = services.settings.dialogue.clear_winner_margin
    return len(hits) == 1 or (len(hits) > 1 and hits[0].score - hits[1].score >= margin)


def offer_choices(
    services: Any, dispatcher: CollectingDispatcher, hits: list[Any], language: Language
) -> list[dict[str, Any]]:
    """The matches as buttons (title + level); they become the candidates."""
    procedures = [services.catalogue.get(h.code) for h in hits]
    dispatcher.utter_message(
        text=text("choose", language), buttons=choice_buttons(procedures, language)
    )
    return [SlotSet("candidate_codes", [p.code for p in procedures])]


async def search_and_present(
    services: Any, dispatcher: CollectingDispatcher, query: str, language: Language
) -> list[dict[str, Any]]:
    """Search ``query``; answer directly when one procedure clearly wins, else offer
    the best ones as buttons; say so honestly (with the human route) when nothing fits."""
    if services.search is None:
        dispatcher.utter_message(response="utter_search_unavailable")
        return []
    hits = await find_procedures(services, query)
    if not hits:
        dispatcher.utter_message(
            text=text("nothing_found", language, query=query[:80])
            + "\n"
            + human_route(services, language)
        )
        return [SlotSet("candidate_codes", [])]
    if is_clear_winner(services, hits):
        procedure = services.catalogue.get(hits[0].code)
        return [*show_procedure(dispatcher, procedure, language),
                SlotSet("candidate_codes", [procedure.code])]
    return offer_choices(services, dispatcher, hits, language)
