"""Splitting long replies to a platform's message limit."""

from collections.abc import Callable

__all__ = ["split_text", "utf16_length"]

_BREAKS = ("\n\n", "\n", ". ", " ")


def utf16_length(text: str) -> int:
    """Length as Telegram counts it (UTF-16 code units: an emoji may count 2)."""
    return len(text.encode("utf-16-le")) // 2


def split_text(text: str, limit: int, *, length: Callable[[str], int] = len) -> list[str]:
    """``text`` in pieces of at most ``limit`` (measured by ``length``), cut at a
    paragraph, a line, a sentence or a word when one is in the second half of the
    piece, else mid-word. Empty text gives no piece."""
    if limit < 1:
        raise ValueError("limit must be positive")
    pieces: list[str] = []
    rest = text.strip()
    while rest:
        if length(rest) <= limit:
            pieces.append(rest)
            break
        end = _longest_prefix(rest, limit, length)
        cut = end
        for mark in _BREAKS:
            at = rest.rfind(mark, 0, end)
            if at >= end // 2:
                cut = at + len(mark.rstrip(" ")) if mark != " " else at
                break
        piece = rest[:cut].rstrip()
        if not piece:  # only whitespace before the cut: take the hard cut instead
            piece, cut = rest[:end], end
        pieces.append(piece)
        rest = rest[cut:].lstrip()
    return pieces


def _longest_prefix(text: str, limit: int, length: Callable[[str], int]) -> int:
    """The most characters of ``text`` whose ``length`` fits ``limit`` (at least one)."""
    low, high = 1, min(len(text), limit)  # every measure used counts a character as ≥ 1
    while low < high:
        middle = (low + high + 1) // 2
        if length(text[:middle]) <= limit:
            low = middle
        else:
            high = middle - 1
    return low
