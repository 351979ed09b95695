"""Cut the text of a National Public Service Portal procedure page into its sections.

The crawler that produced ``dvc_procedures.jsonl.gz`` split ``raw_text`` at the *first*
occurrence of each heading, so a step that says "theo mục 5.3 (Thành phần hồ sơ)" or a
document that says "Kết quả xử lý" shifted every later field (27 records lose their
dossier list that way). Here each heading is searched *after* the previous one, and the
legal-basis heading must be followed by its table header, so text inside a section
cannot end it.
"""

import re
from dataclasses import dataclass

from assistant.catalogue.parsing.cleaning import nfc

__all__ = ["PageSections", "page_code", "split_page"]

_STEPS = "Trình Tự Thực Hiện"
_CHANNELS = "Cách Thức Thực Hiện"
_DOCUMENTS = "Thành phần hồ sơ"
_LEGAL = re.compile(r"Căn cứ pháp lý(?=Tên văn bản pháp lý|Không có thông tin)")
_AGENCY = "Cơ quan thực hiện"
_CONDITIONS = "Yêu cầu, điều kiện thực hiện"
_RESULT = "Kết quả xử lý"
_KEYWORDS = "Từ khóa"
_DESCRIPTION = "Mô tả"
_CODE = re.compile(r"Mã thủ tục\s*(.*?)\s*Số quyết định")


@dataclass(frozen=True)
class PageSections:
    """Raw (uncleaned, NFC) text of each section of one page."""

    steps: str
    channels: str
    documents: str
    legal_basis: str
    agency: str
    conditions: str
    result: str
    keywords: str
    description: str


def page_code(raw_text: str) -> str | None:
    """The procedure code printed on the page, to catch pages fetched for the wrong code."""
    match = _CODE.search(nfc(raw_text))
    return match.group(1) if match else None


def split_page(raw_text: str) -> PageSections | None:
    """Split a page into sections; ``None`` when the page lacks the expected headings."""
    raw = nfc(raw_text)
    steps = raw.find(_STEPS)
    channels = raw.find(_CHANNELS, max(steps, 0))
    documents = raw.find(_DOCUMENTS, max(channels, 0))
    if min(steps, channels, documents) < 0:
        return None
    legal_match = _LEGAL.search(raw, documents)
    if legal_match is None:
        return None
    legal = legal_match.start()
    agency = raw.find(_AGENCY, legal)
    conditions = raw.find(_CONDITIONS, max(agency, legal))
    if min(agency, conditions) < 0:
        return None
    result = raw.find(_RESULT, conditions)
    if result < 0:  # a dozen pages end without a result section
        result = len(raw)
    result_text, keywords, description = _split_result_tail(raw[result + len(_RESULT) :])
    return PageSections(
        steps=raw[steps + len(_STEPS) : channels],
        channels=raw[channels + len(_CHANNELS) : documents],
        documents=raw[documents + len(_DOCUMENTS) : legal],
        legal_basis=raw[legal_match.end() : agency],
        agency=raw[agency + len(_AGENCY) : conditions],
        conditions=raw[conditions + len(_CONDITIONS) : result],
        result=result_text,
        keywords=keywords,
        description=description,
    )


def _split_result_tail(text: str) -> tuple[str, str, str]:
    # The result section is followed by the "Từ khóa" and "Mô tả" boxes; take the last
    # "Từ khóa" so a result that mentions keywords is not cut.
    keywords_at = text.rfind(_KEYWORDS)
    if keywords_at < 0:
        return text, "", ""
    tail = text[keywords_at + len(_KEYWORDS) :]
    description_at = tail.find(_DESCRIPTION)
    if description_at < 0:
        return text[:keywords_at], tail, ""
    return (
        text[:keywords_at],
        tail[:description_at],
        tail[description_at + len(_DESCRIPTION) :],
    )
