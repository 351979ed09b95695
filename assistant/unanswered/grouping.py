"""Grouping similar questions by their words, accents and word order aside.

Lexical on purpose: the questions that fell back are the ones the models did not
place, and staff need to see why in the words themselves.
"""

from dataclasses import dataclass, field

from assistant.text import fold_diacritics

__all__ = ["Question", "QuestionGroup", "group_questions"]

# Share of distinct words two questions must have in common (Jaccard) to be grouped:
# "lam ho chieu o dau" and "làm hộ chiếu ở đâu vậy" (0.83) group, "làm hộ chiếu" and
# "làm căn cước" (0.2) do not.
_SIMILAR = 0.5


@dataclass(frozen=True)
class Question:
    text: str
    source: str  # fallback | unhelpful
    conversation_id: int | None = None


@dataclass
class QuestionGroup:
    questions: list[Question] = field(default_factory=list)
    words: set[str] = field(default_factory=set)

    @property
    def example(self) -> str:
        """The most common wording of the group (the first seen on a tie)."""
        texts = [q.text for q in self.questions]
        return max(texts, key=texts.count)


def _words(text: str) -> set[str]:
    return {w for w in fold_diacritics(text).replace("?", " ").split() if w.strip(".,!")}


def group_questions(questions: list[Question]) -> list[QuestionGroup]:
    """Groups, the largest first; each question joins the most similar group."""
    groups: list[QuestionGroup] = []
    for question in questions:
        words = _words(question.text)
        if not words:
            continue
        best, best_score = None, 0.0
        for group in groups:
            score = len(words & group.words) / len(words | group.words)
            if score > best_score:
                best, best_score = group, score
        if best is not None and best_score >= _SIMILAR:
            best.questions.append(question)
        else:
            groups.append(QuestionGroup(questions=[question], words=words))
    return sorted(groups, key=lambda g: -len(g.questions))
