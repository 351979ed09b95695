"""An English gloss of a Vietnamese procedure title, for English speakers' choice buttons.

Catalogue titles are Vietnamese only. The search package's English glossary maps
everyday English terms to the catalogue's wording ("birth registration" → "đăng ký khai
sinh"); read backwards, it renders the title terms it knows. The longest known
Vietnamese phrase wins at each position; words it does not know are left out, so a
gloss is a hint of what a choice is about, not a translation. The source is the one
place to change when a catalogue-wide rendering of title terms exists.
"""

import csv
import re
from pathlib import Path

from assistant.search.glossary import default_glossary_path

__all__ = ["TitleGlosser"]

_WORD = re.compile(r"\w+", re.UNICODE)
# One syllable alone is too ambiguous to render ("gia": "join" or "price").
_MIN_PHRASE_WORDS = 2


class TitleGlosser:
    """Vietnamese phrases (as word tuples) → their English rendering."""

    def __init__(self, rows: list[tuple[str, str]]) -> None:
        self._english: dict[tuple[str, ...], str] = {}
        # A row that renders one Vietnamese phrase is more precise than one that lists
        # several ("replace" → "cấp lại, cấp đổi"); within each kind the first row wins.
        by_precision = sorted(rows, key=lambda row: "," in row[1])
        for english, vietnamese in by_precision:
            for phrase in vietnamese.split(","):
                words = tuple(_WORD.findall(phrase.lower()))
                if len(words) >= _MIN_PHRASE_WORDS and english:
                    self._english.setdefault(words, english)
        self._longest = max((len(words) for words in self._english), default=0)

    @classmethod
    def load(cls, path: Path | None = None) -> "TitleGlosser":
        """From a glossary file (``english<TAB>vietnamese<TAB>note``, header row, "#"
        comments); the search package's glossary by default."""
        path = path or default_glossary_path()
        if not path.is_file():
            return cls([])
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
            rows = [(row[0].strip(), row[1].strip()) for row in reader if len(row) >= 2]
        return cls([row for row in rows[1:] if row[0] and not row[0].startswith("#")])

    def gloss(self, title: str) -> str | None:
        """English renderings of the known terms of ``title`` in title order, or None
        when it knows none."""
        words = _WORD.findall(title.lower())
        terms: list[str] = []
        start = 0
        while start < len(words):
            size = self._phrase_at(words, start)
            if size:
                english = self._english[tuple(words[start : start + size])]
                if english not in terms:
                    terms.append(english)
                start += size
            else:
                start += 1
        return ", ".join(terms) if terms else None

    def _phrase_at(self, words: list[str], start: int) -> int:
        for size in range(min(self._longest, len(words) - start), 0, -1):
            if tuple(words[start : start + size]) in self._english:
                return size
        return 0
