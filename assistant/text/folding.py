"""Diacritic folding: the key that lets unaccented input match accented text."""

import unicodedata

__all__ = ["fold_diacritics", "has_diacritics"]

# đ/Đ is a separate letter, not a base letter plus a combining mark, so NFD leaves it.
_LETTER_MAP = str.maketrans({"đ": "d", "Đ": "D"})


def fold_diacritics(text: str, *, lower: bool = True) -> str:
    """Return ``text`` without Vietnamese diacritics (đ→d), lower-cased by default."""
    if text.isascii():  # nothing to fold: most syllables of unaccented questions
        return text.lower() if lower else text
    decomposed = unicodedata.normalize("NFD", text.translate(_LETTER_MAP))
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    folded = unicodedata.normalize("NFC", stripped)
    return folded.lower() if lower else folded


def has_diacritics(text: str) -> bool:
    """True when folding would change ``text`` (ignoring case)."""
    return fold_diacritics(text) != text.lower()
