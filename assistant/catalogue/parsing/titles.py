"""What a procedure's title and level cell say: the levels of government, the family
(title without its level suffix) and the online-service level.

Level labels follow the national database (Cấp bộ, Cấp tỉnh, Cấp huyện, Cấp xã, Cơ
quan khác). District-level government was abolished on 1 July 2025, so current data
has no "Cấp huyện", but province catalogues and older titles still use it.
"""

import re

from assistant.catalogue.models import AdministrativeLevel, LevelKey, OnlineLevel
from assistant.catalogue.parsing.cleaning import clean_inline, split_outside_parens
from assistant.text import fold_diacritics, normalise_text

__all__ = ["family_of", "levels_from_label", "levels_from_title", "online_level_of"]

# Folded label -> (key, canonical Vietnamese label).
_LEVELS: dict[str, tuple[LevelKey, str]] = {
    "cap bo": ("central", "Cấp bộ"),
    "cap trung uong": ("central", "Cấp bộ"),
    "trung uong": ("central", "Cấp bộ"),
    "cap tinh": ("province", "Cấp tỉnh"),
    "cap huyen": ("district", "Cấp huyện"),
    "cap xa": ("commune", "Cấp xã"),
    "co quan khac": ("other", "Cơ quan khác"),
}
_ORDER: dict[LevelKey, int] = {"central": 0, "province": 1, "district": 2, "commune": 3, "other": 4}

_LEVEL_WORD = r"(?:cấp\s+)?(?:trung\s+ương|tỉnh|huyện|xã|bộ)"
_LEVEL_LIST = rf"{_LEVEL_WORD}(?:\s*(?:,|và|hoặc)\s*{_LEVEL_WORD})*"
# "(thực hiện tại cấp tỉnh)", "(cấp Trung ương)", "(Cấp huyện)".
_PAREN_SUFFIX = re.compile(
    rf"\s*\(\s*(?:thực\s+hiện\s+)?(?:(?:tại|ở)\s+)?(?P<levels>{_LEVEL_LIST})\s*\)\s*\.?\s*$",
    re.IGNORECASE,
)
# "… thực hiện tại cấp tỉnh, cấp xã", "… ở cấp tỉnh".
_BARE_SUFFIX = re.compile(
    rf"\s+(?:thực\s+hiện\s+)?(?:tại|ở)\s+(?P<levels>cấp\s+{_LEVEL_LIST})\s*\.?\s*$",
    re.IGNORECASE,
)
# "… thực hiện bằng dịch vụ công trực tuyến một phần hoặc trực tiếp": the same
# procedure offered fully online and partly online is one family.
_ONLINE_SUFFIX = re.compile(
    r"\s+(?:thực\s+hiện\s+)?bằng\s+dịch\s+vụ\s+công\s+(?:trực\s+tuyến\s+)?"
    r"(?:toàn\s+trình|một\s+phần)(?:\s+hoặc\s+trực\s+tiếp)?\s*\.?\s*$",
    re.IGNORECASE,
)
_CODE_SUFFIX = re.compile(r"\s*\(\s*\d+\.\d{6}\s*\)\s*$")
# "(thực hiện tại Công an cấp xã)": a level named with its agency; a level, not a family.
_AGENCY_LEVEL = re.compile(rf"\([^()]*?\b(?P<levels>cấp\s+{_LEVEL_LIST})\s*\)\s*\.?\s*$", re.I)

_ONLINE_FULL = re.compile(r"(?:trực\s+tuyến|dịch\s+vụ\s+công|đã)\s+toàn\s+trình", re.IGNORECASE)
_ONLINE_PARTIAL = re.compile(r"(?:trực\s+tuyến|dịch\s+vụ\s+công)\s+một\s+phần", re.IGNORECASE)


def levels_from_label(text: str | None) -> list[AdministrativeLevel]:
    """Parse a level cell such as "Cấp bộ, Cấp tỉnh, Cơ quan khác" (any case, any order).

    Unknown labels are kept with key ``other`` rather than dropped.
    """
    found: dict[str, AdministrativeLevel] = {}
    for part in split_outside_parens(clean_inline(text) or ""):
        key, label = _LEVELS.get(fold_diacritics(part), ("other", part))
        found.setdefault(label, AdministrativeLevel(key=key, label=label))
    return sorted(found.values(), key=lambda level: _ORDER[level.key])


def levels_from_title(title: str) -> list[AdministrativeLevel]:
    """Levels named by a title suffix such as "(thực hiện tại cấp tỉnh)", else ``[]``."""
    title = _CODE_SUFFIX.sub("", normalise_text(title))
    match = _PAREN_SUFFIX.search(title) or _BARE_SUFFIX.search(title) or _AGENCY_LEVEL.search(title)
    if match is None:
        return []
    words = re.split(r"\s*(?:,|và|hoặc)\s*", match.group("levels"))
    labels = [w if fold_diacritics(w).startswith("cap") else f"cấp {w}" for w in words]
    return levels_from_label(", ".join(labels))


def family_of(title: str) -> str:
    """The title without level and online-variant suffixes, so that "Cấp thẻ … (thực hiện
    tại cấp tỉnh)" and "Cấp thẻ … (thực hiện tại cấp Trung ương)" share one family."""
    family = normalise_text(title)
    while True:  # suffixes stack: "… (1.010719)" after "(cấp Bộ)"
        stripped = family
        for pattern in (_CODE_SUFFIX, _PAREN_SUFFIX, _BARE_SUFFIX, _ONLINE_SUFFIX):
            stripped = pattern.sub("", stripped)
        stripped = stripped.rstrip(" .;,")
        if not stripped or stripped == family:
            return family
        family = stripped


def online_level_of(*texts: str | None) -> OnlineLevel | None:
    """ "full" (toàn trình) or "partial" (một phần) from the first text that says so."""
    for text in texts:
        if not text:
            continue
        full = _ONLINE_FULL.search(text)
        partial = _ONLINE_PARTIAL.search(text)
        if full and (partial is None or full.start() < partial.start()):
            return "full"
        if partial:
            return "partial"
    return None
