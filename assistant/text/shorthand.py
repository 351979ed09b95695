"""Chat shorthand of Vietnamese typed without diacritics ("ko", "dc", "dk", "j", "bn").

People who skip diacritics mostly abbreviate too. Both directions are used: the NLU
training data gets a shorthand form of each example (the hand-written ones rarely
abbreviate), and a search question gets its shorthand spelled out before its diacritics
are restored ("dk ket hon can j" → "dang ky ket hon can gi" → "đăng ký kết hôn cần gì"),
since neither the accent model nor the titles know "dk".
"""

import re

__all__ = ["abbreviate", "spell_out"]

# (folded full form, shorthand) of everyday words: spelled out in search questions.
_WORDS = (
    ("khong", "ko"), ("duoc", "dc"), ("dang ky", "dk"), ("bao nhieu", "bn"),
    ("ho so", "hs"), ("thu tuc", "tt"), ("nhu the nao", "ntn"), ("gi", "j"),
    ("vay", "v"), ("roi", "r"), ("biet", "bt"), ("nguoi", "ng"),
)
# Abbreviated in training data only: the search's alias table reads these as the papers
# and offices they name, and "trc" is also the foreigners' TRC (temporary residence card).
_NAMES = (
    ("truoc", "trc"),
    ("can cuoc cong dan", "cccd"), ("chung minh nhan dan", "cmnd"),
    ("giay phep lai xe", "gplx"), ("uy ban nhan dan", "ubnd"),
)


def _words_pattern(words: list[str]) -> re.Pattern[str]:
    return re.compile(r"\b(" + "|".join(re.escape(w) for w in words) + r")\b", re.IGNORECASE)


_SHORT = dict(_WORDS + _NAMES)
_FULL_FORMS = _words_pattern([full for full, _ in _WORDS + _NAMES])
_LONG = {short: full for full, short in _WORDS}
_SHORT_FORMS = _words_pattern([short for _, short in _WORDS])
# Entity annotations of NLU examples keep their text: "[ho so](…)" must stay the value.
_ANNOTATION = re.compile(r"\[[^\]]*\]\([^)]*\)|\[[^\]]*\]\{[^}]*\}")


def abbreviate(text: str) -> str:
    """``text`` (unaccented) in chat shorthand, NLU entity annotations untouched."""
    parts, last = [], 0
    for match in _ANNOTATION.finditer(text):
        parts.append(_FULL_FORMS.sub(_shortened, text[last : match.start()]))
        parts.append(match.group())
        last = match.end()
    parts.append(_FULL_FORMS.sub(_shortened, text[last:]))
    return "".join(parts)


def spell_out(text: str) -> str:
    """``text`` (unaccented) with the shorthand of everyday words written in full,
    without diacritics ("lam cccd o dau dc ko" → "lam cccd o dau duoc khong")."""
    return _SHORT_FORMS.sub(lambda m: _LONG[m.group().lower()], text)


def _shortened(match: re.Match[str]) -> str:
    return _SHORT[match.group().lower()]
