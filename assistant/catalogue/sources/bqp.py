"""Ministry of Defence records (``bqp_procedures.jsonl.gz``): nested metadata, content and
tables exported from the ministry's Word files, so the tables are already split into
cells; only cell contents need reading."""

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from assistant.catalogue.models import LegalDocument, Procedure, RequiredDocument, SubmissionChannel
from assistant.catalogue.parsing.channels import make_channel, parse_duration
from assistant.catalogue.parsing.cleaning import clean_block, clean_inline, split_categories
from assistant.catalogue.parsing.documents import parse_quantity_note
from assistant.catalogue.parsing.fees import read_labelled_fees
from assistant.catalogue.parsing.legal import find_legal_number
from assistant.catalogue.parsing.outcome import Parsed
from assistant.catalogue.parsing.titles import (
    family_of,
    levels_from_label,
    levels_from_title,
    online_level_of,
)
from assistant.catalogue.sources.base import SourceRecord, read_json_lines

__all__ = ["MINISTRY", "is_bqp_record", "read_bqp", "record_from_bqp"]

MINISTRY = "Bộ Quốc phòng"
_STEP = re.compile(r"\s+(?=Bước\s+\d+\s*[:.])")
_ATTACHMENT = re.compile(r"\n\s*File đính kèm:.*", re.IGNORECASE)


def is_bqp_record(record: dict[str, Any]) -> bool:
    return isinstance(record.get("metadata"), dict) and isinstance(record.get("tables"), dict)


def read_bqp(path: Path) -> Iterator[SourceRecord]:
    """Every record of a Ministry of Defence JSON-lines file, converted."""
    for record in read_json_lines(path):
        yield record_from_bqp(record)


def record_from_bqp(record: dict[str, Any]) -> SourceRecord:
    """Convert one ministry record; bad cells are reported, not raised."""
    meta: dict[str, Any] = record.get("metadata") or {}
    code = clean_inline(meta.get("mã_thủ_tục") or record.get("thu_tuc_id")) or ""
    title = clean_inline(meta.get("tên_thủ_tục"))
    result = SourceRecord(code=code, source="bqp")
    if not code or not title:
        result.rejected = "missing_code_or_title"
        return result
    content: dict[str, Any] = record.get("content") or {}
    tables: dict[str, Any] = record.get("tables") or {}
    outcome = clean_block(content.get("kết_quả_thực_hiện"))
    results: Parsed[str] = (
        Parsed.of(outcome.split("\n"), [], failed=False) if outcome else Parsed.empty()
    )
    parsed = _Tables(
        channels=_channels(tables.get("hinh_thuc_nop") or []),
        documents=_documents(tables.get("thanh_phan_ho_so") or []),
        legal_basis=_legal(tables.get("can_cu_phap_ly") or []),
        result_documents=results,
    )
    for name in ("channels", "documents", "legal_basis", "result_documents"):
        result.record(name, getattr(parsed, name))
    result.accept(_procedure(code, title, meta, content, parsed))
    return result


@dataclass(frozen=True)
class _Tables:
    channels: Parsed[SubmissionChannel]
    documents: Parsed[RequiredDocument]
    legal_basis: Parsed[LegalDocument]
    result_documents: Parsed[str]


def _procedure(
    code: str, title: str, meta: dict[str, Any], content: dict[str, Any], tables: _Tables
) -> Procedure:
    steps = clean_block(content.get("trình_tự_thực_hiện"))
    return Procedure(
        code=code,
        title=title,
        family=family_of(title),
        levels=levels_from_label(meta.get("cấp_thực_hiện")) or levels_from_title(title),
        field=clean_inline(meta.get("lĩnh_vực")),
        ministry=MINISTRY,
        agency=clean_inline(content.get("cơ_quan_thực_hiện")),
        competent_authority=clean_inline(content.get("cơ_quan_có_thẩm_quyền")),
        applicants=split_categories(content.get("đối_tượng_thực_hiện")),
        procedure_type=clean_inline(meta.get("loại_thủ_tục")),
        description=clean_block(content.get("mô_tả")),
        steps=_STEP.sub("\n", steps) if steps else None,
        conditions=clean_block(content.get("yêu_cầu_điều_kiện_thực_hiện")),
        channels=tables.channels.items,
        documents=tables.documents.items,
        legal_basis=tables.legal_basis.items,
        result_documents=tables.result_documents.items,
        online_level=online_level_of(title, content.get("cách_thức_thực_hiện")),
        decision=clean_inline(meta.get("số_quyết_định")),
        source="bqp",
    )


def _channels(rows: list[dict[str, Any]]) -> Parsed[SubmissionChannel]:
    channels: list[SubmissionChannel] = []
    issues: list[str] = []
    for row in rows:
        label = clean_inline(row.get("hinh_thuc")) or ""
        fee_cell = _ATTACHMENT.sub("", row.get("phi_le_phi") or "")
        fee = read_labelled_fees(fee_cell)
        if fee.issue:
            issues.append(fee.issue)
        channel = make_channel(
            label,
            parse_duration(row.get("thoi_han_giai_quyet")),
            fee,
            fee_text=fee_cell,
            description=row.get("mo_ta"),
        )
        if channel is None:
            issues.append("channel_kind_unknown")
            continue
        channels.append(channel)
    if not rows:
        return Parsed.empty()
    return Parsed.of(channels, issues, failed="channel_kind_unknown" in issues)


def _documents(rows: list[dict[str, Any]]) -> Parsed[RequiredDocument]:
    documents: list[RequiredDocument] = []
    for row in rows:
        name = clean_inline(row.get("ten_giay_to"))
        if name is None:
            continue
        originals, copies = parse_quantity_note(row.get("ghi_chu"))
        template = clean_inline(row.get("so_luong"))  # the ministry's export put forms here
        documents.append(
            RequiredDocument(name=name, template=template, originals=originals, copies=copies)
        )
    return Parsed.of(documents, [], failed=False) if rows else Parsed.empty()


def _legal(rows: list[dict[str, Any]]) -> Parsed[LegalDocument]:
    documents: list[LegalDocument] = []
    issues: list[str] = []
    for row in rows:
        title = clean_inline(row.get("trich_yeu"))
        cell = clean_inline(row.get("so_ky_hieu"))
        # The number cell is sometimes only the serial ("12"); the summary has it whole.
        number = find_legal_number(cell) or find_legal_number(title)
        if number is None and cell and any(ch.isdigit() for ch in cell) and not cell.isdigit():
            number = cell  # an unusual number ("3980 /QĐ-BQP"); a title-like cell is not one
        if number is None and title is None:
            issues.append("legal_row_empty")
            continue
        documents.append(
            LegalDocument(
                number=number,
                title=title,
                issuer=clean_inline(row.get("co_quan_ban_hanh")),
                issued_on=_date(row.get("ngay_ban_hanh")),
            )
        )
    return Parsed.of(documents, issues, failed=False) if rows else Parsed.empty()


def _date(text: str | None) -> date | None:
    try:
        return datetime.strptime((text or "").strip(), "%d-%m-%Y").date()
    except ValueError:
        return None
