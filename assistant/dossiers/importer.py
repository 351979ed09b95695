"""Dossiers from CSV or JSON files: validated row by row, upserted, reported.

CSV: one row per dossier, or several rows of one code for its history (each row a
status step with ``status_at`` and ``note``; the latest row gives the current data).
Columns: ``code`` and the fields of ``DossierIn`` except ``history``.
JSON: a list of objects (or ``{"dossiers": [...]}``) with ``code`` and the fields of
``DossierIn``, ``history`` included. Importing the same file twice changes nothing.
"""

import csv
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from assistant.dossiers.codes import normalise_dossier_code
from assistant.dossiers.errors import DossierImportError, InvalidDossierCodeError
from assistant.dossiers.models import DossierIn, StatusEventIn, UpsertOut

__all__ = ["ImportReport", "RejectedRow", "import_file", "read_records"]

_CSV_COLUMNS = {"code", *(name for name in DossierIn.model_fields if name != "history")}


class RejectedRow(BaseModel):
    row: int  # CSV line (header = 1) or position in the JSON list (from 1)
    code: str | None
    reasons: list[str]


class ImportReport(BaseModel):
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: list[RejectedRow] = []

    @property
    def imported(self) -> int:
        return self.created + self.updated + self.unchanged


def read_records(path: Path) -> list[tuple[int, dict[str, Any]]]:
    """``(row number, fields)`` of every record in a CSV or JSON file."""
    if not path.is_file():
        raise DossierImportError(f"{path} is not a file")
    suffix = path.suffix.lower()
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise DossierImportError(f"{path.name}: {exc}") from exc
    if suffix == ".json":
        return _json_records(text)
    if suffix == ".csv":
        return _csv_records(text)
    raise DossierImportError(f"{path.name}: only .csv and .json files are supported")


def import_file(path: Path, *, upsert: Callable[[str, DossierIn], UpsertOut]) -> ImportReport:
    report = ImportReport()
    groups: dict[str, list[tuple[int, DossierIn]]] = {}
    for number, fields in read_records(path):
        raw_code = str(fields.pop("code", "") or "").strip()
        try:
            code = normalise_dossier_code(raw_code)
        except InvalidDossierCodeError:
            reason = "missing code" if not raw_code else "invalid code format"
            report.rejected.append(RejectedRow(row=number, code=raw_code or None, reasons=[reason]))
            continue
        try:
            data = DossierIn.model_validate(fields)
        except ValidationError as exc:
            report.rejected.append(RejectedRow(row=number, code=code, reasons=_reasons(exc)))
            continue
        groups.setdefault(code, []).append((number, data))
    for code, rows in groups.items():
        result = upsert(code, _merge(rows))
        if result.is_created:
            report.created += 1
        elif result.is_changed:
            report.updated += 1
        else:
            report.unchanged += 1
    return report


def _merge(rows: list[tuple[int, DossierIn]]) -> DossierIn:
    """Several rows of one code: the earlier ones are history steps of the latest."""
    if len(rows) == 1:
        return rows[0][1]
    ordered = sorted(
        (data for _, data in rows),
        key=lambda d: (d.status_at is not None, d.status_at.timestamp() if d.status_at else 0),
    )
    latest = ordered[-1]
    steps = [
        StatusEventIn(status=d.status, at=d.status_at, note=d.note)
        for d in ordered[:-1] if d.status_at is not None
    ]
    history = [*steps, *(h for d in ordered for h in d.history)]
    return latest.model_copy(update={"history": history})


def _reasons(exc: ValidationError) -> list[str]:
    reasons = []
    for error in exc.errors():
        field = ".".join(str(p) for p in error.get("loc", ()))
        message = str(error.get("msg", "invalid")).removeprefix("Value error, ")
        reasons.append(f"{field}: {message}" if field else message)
    return reasons


def _json_records(text: str) -> list[tuple[int, dict[str, Any]]]:
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise DossierImportError(f"invalid JSON: {exc}") from exc
    if isinstance(document, dict):
        document = document.get("dossiers")
    if not isinstance(document, list):
        raise DossierImportError('expected a list of dossiers or {"dossiers": [...]}')
    records = []
    for number, item in enumerate(document, start=1):
        records.append((number, dict(item) if isinstance(item, dict) else {"code": ""}))
    return records


def _csv_records(text: str) -> list[tuple[int, dict[str, Any]]]:
    reader = csv.DictReader(text.splitlines())
    columns = [c.strip() for c in reader.fieldnames or []]
    if "code" not in columns:
        raise DossierImportError("the CSV header has no 'code' column")
    unknown = sorted(set(columns) - _CSV_COLUMNS)
    if unknown:
        raise DossierImportError(f"unknown CSV columns: {', '.join(unknown)}")
    records = []
    for row in reader:
        fields = {
            (key or "").strip(): value.strip()
            for key, value in row.items()
            if isinstance(value, str) and value.strip()
        }
        records.append((reader.line_num, fields))
    return records
