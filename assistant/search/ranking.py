"""Fusion of the dense and lexical scores, filters, and diversification by family.

Scores are fused, not ranks: each side's scores are scaled to [0, 1] by the best
score of the question, and the lexical side's weight follows how Vietnamese the question
looks (see ``query/analyser.py``). Procedures of one family (the same procedure at several levels)
are shown once, at their best-scoring variant, with the other codes attached.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from assistant.search.index.documents import IndexedDocument
from assistant.search.rerank import RerankWeights
from assistant.text import fold_diacritics

__all__ = ["FilterColumns", "Ranked", "SearchTuning", "family_groups", "fuse", "level_key"]

# Accepted spellings of the level filter, folded, mapped to catalogue level keys.
_LEVEL_WORDS = {
    "central": "central",
    "ministry": "central",
    "bo": "central",
    "cap bo": "central",
    "trung uong": "central",
    "province": "province",
    "provincial": "province",
    "tinh": "province",
    "cap tinh": "province",
    "district": "district",
    "huyen": "district",
    "cap huyen": "district",
    "commune": "commune",
    "xa": "commune",
    "cap xa": "commune",
    "other": "other",
    "co quan khac": "other",
}


@dataclass(frozen=True)
class SearchTuning:
    """Switches and weights of the ranking; the defaults are the measured best
    (``bench/search_quality.py`` prints the ablation)."""

    use_dense: bool = True
    use_lexical: bool = True
    use_folded_copies: bool = False  # only matters for an index built with them
    use_aliases: bool = True
    use_glossary: bool = True  # English administrative terms → Vietnamese wording
    use_curated_glossary: bool = True  # the hand-written glossary (else title terms only)
    use_title_terms: bool = True  # the glossary extended by every title term's English
    # Title terms in more of the titles than this do not extend the glossary.
    title_term_max_share: float = 0.01
    use_accent_restoration: bool = True
    use_shorthand: bool = True  # chat shorthand ("dk", "j") written out before restoring
    use_query_adapter: bool = True  # only matters for an index built with one
    use_language_gate: bool = True  # weight the question's own BM25 terms by how Vietnamese
    dense_weight: float = 1.0
    lexical_weight: float = 0.8
    expansion_weight: float = 0.7  # alias expansions relative to the question's own terms
    citizen_bonus: float = 0.02  # prefer procedures people do over ministry-internal ones
    # Lowers a variant ("Cấp lại …", "Xóa …", "… có yếu tố nước ngoài") when the question
    # names no reason for it (see ``query/qualifiers.py``); on the scale of the fused score
    # (dense and lexical each scaled to at most their weight).
    unasked_variant_penalty: float = 0.15
    # The second stage (``rerank.py``); all zero turns it off.
    rerank: RerankWeights = field(default_factory=RerankWeights)


@dataclass(frozen=True)
class Ranked:
    position: int
    score: float
    variants: tuple[int, ...]  # positions of the same family's other matching levels


def fuse(parts: Sequence[tuple[np.ndarray, float, float]]) -> np.ndarray:
    """Sum of ``weight × (score − baseline) / (best − baseline)`` (clipped at 0) over
    ``(scores, weight, baseline)`` parts; a part whose best score is at its baseline
    adds nothing."""
    total: np.ndarray | None = None
    for scores, weight, baseline in parts:
        if total is None:
            total = np.zeros(scores.shape, dtype=np.float32)
        top = float(scores.max()) if scores.size else baseline
        if weight <= 0 or top <= baseline:
            continue
        total += weight * np.clip((scores - baseline) / (top - baseline), 0.0, None)
    return total if total is not None else np.zeros(0, dtype=np.float32)


def family_groups(
    order: Sequence[int],
    scores: np.ndarray,
    *,
    families: Sequence[str],
    members: dict[str, tuple[int, ...]],
    mask: np.ndarray | None,
    k: int,
) -> list[Ranked]:
    """The first ``k`` families in ``order`` (positions, best first), each at its best
    variant; the family's other members passing ``mask`` are its variants, best first."""
    ranked: list[Ranked] = []
    seen: set[str] = set()
    for position in order:
        family = families[position]
        if family in seen:
            continue
        seen.add(family)
        others = [m for m in members.get(family, ()) if m != position and (mask is None or mask[m])]
        others.sort(key=lambda m: -scores[m])
        ranked.append(Ranked(position, float(scores[position]), tuple(others)))
        if len(ranked) == k:
            break
    return ranked


def level_key(level: str) -> str | None:
    """The catalogue level key for a filter value ("province", "Cấp tỉnh", "tinh" …)."""
    return _LEVEL_WORDS.get(" ".join(fold_diacritics(level).split()))


@dataclass(frozen=True)
class FilterColumns:
    """Per-document values the filters compare, folded once when the index loads."""

    level_keys: tuple[tuple[str, ...], ...]
    fields: tuple[str, ...]
    agencies: tuple[str, ...]

    @classmethod
    def of(cls, documents: Sequence[IndexedDocument]) -> "FilterColumns":
        return cls(
            level_keys=tuple(d.level_keys for d in documents),
            fields=tuple(fold_diacritics(d.field) for d in documents),
            agencies=tuple(fold_diacritics(d.agency) for d in documents),
        )

    def mask(
        self, *, level: str | None, field: str | None, agency: str | None
    ) -> np.ndarray | None:
        """Boolean mask of the documents passing the filters, ``None`` without filters.

        ``level`` is a level key (see :func:`level_key`); ``field`` and ``agency`` match
        a folded substring of the document's field and agency.
        """
        if level is None and field is None and agency is None:
            return None
        size = len(self.fields)
        mask = np.ones(size, dtype=bool)
        if level is not None:
            mask &= np.fromiter((level in keys for keys in self.level_keys), bool, size)
        if field is not None:
            wanted = fold_diacritics(field)
            mask &= np.fromiter((wanted in value for value in self.fields), bool, size)
        if agency is not None:
            wanted = fold_diacritics(agency)
            mask &= np.fromiter((wanted in value for value in self.agencies), bool, size)
        return mask
