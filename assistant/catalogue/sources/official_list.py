"""Official procedure lists exported from the national database (``xlsx_lists/*.xlsx``):
one row per procedure with code, title, issuing ministry, implementing agency and field.

They are not a source of procedures on their own; the importer uses them to name the
issuing ministry, to fill an empty field or agency, and to rebuild a minimal entry for
a procedure whose detail page was fetched for the wrong code.
"""

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from assistant.catalogue.models import Procedure
from assistant.catalogue.parsing.cleaning import clean_inline
from assistant.catalogue.parsing.titles import family_of, levels_from_title
from assistant.errors import ValidationFailedError

__all__ = ["ListEntry", "procedure_from_list", "read_official_list"]

_HEADER = ("Mã số", "Tên", "Cơ quan ban hành", "Cơ quan thực hiện", "Lĩnh vực")


@dataclass(frozen=True)
class ListEntry:
    """One row of an official list, cleaned."""

    code: str
    title: str | None
    ministry: str | None
    agency: str | None  # several agencies are joined with "; "
    field: str | None


def read_official_list(path: Path) -> Iterator[ListEntry]:
    """Rows of one exported list; the sheet's banner rows above the header are skipped."""
    try:
        from openpyxl import load_workbook
    except ImportError as exc:  # pragma: no cover - openpyxl is a declared dependency
        raise ValidationFailedError(
            "Cần cài openpyxl để đọc danh sách .xlsx (pip install openpyxl).",
            "Reading .xlsx lists needs openpyxl (pip install openpyxl).",
        ) from exc
    workbook = load_workbook(path, read_only=True, data_only=True)
    try:
        sheet = workbook.worksheets[0]
        is_body = False
        for row in sheet.iter_rows(values_only=True):
            cells = [str(cell) if cell is not None else "" for cell in row[: len(_HEADER)]]
            if not is_body:
                is_body = tuple(c.strip() for c in cells) == _HEADER
                continue
            entry = _entry(cells)
            if entry is not None:
                yield entry
    finally:
        workbook.close()


def procedure_from_list(entry: ListEntry) -> Procedure | None:
    """The minimal ``Procedure`` a list row supports (no steps, fees or papers)."""
    if entry.title is None:
        return None
    return Procedure(
        code=entry.code,
        title=entry.title,
        family=family_of(entry.title),
        levels=levels_from_title(entry.title),
        field=entry.field,
        ministry=entry.ministry,
        agency=entry.agency,
        source="list",
    )


def _entry(cells: list[str]) -> ListEntry | None:
    cells += [""] * (len(_HEADER) - len(cells))
    code = clean_inline(cells[0])
    if code is None:
        return None
    agencies = [a for a in (clean_inline(line) for line in cells[3].splitlines()) if a]
    fields = list(dict.fromkeys(f for f in (clean_inline(x) for x in cells[4].splitlines()) if f))
    return ListEntry(
        code=code,
        title=clean_inline(cells[1]),
        ministry=clean_inline(cells[2]),
        agency="; ".join(agencies) or None,
        field="; ".join(fields) or None,
    )
