"""Receipt codes (mã số biên nhận) as people type them, normalised to the printed form.

Two shapes are in use on Vietnamese one-stop-shop receipts:

* national: ``000.00.15.H22-231004-0012`` — the receiving agency's code in the
  national agency list (three groups of digits + ``H`` and the province number),
  the receipt date ``yymmdd`` and a sequence number;
* provincial: ``H22.45-240105-0003`` — province ``H22``, unit ``45`` (1–3 digits),
  date and sequence.

People type them in lower case, with spaces, without separators or with other
ones (``_``, ``/``, en dashes). Separators may fall only between the groups;
without any, the length decides the unit's width, so normalisation is unambiguous.
"""

import re
import unicodedata
from datetime import date

from assistant.dossiers.errors import InvalidDossierCodeError

__all__ = ["extract_dossier_code", "is_dossier_code", "normalise_dossier_code"]

_SEPARATORS = re.compile(r"[\s.\-_/\\,:;·‐‑‒–—−]+")
# Separators (any run, normalised to "-") may only fall between the groups.
_NATIONAL = re.compile(r"^(\d{3})-?(\d{2})-?(\d{2})-?H-?(\d{2})-?(\d{6})-?(\d{4})$")
_PROVINCIAL = re.compile(r"^H-?(\d{2})-?(\d{1,3})-?(\d{6})-?(\d{4})$")
# A run of code characters inside a sentence: digits, H and separators, 12+ long.
_CANDIDATE = re.compile(r"[0-9Hh][0-9Hh\s.\-_/–—]{10,40}[0-9]")
_MAX_INPUT = 80


def normalise_dossier_code(raw: str) -> str:
    """The printed form of ``raw`` (``H22.45-240105-0003``); raises
    ``InvalidDossierCodeError`` when it cannot be a receipt code."""
    text = unicodedata.normalize("NFKC", raw or "").strip().upper()
    if not text or len(text) > _MAX_INPUT:
        raise InvalidDossierCodeError(raw)
    compact = _SEPARATORS.sub("-", text).strip("-")
    if national := _NATIONAL.match(compact):
        a, b, c, province, day, number = national.groups()
        code = f"{a}.{b}.{c}.H{province}-{day}-{number}"
    elif provincial := _PROVINCIAL.match(compact):
        province, unit, day, number = provincial.groups()
        code = f"H{province}.{unit}-{day}-{number}"
    else:
        raise InvalidDossierCodeError(raw)
    if not _is_date(day):
        raise InvalidDossierCodeError(raw)
    return code


def is_dossier_code(raw: str) -> bool:
    try:
        normalise_dossier_code(raw)
    except InvalidDossierCodeError:
        return False
    return True


def extract_dossier_code(text: str) -> str | None:
    """The first receipt code in a sentence ("mã của tôi là h22 45 240105 0003 nhé"),
    normalised; None when there is none."""
    try:
        return normalise_dossier_code(text)
    except InvalidDossierCodeError:
        pass
    for match in _CANDIDATE.finditer(unicodedata.normalize("NFKC", text or "")):
        if code := _code_within(match.group(0)):
            return code
    return None


def _code_within(run: str) -> str | None:
    """The longest code inside a run that may carry a stray number before or after it
    ("so 2 H22.45-240105-0003")."""
    starts = [
        i for i, ch in enumerate(run) if ch.isalnum() and (i == 0 or not run[i - 1].isalnum())
    ]
    ends = [i + 1 for i, ch in enumerate(run) if ch.isdigit()]
    for start in starts:
        for end in reversed(ends):
            if end - start < 12:
                break
            try:
                return normalise_dossier_code(run[start:end])
            except InvalidDossierCodeError:
                continue
    return None


def _is_date(yymmdd: str) -> bool:
    try:
        date(2000 + int(yymmdd[:2]), int(yymmdd[2:4]), int(yymmdd[4:]))
    except ValueError:
        return False
    return True
