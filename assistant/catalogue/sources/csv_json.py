"""The province's own catalogue: a CSV sheet staff can edit in Excel, or JSON objects in
the ``Procedure`` shape. Both formats are documented in ``assistant/catalogue/README.md``.

A row or object that cannot be read is rejected with its reason; the rest still
imports. Only a file that is not CSV/JSON at all raises ``CatalogueFormatError``.
"""

import csv
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from assistant.catalogue.errors import CatalogueFormatError
from assistant.catalogue.models import (
    LegalDocument,
    Procedure,
    RequiredDocument,
    SubmissionChannel,
)
from assistant.catalogue.parsing.channels import make_channel, parse_duration
from assistant.catalogue.parsing.cleaning import clean_block, clean_inline, nfc
from assistant.catalogue.parsing.fees import FeeReading, amounts_in_note, read_fee
from assistant.catalogue.parsing.legal import find_legal_number
from assistant.catalogue.parsing.titles import family_of, levels_from_label, levels_from_title
from assistant.catalogue.sources.base import SourceRecord

__all__ = ["CSV_COLUMNS", "read_csv", "read_json", "record_from_json"]

CSV_COLUMNS = (
    "code", "title", "levels", "field", "ministry", "agency", "competent_authority",
    "applicants", "procedure_type", "description", "steps", "conditions", "channels",
    "duration", "fee", "documents", "legal_basis", "result_documents", "online_level",
    "decision", "source_url",
)  # fmt: skip
_REQUIRED = ("code", "title")
_LIST_SEPARATOR = re.compile(r"\s*(?:\n|\|)\s*")
_QUANTITY = re.compile(
    r"\s*[-–:]?\s*(?:(\d+) bản chính(?:\s*[,;]\s*(\d+) bản sao)?|(\d+) bản sao)\s*$", re.IGNORECASE
)
_ONLINE = {"full": "full", "toàn trình": "full", "partial": "partial", "một phần": "partial"}
_FEE = re.compile(r"^(?P<amount>[\d.,]+)\s*(?P<currency>đồng|đ|VNĐ|VND|USD)?\b", re.IGNORECASE)


def read_csv(path: Path) -> Iterator[SourceRecord]:
    """Rows of a province CSV (UTF-8, with or without BOM; "," or ";" separated)."""
    text = path.read_bytes().decode("utf-8-sig")
    try:
        dialect = csv.Sniffer().sniff(text.split("\n", 1)[0], delimiters=",;\t")
    except csv.Error as exc:
        raise CatalogueFormatError(
            path, "không đọc được dòng tiêu đề", "unreadable header"
        ) from exc
    reader = csv.DictReader(io.StringIO(text), dialect=dialect)
    header = [name.strip() for name in reader.fieldnames or []]
    missing = [column for column in _REQUIRED if column not in header]
    unknown = [column for column in header if column not in CSV_COLUMNS]
    if missing or unknown:
        raise CatalogueFormatError(
            path,
            f"thiếu cột {missing}, cột lạ {unknown}",
            f"missing columns {missing}, unknown columns {unknown}",
        )
    for row in reader:
        cells = {key.strip(): nfc(value or "") for key, value in row.items() if key}
        yield _record_from_row(cells)


def read_json(path: Path) -> Iterator[SourceRecord]:
    """Procedures from a JSON file: one object, a list of objects, or one object a line."""
    text = path.read_text(encoding="utf-8-sig")
    try:
        data: Any = json.loads(text)
    except json.JSONDecodeError:
        try:
            data = [json.loads(line) for line in text.splitlines() if line.strip()]
        except json.JSONDecodeError as exc:
            raise CatalogueFormatError(
                path, f"JSON sai ở dòng {exc.lineno}", f"invalid JSON at line {exc.lineno}"
            ) from exc
    for item in data if isinstance(data, list) else [data]:
        yield record_from_json(item)


def record_from_json(item: Any) -> SourceRecord:
    """Validate one object against ``Procedure``; ``family`` and ``source`` may be left out."""
    code = str(item.get("code", "")) if isinstance(item, dict) else ""
    result = SourceRecord(code=code, source="province")
    if not isinstance(item, dict):
        result.rejected = "not_an_object"
        return result
    data = {"source": "province", **item}
    if not data.get("family") and isinstance(data.get("title"), str):
        data["family"] = family_of(data["title"])
    try:
        procedure = Procedure.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        result.rejected = f"invalid: {'.'.join(map(str, first['loc']))}: {first['msg']}"
        return result
    result.accept(procedure)
    return result


def _record_from_row(cells: dict[str, str]) -> SourceRecord:
    code = clean_inline(cells.get("code")) or ""
    title = clean_inline(cells.get("title"))
    result = SourceRecord(code=code, source="province")
    if not code or not title:
        result.rejected = "missing_code_or_title"
        return result
    online = _ONLINE.get((clean_inline(cells.get("online_level")) or "").casefold())
    data: dict[str, Any] = {
        "code": code,
        "title": title,
        "family": family_of(title),
        "levels": levels_from_label(cells.get("levels")) or levels_from_title(title),
        "applicants": _items(cells.get("applicants")),
        "steps": clean_block(cells.get("steps")),
        "conditions": clean_block(cells.get("conditions")),
        "description": clean_block(cells.get("description")),
        "channels": _channels(cells),
        "documents": [_document(item) for item in _items(cells.get("documents"))],
        "legal_basis": [
            LegalDocument(number=find_legal_number(item), title=item)
            for item in _items(cells.get("legal_basis"))
        ],
        "result_documents": _items(cells.get("result_documents")),
        "online_level": online,
        "source": "province",
    }
    for name in ("field", "ministry", "agency", "competent_authority", "procedure_type"):
        data[name] = clean_inline(cells.get(name))
    for name in ("decision", "source_url"):
        data[name] = clean_inline(cells.get(name))
    return record_from_json(data)


def _items(cell: str | None) -> list[str]:
    """A list cell: one item a line, or items separated by "|"."""
    return [item for item in (clean_inline(p) for p in _LIST_SEPARATOR.split(cell or "")) if item]


def _channels(cells: dict[str, str]) -> list[SubmissionChannel]:
    """One channel per listed kind ("Trực tuyến | Trực tiếp"), sharing duration and fee."""
    fee_text = clean_inline(cells.get("fee"))
    fee = _fee(fee_text)
    duration = parse_duration(cells.get("duration"))
    channels = [
        make_channel(kind, duration, fee, fee_text=fee_text, description=None)
        for kind in _items(cells.get("channels"))
    ]
    return [channel for channel in channels if channel is not None]


def _fee(text: str | None) -> FeeReading:
    if text is None:
        return FeeReading()
    if text.casefold().startswith("miễn phí"):
        return read_fee("Miễn phí", None, text)
    match = _FEE.match(text)
    if match is None:
        return FeeReading(rates_vnd=amounts_in_note(text))
    currency = match.group("currency") or "đồng"
    return read_fee(match.group("amount"), currency, text[match.end() :])


def _document(item: str) -> RequiredDocument:
    """ "Đơn đề nghị (Mẫu 01) - 1 bản chính, 1 bản sao" → name and quantities."""
    match = _QUANTITY.search(item)
    if match is None:
        return RequiredDocument(name=item)
    name = item[: match.start()].strip() or item
    if match.group(1) is not None:
        copies = int(match.group(2)) if match.group(2) else None
        return RequiredDocument(name=name, originals=int(match.group(1)), copies=copies)
    return RequiredDocument(name=name, copies=int(match.group(3)))
