"""Per-message language detection: Vietnamese (with or without diacritics) or English.

Off-the-shelf detectors are trained on accented Vietnamese and call unaccented
Vietnamese anything from Indonesian to Tagalog; the syllable structure of
Vietnamese is regular enough to recognise directly.
"""

import re
from typing import Literal

from assistant.text.folding import fold_diacritics, has_diacritics

__all__ = ["Language", "detect_language"]

Language = Literal["vi", "en"]

# Onset + nucleus + coda of a Vietnamese syllable written without diacritics.
_SYLLABLE = re.compile(
    r"^(ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnprstvx])?"
    r"(uye|uya|ieu|yeu|uoi|uou|oai|oay|oao|oeo|uay|uai"
    r"|ia|ie|ua|uo|ye|oa|oe|uy|ue|ui|ai|ao|au|ay|eo|eu|iu|oi|ou"
    r"|[aeiouy])"
    r"(ch|ng|nh|[cmnpt]|[iouy])?$"
)
_WORD = re.compile(r"\b[^\W\d_]+\b", re.UNICODE)

# Short English words that also parse as Vietnamese syllables.
_ENGLISH = frozenset(
    """
    a i to the do my me he she we you your be by in on at it is no so of or an am as up
    us can may get how why who what when where which need want have has this that please
    help thanks thank hello hi hey bye yes not for with from about
    """.split()
)
# Typed the same way by speakers of both languages.
_NEUTRAL = frozenset(
    """
    ok okay oke okie alo bot ad admin online app zalo vneid email sms qr
    """.split()
)
# Frequent unaccented Vietnamese words that an English reader would never type.
_VIETNAMESE = frozenset(
    """
    toi ban minh em anh chi co khong duoc lam giay xin chao cam on cho hoi can muon thu
    tuc ho so dang ky cap lai doi bao nhieu phi le o dau nao gi the sao vay nhe a
    """.split()
)
# Abbreviations only Vietnamese speakers type (chat shorthand and the acronyms of
# papers and offices); none of them parses as a Vietnamese syllable.
_VIETNAMESE_ABBREVIATIONS = frozenset(
    """
    dk dky dkkd dkkh dkx hkd cccd cmnd cmt gplx gcn gpxd qsdd sdt stk ubnd cand ko kh
    k j dc ntn bn mn tk hs tthc dvc bhxh bhyt mst gpkd lltp
    """.split()
)


def detect_language(text: str) -> Language | None:
    """Guess the language of one message; None when the text gives no signal
    (a code, a number, "ok"), so the conversation keeps its current language."""
    if text.lstrip().startswith("/"):
        return None  # a button's intent payload ("/give_feedback{…}") is no language
    if has_diacritics(text):
        return "vi"
    words = [
        w for w in _WORD.findall(fold_diacritics(text)) if w.isascii() and w not in _NEUTRAL
    ]
    if not words:
        return None
    vi_score = en_score = 0.0
    for word in words:
        if word in _VIETNAMESE or word in _VIETNAMESE_ABBREVIATIONS:
            vi_score += 1.5
        if word in _VIETNAMESE_ABBREVIATIONS:
            continue
        if word in _ENGLISH or not _SYLLABLE.match(word):
            en_score += 1.0
        elif word not in _VIETNAMESE:
            vi_score += 0.5
    if vi_score == en_score:
        return None
    return "vi" if vi_score > en_score else "en"
