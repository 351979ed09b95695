"""From a user's question to what each side of the search reads.

Steps: normalise → find aliases (everyday words, abbreviations, English → official
wording) → restore diacritics of unaccented Vietnamese → decide how Vietnamese the
question is, which gates the lexical side (English words collide with folded Vietnamese
syllables: "the" ~ "thẻ", "to" ~ "tờ").
"""

from dataclasses import dataclass

from assistant.search.accents import AccentModel
from assistant.search.aliases import AliasTable
from assistant.search.syllables import folded_syllables, lexical_tokens
from assistant.text import detect_language, has_diacritics, normalise_text

__all__ = ["AnalysedQuery", "QueryAnalyser"]

# A question up to this many characters is read; longer text is cut (the encoder reads
# short queries fastest and a procedure question is rarely longer).
_MAX_QUERY_CHARS = 300


@dataclass(frozen=True)
class AnalysedQuery:
    text: str  # normalised question
    dense_text: str  # what the encoder reads (restored accents, alias expansions)
    lexical: list[str]  # BM25 terms of the question itself
    expansion_lexical: list[str]  # BM25 terms of the alias expansions
    vietnamese: float  # 0 (English) … 1 (Vietnamese): weight of the question's own terms
    restored: str | None  # the question with restored diacritics, when it was unaccented
    expansions: tuple[str, ...]


class QueryAnalyser:
    """Stateless apart from the alias table and accent model it was given."""

    def __init__(
        self,
        *,
        accents: AccentModel | None,
        aliases: AliasTable | None,
        restore_accents: bool = True,
    ) -> None:
        self._accents = accents
        self._aliases = aliases
        self._restore = restore_accents

    def analyse(self, query: str) -> AnalysedQuery:
        text = normalise_text(query, max_chars=_MAX_QUERY_CHARS)
        folded = folded_syllables(text)
        expansions = tuple(self._aliases.expansions(text)) if self._aliases else ()
        vietnamese = self._vietnamese(text, folded)
        restored = None
        if (
            self._restore
            and self._accents is not None
            and vietnamese >= 0.5
            and not has_diacritics(text)
        ):
            restored = self._accents.restore(text)
        base = restored or text
        dense_text = ". ".join([base, *expansions]) if expansions else base
        expansion_terms = [t for e in expansions for t in lexical_tokens(folded_syllables(e))]
        return AnalysedQuery(
            text=text,
            dense_text=dense_text,
            lexical=lexical_tokens(folded),
            expansion_lexical=expansion_terms,
            vietnamese=vietnamese,
            restored=restored,
            expansions=expansions,
        )

    def _should_restore(self, text: str, vietnamese: float) -> bool:
        return (
            self._restore
            and self._accents is not None
            and vietnamese >= 0.5
            and not has_diacritics(text)
        )

    def _vietnamese(self, text: str, folded: list[str]) -> float:
        if has_diacritics(text):
            return 1.0
        language = detect_language(text)
        if language == "vi":
            return 1.0
        if language == "en":
            return 0.0
        words = [w for w in folded if w.isalpha()]
        if not words or self._accents is None:
            return 0.5
        return sum(self._accents.knows(w) for w in words) / len(words)
