"""Syllable tokenisation shared by the lexical index, the accent model and the query side.

Vietnamese writes one syllable per space-separated token, so syllables (not words) are the
unit; multi-syllable words are caught by syllable pairs.
"""

import itertools
import re
import unicodedata

from assistant.text import fold_diacritics

__all__ = ["folded_syllables", "lexical_tokens", "syllables"]

# Letters and digits; "/" and "." stay inside codes such as "15/2024/tt-bca" or "1.000178".
_TOKEN = re.compile(r"[^\W_]+(?:[./-][^\W_]+)*", re.UNICODE)
# Table cells of the crawled portal are glued ("nộpThời gian"); a capital after a
# lower-case letter is a cell boundary.
_LOWER = "a-zàáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ"
_UPPER = "A-Z" + _LOWER[3:].upper()
_GLUED = re.compile(f"(?<=[{_LOWER}])(?=[{_UPPER}])")


def syllables(text: str) -> list[str]:
    """Lower-cased NFC syllables of ``text``, diacritics kept."""
    text = _GLUED.sub(" ", unicodedata.normalize("NFC", text))
    return _TOKEN.findall(text.lower())


def folded_syllables(text: str) -> list[str]:
    """Syllables of ``text`` without diacritics (đ→d)."""
    return syllables(fold_diacritics(text))


def lexical_tokens(folded: list[str]) -> list[str]:
    """BM25 terms: every folded syllable plus every adjacent pair joined by "_"."""
    pairs = [f"{a}_{b}" for a, b in itertools.pairwise(folded)]
    return folded + pairs
