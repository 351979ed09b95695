"""Second ranking stage: the best candidates of the fused ranking re-scored with what the
catalogue says about each procedure beyond its title, against the question's own words.

The first stage ranks near-duplicates alike ("Cấp thẻ căn cước", "Cấp thẻ căn cước cho
người dưới 14 tuổi", "… (thực hiện tại cấp trung ương)"). A careful officer picks the one
whose every specific word the citizen said, and reads who may apply and what they get
before choosing. The features, each from catalogue structure (no word lists):

- ``unsaid``: the share of a title's informative syllables (IDF-weighted) that the
  question does not contain: of two titles that match the question, the one that adds
  least the citizen did not say is the plain procedure;
- ``profile``: the share of the question's informative syllables missing from the title
  that the procedure's applicants, result documents and description contain ("người
  nước ngoài", "con dưới 14 tuổi", "giấy xác nhận");
- ``asked_variant``: the title is a variant (see ``qualifiers.py``) the question asks for;
- ``level``: the question names an administrative level the procedure is (+1) or is not
  (−1) done at.

Weights live in ``SearchTuning``; ``bench/search_quality.py`` prints their ablation.
Learning them instead (a listwise softmax over the 30 candidates of each development
question, these features plus the dense and lexical scores, the number of levels, title
length, family size and e5's similarity to the procedure's profile) moved the 52
held-out questions both ways (vi R@1 .769 → .731, English .577 → .615) and dev not at
all: the hand-set weights stay.
"""

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from math import log

import numpy as np

from assistant.search.index.documents import IndexedDocument
from assistant.search.query.qualifiers import title_qualifiers
from assistant.search.query.syllables import folded_syllables

__all__ = ["RerankWeights", "Reranker", "question_levels"]

# Words (accented) by which a question names a level ("ở xã", "lên tỉnh", "cấp huyện"):
# the catalogue's four level names as citizens say them. "Bộ" alone is not one ("bộ hồ
# sơ", "cán bộ"), nor "xã" in "xã hội" (social insurance, social housing).
_LEVEL_NAMES = {
    "commune": (("xã",), ("phường",), ("commune",), ("ward",)),
    "district": (("huyện",), ("district",)),
    "province": (("tỉnh",), ("thành", "phố"), ("province",), ("provincial",)),
    "central": (("trung", "ương"), ("cấp", "bộ"), ("ministry",)),
}
_NOT_A_LEVEL = {("xã", "hội")}


@dataclass(frozen=True)
class RerankWeights:
    """How much each feature moves a candidate, on the fused score's scale (dense and
    lexical each scaled to at most their weight). The defaults had the best mean MRR@10
    of the three forms on the project's development questions (.850 → .854; held-out
    .760 → .777), from a small grid (0.05 steps)."""

    unsaid: float = 0.1
    profile: float = 0.05
    asked_variant: float = 0.05
    level: float = 0.05
    candidates: int = 30  # documents re-scored per question

    @property
    def is_active(self) -> bool:
        return any((self.unsaid, self.profile, self.asked_variant, self.level))


class Reranker:
    """Per-document syllable sets and IDF, built once when the service loads."""

    def __init__(self, documents: Sequence[IndexedDocument]) -> None:
        self._titles = [frozenset(folded_syllables(d.title)) for d in documents]
        self._profiles = [frozenset(folded_syllables(d.profile)) for d in documents]
        counts: dict[str, int] = {}
        for title, profile in zip(self._titles, self._profiles, strict=True):
            for word in title | profile:
                counts[word] = counts.get(word, 0) + 1
        total = len(documents) or 1
        self._idf = {word: log(total / n) for word, n in counts.items()}
        self._default_idf = log(total)
        self._variants = [bool(title_qualifiers(d.title)) for d in documents]
        self._qualifiers = [title_qualifiers(d.title) for d in documents]
        self._levels = [frozenset(d.level_keys) for d in documents]

    def rescore(
        self,
        scores: np.ndarray,
        candidates: np.ndarray,
        *,
        words: Sequence[str],
        accented: Sequence[str],
        asked: frozenset[str],
        weights: RerankWeights,
    ) -> np.ndarray:
        """A copy of ``scores`` with the ``candidates`` (positions) re-scored for a
        question of folded syllables ``words`` (``accented``: with diacritics, restored when
        typed without) asking for the variants ``asked``."""
        result = scores.copy()
        question = frozenset(words)
        levels = question_levels(accented)
        idf = self._idf
        for position in candidates.tolist():
            title = self._titles[position]
            delta = 0.0
            if weights.unsaid:
                weight = sum(idf.get(w, 0.0) for w in title)
                unsaid = sum(idf.get(w, 0.0) for w in title - question)
                delta -= weights.unsaid * (unsaid / weight if weight else 0.0)
            if weights.profile:
                missing = question - title
                weight = sum(idf.get(w, self._default_idf) for w in missing)
                found = sum(idf.get(w, 0.0) for w in missing & self._profiles[position])
                delta += weights.profile * (found / weight if weight else 0.0)
            if weights.asked_variant and self._qualifiers[position] & asked:
                delta += weights.asked_variant
            if weights.level and levels:
                delta += weights.level * (1.0 if levels & self._levels[position] else -1.0)
            result[position] += delta
        return result


def question_levels(words: Sequence[str]) -> frozenset[str]:
    """Level keys the question (lower-case accented syllables) names."""
    found = set()
    text = list(words)
    for i, pair in enumerate(itertools.pairwise(words)):
        if pair in _NOT_A_LEVEL:
            text[i] = text[i + 1] = ""
    for key, names in _LEVEL_NAMES.items():
        for name in names:
            size = len(name)
            if any(tuple(text[i : i + size]) == name for i in range(len(text) - size + 1)):
                found.add(key)
    return frozenset(found)
