"""`ask_procedure` examples generated from the catalogue's titles at training time.

Hand-written examples cover the needs people ask about most; the catalogue names every
procedure the centre handles. A fixed, spread sample of its titles, each put in one of a
few everyday frames ("tôi muốn …", "how do I …" with the title's English gloss), teaches
the classifier the whole field's vocabulary as a request for a procedure, so an unseen
need in any field is not read as out of scope. Titles that carry the words of another
intent (documents, fees, time limits, where or how to submit, complaints, lookups) are
left out: those words must keep pointing to their own intent.
"""

import hashlib
import re
from collections.abc import Iterable
from pathlib import Path

from assistant.catalogue.store import load_catalogue
from assistant.search.title_terms import TitleTerms
from assistant.text import fold_diacritics

__all__ = ["TITLE_SAMPLE_SIZE", "title_examples", "title_examples_document"]

TITLE_SAMPLE_SIZE = 240  # per language; about the size of the hand-written ask_procedure

_VI_FRAMES = (
    "{}",
    "thủ tục {}",
    "tôi muốn {}",
    "cho hỏi về việc {}",
    "làm sao để {}",
    "hướng dẫn {}",
    "tôi cần {}",
    "muốn {} thì làm thế nào",
)
_EN_FRAMES = (
    "how do I {}",
    "I need to {}",
    "{}",
    "I want to {}",
    "help me {}",
    "procedure to {}",
)
# Folded words of other intents' questions (see the module docstring).
_OTHER_INTENTS = re.compile(
    r"\b(ho so|le phi|phi|thoi han|thoi gian|nop|truc tuyen|dien tu|dieu kien|can cu"
    r"|khieu nai|to cao|phan anh|kien nghi|tra cuu|gop y)\b"
)
# Qualifiers a citizen does not say: the part in brackets, the legal reference.
_TAIL = re.compile(r"\s*(\(|\btheo (quy dinh|quyet dinh|nghi dinh|thong tu|luat)\b).*$")
_OPENING = re.compile(r"^(thủ tục|tthc)\s*:?\s*", re.IGNORECASE)
_MAX_WORDS = 14


def _everyday(title: str) -> str | None:
    """The title as a citizen might type it, or ``None`` when it is unsuitable."""
    text = " ".join(title.split())
    text = _OPENING.sub("", text)
    folded = fold_diacritics(text)
    cut = _TAIL.search(folded)
    if cut:
        text = text[: cut.start()]
    words = text.strip(" ,.;:-").split()
    if not words or len(words) > _MAX_WORDS or _OTHER_INTENTS.search(fold_diacritics(text)):
        return None
    return " ".join(words)[:1].lower() + " ".join(words)[1:]


def _spread(titles: Iterable[str]) -> list[str]:
    """Distinct titles in a fixed order that mixes the catalogue's fields (by hash)."""
    unique = sorted(set(titles))
    return sorted(unique, key=lambda t: hashlib.sha256(t.encode()).hexdigest())


def title_examples(titles: Iterable[str], terms: TitleTerms, *, size: int) -> dict[str, list[str]]:
    """``{"vi": [...], "en": [...]}``: up to ``size`` framed examples per language."""
    vietnamese: list[str] = []
    english: list[str] = []
    for title in _spread(titles):
        text = _everyday(title)
        if text is None:
            continue
        if len(vietnamese) < size:
            vietnamese.append(_VI_FRAMES[len(vietnamese) % len(_VI_FRAMES)].format(text))
        gloss = terms.gloss(text)
        if gloss and len(english) < size:
            english.append(_EN_FRAMES[len(english) % len(_EN_FRAMES)].format(gloss.lower()))
        if len(vietnamese) >= size and len(english) >= size:
            break
    return {"vi": vietnamese, "en": english}


def title_examples_document(catalogue: Path, *, size: int = TITLE_SAMPLE_SIZE) -> dict[str, object]:
    """A Rasa NLU document with the generated examples (unaccented forms are added by
    the training data's augmentation like for every other file)."""
    procedures, _ = load_catalogue(catalogue)
    examples = title_examples([p.title for p in procedures], TitleTerms.load(), size=size)
    lines = dict.fromkeys([*examples["vi"], *examples["en"]])
    return {
        "version": "3.1",
        "nlu": [
            {
                "intent": "ask_procedure",
                "examples": "".join(f"- {line}\n" for line in lines),
            }
        ],
    }
