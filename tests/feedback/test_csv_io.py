"""The CSV export: no cell a spreadsheet would run as a formula, and a lossless round trip."""

import csv
import io
from datetime import UTC, datetime

from assistant.feedback.csv_io import parse_csv, to_csv
from assistant.feedback.models import FeedbackRecord

_NOW = datetime(2026, 1, 5, 8, 30, tzinfo=UTC)


def _record(**text: str) -> FeedbackRecord:
    values: dict[str, object] = {
        "id": 7, "created_at": _NOW, "updated_at": _NOW, "status": "complete", "rating": 4,
        "reasons": ["fast"], "comment": None, "contact": None, "opening_text": None,
        "source": "qr", "channel": "api", "language": "vi", "agency": "stp", "counter": "Q3",
        "procedure_code": None, "dossier_code": None, "conversation": "abc",
    }
    return FeedbackRecord.model_validate({**values, **text})


def test_every_text_cell_is_defused_and_read_back() -> None:
    attack = {
        "agency": '=HYPERLINK("http://evil.example","x")', "counter": "+1+cmd|' /C calc'!A0",
        "comment": "@SUM(A1)", "procedure_code": "-2", "dossier_code": "\t=1",
        "channel": "=api", "conversation": "=x",
    }
    record = _record(**attack)
    text = to_csv([record])
    (row,) = list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))
    for column in attack:
        assert row[column].startswith("'"), column
    assert parse_csv(text) == [record]


def test_ordinary_cells_are_untouched() -> None:
    record = _record(comment="Nhanh, tốt", contact="0912 345 678")
    (row,) = list(csv.DictReader(io.StringIO(to_csv([record]).removeprefix("\ufeff"))))
    assert (row["agency"], row["comment"], row["rating"]) == ("stp", "Nhanh, tốt", "4")
    assert parse_csv(to_csv([record])) == [record]
