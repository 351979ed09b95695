"""The "Kết quả xử lý" section: what the applicant receives.

On the portal each result is a name followed by its code in the national database,
glued together: "Quyết định giải quyết khiếu nạiMã: KQ.G01.00262Thông báo thụ lýMã: …".
Codes are not always well formed ("Mã: rjwegefu", "Mã: Chưa xác định", "Mã: utw"), so a
code ends at its last digit, before a glued capitalised word, or at the first space.
"""

import re

from assistant.catalogue.parsing.cleaning import clean_inline, is_no_info, nfc, strip_page_noise
from assistant.catalogue.parsing.outcome import Parsed

__all__ = ["parse_results"]

_CODE_LABEL = re.compile(r"Mã\s*:\s*")
_CODE_RUN = re.compile(r"[0-9A-Za-z._\-+/]*")
_CAPITALISED_TAIL = re.compile(r"[A-Z][a-z]*$")
_UNKNOWN_CODE = re.compile(r"^(?:Chưa xác định(?: rõ)?|Không có)\s*", re.IGNORECASE)


def parse_results(text: str | None) -> Parsed[str]:
    """Names of the result documents, in order, without their database codes."""
    if text is None:
        return Parsed.empty()
    text = strip_page_noise(nfc(text))
    if is_no_info(text):
        return Parsed.empty()
    parts = _CODE_LABEL.split(text)
    names = [parts[0]]
    for part in parts[1:]:
        part = _UNKNOWN_CODE.sub("", part)
        names.append(part[_code_length(part) :])
    results = [name for name in (clean_inline(n.lstrip("-–")) for n in names) if name]
    return Parsed.of(results, [], failed=False)


def _code_length(text: str) -> int:
    """Length of the code at the start of ``text``: up to its last digit when letters of
    the next name follow ("KQ.G12.001222Thông báo", "…000209-văn bản"), else without a
    trailing capitalised word ("utwChứng chỉ")."""
    run = _CODE_RUN.match(text)
    if run is None or not run.group(0):
        return 0
    code = run.group(0)
    if run.end() == len(text) or text[run.end()].isspace():
        return len(code)  # the code is followed by a space or ends the text
    last_digit = max((i for i, ch in enumerate(code) if ch.isdigit()), default=-1)
    if last_digit >= 0:
        return last_digit + 1
    tail = _CAPITALISED_TAIL.search(code)
    return tail.start() if tail else len(code)
