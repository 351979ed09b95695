"""Hybrid procedure search: dense (e5 + FAISS) and lexical (BM25 on folded syllables)
scores fused per question, filtered, and grouped by procedure family."""

import logging
import os
from dataclasses import replace
from typing import TYPE_CHECKING

import numpy as np

from assistant.search.errors import IndexMismatchError, InvalidSearchError
from assistant.search.index.build import resolve_model
from assistant.search.index.load import SearchIndex, load_index
from assistant.search.index.query_adapter import adapted
from assistant.search.models import SearchHit
from assistant.search.query.analyser import (
    AnalysedQuery,
    QueryAnalyser,
    Vocabulary,
    load_vocabulary,
)
from assistant.search.query.qualifiers import QUALIFIERS, title_qualifiers
from assistant.search.query.syllables import folded_syllables, syllables
from assistant.search.query.title_terms import TitleTerms
from assistant.search.ranking import (
    FilterColumns,
    Ranked,
    SearchTuning,
    family_groups,
    fuse,
    level_key,
)
from assistant.search.rerank import Reranker
from assistant.settings import Settings

if TYPE_CHECKING:
    from assistant.catalogue.service import CatalogueService
    from assistant.search.embedding.encoder import Encoder

__all__ = ["MAX_RESULTS", "SearchService"]

log = logging.getLogger(__name__)

MAX_RESULTS = 50
# Families are formed from this many best documents per requested hit; families with
# several levels take several documents.
_CANDIDATES_PER_HIT = 6


