"""National Public Service Portal records (``dvc_procedures.jsonl.gz``).

Header fields (title, code, level, field …) are taken from the crawler's fields; the
tables and long texts are re-cut from ``raw_text`` by ``parsing.page`` because the
crawler shifted them whenever a heading word appeared inside a section. A page whose
printed code differs from the record's (17 records point at two unrelated pages) is
rejected: its content belongs to another procedure.
"""

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from assistant.catalogue.models import Procedure
from assistant.catalogue.parsing.channels import parse_channel_table
from assistant.catalogue.parsing.cleaning import (
    clean_block,
    clean_inline,
    split_categories,
    strip_page_noise,
)
from assistant.catalogue.parsing.documents import parse_document_table
from assistant.catalogue.parsing.legal import parse_legal_table
from assistant.catalogue.parsing.page import PageSections, page_code, split_page
from assistant.catalogue.parsing.results import parse_results
from assistant.catalogue.parsing.titles import (
    family_of,
    levels_from_label,
    levels_from_title,
    online_level_of,
)
from assistant.catalogue.sources.base import SourceRecord, read_json_lines

__all__ = ["is_dvc_record", "read_dvc", "record_from_dvc"]

# Folder of ``_src_path`` in the crawl → issuing ministry (agency of the list exports).
_MINISTRIES = {
    "bo-cong-an": "Bộ Công an",
    "bo-nong-nghiep-mt": "Bộ Nông nghiệp và Môi trường",
    "bo-tai-chinh": "Bộ Tài chính",
    "bo-tu-phap": "Bộ Tư pháp",
    "bo-xay-dung": "Bộ Xây dựng",
    "ngan-hang-nha-nuoc": "Ngân hàng Nhà nước Việt Nam",
    "toa-an-nhan-dan": "Tòa án nhân dân",
}


def is_dvc_record(record: dict[str, Any]) -> bool:
    return "ma_thu_tuc" in record and "ten_thu_tuc" in record


def read_dvc(path: Path) -> Iterator[SourceRecord]:
    """Every record of a portal JSON-lines file, converted."""
    for record in read_json_lines(path):
        yield record_from_dvc(record)


def record_from_dvc(record: dict[str, Any]) -> SourceRecord:
    """Convert one portal record; never raises on bad content, reports it instead."""
    code = clean_inline(record.get("ma_thu_tuc")) or ""
    result = SourceRecord(code=code, source="dvc")
    title = clean_inline(record.get("ten_thu_tuc"))
    raw = record.get("raw_text") or ""
    printed = page_code(raw)
    if not code or not title:
        result.rejected = "missing_code_or_title"
        return result
    if printed is not None and printed != code:
        result.rejected = "page_of_other_procedure"
        return result
    sections = split_page(raw)
    if sections is None:
        result.issues.append("page_sections_not_found")
        sections = _sections_from_fields(record)
    result.accept(_procedure(record, code, title, sections, result))
    return result


def _procedure(
    record: dict[str, Any], code: str, title: str, page: PageSections, result: SourceRecord
) -> Procedure:
    levels = levels_from_label(record.get("cap_thuc_hien")) or levels_from_title(title)
    channels = parse_channel_table(page.channels)
    documents = parse_document_table(page.documents)
    legal = parse_legal_table(page.legal_basis)
    results = parse_results(page.result)
    for name, parsed in (
        ("channels", channels),
        ("documents", documents),
        ("legal_basis", legal),
        ("result_documents", results),
    ):
        result.record(name, parsed)
    procedure = Procedure(
        code=code,
        title=title,
        family=family_of(title),
        levels=levels,
        field=clean_inline(record.get("linh_vuc")),
        ministry=_MINISTRIES.get(Path(record.get("_src_path") or "").parent.name),
        agency=clean_inline(page.agency),
        competent_authority=clean_inline(record.get("co_quan_co_tham_quyen")),
        applicants=split_categories(record.get("doi_tuong_thuc_hien")),
        procedure_type=clean_inline(record.get("loai_thu_tuc")),
        description=clean_block(strip_page_noise(page.description)),
        steps=clean_block(page.steps),
        conditions=clean_block(page.conditions),
        channels=channels.items,
        documents=documents.items,
        documents_note=documents.note,
        legal_basis=legal.items,
        result_documents=results.items,
        online_level=online_level_of(title, page.channels),
        decision=clean_inline(record.get("so_quyet_dinh")),
        source_url=clean_inline(record.get("detail_url")),
        source="dvc",
    )
    return procedure


def _sections_from_fields(record: dict[str, Any]) -> PageSections:
    # Pages without the usual headings: fall back on the crawler's own split.
    return PageSections(
        steps=record.get("trinh_tu_thuc_hien") or "",
        channels=record.get("cach_thuc_thuc_hien") or "",
        documents=record.get("thanh_phan_ho_so") or "",
        legal_basis=record.get("can_cu_phap_ly") or "",
        agency=record.get("co_quan_thuc_hien") or "",
        conditions=record.get("yeu_cau_dieu_kien") or "",
        result=record.get("ket_qua_xu_ly") or "",
        keywords="",
        description="",
    )
