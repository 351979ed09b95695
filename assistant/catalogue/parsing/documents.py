"""The "Thành phần hồ sơ" table: the papers of the dossier, their forms and how many.

On the portal each group of papers is a sub-heading ("--" when there is none) and a
table glued into one string::

    * Đối với tổ chức:Tên giấy tờMẫu đơn, tờ khaiSố lượngĐơn đề nghị theo mẫuMẫu 01.docx
    1 bản chínhBản sao giấy phép0 bản chính,1 bản sao

Every row ends with its quantity ("1 bản chính", "0 bản chính,1 bản sao", "1 bản sao"),
which is where rows are cut. The quantity is rendered without leading zeros, so when a
name ends in digits ("… ngày 24/07/2023" + "1 bản chính") only the last digit is the
quantity. The form column is a file name ("Mẫu số 03.docx"), glued to the name; it is
cut at the last place where the name visibly ends (";", ")", a lower-case letter followed
by a capital, …) before the file name.
"""

import re

from assistant.catalogue.models import RequiredDocument
from assistant.catalogue.parsing.cleaning import clean_inline, is_no_info, nfc
from assistant.catalogue.parsing.outcome import Parsed
from assistant.text import fold_diacritics

__all__ = ["parse_document_table", "parse_quantity_note", "split_template"]

_HEADER = "Tên giấy tờMẫu đơn, tờ khaiSố lượng"
# A row's quantity is glued to both neighbours; "nộp 02 bản chính tờ khai" inside a
# name has spaces around it.
# A count after a space is still a row's quantity when a number ran into it ("nghị
# định 116" + "1 bản chính"); "thấp: 01 bản chính1 bản chính" repeats it in the name.
_QUANTITY = re.compile(
    r"(?:(?<![ \n\d])|(?<=[ \n])(?=[1-9]\d))"
    r"(?:(\d+) bản chính(?:\s*,\s*(\d+) bản sao)?|(\d+) bản sao)(?!\s)"
)
# An extension ends where a lower-case letter does not follow: "Mẫu 1.docxMẫu 2.doc".
_FILE = re.compile(r".+?\.(?i:docx?|xlsx?|pdf|rar|zip|odt)(?![a-z])", re.DOTALL)
_FIRST_EXTENSION = re.compile(r"\.(?i:docx?|xlsx?|pdf|rar|zip|odt)(?![a-z])")
# Ends of text after which a glued file name starts: a legal number ("…/NĐ-CPMẫu",
# "…/TT-BTC01-LP.docx") or a stock phrase ("theo mẫuvăn bản đề nghị.docx").
_NAME_END = re.compile(
    r"\d+/\d{4}/(?:NĐ-CP|NQ-CP|QĐ-TTg|QH\d\d)(?=\S)|\d+/\d{4}/TT-B[A-ZĐ]+(?=\d)"
    r"|theo (?:mẫu quy định|quy định|mẫu)(?=[^\W\d_])"
)
_TEMPLATE_WORDS = ("mau", "phu luc", "bieu mau", "to khai")
_PUNCTUATION = ";.,:)]"
_LONGEST_FILE_NAME = 250


def parse_quantity_note(text: str | None) -> tuple[int | None, int | None]:
    """Originals and copies from "Bản chính: 1\\nBản sao: 0" (Ministry of Defence tables)."""
    folded = fold_diacritics(text or "")
    originals = re.search(r"ban chinh\s*:\s*(\d+)", folded)
    copies = re.search(r"ban sao\s*:\s*(\d+)", folded)
    return (
        int(originals.group(1)) if originals else None,
        int(copies.group(1)) if copies else None,
    )


def split_template(text: str) -> tuple[str, str | None]:
    """Split "name" + glued form file names into (name, "; "-joined file names)."""
    first = _FIRST_EXTENSION.search(text)
    if first is None:
        return text, None
    cut = _choose_cut(text, first.start())
    if cut is None:
        return text, None
    start = cut
    while start < first.start() and text[start] in _PUNCTUATION:
        start += 1  # "…/NĐ-CP;Mẫu 01.docx": the ";" ends the name
    files = [clean_inline(m.group(0)) for m in _FILE.finditer(text, start)]
    template = "; ".join(f for f in files if f)
    return text[:cut], template or None


