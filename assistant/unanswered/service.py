"""Unanswered questions for staff, the examples they add, and retraining."""

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from assistant.conversations.masking import mask_conversation_text
from assistant.conversations.tables import ConversationRow, TurnRow
from assistant.errors import ValidationFailedError
from assistant.feedback.tables import AnswerFeedbackRow
from assistant.jobs import BackgroundJob, JobState
from assistant.settings import Settings
from assistant.unanswered.examples import add_example, known_intents
from assistant.unanswered.grouping import Question, QuestionGroup, group_questions

__all__ = ["UnansweredService"]

_MAX_QUESTIONS = 2000  # the newest ones: enough for a month at a busy centre


class UnansweredService:
    def __init__(
        self,
        engine: Engine,
        settings: Settings,
        *,
        nlu_root: Path,
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self._engine = engine
        self._settings = settings
        self.nlu_root = nlu_root
        self._now = now
        self.training = BackgroundJob("retrain-rasa")

    def groups(self, *, days: int = 30) -> list[QuestionGroup]:
        """Questions that fell back or were rated unhelpful in the last ``days``,
        grouped by wording (masked like the conversations)."""
        since = self._now() - timedelta(days=days)
        with Session(self._engine) as db:
            fallbacks = db.execute(
                select(TurnRow.text, TurnRow.conversation_id)
                .where(TurnRow.who == "user", TurnRow.is_fallback.is_(True), TurnRow.at >= since)
                .order_by(TurnRow.at.desc()).limit(_MAX_QUESTIONS)
            ).all()
            unhelpful = db.execute(
                select(AnswerFeedbackRow.question, ConversationRow.id)
                .outerjoin(ConversationRow,
                           ConversationRow.feedback_key == AnswerFeedbackRow.conversation)
                .where(AnswerFeedbackRow.is_helpful.is_(False),
                       AnswerFeedbackRow.question.is_not(None),
                       AnswerFeedbackRow.created_at >= since)
                .order_by(AnswerFeedbackRow.created_at.desc()).limit(_MAX_QUESTIONS)
            ).all()
        questions = [Question(text, "fallback", conversation) for text, conversation in fallbacks]
        questions += [
            Question(mask_conversation_text(text or ""), "unhelpful", conversation)
            for text, conversation in unhelpful
        ]
        return group_questions(questions)

    def intents(self) -> list[str]:
        return known_intents(self.nlu_root)

    def add_example(self, *, intent: str, text: str) -> bool:
        """Write a training example; the running model is stale until retrained."""
        text = " ".join(text.split())
        if intent not in self.intents():
            raise ValidationFailedError(
                f"Không có ý định “{intent}”.", f"There is no intent “{intent}”.")
        if not 2 <= len(text) <= 300 or "[" in text:
            raise ValidationFailedError(
                "Câu ví dụ cần 2–300 ký tự và không còn phần bị che ([name], [phone]…).",
                "An example needs 2–300 characters and no masked parts ([name], [phone]…).",
            )
        return add_example(self.nlu_root, intent=intent, text=text)

    def is_model_stale(self, running_model: str) -> bool:
        """Whether the training data changed since the model Rasa runs was trained
        (models are named by the hash of their inputs)."""
        from assistant.runtime.training import inputs_hash

        return inputs_hash(self.nlu_root.parent) not in running_model

    def start_retraining(self) -> bool:
        return self.training.start(self._retrain)

    @property
    def training_state(self) -> JobState:
        return self.training.state

    def _retrain(self, report: Callable[[str], None]) -> str:
        """Train on the current data, then have the running Rasa server load it."""
        from assistant.runtime.training import ensure_model

        model = ensure_model(self._settings, on_output=report)
        params = {"token": self._settings.rasa.token} if self._settings.rasa.token else {}
        for url in self._settings.rasa.urls:  # every Rasa process answers with it
            report(f"loading the new model into Rasa at {url}")
            response = httpx.put(f"{url.rstrip('/')}/model", params=params,
                                 json={"model_file": str(model)}, timeout=600)
            response.raise_for_status()
        return model.name


