"""CSV export of the raw feedback (UTF-8 with BOM so spreadsheet programs read the
Vietnamese text), and the parser that reads it back."""

import csv
import io
from collections.abc import Iterable
from datetime import datetime

from assistant.feedback.models import FeedbackRecord

__all__ = ["COLUMNS", "parse_csv", "to_csv"]

COLUMNS = (
    "id", "created_at", "updated_at", "status", "rating", "reasons", "comment", "contact",
    "opening_text", "source", "channel", "language", "agency", "counter", "procedure_code",
    "dossier_code", "conversation", "handover_id",
)
_BOM = "\ufeff"
# A text cell starting with = + - @ would run as a formula in a spreadsheet, so it
# gets a leading apostrophe (removed again by ``parse_csv``). Every text cell: agency,
# counter and the rest come from clients too.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _defuse(value: str) -> str:
    return "'" + value if value.startswith(_FORMULA_START) or _restore(value) != value else value


def _restore(value: str) -> str:
    return value[1:] if value.startswith("'") and value[1:].startswith(_FORMULA_START) else value


def to_csv(records: Iterable[FeedbackRecord]) -> str:
    """One row per record; reasons joined with ``|``; empty cells for missing values."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for record in records:
        row = record.model_dump()
        row["reasons"] = "|".join(record.reasons)
        row["created_at"] = record.created_at.isoformat()
        row["updated_at"] = record.updated_at.isoformat()
        writer.writerow([
            "" if row[c] is None else _defuse(row[c]) if isinstance(row[c], str) else row[c]
            for c in COLUMNS
        ])
    return _BOM + buffer.getvalue()


def parse_csv(text: str) -> list[FeedbackRecord]:
    reader = csv.DictReader(io.StringIO(text.removeprefix(_BOM)))
    records = []
    for row in reader:
        values: dict[str, object] = {
            k: (_restore(v) if v != "" else None) for k, v in row.items()
        }
        values["reasons"] = [r for r in _restore(row["reasons"] or "").split("|") if r]
        values["created_at"] = datetime.fromisoformat(str(values["created_at"]))
        values["updated_at"] = datetime.fromisoformat(str(values["updated_at"]))
        records.append(FeedbackRecord.model_validate(values))
    return records
