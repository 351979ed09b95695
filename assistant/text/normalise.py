"""Normalisation applied to every incoming message before anything reads it."""

import re
import unicodedata

__all__ = ["normalise_text"]

# Control and zero-width characters, and the bidi embeddings/isolates (U+202A–202E,
# U+2066–2069) that can make text display in another order than it is read.
_CONTROL = re.compile(
    r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]"
)
_SPACES = re.compile(r"\s+")


def normalise_text(text: str, *, max_chars: int | None = None) -> str:
    """NFC-compose, drop control and zero-width characters, fold whitespace.

    Vietnamese keyboards (and copy-paste from PDFs) emit both precomposed and
    decomposed accents; NFC makes them compare equal.
    """
    text = unicodedata.normalize("NFC", text)
    text = _CONTROL.sub(" ", text)
    text = _SPACES.sub(" ", text).strip()
    if max_chars is not None:
        text = text[:max_chars]
    return text
