"""What the assistant could not answer (fallbacks, thumbs down), grouped so staff can
teach it: a training example written to ``nlu_data/`` and a retraining job.

Public API: :class:`UnansweredService` (built by the app container) and the groups it
returns (:class:`QuestionGroup` of :class:`Question`).
"""

from assistant.unanswered.grouping import Question, QuestionGroup
from assistant.unanswered.service import UnansweredService

__all__ = ["Question", "QuestionGroup", "UnansweredService"]
