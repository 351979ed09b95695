"""Per-message language detection: Vietnamese (with or without diacritics) or English.

Off-the-shelf detectors are trained on accented Vietnamese and call unaccented
Vietnamese anything from Indonesian to Tagalog; the syllable structure of
Vietnamese is regular enough to recognise directly.

A guess from one message is not always enough to change the language of a
conversation under way: "asdkj qwpeo" is no Vietnamese syllable yet no English
either, and "visa" or "hello" alone are typed by Vietnamese speakers too. A guess is
*sure* only when the message has two words or more and at least one of them is a
known word of the guessed language (or carries Vietnamese diacritics).
"""

import re
from dataclasses import dataclass
from typing import Literal

from assistant.text.folding import fold_diacritics, has_diacritics

__all__ = ["Language", "LanguageGuess", "detect_language", "guess_language"]

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
# Frequent English words of citizens' questions, none a common unaccented Vietnamese
# word: they make an English guess sure, where unknown words ("qwpeo") cannot.
_COMMON_ENGLISH = frozenset(
    """
    about after again all also any apply application applied applying are birth bring
    business card certificate change check could days did does doing done dossier
    driving file fill find first form forms give going got had have here house just
    know land last licence license like lost make many marriage more much must name
    need needs new next number office only other our over paper papers passport pay
    paid payment people permit please price proof prove rather ready receive register
    registered registering registration renew renewal replace residence should show
    some still submit submitted their there these they think this those through time
    today took track tried trying under until very visa want wanted was what when
    where which while whom why will with without work would year yet account login
    password sign signature digital
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


@dataclass(frozen=True)
class LanguageGuess:
    language: Language | None  # None: no signal (a code, a number, "ok", an emoji)
    is_sure: bool  # enough to switch a conversation under way to ``language``


_NO_SIGNAL = LanguageGuess(None, is_sure=False)


def detect_language(text: str) -> Language | None:
    """Guess the language of one message; None when the text gives no signal
    (a code, a number, "ok"), so the conversation keeps its current language."""
    return guess_language(text).language


def guess_language(text: str) -> LanguageGuess:
    """The language of one message and whether the guess is sure (see the module doc)."""
    if text.lstrip().startswith("/"):
        return _NO_SIGNAL  # a button's intent payload ("/give_feedback{…}") is no language
    words = [w for w in _WORD.findall(text.lower()) if w not in _NEUTRAL]
    if has_diacritics(text):
        return LanguageGuess("vi", is_sure=len(words) > 1)
    words = [fold_diacritics(w) for w in words]
    words = [w for w in words if w.isascii()]
    if not words:
        return _NO_SIGNAL
    vi_score = en_score = 0.0
    knows_vi = knows_en = False
    for word in words:
        if word in _VIETNAMESE or word in _VIETNAMESE_ABBREVIATIONS:
            vi_score += 1.5
            knows_vi = True
        if word in _VIETNAMESE_ABBREVIATIONS:
            continue
        if word in _ENGLISH or word in _COMMON_ENGLISH:
            en_score += 1.0
            knows_en = True
        elif not _SYLLABLE.match(word):
            en_score += 1.0
        elif word not in _VIETNAMESE:
            vi_score += 0.5
    if vi_score == en_score:
        return _NO_SIGNAL
    language: Language = "vi" if vi_score > en_score else "en"
    knows = knows_vi if language == "vi" else knows_en
    return LanguageGuess(language, is_sure=len(words) > 1 and knows)
