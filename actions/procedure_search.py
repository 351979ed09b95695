"""Search for a need and present the result: one clear answer, or a choice of buttons."""

import asyncio
from typing import Any

from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.render_procedure import choice_buttons, follow_up_buttons, summary
from actions.texts import Language, text

__all__ = ["human_route", "search_and_present", "show_procedure"]


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


async def search_and_present(
    services: Any, dispatcher: CollectingDispatcher, query: str, language: Language
) -> list[dict[str, Any]]:
    """Search ``query``; answer directly when one procedure clearly wins, else offer
    the best ones as buttons; say so honestly (with the human route) when nothing fits."""
    settings = services.settings.dialogue
    search = services.search
    if search is None:
        dispatcher.utter_message(response="utter_search_unavailable")
        return []
    # Encoding the query is CPU work: keep the event loop free for other users.
    hits = await asyncio.to_thread(search.search, query, k=settings.max_choices)
    hits = [h for h in hits if h.score >= settings.min_score]
    procedures = [p for p in (services.catalogue.get(h.code) for h in hits) if p is not None]
    if not procedures:
        dispatcher.utter_message(
            text=text("nothing_found", language, query=query[:80])
            + "\n"
            + human_route(services, language)
        )
        return [SlotSet("candidate_codes", [])]
    is_clear = len(hits) == 1 or hits[0].score - hits[1].score >= settings.clear_winner_margin
    if is_clear:
        return [*show_procedure(dispatcher, procedures[0], language),
                SlotSet("candidate_codes", [procedures[0].code])]
    dispatcher.utter_message(
        text=text("choose", language), buttons=choice_buttons(procedures, language)
    )
    return [SlotSet("candidate_codes", [p.code for p in procedures])]
