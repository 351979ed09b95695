"""Readable, distinct labels for procedure choice buttons.

Catalogue titles run to 200 characters and near-duplicates differ only in their tail,
their level or their agency. A label is the title shortened at a word boundary, with
its level; when two labels would still read the same, the agency and then the words
where the titles part are shown. English speakers also see a gloss of the title.
Labels fit ``max_chars`` (Zalo cuts button titles at 100 characters; Telegram shows
about one line of a phone's width).
"""

from collections.abc import Callable, Sequence
from typing import Any

from assistant.text import Language

__all__ = ["choice_labels", "shorten"]

_ELLIPSIS = "…"
_MIN_TITLE_CHARS = 30  # the Vietnamese title keeps at least this much beside the rest
_MAX_GLOSS_SHARE = 0.4  # of ``max_chars``
_LEVELS_EN = {
    "Cấp bộ": "ministry",
    "Cấp tỉnh": "province",
    "Cấp huyện": "district",
    "Cấp xã": "commune",
    "Cơ quan khác": "other body",
}


def shorten(text: str, limit: int) -> str:
    """``text`` cut at the last word boundary that fits ``limit`` (with an ellipsis)."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit - len(_ELLIPSIS) + 1)
    head = text[:cut] if cut > limit // 2 else text[: limit - len(_ELLIPSIS)]
    return head.rstrip(" ,;:–-(/") + _ELLIPSIS


def choice_labels(
    procedures: Sequence[Any],
    language: Language,
    *,
    max_chars: int,
    gloss: Callable[[str], str | None] | None = None,
) -> list[str]:
    """One label per procedure, in order, each at most ``max_chars`` long."""
    titles = [_plain_title(p.title) for p in procedures]
    levels = [", ".join(_level(level.label, language) for level in p.levels) for p in procedures]
    glosses = [
        shorten(found, int(max_chars * _MAX_GLOSS_SHARE))
        if language == "en" and gloss and (found := gloss(p.title)) else ""
        for p in procedures
    ]
    labels = [
        _label(title, [level], glosses[i], max_chars)
        for i, (title, level) in enumerate(zip(titles, levels, strict=True))
    ]
    for group in _alike(labels):
        for i in group:  # the agency tells apart the same procedure of two offices
            agency = shorten(procedures[i].agency or "", 40)
            labels[i] = _label(titles[i], [levels[i], agency], glosses[i], max_chars)
    for group in _alike(labels):  # same level and agency: show where the titles part
        head, tails = _parting([titles[i] for i in group])
        for i, tail in zip(group, tails, strict=True):
            title = f"{shorten(head, _MIN_TITLE_CHARS)} {tail}" if head else tail
            labels[i] = _label(title, [levels[i]], glosses[i], max_chars)
    return labels


def _level(label: str, language: Language) -> str:
    return _LEVELS_EN.get(label, label) if language == "en" else label


def _plain_title(title: str) -> str:
    """The title without the "Thủ tục" that starts a third of them."""
    title = " ".join(title.split()).rstrip(".")
    rest = title.removeprefix("Thủ tục ").removeprefix("thủ tục ")
    return rest[:1].upper() + rest[1:] if rest else title


def _label(title: str, notes: list[str], gloss: str, max_chars: int) -> str:
    notes = [n for n in dict.fromkeys(notes) if n and n.lower() not in title.lower()]
    suffix = f" ({'; '.join(notes)})" if notes else ""
    if gloss:
        suffix += f" – {gloss}"
    room = max(max_chars - len(suffix), _MIN_TITLE_CHARS)
    return shorten(f"{shorten(title, room)}{suffix}", max_chars)


def _alike(labels: list[str]) -> list[list[int]]:
    """Groups of positions whose labels read the same (ignoring case)."""
    groups: dict[str, list[int]] = {}
    for i, label in enumerate(labels):
        groups.setdefault(label.casefold(), []).append(i)
    return [group for group in groups.values() if len(group) > 1]


def _parting(titles: list[str]) -> tuple[str, list[str]]:
    """The words the titles share at the start, and each title from where it parts."""
    split = [title.split() for title in titles]
    common = 0
    while all(len(words) > common for words in split) and len(
        {words[common].casefold() for words in split}
    ) == 1:
        common += 1
    common = min(common, min(len(words) for words in split) - 1)  # every tail has a word
    return " ".join(split[0][:common]), [" ".join(words[common:]) for words in split]
