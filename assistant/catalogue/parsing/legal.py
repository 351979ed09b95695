"""The "Căn cứ pháp lý" table: legal documents as (number, title) pairs.

On the portal the table is title and number cells glued together::

    Tên văn bản pháp lýMã văn bảnHướng dẫn xử lý khiếu nại …68/2013/TT-BCALuật Khiếu nại
    năm 201102/2011/QH13Nghị định 05/2012/NĐ-CP05/2012/NĐ-CP

A number cell is recognised by shape (``<n>/<year>/<type>-<issuer>``) and by being glued
to what follows (the next title, or the end); a number inside a title is followed by a
space ("Thông tư 36/2025/TT-BNNMT quy định …"), and a title that ends with the number
it repeats ("Nghị định 05/2012/NĐ-CP05/2012/NĐ-CP") gives two equal numbers in a row.
Where a number ends and the next title starts cannot be seen in "…/TT-BTCBAN HÀNH…", so
the suffix is matched against the issuer codes that occur in Vietnamese legal numbers.
"""

import re

from assistant.catalogue.models import LegalDocument
from assistant.catalogue.parsing.cleaning import clean_inline, is_no_info, nfc
from assistant.catalogue.parsing.outcome import Parsed
from assistant.text import normalise_text

__all__ = ["find_legal_number", "parse_legal_table"]

_HEADER = re.compile(r"^\s*Tên văn bản pháp lý\s*Mã văn bản")
# Document types and issuers that appear after "<n>/<year>/" (longest first matters).
_CODES = sorted(
    """NĐ ND CP TT TTLT NQ NQLT QĐ QD CT PL L VBHN TTg BTC BTP BCA BQP NHNN BNNMT BNNPTNT
    BTNMT BGTVT BXD BKHĐT BLĐTBXH BLĐBXH BYT BCT BKHCN BVHTTDL BNV BGDĐT BTTTT BNG BNN TTCP
    VPCP VPQH UBND HĐND TANDTC VKSNDTC HĐTP CTN KTNN UBCKNN BCY BDT UBDT""".split(),
    key=len,
    reverse=True,
)
_TOKEN = rf"(?:UBTVQH|QH)\d{{2}}|{'|'.join(_CODES)}|[A-ZĐ]{{1,12}}(?=[\s,.;:)\]]|$)"
# "<n>/<year>/<type>-<issuer>", or without the year for decisions ("601/QĐ-BTC").
_NUMBER = re.compile(
    rf"(?<![/.])\d{{1,5}}(?:\.\d+)?\s?/(?:\d{{4}}/(?:{_TOKEN})|(?:QĐ|QD|NĐ|NQ|CT|VBHN)(?=-))"
    rf"(?:\s?[-/]\s?(?:{_TOKEN}))*"
)
_YEAR = re.compile(r"(?:19|20)\d\d")
# "…tín dụngLuật số " — the type word of the number cell, left at the end of a title.
_GLUED_TYPE = re.compile(
    r"(?<=\S)(?:Luật|Bộ luật|Nghị định|Nghị quyết|Thông tư(?: liên tịch)?|Quyết định"
    r"|Pháp lệnh|Lệnh|Chỉ thị|Văn bản hợp nhất)(?:\s+số)?\s*$"
)
# A document-type word glued to the end of the previous cell starts a new cell.
_TYPE_BOUNDARY = re.compile(
    r"(?<=[^\s\d/(\-–\"“])(?=(?:Luật|Bộ luật|Nghị định|Nghị quyết|Thông tư|Quyết định"
    r"|Pháp lệnh|LUẬT|NGHỊ ĐỊNH|THÔNG TƯ)\b)"
)
_TYPE_ONLY = re.compile(
    r"\s*(?:(?:Luật|Bộ luật|Nghị định|Nghị quyết|Thông tư(?: liên tịch)?|Quyết định|Pháp lệnh)"
    r"(?:\s+số)?|[Ss]ố)?\s*"
)
_NUMBER_CELL_WORDS = re.compile(
    r"Luật|Bộ luật|Nghị định|Nghị quyết|Thông tư(?: liên tịch)?|Quyết định|Pháp lệnh|số|Số"
    r"|của (?:Chính phủ|Quốc hội|Thủ tướng Chính phủ)|ngày \d{1,2}/\d{1,2}/\d{4}",
)


def find_legal_number(text: str | None) -> str | None:
    """The first legal document number in ``text`` ("… số 12/2021/QĐ-TTg ngày …")."""
    numbers = _numbers(normalise_text(text or ""))
    return numbers[0][2] if numbers else None


