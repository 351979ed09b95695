"""Text cleaning shared by every parser: Unicode composition, whitespace, "no information"
markers and the portal's own page widgets."""

import re
import unicodedata

from assistant.text import normalise_text

__all__ = [
    "clean_block",
    "clean_inline",
    "is_no_info",
    "nfc",
    "split_categories",
    "split_outside_parens",
    "strip_page_noise",
]

# What the portal and the ministries write when a cell has nothing in it.
_NO_INFO = frozenset({"không có thông tin", "không", "không có", "-", "--", "---", "----", "..."})
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028\u2029\ufeff]")
_LINE_SPACES = re.compile(r"[ \t\xa0]+")
_BLANK_LINES = re.compile(r"\n{3,}")

# Text of the page's "choose an agency and submit" form, which the crawler captured
# after the last section of every page.
_PAGE_NOISE = re.compile(
    r"(?:Chọn cơ quan thực hiện|Tỉnh/ Thành phố\s*Bộ ngành"
    r"|Hệ thống chỉ hiển thị những cơ quan đã áp dụng dịch vụ công trực tuyến).*\Z",
    re.DOTALL,
)


def nfc(text: str) -> str:
    """Compose decomposed accents (the data mixes both forms, even inside one word)."""
    return unicodedata.normalize("NFC", text)


_LONGEST_MARKER = 40  # longer text is content; skip normalising whole pages to find out


def is_no_info(text: str | None) -> bool:
    """True for an empty cell or a "Không có thông tin"-style marker."""
    if text is None:
        return True
    text = text.strip()
    return len(text) <= _LONGEST_MARKER and _is_marker(normalise_text(text))


def _is_marker(normalised: str) -> bool:
    key = normalised.rstrip(".:;").strip().casefold()
    return not key or key in _NO_INFO


def clean_inline(text: str | None) -> str | None:
    """One-line text: NFC, no control characters, single spaces; ``None`` when empty."""
    if text is None:
        return None
    cleaned = normalise_text(text)
    return None if _is_marker(cleaned) else cleaned


def clean_block(text: str | None) -> str | None:
    """Multi-line text (steps, conditions): like ``clean_inline`` but keeps line breaks,
    with at most one blank line in a row."""
    if text is None:
        return None
    text = _CONTROL.sub(" ", nfc(text).replace("\r\n", "\n").replace("\r", "\n"))
    lines = [_LINE_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    cleaned = _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()
    return None if _is_marker(cleaned) else cleaned


def strip_page_noise(text: str) -> str:
    """Drop the portal's widget text that trails the last section of a page."""
    return _PAGE_NOISE.sub("", text)


def split_outside_parens(text: str, separators: str = ",;") -> list[str]:
    """Split on ``separators`` that are not inside parentheses, dropping empty parts.

    "Tổ chức (không bao gồm doanh nghiệp, HTX), Công dân Việt Nam" has two parts.
    """
    parts: list[str] = []
    depth = 0
    current: list[str] = []
    for char in text:
        if char == "(":
            depth += 1
        elif char == ")":
            depth = max(0, depth - 1)
        if char in separators and depth == 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return [part for part in (normalise_text(p) for p in parts) if part]


def split_categories(text: str | None) -> list[str]:
    """Split a comma-separated list of applicant categories.

    A part that starts in lower case continues the previous category: the portal's
    "Cán bộ, công chức, viên chức" is one category, not three.
    """
    categories: list[str] = []
    for part in split_outside_parens(clean_inline(text) or "", ","):
        if categories and part[:1].islower():
            categories[-1] = f"{categories[-1]}, {part}"
        else:
            categories.append(part)
    return categories
