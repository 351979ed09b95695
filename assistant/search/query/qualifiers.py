"""Variants of a procedure that a question has to ask for.

The catalogue holds most procedures in several variants: "Cấp thẻ căn cước" beside "Cấp
lại thẻ căn cước" (lost) and "Cấp đổi thẻ căn cước" (damaged, expired); "Đăng ký tạm trú"
beside "Xóa đăng ký tạm trú"; "Đăng ký khai sinh" beside "… có yếu tố nước ngoài". Their
titles share nearly every word, so both sides of the search score them alike, and the
variant often wins on a short title. A question that names no reason for the variant
(nothing lost, damaged, expired, to cancel; no foreigner) means the plain procedure, so a
variant title is ranked slightly lower for it.

Titles are read in lower case with diacritics; a question is read as its accented text
(restored when typed without diacritics) plus its alias and glossary expansions.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass

from assistant.search.query.syllables import syllables

__all__ = ["QUALIFIERS", "asked_qualifiers", "title_qualifiers"]


@dataclass(frozen=True)
class Qualifier:
    name: str
    title: re.Pattern[str]  # a title of this variant
    asked_by: tuple[str, ...]  # words of a question that asks for it (accented syllables)


# The variant's action opens the title ("Thủ tục đăng ký lại khai sinh", "Cấp đổi …").
_OPENING = r"^(?:thủ tục\s+)?(?:đăng ký\s+)?"

QUALIFIERS: tuple[Qualifier, ...] = (
    Qualifier(
        "again",
        re.compile(_OPENING + r"(?:cấp lại|đăng ký lại|khôi phục|trình báo mất)\b"),
        ("lại", "mất", "thất lạc", "hỏng", "rách", "cháy", "hư", "thay thế"),
    ),
    Qualifier(
        "exchange",
        re.compile(_OPENING + r"(?:cấp đổi|đổi)\b"),
        ("đổi", "hết hạn", "hỏng", "rách", "hư", "sai", "cũ", "điều chỉnh"),
    ),
    Qualifier(
        "extend",
        re.compile(_OPENING + r"gia hạn\b"),
        ("gia hạn", "hết hạn", "thêm"),
    ),
    Qualifier(
        "remove",
        re.compile(_OPENING + r"(?:xóa|xoá|hủy|huỷ|thu hồi|chấm dứt|giải thể)\b"),
        ("xóa", "xoá", "hủy", "huỷ", "thu hồi", "chấm dứt", "cắt", "ngừng", "giải thể", "đóng"),
    ),
    Qualifier(
        "pause",
        re.compile(_OPENING + r"(?:tạm ngừng|tạm dừng|đình chỉ)\b"),
        ("tạm ngừng", "tạm dừng", "ngừng", "dừng", "nghỉ", "đình chỉ"),
    ),
    Qualifier(
        "amend",
        re.compile(
            _OPENING + r"(?:cấp\s+)?(?:điều chỉnh|đính chính|hiệu đính|sửa đổi|thay đổi|cập nhật)\b"
        ),
        (
            "điều chỉnh",
            "đính chính",
            "hiệu đính",
            "sửa",
            "sai",
            "cải chính",
            "thay đổi",
            "bổ sung",
            "cập nhật",
            "đổi",
        ),
    ),
    Qualifier(
        "foreign",
        re.compile(r"yếu tố nước ngoài"),
        ("nước ngoài", "ngoại quốc", "việt kiều", "quốc tịch", "ngoại kiều"),
    ),
)


def title_qualifiers(title: str) -> frozenset[str]:
    """Names of the variants ``title`` belongs to."""
    text = " ".join(title.lower().split())
    return frozenset(q.name for q in QUALIFIERS if q.title.search(text))


def asked_qualifiers(texts: Iterable[str]) -> frozenset[str]:
    """Names of the variants the question (its accented ``texts``) asks for."""
    words = " " + " ".join(" ".join(syllables(t)) for t in texts) + " "
    return frozenset(
        q.name for q in QUALIFIERS if any(f" {trigger} " in words for trigger in q.asked_by)
    )
