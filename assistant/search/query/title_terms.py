"""The catalogue's recurring title terms with English renderings, from
``data/title_terms.tsv``.

Two uses, one table:

- :meth:`TitleTerms.gloss` gives an English gloss of a Vietnamese title, term by term,
  longest term first ("Cấp lại giấy phép lái xe" → "Reissue driving licence"): a reading
  aid beside the Vietnamese title for English users, not a translation.
- :meth:`TitleTerms.glossary_rows` gives ``(english, vietnamese)`` rows that extend the
  English glossary, so that every frequent title term is reachable from an English
  question, not only the terms of questions seen.
"""

import csv
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

__all__ = ["TitleTerm", "TitleTerms", "default_terms_path"]

_TOKEN = re.compile(r"\w+|,")
_LONGEST_TERM = 8  # tokens; the longest term of the table has 7
# Below this share of a title's words covered by terms, the gloss would mislead.
_MIN_COVERAGE = 0.6
# Words that open most titles and say nothing in a short English label.
_SKIPPED_OPENING = ("procedure",)
# English words every procedure question may contain ("what documents / papers do I need",
# "which form", "what is the fee"): alone, they name no procedure, so they never become
# glossary terms, whatever title term they render.
_QUESTION_WORDS = frozenset(
    "document documents paper papers form forms file files application fee fees service "
    "services information office procedure case".split()
)


def default_terms_path() -> Path:
    return Path(__file__).resolve().parents[1] / "data" / "title_terms.tsv"


@dataclass(frozen=True)
class TitleTerm:
    vietnamese: str
    english: tuple[str, ...]  # the first is the gloss
    is_gloss_only: bool  # a linking word: never an English question's key word


class TitleTerms:
    """The term table, indexed by the Vietnamese term's lower-case tokens."""

    def __init__(self, terms: list[TitleTerm]) -> None:
        self.terms = terms
        self._by_tokens: dict[tuple[str, ...], TitleTerm] = {}
        for term in terms:
            self._by_tokens.setdefault(_tokens(term.vietnamese), term)

    @classmethod
    def load(cls, path: Path | None = None) -> "TitleTerms":
        """Read a ``vietnamese<TAB>english[<TAB>use]`` file with a header row (default:
        the bundled table); English alternatives are separated by " | "; lines starting
        with "#" are comments."""
        with (path or default_terms_path()).open(encoding="utf-8", newline="") as handle:
            rows = list(csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
        terms = []
        for row in rows[1:]:
            if len(row) < 2 or not row[0].strip() or row[0].startswith("#"):
                continue
            english = tuple(e.strip() for e in row[1].split("|") if e.strip())
            if english:
                use = row[2].strip() if len(row) > 2 else ""
                terms.append(TitleTerm(row[0].strip().lower(), english, use == "gloss"))
        return cls(terms)

    def gloss(self, title: str) -> str | None:
        """An English gloss of ``title``, or ``None`` when too few of its words are
        known terms. Numbers stay; unknown words are left out."""
        tokens = _tokens(title)
        words: list[str] = []
        known = total = 0
        for start, term, length in self._segments(tokens):
            if term is not None:
                words.append(term.english[0])
                if tokens[start] != ",":
                    known += length
                    total += length
            elif tokens[start] == ",":
                words.append(",")
            else:
                total += 1
                if tokens[start].isdigit():
                    words.append(tokens[start])
        if not total or known / total < _MIN_COVERAGE:
            return None
        while words and words[0] in (*_SKIPPED_OPENING, ","):
            words.pop(0)
        text = " ".join(_deduplicated(words)).replace(" ,", ",").strip(" ,")
        return text[:1].upper() + text[1:] if text else None

    def glossary_rows(
        self, titles: Sequence[str] = (), *, max_share: float = 1.0
    ) -> list[tuple[str, str]]:
        """``(english, vietnamese)`` for every English wording of every term that an
        English question may name: not linking words, nor terms found in more than
        ``max_share`` of ``titles`` (as "cấp", "giấy", "Việt Nam": they tell no procedure
        from another, and searched for they draw whatever titles repeat them)."""
        counts = self._title_counts(titles) if titles else {}
        limit = max_share * len(titles)
        return [
            (english, term.vietnamese)
            for term in self.terms
            if not term.is_gloss_only and counts.get(term.vietnamese, 0) <= limit
            for english in term.english
            if english.lower() not in _QUESTION_WORDS
        ]

    def _title_counts(self, titles: Sequence[str]) -> dict[str, int]:
        """In how many ``titles`` each term occurs (as whole tokens)."""
        counts: dict[str, int] = {}
        lengths = sorted({len(tokens) for tokens in self._by_tokens})
        for title in titles:
            tokens = _tokens(title)
            found = {
                self._by_tokens[gram].vietnamese
                for n in lengths
                for i in range(len(tokens) - n + 1)
                if (gram := tokens[i : i + n]) in self._by_tokens
            }
            for term in found:
                counts[term] = counts.get(term, 0) + 1
        return counts

    def _segments(
        self, tokens: tuple[str, ...]
    ) -> list[tuple[int, TitleTerm | None, int]]:
        """``(start, term or None, length)`` pieces of ``tokens``: the most words covered
        by terms, in the fewest pieces, then with the longest term. Taking the longest
        term at each word in turn read "cấp giấy phép lái xe" as "cấp giấy phép" + "lái
        xe" ("issue licence driving"), not "cấp" + "giấy phép lái xe"."""
        size = len(tokens)
        # best[i]: (covered, -pieces, longest term) of tokens[i:], and its first piece.
        best: list[_Choice] = [((0, 0, 0), (None, 0))] * (size + 1)
        for start in range(size - 1, -1, -1):
            (covered, pieces, longest), _ = best[start + 1]
            options: list[_Choice] = [((covered, pieces - 1, longest), (None, 1))]
            for length in range(1, min(_LONGEST_TERM, size - start) + 1):
                term = self._by_tokens.get(tokens[start : start + length])
                if term is not None:
                    (covered, pieces, longest), _ = best[start + length]
                    score = (covered + length, pieces - 1, max(longest, length))
                    options.append((score, (term, length)))
            best[start] = max(options, key=lambda option: option[0])
        segments: list[tuple[int, TitleTerm | None, int]] = []
        start = 0
        while start < size:
            term, length = best[start][1]
            segments.append((start, term, length))
            start += length
        return segments


# A way to read the rest of a title: (words covered, −pieces, longest term), first piece.
_Choice = tuple[tuple[int, int, int], tuple[TitleTerm | None, int]]


def _tokens(text: str) -> tuple[str, ...]:
    return tuple(_TOKEN.findall(text.lower()))


def _deduplicated(words: list[str]) -> list[str]:
    """Words with immediate repeats removed ("for for" from "cho" + "đối với")."""
    return [w for i, w in enumerate(words) if i == 0 or w != words[i - 1]]
