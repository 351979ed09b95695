"""English administrative terms mapped to the catalogue's Vietnamese wording, for
questions asked in English ("register a birth" → "đăng ký khai sinh"), from
``data/glossary_en.tsv``.

Terms and questions are compared as word stems with function words left out, so a term
matches its plurals and -ing / -ed forms and across articles and possessives: "register
the birth of our baby" contains "register birth". Where terms overlap, the longest wins:
inside "land use right certificate" the lone "certificate" adds nothing.
"""

import csv
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from assistant.text import fold_diacritics

__all__ = ["EnglishGlossary", "GlossaryMatch", "default_glossary_path", "english_words"]

_WORD = re.compile(r"[a-z0-9]+")
# Function words carry no administrative meaning; words that do ("for", "under", "new",
# "first", "again", "online") are kept.
_STOP = frozenset(
    """a an the my our your his her their its this that these those i me we us you he him
    she they them it of to in on at by with from and or is are was were be been being am
    do does did doing done have has had having can could should would will shall must may
    might how what where which who whom whose when why there here so if as about into
    just also please need needs want wants like get gets getting got some any s t d ll
    ve m""".split()
)
# Irregular forms, mapped before the suffix rules.
_IRREGULAR = {
    "lost": "lose",
    "stolen": "steal",
    "stole": "steal",
    "born": "birth",
    "died": "die",
    "dead": "die",
    "children": "child",
    "wives": "wife",
    "men": "man",
    "women": "woman",
    "paid": "pay",
    "sold": "sell",
    "bought": "buy",
    "built": "build",
    "gave": "give",
    "given": "give",
    "left": "leave",
    "broken": "break",
    "broke": "break",
    "torn": "tear",
    "burnt": "burn",
    "taken": "take",
    "took": "take",
    "issuance": "issue",
}
_DOUBLED = re.compile(r"([bdfgkmnprt])\1$")


def default_glossary_path() -> Path:
    return Path(__file__).resolve().parents[1] / "data" / "glossary_en.tsv"


def english_stem(word: str) -> str:
    """A light, consistent stem of a lower-case English word: plural, -ing and -ed
    endings and a final "e" removed ("licences" → "licenc", "registered" → "register",
    "marrying" / "married" → "marry"). Not a linguistic stem; both sides of a match go
    through it."""
    word = _IRREGULAR.get(word, word)
    if len(word) > 4 and word.endswith("ies"):
        word = word[:-3] + "y"
    elif word.endswith(("sses", "ches", "shes", "xes", "zes")):
        word = word[:-2]
    elif len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    if len(word) > 5 and word.endswith("ing"):
        word = _undouble(word[:-3])
    elif len(word) > 4 and word.endswith("ied"):
        word = word[:-3] + "y"
    elif len(word) > 4 and word.endswith("ed") and not word.endswith("eed"):
        word = _undouble(word[:-2])
    if len(word) > 3 and word.endswith("e"):
        word = word[:-1]
    return word


def english_words(text: str) -> list[str]:
    """Stems of the content words of ``text``, in order."""
    text = fold_diacritics(text.lower()).replace("’", "'").replace("n't", " not")
    text = re.sub(r"'s\b", "", text)
    return [english_stem(w) for w in _WORD.findall(text) if w not in _STOP]


def _undouble(stem: str) -> str:
    return stem[:-1] if _DOUBLED.search(stem) else stem


@dataclass(frozen=True)
class GlossaryMatch:
    term: str
    vietnamese: str
    start: int  # index of the first matched content word
    end: int  # one past the last
    tier: int = 0  # 0: the glossary's own row; 1: a fallback row


class EnglishGlossary:
    """The glossary, indexed by the first stem of each term. Rows of a ``fallback``
    glossary (see :meth:`extended`) only translate words no own row covers."""

    def __init__(
        self, rows: list[tuple[str, str]], *, fallback: Sequence[tuple[str, str]] = ()
    ) -> None:
        self.rows = list(rows)
        self._by_first: dict[str, list[tuple[tuple[str, ...], str, str, int]]] = {}
        for tier, tier_rows in enumerate((rows, fallback)):
            for term, vietnamese in tier_rows:
                stems = tuple(english_words(term))
                if stems and vietnamese.strip():
                    entry = (stems, term, vietnamese, tier)
                    self._by_first.setdefault(stems[0], []).append(entry)
        self.size = sum(len(v) for v in self._by_first.values())

    @classmethod
    def load(cls, path: Path) -> "EnglishGlossary":
        """Read an ``english<TAB>vietnamese<TAB>note`` file with a header row; lines
        starting with "#" are comments."""
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
            rows = [(row[0].strip(), row[1].strip()) for row in reader if len(row) >= 2]
        return cls([row for row in rows[1:] if row[0] and not row[0].startswith("#")])

    def extended(self, rows: list[tuple[str, str]]) -> "EnglishGlossary":
        """This glossary with ``rows`` as a fallback: they translate only the words of a
        question that none of this glossary's terms covers, so the hand-written everyday
        wording keeps priority over vocabulary generated from titles."""
        return EnglishGlossary(self.rows, fallback=rows)

    def match(self, text: str) -> list[GlossaryMatch]:
        """The terms found in ``text``, in question order; a term overlapping a longer
        (or earlier, equally long) term is dropped, and a fallback term overlapping an
        own one."""
        words = english_words(text)
        found: list[GlossaryMatch] = []
        for start, stem in enumerate(words):
            for stems, term, vietnamese, tier in self._by_first.get(stem, []):
                end = start + len(stems)
                if tuple(words[start:end]) == stems:
                    found.append(GlossaryMatch(term, vietnamese, start, end, tier))
        found.sort(key=lambda m: (m.tier, m.start - m.end, m.start))
        taken = [False] * len(words)
        kept: list[GlossaryMatch] = []
        for m in found:
            if not any(taken[m.start : m.end]):
                taken[m.start : m.end] = [True] * (m.end - m.start)
                kept.append(m)
        kept.sort(key=lambda m: m.start)
        return kept

    def translations(self, text: str) -> list[str]:
        """Distinct Vietnamese wordings of the terms in ``text``, in question order."""
        return list(dict.fromkeys(m.vietnamese for m in self.match(text)))