def _choose_cut(text: str, end: int) -> int | None:
    """Where the file name starts: the first glue point that opens a form-like name
    ("Mẫu …", "Phụ lục …"), else the first point where the name visibly ended (";",
    ")", a sentence's full stop, a legal number), else the first change of case. Form
    names contain case changes themselves ("MauBankhaichung.docx"), hence that order."""
    # Form file names are short; looking further back only finds glue inside the name.
    start = max(1, end - _LONGEST_FILE_NAME)
    strong: list[int] = [m.end() for m in _NAME_END.finditer(text, start - 1, end)]
    weak: list[int] = []
    folded = _fold_same_length(text[: end + 8])
    for index in range(start, end):
        before, prev, char = text[index - 2 : index - 1], text[index - 1], text[index]
        after = text[index + 1 : index + 2]
        if char.isspace() or prev.isspace() or char in _PUNCTUATION:
            continue
        if prev not in "([{/-" and folded.startswith(_TEMPLATE_WORDS, index):
            return index
        if (
            prev in ";)]"
            or (prev == "." and (before.islower() or before == ")"))
            or (prev == "." and before.isupper() and char.isupper())
        ):
            strong.append(index)
        elif (prev.islower() and (char.isupper() or char.isdigit())) or (
            prev.isupper() and char.isupper() and after.islower()
        ):
            weak.append(index)
    candidates = strong or weak
    return min(candidates) if candidates else None


# Latin letters (Vietnamese included) → folded lower-case letter, one character each.
_FOLD_TABLE = {
    code: fold_diacritics(chr(code))[:1] or chr(code)
    for code in [*range(0x41, 0x5B), *range(0xC0, 0x250), *range(0x1EA0, 0x1EFA)]
}


def _fold_same_length(text: str) -> str:
    """``fold_diacritics`` character by character, so indexes still match ``text``."""
    return text.translate(_FOLD_TABLE)


def parse_document_table(text: str | None) -> Parsed[RequiredDocument]:
    """Parse every group of the glued dossier table into ``RequiredDocument`` rows."""
    if text is None or is_no_info(text):
        return Parsed.empty()
    text = nfc(text)
    if _HEADER not in text:  # a free-text list; keep it whole rather than guess rows
        return Parsed.of([], ["documents_no_table"], failed=True, note=clean_inline(text))
    documents: list[RequiredDocument] = []
    issues: list[str] = []
    groups = text.split(_HEADER)
    group_title = clean_inline(groups[0])
    for body in groups[1:]:
        rows, tail, row_issues = _parse_rows(body, group_title)
        documents += rows
        issues += row_issues
        # Text after the last quantity is the next group's heading.
        group_title = clean_inline(tail)
    # Text after the last table is a note ("Trường hợp nộp trực tuyến thì …"), not a paper.
    if group_title:
        issues.append("documents_trailing_note")
    return Parsed.of(documents, issues, failed=False, note=group_title)


def _parse_rows(body: str, group: str | None) -> tuple[list[RequiredDocument], str, list[str]]:
    rows: list[RequiredDocument] = []
    issues: list[str] = []
    position = 0
    for match in _QUANTITY.finditer(body):
        cell, originals, copies = _quantity(body, position, match)
        position = match.end()
        name, template = split_template(cell)
        if template is None and _FIRST_EXTENSION.search(cell):
            issues.append("documents_template_not_split")
        cleaned = clean_inline(name)
        if cleaned is None:  # "Không có." or a repeated count: nothing to list
            continue
        rows.append(
            RequiredDocument(
                name=cleaned, template=template, originals=originals, copies=copies, group=group
            )
        )
    return rows, body[position:], issues


def _quantity(body: str, start: int, match: re.Match[str]) -> tuple[str, int | None, int | None]:
    """The row's name cell and its quantities; a multi-digit count glued to the name
    keeps only its last digit (the portal never pads counts with zeros)."""
    digits = match.group(1) or match.group(3)
    name_end = match.start()
    if len(digits) > 1:
        name_end += len(digits) - 1
        digits = digits[-1]
    if match.group(1) is not None:
        originals: int | None = int(digits)
        copies = int(match.group(2)) if match.group(2) else None
    else:
        originals, copies = None, int(digits)
    return body[start:name_end], originals, copies
