"""From a user's question to what each side of the search reads.

Steps: normalise → write out the chat shorthand of unaccented Vietnamese ("dk", "j") →
find aliases (everyday words, abbreviations, English → official wording) → restore
diacritics of unaccented Vietnamese → decide how Vietnamese the question is, which gates
the lexical side (English words collide with folded Vietnamese syllables: "the" ~ "thẻ",
"to" ~ "tờ").
"""

from collections.abc import Sequence
from dataclasses import dataclass

from assistant.search.query.accents import AccentModel
from assistant.search.query.aliases import AliasTable, default_aliases_path
from assistant.search.query.glossary import EnglishGlossary, default_glossary_path
from assistant.search.query.qualifiers import asked_qualifiers
from assistant.search.query.syllables import folded_syllables, lexical_tokens
from assistant.search.query.title_terms import TitleTerms
from assistant.text import detect_language, has_diacritics, normalise_text
from assistant.text.shorthand import spell_out

__all__ = ["AnalysedQuery", "QueryAnalyser", "Vocabulary", "load_vocabulary"]

# A question up to this many characters is read; longer text is cut (the encoder reads
# short queries fastest and a procedure question is rarely longer).
_MAX_QUERY_CHARS = 300


@dataclass(frozen=True)
class Vocabulary:
    """The bundled word lists the analysis reads."""

    aliases: AliasTable | None
    glossary: EnglishGlossary | None  # hand-written
    title_terms: TitleTerms

    def english(
        self, titles: Sequence[str], *, curated: bool, title_terms: bool, max_share: float
    ) -> EnglishGlossary | None:
        """The English glossary a search uses: the hand-written one (or none, when not
        ``curated``) with the title terms of ``titles`` as its fallback."""
        glossary = self.glossary if curated else EnglishGlossary([])
        if glossary is None or not title_terms:
            return glossary
        return glossary.extended(self.title_terms.glossary_rows(titles, max_share=max_share))


def load_vocabulary() -> Vocabulary:
    aliases = default_aliases_path()
    glossary = default_glossary_path()
    return Vocabulary(
        aliases=AliasTable.load(aliases) if aliases.is_file() else None,
        glossary=EnglishGlossary.load(glossary) if glossary.is_file() else None,
        title_terms=TitleTerms.load(),
    )


@dataclass(frozen=True)
class AnalysedQuery:
    text: str  # normalised question
    dense_text: str  # what the encoder reads (restored accents, alias expansions)
    lexical: list[str]  # BM25 terms of the question itself
    expansion_lexical: list[str]  # BM25 terms of the alias expansions
    vietnamese: float  # 0 (English) … 1 (Vietnamese): weight of the question's own terms
    restored: str | None  # the question with restored diacritics, when it was unaccented
    expansions: tuple[str, ...]
    asked: frozenset[str] = frozenset()  # procedure variants the question asks for


class QueryAnalyser:
    """Stateless apart from the alias table and accent model it was given."""

    def __init__(
        self,
        *,
        accents: AccentModel | None,
        aliases: AliasTable | None,
        glossary: EnglishGlossary | None = None,
        restore_accents: bool = True,
        spell_out_shorthand: bool = True,
    ) -> None:
        self._accents = accents
        self._aliases = aliases
        self._glossary = glossary
        self._restore = restore_accents
        self._spell_out = spell_out_shorthand

    def analyse(self, query: str) -> AnalysedQuery:
        text = normalise_text(query, max_chars=_MAX_QUERY_CHARS)
        spoken = self._spelled_out(text)
        folded = folded_syllables(spoken)
        vietnamese = self._vietnamese(spoken, folded)
        expansions = self._expansions(spoken, vietnamese)
        restored = None
        if self._accents is not None and self._should_restore(spoken, vietnamese):
            restored = self._accents.restore(spoken)
        base = restored or spoken
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
            asked=asked_qualifiers([base, *expansions]),
        )

    def _expansions(self, text: str, vietnamese: float) -> tuple[str, ...]:
        aliases = self._aliases.match(text) if self._aliases is not None else []
        if self._glossary is None or vietnamese >= 0.5:
            return tuple(dict.fromkeys(m.expansion for m in aliases))
        # English: the glossary speaks for English words (the alias table's few English
        # rows add its generic ones: "register" → "đăng ký"); aliases add only what the
        # glossary does not know, such as Vietnamese abbreviations ("dkkh", "hkd").
        glossary = self._glossary
        found = dict.fromkeys(glossary.translations(text))
        found.update(dict.fromkeys(m.expansion for m in aliases if not glossary.match(m.term)))
        return tuple(found)

    def _spelled_out(self, text: str) -> str:
        """Unaccented Vietnamese with its chat shorthand written in full ("dk ket hon can
        j" → "dang ky ket hon can gi"), which the accent model and both sides of the
        search can read; any other text as it is."""
        if not self._spell_out or has_diacritics(text):
            return text
        spelled = spell_out(text)
        if spelled == text or detect_language(spelled) == "en":
            return text
        return spelled

    def _should_restore(self, text: str, vietnamese: float) -> bool:
        return self._restore and vietnamese >= 0.5 and not has_diacritics(text)

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
