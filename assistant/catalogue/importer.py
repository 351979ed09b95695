"""Import procedure sources into one cleaned catalogue, with a per-field parse report.

``import_catalogue(paths)`` reads files or folders in the order given; the kind of each
file is recognised from its name and first record:

- ``*.jsonl[.gz]`` / ``*.json``: portal records (``ma_thu_tuc`` …), Ministry of Defence
  records (``metadata``/``tables``) or ``Procedure`` objects (the province's JSON, or a
  previously built catalogue);
- ``*.csv``: the province's sheet (see README);
- ``*.xlsx``: official list exports, used to complete and check the other sources.

Records are deduplicated by code, the later source winning; duplicates are reported.
"""

import logging
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from pydantic import BaseModel, Field

from assistant.catalogue.models import Procedure
from assistant.catalogue.parsing.outcome import FieldStatus
from assistant.catalogue.sources.base import (
    REPORTED_FIELDS,
    SourceRecord,
    read_json_lines,
    text_status,
)
from assistant.catalogue.sources.bqp import is_bqp_record, read_bqp
from assistant.catalogue.sources.csv_json import read_csv, read_json, record_from_json
from assistant.catalogue.sources.dvc import is_dvc_record, read_dvc
from assistant.catalogue.sources.official_list import (
    ListEntry,
    procedure_from_list,
    read_official_list,
)
from assistant.text import fold_diacritics, normalise_text

__all__ = ["FieldCounts", "ImportReport", "ImportResult", "import_catalogue"]

log = logging.getLogger(__name__)

_SUFFIXES = (".jsonl.gz", ".jsonl", ".json", ".csv", ".xlsx")


class FieldCounts(BaseModel):
    """Records whose field parsed cleanly, said nothing, or lost something."""

    clean: int = 0
    empty: int = 0
    failed: int = 0


class ImportReport(BaseModel):
    records_in: int = 0
    records_out: int = 0
    by_source: dict[str, int] = Field(default_factory=dict)  # records read per source
    fields: dict[str, FieldCounts] = Field(default_factory=dict)
    issues: dict[str, int] = Field(default_factory=dict)  # records showing each issue
    duplicates: list[str] = Field(default_factory=list)  # codes met more than once
    rejected: dict[str, str] = Field(default_factory=dict)  # code -> reason, not in output
    restored_from_list: list[str] = Field(default_factory=list)  # rebuilt from a list row
    filled_from_list: dict[str, int] = Field(default_factory=dict)  # field -> records filled


class ImportResult(BaseModel):
    procedures: list[Procedure]  # sorted by code
    report: ImportReport


def import_catalogue(paths: Sequence[Path]) -> ImportResult:
    """Import every recognised file under ``paths`` (files or folders), in that order."""
    report = ImportReport()
    records: dict[str, SourceRecord] = {}
    rejected: dict[str, str] = {}
    seen: Counter[str] = Counter()
    entries: dict[str, ListEntry] = {}
    for path in _files(paths):
        if path.name.endswith(".xlsx"):
            entries.update((entry.code, entry) for entry in read_official_list(path))
            continue
        for record in _read(path):
            report.records_in += 1
            report.by_source[record.source] = report.by_source.get(record.source, 0) + 1
            seen[record.code] += 1
            if record.procedure is None:
                rejected[record.code] = record.rejected or "unreadable"
                continue
            records[record.code] = record
            rejected.pop(record.code, None)
    for code, reason in sorted(rejected.items()):
        restored = procedure_from_list(entries[code]) if code in entries else None
        if restored is None:
            report.rejected[code] = reason
            continue
        records[code] = _restored_record(restored, reason)
        report.restored_from_list.append(code)
    for record in records.values():
        _complete(record, entries.get(record.code), report)
    _count(records.values(), report)
    report.duplicates = sorted(code for code, count in seen.items() if count > 1)
    procedures = sorted((r.procedure for r in records.values() if r.procedure), key=_code)
    report.records_out = len(procedures)
    log.info("imported %d of %d records", report.records_out, report.records_in)
    return ImportResult(procedures=procedures, report=report)


def _code(procedure: Procedure) -> str:
    return procedure.code


def _files(paths: Sequence[Path]) -> Iterator[Path]:
    for path in paths:
        if path.is_dir():
            found = [p for p in sorted(path.rglob("*")) if p.name.endswith(_SUFFIXES)]
            yield from (p for p in found if not p.name.startswith("."))
        else:
            yield path


def _read(path: Path) -> Iterator[SourceRecord]:
    if path.name.endswith(".csv"):
        yield from read_csv(path)
    elif path.name.endswith(".json"):
        yield from read_json(path)
    else:
        first = next(read_json_lines(path), None)
        if first is None:
            return
        if is_dvc_record(first):
            yield from read_dvc(path)
        elif is_bqp_record(first):
            yield from read_bqp(path)
        else:
            yield from (record_from_json(item) for item in read_json_lines(path))


def _restored_record(procedure: Procedure, reason: str) -> SourceRecord:
    record = SourceRecord(code=procedure.code, source="list", procedure=procedure)
    record.issues.append(f"restored_from_list ({reason})")
    return record


def _complete(record: SourceRecord, entry: ListEntry | None, report: ImportReport) -> None:
    """Fill what the official list knows and the record lacks; check the title."""
    procedure = record.procedure
    if procedure is None:
        return
    updates: dict[str, str] = {}
    if entry is not None:
        for name in ("ministry", "field", "agency"):
            value = getattr(entry, name)
            if value and not getattr(procedure, name):
                updates[name] = value
                report.filled_from_list[name] = report.filled_from_list.get(name, 0) + 1
        if entry.title and _folded(entry.title) != _folded(procedure.title):
            record.issues.append("title_differs_from_list")
    if not (updates.get("agency") or procedure.agency) and procedure.competent_authority:
        updates["agency"] = procedure.competent_authority  # who decides, when no one else
    if updates:
        record.procedure = procedure.model_copy(update=updates)
        for name in updates:
            record.fields[name] = "clean"


def _folded(text: str) -> str:
    return fold_diacritics(normalise_text(text)).rstrip(". ")


def _count(records: Iterable[SourceRecord], report: ImportReport) -> None:
    issues: Counter[str] = Counter()
    fields = {name: FieldCounts() for name in REPORTED_FIELDS}
    for record in records:
        for name in REPORTED_FIELDS:
            status: FieldStatus = record.fields.get(name) or text_status(
                getattr(record.procedure, name, None)
            )
            counts = fields[name]
            setattr(counts, status, getattr(counts, status) + 1)
        issues.update(set(record.issues))
    report.fields = fields
    report.issues = dict(sorted(issues.items()))