def parse_legal_table(text: str | None) -> Parsed[LegalDocument]:
    """Parse the glued legal-basis table into ``LegalDocument`` entries, in order."""
    if text is None or is_no_info(text):
        return Parsed.empty()
    body = normalise_text(nfc(text))
    header = _HEADER.match(body)
    issues: list[str] = []
    if header:
        body = body[header.end() :]
    else:
        issues.append("legal_header_missing")
    if is_no_info(body):
        return Parsed.empty()
    documents: list[LegalDocument] = []
    pending: str | None = None  # a title cell still waiting for its number cell
    for cell, number in _cells(body):
        title = clean_inline(_GLUED_TYPE.sub("", cell))
        if number is None and not _is_number_cell(cell):
            if pending:
                documents.append(_unnumbered(pending))
            pending = title
            continue
        if _TYPE_ONLY.fullmatch(cell):
            title = None
        number = number or find_legal_number(cell)
        if pending and (title is None or _is_number_cell(cell)):
            title = (
                pending  # "title" + "Luật số 32/2024/QH15" or "… số 210/2025/NĐ-CP của Chính phủ"
            )
        elif pending:
            documents.append(_unnumbered(pending))
        pending = None
        entry = LegalDocument(number=number, title=title)
        if not documents or documents[-1] != entry:  # "…TT-NHNNSố 73/2025/TT-NHNN"
            documents.append(entry)
    if pending:
        issues.append("legal_title_without_number")
        documents.append(_unnumbered(pending))
    return Parsed.of(documents, issues, failed=not documents)


def _cells(body: str) -> list[tuple[str, str | None]]:
    """Cut the table into cells: after every number cell (a number glued to what follows)
    and before every document-type word glued to the previous cell ("…sáng tạoNghị định
    số …"). Each cell comes with its number when it ends with one."""
    cells: list[tuple[str, str | None]] = []
    start = 0
    numbers = _numbers(body)
    for index, (begin, end, number) in enumerate(numbers):
        following = body[end:]
        if _repeats_next(body, numbers[index], numbers[index + 1 : index + 2]):
            continue  # the title ends with the number its number cell repeats
        if following and (following[0].isspace() or following[0] in ",;)]"):
            continue  # a number quoted inside a title
        cells += [(part, None) for part in _split_glued_types(body[start:begin])]
        cells.append(("", number))
        start = end
    cells += [(part, None) for part in _split_glued_types(body[start:])]
    merged: list[tuple[str, str | None]] = []
    for cell, cell_number in cells:  # a title and its number cell are one entry
        if cell_number is not None and merged and merged[-1][1] is None and _title_only(cell):
            title, _ = merged.pop()
            merged.append((title + cell, cell_number) if cell else (title, cell_number))
        elif cell.strip(" .;,") or cell_number:
            merged.append((cell, cell_number))
    return merged


def _title_only(cell: str) -> bool:
    return bool(_TYPE_ONLY.fullmatch(cell))


def _split_glued_types(text: str) -> list[str]:
    cuts = [m.start() for m in _TYPE_BOUNDARY.finditer(text)]
    return [text[a:b] for a, b in zip([0, *cuts], [*cuts, len(text)], strict=True) if text[a:b]]


def _is_number_cell(cell: str) -> bool:
    """A cell that is a number with at most its type, "số", issuer or date around it."""
    numbers = _numbers(cell)
    if not numbers:
        return False
    rest = cell[: numbers[0][0]] + cell[numbers[0][1] :]
    return len(_NUMBER_CELL_WORDS.sub("", rest).strip(" .,;:-")) <= 3


def _unnumbered(title: str) -> LegalDocument:
    return LegalDocument(number=find_legal_number(title), title=title)


def _numbers(body: str) -> list[tuple[int, int, str]]:
    """(start, end, number) of every legal number; a year glued in front of a number
    ("Luật Khiếu nại năm 2011" + "02/2011/QH13") is left to the title."""
    found: list[tuple[int, int, str]] = []
    previous_end = 0
    for match in _NUMBER.finditer(body):
        start = match.start()
        while start > previous_end and body[start - 1].isdigit():
            start -= 1
        digits = body[start : body.index("/", start)]
        if len(digits) > 4 and _YEAR.match(digits):
            start += 4
        elif len(digits) > 5:  # an unknown run: keep what the pattern matched
            start = match.start()
        found.append((start, match.end(), body[start : match.end()].replace(" ", "")))
        previous_end = match.end()
    return found


def _repeats_next(
    body: str, current: tuple[int, int, str], following: list[tuple[int, int, str]]
) -> bool:
    if not following:
        return False
    gap = body[current[1] : following[0][0]]
    return gap.strip(" .;,") == "" and following[0][2] == current[2]
