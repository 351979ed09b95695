"""What every source adapter yields: one ``SourceRecord`` per input record, with the
procedure (when one could be built) and how each field parsed."""

import gzip
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assistant.catalogue.models import Procedure
from assistant.catalogue.parsing.outcome import FieldStatus, Parsed

__all__ = ["REPORTED_FIELDS", "SourceRecord", "read_json_lines", "text_status"]

# The fields the import report counts, in display order.
REPORTED_FIELDS = (
    "title",
    "levels",
    "field",
    "agency",
    "applicants",
    "steps",
    "conditions",
    "channels",
    "documents",
    "legal_basis",
    "result_documents",
    "online_level",
)


@dataclass
class SourceRecord:
    """One input record. ``procedure`` is ``None`` when the record was rejected, and
    ``rejected`` then says why (e.g. ``"page_of_other_procedure"``)."""

    code: str
    source: str
    procedure: Procedure | None = None
    fields: dict[str, FieldStatus] = field(default_factory=dict)
    issues: list[str] = field(default_factory=list)
    rejected: str | None = None

    def record(self, name: str, parsed: Parsed[Any]) -> None:
        """Keep the status and issues of one parsed field."""
        self.fields[name] = parsed.status
        self.issues.extend(parsed.issues)

    def accept(self, procedure: Procedure) -> None:
        """Keep the procedure; fields not parsed from a table are clean when set."""
        self.procedure = procedure
        for name in REPORTED_FIELDS:
            self.fields.setdefault(name, text_status(getattr(procedure, name)))


def text_status(value: object) -> FieldStatus:
    """``clean`` for a non-empty value, ``empty`` otherwise (plain text cannot fail)."""
    return "clean" if value else "empty"


def read_json_lines(path: Path) -> Iterator[dict[str, Any]]:
    """Objects of a JSON-lines file, gzip-compressed when the name ends in ``.gz``."""
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                yield json.loads(line)
