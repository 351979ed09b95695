"""Records a thumbs up or down on the last answer, with the question it answered and
the procedure in focus (within the feedback limits per conversation and address)."""

import asyncio
import re
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.support.feedback_texts import feedback_text
from actions.support.feedback_tracker import admit_feedback, feedback_context
from actions.support.services import ActionServices
from actions.support.texts import language_of
from assistant.feedback import AnswerFeedbackIn, FeedbackRateLimitedError
from assistant.text import fold_diacritics


class ActionRecordAnswerFeedback(Action):
    def __init__(self, services: ActionServices) -> None:
        self._services = services

    def name(self) -> str:
        return "action_record_answer_feedback"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        language = language_of(tracker.get_slot("language"))
        try:
            await admit_feedback(self._services, tracker, "answer")
        except FeedbackRateLimitedError as exc:
            dispatcher.utter_message(text=exc.message(language))
            return []
        value = str(next(tracker.get_latest_entity_values("helpful"), "") or "").lower()
        text = str(tracker.latest_message.get("text") or "")
        is_helpful = value in ("yes", "true", "1") if value else _reads_positive(text)
        question, topic = _answered_question(tracker)
        context = feedback_context(tracker)
        await asyncio.to_thread(
            self._services.feedback.record_answer,
            AnswerFeedbackIn(
                conversation=tracker.sender_id, is_helpful=is_helpful,
                question=question, topic=topic, procedure_code=context.procedure_code,
                channel=context.channel, language=language,
            ),
        )
        key = "helpful_thanks" if is_helpful else "unhelpful_thanks"
        dispatcher.utter_message(text=feedback_text(key, language))
        return []


# Words that make a typed rating of an answer negative, on folded text.
_NEGATIVE = re.compile(
    r"👎|n't\b|\b(chua|khong|ko|sai|kho hieu|lan man|thieu|cu roi|lac de|khong lien quan"
    r"|not|no|useless|wrong|confusing|unclear|outdated|incomplete|irrelevant)\b"
)


def _reads_positive(text: str) -> bool:
    """A typed rating of an answer: negative when it says so ("chưa hữu ích", "sai rồi",
    "not helpful", "the answer is wrong")."""
    return not _NEGATIVE.search(fold_diacritics(text))


def _answered_question(tracker: Tracker) -> tuple[str | None, str | None]:
    """The user message the rated answer replied to: the newest one before this click
    that was not itself a rating of an answer."""
    users = [e for e in tracker.events if e.get("event") == "user"]
    for event in reversed(users[:-1]):
        intent = ((event.get("parse_data") or {}).get("intent") or {}).get("name")
        if intent != "rate_answer":
            return (str(event.get("text") or "")[:2000] or None), intent
    return None, None
