"""What a typed answer in the feedback flow means: a rating, reasons, a contact, or a
request to skip or stop. Matching folds diacritics, so unaccented input reads the same."""

import re
from typing import Literal

from assistant.feedback.reasons import REASONS
from assistant.text import fold_diacritics

__all__ = ["Control", "parse_contact", "parse_control", "parse_rating", "parse_reasons"]

Control = Literal["skip", "stop"]

_NUMBER_WORDS = {
    "mot": 1, "hai": 2, "ba": 3, "bon": 4, "tu": 4, "nam": 5,
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
}
# Longest first: "rat khong hai long" must win over "khong hai long" and "hai long".
_PHRASES: tuple[tuple[str, int], ...] = (
    ("rat khong hai long", 1), ("very dissatisfied", 1), ("very unsatisfied", 1),
    ("rat te", 1), ("qua te", 1), ("te hai", 1), ("terrible", 1), ("awful", 1),
    ("very bad", 1), ("very poor", 1),
    ("khong hai long", 2), ("chua hai long", 2), ("dissatisfied", 2), ("unsatisfied", 2),
    ("not satisfied", 2), ("khong tot", 2), ("chua tot", 2), ("not good", 2),
    ("kem", 2), ("te", 2), ("poor", 2), ("bad", 2),
    ("binh thuong", 3), ("tam duoc", 3), ("tam on", 3), ("trung binh", 3),
    ("average", 3), ("so so", 3), ("fair", 3),
    ("rat hai long", 5), ("very satisfied", 5), ("tuyet voi", 5), ("xuat sac", 5),
    ("excellent", 5), ("great", 5), ("perfect", 5), ("rat tot", 5), ("very good", 5),
    ("hai long", 4), ("satisfied", 4), ("tot", 4), ("good", 4),
)
_OUT_OF = re.compile(r"\b(\d{1,2})\s*/\s*(5|10)\b")
_NUMBER = re.compile(r"\b([1-5])\b")
_WORD_WITH_UNIT = re.compile(
    r"\b(" + "|".join(_NUMBER_WORDS) + r")\s*(sao|diem|stars?|points?)\b"
)
_STARS = re.compile(r"[⭐★]")

# An answer made only of these words (and fillers) ends the flow or skips the step:
# "thôi không cần nữa" stops, "không có gì ạ" skips, "cán bộ không tốt" is an answer.
_STOP = ("dung lai", "dung", "thoi", "ket thuc", "huy", "khong gop y nua", "xong",
         "stop", "cancel", "quit", "finish", "done", "that's all", "thats all", "enough")
_SKIP = ("bo qua", "khong can", "khong co", "khong", "ko", "k", "skip", "no", "nope",
         "none", "nothing", "pass", "-")
_FILLER = ("a", "nhe", "nha", "oi", "roi", "nua", "gi", "het", "y kien", "cam on", "thanks",
           "thank you", "this", "step", "it", "please", "ban", "em")

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
_PHONE = re.compile(r"(?:\+?84|0)(?:[\s.-]?\d){8,10}")


def _fold(text: str) -> str:
    return " ".join(re.sub(r"[^\w/⭐★@.+-]+", " ", fold_diacritics(text)).split())


def _has(phrase: str, folded: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", folded) is not None


def parse_rating(text: str) -> int | None:
    """1–5 from "5", "4/5", "8/10", "5 sao", "năm sao", "five stars", "⭐⭐⭐⭐",
    "rất hài lòng", "very dissatisfied"…; None when the text gives no rating."""
    folded = _fold(text)
    if match := _OUT_OF.search(folded):
        value, scale = int(match.group(1)), int(match.group(2))
        if not 0 < value <= scale:
            return None  # "0/5", "9/5": a score out of range is no rating
        return max(1, min(5, round(value * 5 / scale)))
    if match := _WORD_WITH_UNIT.search(folded):
        return _NUMBER_WORDS[match.group(1)]
    if match := _NUMBER.search(folded):
        return int(match.group(1))
    stars = len(_STARS.findall(text))
    if 1 <= stars <= 5:
        return stars
    if folded in _NUMBER_WORDS:
        return _NUMBER_WORDS[folded]
    for phrase, value in _PHRASES:
        if _has(phrase, folded):
            return value
    return None


def parse_reasons(text: str) -> list[str]:
    """Reason codes named in ``text``, in catalogue order. A matched phrase is removed
    before shorter ones are tried, so "không rõ ràng" is unclear, not clear."""
    folded = f" {_fold(text)} "
    found: set[str] = set()
    keywords = sorted(
        ((k, r.code) for r in REASONS for k in r.keywords), key=lambda kc: -len(kc[0])
    )
    for keyword, code in keywords:
        pattern = rf"(?<!\w){re.escape(keyword)}(?!\w)"
        if re.search(pattern, folded):
            found.add(code)
            folded = re.sub(pattern, " ", folded)
    return [r.code for r in REASONS if r.code in found]


def parse_control(text: str) -> Control | None:
    """"stop" when the answer only asks to end the flow, "skip" when it only declines
    this step; None for a real answer."""
    rest = f" {_fold(text).strip(' .!')} "
    found: set[str] = set()
    phrases = [(p, "stop") for p in _STOP] + [(p, "skip") for p in _SKIP] + [
        (p, "") for p in _FILLER]
    for phrase, kind in sorted(phrases, key=lambda pk: -len(pk[0])):
        pattern = rf"(?<!\S){re.escape(phrase)}(?!\S)"
        if re.search(pattern, rest):
            found.add(kind)
            rest = re.sub(pattern, " ", rest)
    if rest.strip() or not found - {""}:
        return None
    return "stop" if "stop" in found else "skip"


def parse_contact(text: str) -> str | None:
    """An e-mail address or a Vietnamese phone number found in ``text``, normalised."""
    if match := _EMAIL.search(text):
        return match.group(0).strip(".")
    if match := _PHONE.search(text):
        return re.sub(r"[\s.-]", "", match.group(0))
    return None