class SearchService:
    """Ranks the catalogue's procedures for a free-text question (Vietnamese with or
    without diacritics, or English)."""

    def __init__(
        self,
        index: SearchIndex,
        encoder: "Encoder | None",
        *,
        vocabulary: Vocabulary,
        tuning: SearchTuning | None = None,
    ) -> None:
        self._index = index
        self._encoder = encoder
        self._vocabulary = vocabulary
        self.tuning = tuning or SearchTuning()
        glossary = vocabulary.english(
            [d.title for d in index.documents],
            curated=self.tuning.use_curated_glossary,
            title_terms=self.tuning.use_title_terms,
            max_share=self.tuning.title_term_max_share,
        )
        self._analyser = QueryAnalyser(
            accents=index.accents,
            aliases=vocabulary.aliases if self.tuning.use_aliases else None,
            glossary=glossary if self.tuning.use_glossary else None,
            restore_accents=self.tuning.use_accent_restoration,
            spell_out_shorthand=self.tuning.use_shorthand,
        )
        self._adapter = index.adapter if self.tuning.use_query_adapter else None
        documents = index.documents
        self._columns = FilterColumns.of(documents)
        self._families = [d.family for d in documents]
        members: dict[str, list[int]] = {}
        for position, family in enumerate(self._families):
            members.setdefault(family, []).append(position)
        self._members = {family: tuple(rows) for family, rows in members.items()}
        self._citizen = np.array([d.is_citizen_facing for d in documents], dtype=np.float32)
        self._reranker = Reranker(documents)
        variants = [title_qualifiers(d.title) for d in documents]
        self._variants = {
            q.name: np.array([q.name in v for v in variants], dtype=bool) for q in QUALIFIERS
        }

    @classmethod
    def load(
        cls,
        settings: Settings,
        *,
        catalogue: "CatalogueService",
        tuning: SearchTuning | None = None,
    ) -> "SearchService":
        """Load the index built for ``catalogue`` and the encoder (once)."""
        from assistant.search.embedding.encoder import Encoder

        index = load_index(settings, catalogue=catalogue)
        _, model_path = resolve_model(settings, build=True)
        assert model_path is not None
        # Two threads split a query's matrix products: whole searches took 15.3–16.0 ms
        # p50 instead of 17.5–17.9 ms on one thread (2 cores at load average 1.4,
        # bench/search_speed.py --threads), and encoding alone was no slower than on one
        # thread at load average 2 or 5.
        encoder = Encoder.load(
            model_path,
            runtime=settings.search.runtime,
            query_precision=settings.search.query_precision,
            threads=min(settings.search.encoder_threads, os.cpu_count() or 1),
            cache_size=settings.search.query_cache_size,
        )
        if encoder.dimension != index.manifest.dimension:
            raise IndexMismatchError(
                index.folder,
                [f"model dimension {encoder.dimension} ≠ {index.manifest.dimension}"],
            )
        log.info("search index loaded: %d procedures", len(index.documents))
        return cls(index, encoder, vocabulary=load_vocabulary(), tuning=tuning)

    def with_tuning(self, tuning: SearchTuning) -> "SearchService":
        """The same index and encoder ranked with other switches (for benchmarks)."""
        return SearchService(self._index, self._encoder, vocabulary=self._vocabulary, tuning=tuning)

    def with_adapter_seed(self, settings: Settings, seed: int) -> "SearchService":
        """The same index with its query adapter trained again in another batch order
        (for benchmarks: the order alone moves R@1 by about a point; cached per seed)."""
        from assistant.search.index.build import train_query_adapter

        index = self._index
        if self._encoder is None or index.adapter is None:
            return self
        passages = index.dense.reconstruct_n(0, self.size)
        matrix = train_query_adapter(
            settings,
            index.documents,
            index.accents,
            self._encoder,
            passages,
            index.manifest.model_name,
            seed=seed,
        )
        return SearchService(
            replace(index, adapter=matrix),
            self._encoder,
            vocabulary=self._vocabulary,
            tuning=self.tuning,
        )

    @property
    def title_terms(self) -> TitleTerms:
        """The catalogue's title terms with English renderings (``gloss`` of a title)."""
        return self._vocabulary.title_terms

    @property
    def has_folded_copies(self) -> bool:
        """Whether the index holds diacritic-free copies of the passages."""
        return bool(self._index.manifest.has_folded_copies)

    @property
    def size(self) -> int:
        """Number of procedures indexed."""
        return len(self._index.documents)

    def analyse(self, query: str) -> AnalysedQuery:
        """What each side of the search reads for ``query`` (for the CLI and debugging)."""
        return self._analyser.analyse(query)

    def search(
        self,
        query: str,
        *,
        k: int = 10,
        level: str | None = None,
        field: str | None = None,
        agency: str | None = None,
    ) -> list[SearchHit]:
        """The ``k`` best procedure families for ``query``, best first.

        ``level`` is a level key or label ("province", "Cấp tỉnh", "tinh" …); ``field``
        and ``agency`` keep procedures whose field / agency contains the text (folded).
        Raises ``InvalidSearchError`` for an empty query, ``k`` outside 1…50 or an
        unknown level.
        """
        if not 1 <= k <= MAX_RESULTS:
            raise InvalidSearchError(
                f"k phải từ 1 đến {MAX_RESULTS}.", f"k must be between 1 and {MAX_RESULTS}."
            )
        key = None
        if level is not None:
            key = level_key(level)
            if key is None:
                raise InvalidSearchError(
                    f"Cấp thực hiện không hợp lệ: {level!r}.", f"Unknown level: {level!r}."
                )
        analysed = self._analyser.analyse(query)
        if not analysed.text:
            raise InvalidSearchError("Câu hỏi đang trống.", "The query is empty.")
        scores, dense = self._scores(analysed)
        mask = self._columns.mask(level=key, field=field or None, agency=agency or None)
        scores = self._rerank(scores, mask, analysed)
        return [self._hit(r, dense) for r in self._rank(scores, mask, k)]

    def _scores(self, analysed: AnalysedQuery) -> tuple[np.ndarray, np.ndarray | None]:
        """Fused score of every document for an analysed query, and the dense cosine
        similarities (``None`` without the dense side).

        The fused scores are relative to the question's best match; only the cosine
        says how well anything matches at all.
        """
        tuning = self.tuning
        parts: list[tuple[np.ndarray, float, float]] = []
        dense = None
        if tuning.use_dense and self._encoder is not None:
            ranking, dense = self._dense_scores(analysed.dense_text)
            parts.append((ranking, tuning.dense_weight, float(np.median(ranking))))
        if tuning.use_lexical:
            lexical = self._lexical_scores(analysed)
            parts.append((lexical, tuning.lexical_weight, 0.0))
        fused = fuse(parts)
        if fused.size == 0:
            fused = np.zeros(self.size, dtype=np.float32)
        fused = fused + tuning.citizen_bonus * self._citizen
        unasked = [mask for name, mask in self._variants.items() if name not in analysed.asked]
        if unasked and tuning.unasked_variant_penalty > 0:
            fused = fused - tuning.unasked_variant_penalty * np.logical_or.reduce(unasked)
        return fused, dense

    def _rerank(
        self, scores: np.ndarray, mask: np.ndarray | None, analysed: AnalysedQuery
    ) -> np.ndarray:
        weights = self.tuning.rerank
        if not weights.is_active:
            return scores
        candidates = np.flatnonzero(mask) if mask is not None else np.arange(self.size)
        limit = min(candidates.size, weights.candidates)
        if limit == 0:
            return scores
        chosen = candidates[np.argpartition(-scores[candidates], limit - 1)[:limit]]
        accented = " ".join([analysed.restored or analysed.text, *analysed.expansions])
        return self._reranker.rescore(
            scores,
            chosen,
            words=folded_syllables(accented),
            accented=syllables(accented),
            asked=analysed.asked,
            weights=weights,
        )

    def _dense_scores(self, text: str) -> tuple[np.ndarray, np.ndarray]:
        """The dense side's ranking scores and the plain cosine similarities. With the
        query adapter they differ: the adapter ranks, but the conversation's thresholds
        (``min_similarity``) were measured on e5's own cosines, which hits still show."""
        assert self._encoder is not None
        vector = self._encoder.encode_query(text)
        cosine = self._by_document(self._index.similarities(vector))
        if self._adapter is None:
            return cosine, cosine
        return self._by_document(self._index.similarities(adapted(vector, self._adapter))), cosine

    def _by_document(self, by_row: np.ndarray) -> np.ndarray:
        size = self.size
        if self.tuning.use_folded_copies and by_row.size >= 2 * size:
            return np.maximum(by_row[:size], by_row[size : 2 * size])
        return by_row[:size]

    def _lexical_scores(self, analysed: AnalysedQuery) -> np.ndarray:
        lexical = self._index.lexical
        total = np.zeros(self.size, dtype=np.float32)
        # English questions reach this side through their glossary expansions only. A
        # BM25 of their own words over the titles' English glosses, added for them,
        # lowered R@1 on dev (.748 → .729 at weight 0.1) and on held-out. So did a BM25
        # over each procedure's profile and conditions as a third part (dev vi R@1 .799
        # → .785 at 0.1), and, on the dense side, a second query vector of an English
        # question's expansions alone (dev English R@1 .748 → .720 at 0.3).
        own = analysed.vietnamese if self.tuning.use_language_gate else 1.0
        if own > 0:
            total += own * lexical.scores(analysed.lexical)
        if analysed.expansion_lexical:
            total += self.tuning.expansion_weight * lexical.scores(analysed.expansion_lexical)
        return total

    def _rank(self, scores: np.ndarray, mask: np.ndarray | None, k: int) -> list[Ranked]:
        candidates = np.flatnonzero(mask) if mask is not None else np.arange(self.size)
        if candidates.size == 0:
            return []
        limit = min(candidates.size, k * _CANDIDATES_PER_HIT + 20)
        chosen = candidates[np.argpartition(-scores[candidates], limit - 1)[:limit]]
        order = chosen[np.argsort(-scores[chosen], kind="stable")]
        return family_groups(
            order.tolist(),
            scores,
            families=self._families,
            members=self._members,
            mask=mask,
            k=k,
        )

    def _hit(self, ranked: Ranked, dense: np.ndarray | None) -> SearchHit:
        d = self._index.documents[ranked.position]
        return SearchHit(
            code=d.code,
            title=d.title,
            score=round(ranked.score, 4),
            similarity=None if dense is None else round(float(dense[ranked.position]), 4),
            level=d.level,
            field=d.field,
            agency=d.agency,
            url=d.url,
            family=d.family,
            variants=tuple(self._index.documents[v].code for v in ranked.variants),
        )
