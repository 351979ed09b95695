"""Variants of a procedure that a question has to ask for.

The catalogue holds most procedures in several variants: "Cấp thẻ căn cước" beside "Cấp
lại thẻ căn cước" (lost) and "Cấp đổi thẻ căn cước" (damaged, expired); "Đăng ký tạm trú"
beside "Xóa đăng ký tạm trú"; "Đăng ký khai sinh" beside "… có yếu tố nước ngoài". Their
titles share nearly every word, so both sides of the search score them alike, and the
variant often wins on a short title. A question that names no reason for the variant
(nothing lost, damaged, expired, to cancel; no foreigner) means the plain procedure, so a
variant title is ranked slightly lower for it.

Titles are read in lower case with diacritics; a question is read as its accented text
(restored when typed without diacritics) plus its alias and glossary expansions. A word
that asks for a variant in one sense and not in another is read in its context: "làm
lại thẻ" asks again, "mua lại xe cũ" (buy second-hand) does not; "mất thẻ" (lost) does,
"mất bao lâu" (takes how long) and "bố tôi mất" (died) do not; "đóng cửa" (close down)
does, "đóng bảo hiểm" (pay contributions) does not; "nghỉ kinh doanh" does, "nghỉ thai
sản" (maternity leave) does not.
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
    # Words of a question that ask for it (accented syllables), each a regular
    # expression matched at word boundaries.
    asked_by: tuple[str, ...]


# "mất" right after a relative (and whose relative) is "died", not "lost". The look-behinds
# follow the word, so they are tried only where "mất" is.
_RELATIVES = (
    "bố", "mẹ", "cha", "má", "ông", "bà", "nội", "ngoại", "vợ", "chồng", "anh", "chị", "em",
    "con", "trai", "gái", "chú", "bác", "cô", "dì", "cậu", "người thân", "người nhà",
)
_OWNERS = ("", " tôi", " mình", " em", " anh", " chị", " tao")
_LOST = "mất" + "".join(
    f"(?<!{relative}{owner} mất)" for relative in _RELATIVES for owner in _OWNERS
)

# The variant's action opens the title ("Thủ tục đăng ký lại khai sinh", "Cấp đổi …").
_OPENING = r"^(?:thủ tục\s+)?(?:đăng ký\s+)?"

QUALIFIERS: tuple[Qualifier, ...] = (
    Qualifier(
        "again",
        re.compile(_OPENING + r"(?:cấp lại|đăng ký lại|khôi phục|trình báo mất)\b"),
        (
            # "lại" after a verb of making or issuing; alone it is "buy back", "stay",
            # "the rest", "why (then)".
            "(?:làm|cấp|xin|đăng ký|in|khai|đổi) lại",
            # "mất" is also "to take" (time, money): "mất bao lâu", "mất phí không"; and
            # "to die" after a relative: "bố tôi mất", "ông bà mất" (khai tử, thừa kế).
            _LOST + "(?! (?:bao|mấy|khoảng|tầm|chừng|nhiều|ít|hết|thời gian|tiền|phí"
            "|lệ phí|công|có))",
            # … unless a paper follows: "chồng mất giấy phép lái xe" lost it.
            "mất(?= (?:giấy|thẻ|sổ|bằng|hộ chiếu|căn cước|chứng minh|ví|hồ sơ|bản))",
            "thất lạc", "hỏng", "rách", "cháy", "hư", "thay thế",
        ),
    ),
    Qualifier(
        "exchange",
        re.compile(_OPENING + r"(?:cấp đổi|đổi)\b"),
        # Not "cũ" alone: "xe cũ", "nhà cũ" are second-hand, not to be exchanged.
        ("đổi", "hết hạn", "hỏng", "rách", "hư", "sai", "điều chỉnh"),
    ),
    Qualifier(
        "extend",
        re.compile(_OPENING + r"gia hạn\b"),
        # Not "thêm" alone: "thêm ngành nghề", "thêm tên" add, they do not extend.
        ("gia hạn", "hết hạn", "ở thêm", "lưu trú thêm"),
    ),
    Qualifier(
        "remove",
        re.compile(_OPENING + r"(?:xóa|xoá|hủy|huỷ|thu hồi|chấm dứt|giải thể)\b"),
        (
            "xóa", "xoá", "hủy", "huỷ", "thu hồi", "chấm dứt", "cắt", "ngừng", "giải thể",
            # "đóng" alone is mostly "pay" (đóng thuế, đóng bảo hiểm).
            "đóng cửa", "đóng mã số thuế",
        ),
    ),
    Qualifier(
        "pause",
        re.compile(_OPENING + r"(?:tạm ngừng|tạm dừng|đình chỉ)\b"),
        # "nghỉ" alone is mostly leave (nghỉ thai sản, nghỉ hưu, nghỉ việc, nghỉ ốm).
        ("tạm ngừng", "tạm dừng", "ngừng", "dừng", "tạm nghỉ", "nghỉ kinh doanh",
         "nghỉ bán", "đình chỉ"),
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


_ASKED = {
    q.name: re.compile(r"(?<!\w)(?:" + "|".join(q.asked_by) + r")(?!\w)") for q in QUALIFIERS
}


def title_qualifiers(title: str) -> frozenset[str]:
    """Names of the variants ``title`` belongs to."""
    text = " ".join(title.lower().split())
    return frozenset(q.name for q in QUALIFIERS if q.title.search(text))


def asked_qualifiers(texts: Iterable[str]) -> frozenset[str]:
    """Names of the variants the question (its accented ``texts``) asks for."""
    # One text at a time: a word's context is its own sentence.
    said = [" ".join(syllables(t)) for t in texts]
    return frozenset(
        name for name, asked in _ASKED.items() if any(asked.search(text) for text in said)
    )
