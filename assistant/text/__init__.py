"""Vietnamese text helpers shared by every capability: normalisation, diacritic folding,
language detection."""

from assistant.text.folding import fold_diacritics, has_diacritics
from assistant.text.language import Language, LanguageGuess, detect_language, guess_language
from assistant.text.normalise import normalise_text

__all__ = [
    "Language",
    "LanguageGuess",
    "detect_language",
    "fold_diacritics",
    "guess_language",
    "has_diacritics",
    "normalise_text",
]
