"""Masking personal data in conversation text before it is stored: phones, ID numbers
and e-mails (as the logs mask them) and people's names."""

import re

from assistant.logs import mask_personal_data

__all__ = ["mask_conversation_text"]

_NAME = "[name]"
# The most common Vietnamese family names (about 90 % of the population), with and
# without diacritics, as they start a full name.
_SURNAMES = (
    "Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Đinh Đoàn "
    "Trương Lâm Mai Trịnh Cao Lương Tạ Hà Tô Châu Quách Vương Nguyen Tran Le Pham Hoang "
    "Huynh Vu Vo Dang Bui Do Ho Ngo Duong Ly Dinh Doan Truong Lam Trinh Luong Ta Chau"
).split()
_WORD = r"[^\W\d_][^\W\d_'’-]*"
_CAPITAL = r"[A-ZÀ-ỸĐ][^\W\d_]*"
# A surname followed by one to three capitalised words: "Nguyễn Văn An", "Tran Thi Be".
_FULL_NAME = re.compile(
    rf"\b(?:{'|'.join(_SURNAMES)})(?:\s+{_CAPITAL}){{1,3}}\b"
)
# Place names that read like people's names and are kept.
_PLACES = ("Hồ Chí Minh", "Ho Chi Minh", "Hà Nội", "Ha Noi", "Hà Tĩnh", "Ha Tinh",
           "Hà Giang", "Ha Giang", "Hà Nam", "Ha Nam", "Cao Bằng", "Cao Bang", "Lâm Đồng",
           "Lam Dong", "Mai Châu")
# "tên tôi là …", "tôi tên là …", "em tên …", "my name is …": what follows is a name,
# typed with capitals or not (up to four words, up to punctuation or a digit).
_INTRODUCTION = re.compile(
    r"(?i)\b(?:t[eê]n\s+(?:t[oô]i|em|m[iì]nh|con|ch[aá]u)\s+l[aà]|"
    r"(?:t[oô]i|em|m[iì]nh|con|ch[aá]u)\s+t[eê]n(?:\s+l[aà])?|"
    r"h[oọ]\s+t[eê]n(?:\s+l[aà])?|my\s+name\s+is|name\s*:|h[oọ]\s+v[aà]\s+t[eê]n\s*:?)"
    rf"\s+((?:{_WORD})(?:\s+{_WORD}){{0,3}})"
)
# "tôi là Lan", "I am Lan": only a capitalised word is a name ("tôi là sinh viên" is not).
_SELF = re.compile(rf"\b(?:[Tt][oô]i\s+l[aà]|I\s+am|I'm)\s+({_CAPITAL}(?:\s+{_CAPITAL}){{0,3}})")
_STOP = {
    "và", "va", "ở", "o", "muốn", "muon", "cần", "can", "đang", "dang", "sinh", "số", "so",
    "hỏi", "hoi", "làm", "lam", "xin", "nhờ", "nho", "and", "i", "want", "need", "from",
    "live", "sdt", "email", "cccd", "cmnd", "năm", "nam", "tuổi", "tuoi",
}


def _mask_introduction(match: re.Match[str]) -> str:
    words = match.group(1).split()
    kept: list[str] = []
    for word in words:
        if word.lower() in _STOP:
            break
        kept.append(word)
    if not kept:
        return match.group(0)
    rest = match.group(1)[len(" ".join(kept)):]
    return match.group(0)[: match.start(1) - match.start(0)] + _NAME + rest


def mask_conversation_text(text: str) -> str:
    """``text`` with phones, ID numbers, e-mails and people's names replaced by
    ``[phone]``, ``[id-number]``, ``[email]`` and ``[name]``."""
    text = mask_personal_data(text)
    text = _INTRODUCTION.sub(_mask_introduction, text)
    text = _SELF.sub(lambda m: m.group(0)[: m.start(1) - m.start(0)] + _NAME, text)

    def full_name(match: re.Match[str]) -> str:
        found = match.group(0)
        return found if any(found.startswith(place) for place in _PLACES) else _NAME

    return _FULL_NAME.sub(full_name, text)
