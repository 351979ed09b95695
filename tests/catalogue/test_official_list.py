from collections.abc import Callable
from pathlib import Path

from assistant.catalogue.sources.official_list import procedure_from_list, read_official_list


def test_rows_after_the_banner_and_header(write_list: Callable[..., Path]) -> None:
    entries = list(read_official_list(write_list()))
    assert [entry.code for entry in entries] == ["2.001428", "1.000178", "1.008312"]
    tax = entries[2]
    assert tax.agency == "Thuế tỉnh, thành phố; Thuế cơ sở"  # one agency a line in the cell
    assert entries[1].agency is None


def test_minimal_procedure_from_a_row(write_list: Callable[..., Path]) -> None:
    entry = next(read_official_list(write_list()))
    procedure = procedure_from_list(entry)
    assert procedure is not None
    assert procedure.source == "list"
    assert procedure.family == "Đăng ký mẫu con dấu mới"
    assert [level.key for level in procedure.levels] == ["province"]
    assert procedure.field == "Đăng ký, quản lý con dấu"
