"""Search for a need and present the result: one clear answer, or a choice of buttons."""

import asyncio
from collections.abc import Callable
from typing import Any

from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.support.answer_feedback_prompt import ask_if_helpful
from actions.support.choice_labels import choice_labels
from actions.support.render_procedure import Topic, detail_bubbles, follow_up_buttons, summary
from actions.support.services import ActionServices
from actions.support.texts import text
from assistant.catalogue import Procedure
from assistant.search import SearchHit
from assistant.text import Language

__all__ = [
    "Gloss",
    "answer_topic",
    "find_procedures",
    "human_route",
    "is_clear_winner",
    "names_a_procedure",
    "offer_choices",
    "search_and_present",
    "show_procedure",
]

Gloss = Callable[[str], str | None]  # a Vietnamese title → its English gloss


def human_route(services: ActionServices, language: Language, *, key: str = "human_route") -> str:
    """Where and when to reach a person: the counter's hours and the hotline if set."""
    dialogue = services.settings.dialogue
    hours = dialogue.counter_hours_en if language == "en" else dialogue.counter_hours_vi
    hotline = text("hotline", language, number=dialogue.hotline) if dialogue.hotline else ""
    return text(key, language, hours=hours, hotline=hotline)


def answer_topic(
    services: ActionServices, dispatcher: CollectingDispatcher, procedure: Procedure, topic: Topic,
    language: Language,
) -> None:
    """The answer about ``topic`` of ``procedure`` in bubbles, follow-up buttons under it."""
    bubbles = detail_bubbles(
        procedure, topic, language, max_chars=services.settings.dialogue.max_bubble_chars
    )
    for bubble in bubbles[:-1]:
        dispatcher.utter_message(text=bubble)
    dispatcher.utter_message(text=bubbles[-1], buttons=follow_up_buttons(language))
    ask_if_helpful(dispatcher, services, language)


def show_procedure(
    dispatcher: CollectingDispatcher, procedure: Procedure, language: Language, *,
    services: ActionServices | None = None, pending_topic: Topic | None = None,
) -> list[dict[str, Any]]:
    """The summary of ``procedure`` with follow-up buttons; it becomes the focus. A
    follow-up asked before the choice (``pending_topic``) is answered under it."""
    if pending_topic and services is not None:
        dispatcher.utter_message(text=summary(procedure, language))
        answer_topic(services, dispatcher, procedure, pending_topic, language)
    else:
        dispatcher.utter_message(
            text=summary(procedure, language), buttons=follow_up_buttons(language)
        )
    return [SlotSet("procedure_code", procedure.code), SlotSet("pending_topic", None)]


async def find_procedures(services: ActionServices, query: str) -> list[SearchHit]:
    """The best matches for ``query`` above the confidence floor that the catalogue
    holds (search hits); none while the index loads."""
    settings = services.settings.dialogue
    search = services.search
    if search is None:
        return []
    # Encoding the query is CPU work: keep the event loop free for other users.
    hits = await asyncio.to_thread(search.search, query, k=settings.max_choices)
    return [
        h for h in hits
        if (h.similarity is None or h.similarity >= settings.min_similarity)
        and services.catalogue.get(h.code) is not None
    ]


def is_clear_winner(services: ActionServices, hits: list[SearchHit]) -> bool:
    """One match is far enough ahead of the next to answer without asking."""
    margin = services.settings.dialogue.clear_winner_margin
    return len(hits) == 1 or (len(hits) > 1 and hits[0].score - hits[1].score >= margin)


def names_a_procedure(services: ActionServices, hits: list[SearchHit]) -> bool:
    """The best match is close enough to the question to be what it names; a vague
    question ("do I get a paper that proves it?") can have a clear winner by chance."""
    similarity = hits[0].similarity
    return similarity is None or similarity >= services.settings.dialogue.named_similarity


def offer_choices(
    services: ActionServices, dispatcher: CollectingDispatcher, codes: list[str],
    language: Language, *,
    gloss: Gloss | None = None, prompt: str = "choose", pending_topic: Topic | None = None,
    where_to_ask: bool = False,
) -> list[dict[str, Any]]:
    """The procedures of ``codes`` as buttons; they become the candidates. ``prompt``
    is the text above them; ``pending_topic`` is answered once one is chosen."""
    procedures = [p for p in (services.catalogue.get(code) for code in codes) if p is not None]
    labels = choice_labels(
        procedures, language, max_chars=services.settings.dialogue.max_choice_chars,
        gloss=gloss,
    )
    buttons = [
        {"title": label, "payload": '/choose_procedure{"procedure_code":"' + p.code + '"}'}
        for p, label in zip(procedures, labels, strict=True)
    ]
    message = text(prompt, language)
    if where_to_ask:
        message += "\n" + human_route(services, language, key="where_to_ask")
    dispatcher.utter_message(text=message, buttons=buttons)
    return [
        SlotSet("candidate_codes", [p.code for p in procedures]),
        SlotSet("pending_topic", pending_topic),
    ]


async def search_and_present(
    services: ActionServices, dispatcher: CollectingDispatcher, query: str, language: Language, *,
    gloss: Gloss | None = None, is_open_question: bool = False,
    pending_topic: Topic | None = None,
) -> list[dict[str, Any]]:
    """Search ``query``; answer directly when one procedure clearly wins, else offer
    the best ones as buttons; say so honestly (with the human route) when nothing fits.
    An open question (legal advice rather than a procedure) gets the closest procedures
    as choices and where to ask, never one procedure as the answer. A follow-up asked
    before the need was named (``pending_topic``) is answered with the procedure."""
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
    is_named = names_a_procedure(services, hits)
    procedure = services.catalogue.get(hits[0].code)  # found: the hits are in the catalogue
    if (procedure is not None and is_clear_winner(services, hits) and is_named
            and not is_open_question):
        shown = show_procedure(
            dispatcher, procedure, language, services=services, pending_topic=pending_topic
        )
        return [*shown, SlotSet("candidate_codes", [procedure.code])]
    return offer_choices(
        services, dispatcher, [h.code for h in hits], language, gloss=gloss,
        prompt="closest" if is_open_question else "choose" if is_named else "which_procedure",
        where_to_ask=is_open_question,
        pending_topic=pending_topic,
    )
