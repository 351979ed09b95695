"""Everyday words, abbreviations and English terms mapped to the catalogue's official
wording ("sổ đỏ" → "giấy chứng nhận quyền sử dụng đất"), from ``data/aliases.tsv``.

A term matches a run of whole query syllables. A query syllable typed without diacritics
matches the term's syllable with any diacritics ("so do" matches "sổ đỏ"); one typed with
diacritics must match exactly, so "sơ đồ" does not.
"""

import csv
from dataclasses import dataclass
from pathlib import Path

from assistant.search.query.syllables import syllables
from assistant.text import fold_diacritics

__all__ = ["AliasMatch", "AliasTable", "default_aliases_path"]


def default_aliases_path() -> Path:
    return Path(__file__).resolve().parents[1] / "data" / "aliases.tsv"


@dataclass(frozen=True)
class AliasMatch:
    term: str
    expansion: str
    start: int  # index of the first matched query syllable
    end: int  # one past the last


@dataclass(frozen=True)
class _Alias:
    term: str
    words: tuple[str, ...]
    folded: tuple[str, ...]
    expansion: str


class AliasTable:
    """The alias list, indexed by the folded first syllable of each term."""

    def __init__(self, rows: list[tuple[str, str]]) -> None:
        self.rows = list(rows)
        self._by_first: dict[str, list[_Alias]] = {}
        for term, expansion in rows:
            words = tuple(syllables(term))
            if not words or not expansion.strip():
                continue
            alias = _Alias(term, words, tuple(fold_diacritics(w) for w in words), expansion)
            self._by_first.setdefault(alias.folded[0], []).append(alias)
        self.size = sum(len(v) for v in self._by_first.values())

    @classmethod
    def load(cls, path: Path) -> "AliasTable":
        """Read a ``term<TAB>expansion<TAB>note`` file with a header row."""
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
            rows = [(row[0].strip(), row[1].strip()) for row in reader if len(row) >= 2]
        return cls([row for row in rows[1:] if row[0] and not row[0].startswith("#")])

    def match(self, text: str) -> list[AliasMatch]:
        """Every alias occurring in ``text``, longest first; overlapping matches are kept
        unless one lies inside a longer match with the same expansion."""
        words = syllables(text)
        folded = [fold_diacritics(w) for w in words]
        found: list[AliasMatch] = []
        for start, key in enumerate(folded):
            for alias in self._by_first.get(key, []):
                end = start + len(alias.words)
                if end <= len(words) and _matches(alias, words[start:end], folded[start:end]):
                    found.append(AliasMatch(alias.term, alias.expansion, start, end))
        found.sort(key=lambda m: (m.start - m.end, m.start))
        kept: list[AliasMatch] = []
        for m in found:
            if not any(
                k.start <= m.start and m.end <= k.end and k.expansion == m.expansion for k in kept
            ):
                kept.append(m)
        return kept

    def expansions(self, text: str) -> list[str]:
        """Distinct expansions of the aliases in ``text``, longest match first."""
        return list(dict.fromkeys(m.expansion for m in self.match(text)))


def _matches(alias: _Alias, words: list[str], folded: list[str]) -> bool:
    for typed, typed_folded, term, term_folded in zip(
        words, folded, alias.words, alias.folded, strict=True
    ):
        if typed_folded != term_folded:
            return False
        if typed != typed_folded and typed != term:  # typed with diacritics: exact only
            return False
    return True
