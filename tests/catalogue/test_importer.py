import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from assistant.catalogue.importer import import_catalogue
from assistant.catalogue.store import dump_catalogue

FIXTURES = Path(__file__).parent / "fixtures"
SHARED = Path(__file__).parents[3] / "shared" / "data" / "catalogue"
BUNDLED = Path(__file__).parents[2] / "assistant" / "catalogue" / "data" / "procedures.jsonl.gz"


def test_imports_both_national_formats(write_list: Callable[..., Path]) -> None:
    result = import_catalogue([FIXTURES, write_list()])
    report = result.report
    assert report.by_source == {"bqp": 5, "dvc": 19}
    assert report.records_in == 24 and report.records_out == 24
    assert [p.code for p in result.procedures] == sorted(p.code for p in result.procedures)
    counts = report.fields["channels"]
    assert counts.clean + counts.empty + counts.failed == report.records_out
    # Fee cells under 1,000 VNĐ that no note confirms: "120 VNĐ" (1.006429), "100 VNĐ"
    # (3.000337), "50 VNĐ" next to a 25.000 đồng reduced rate (1.002010), "25 VNĐ" next
    # to "25.000.000đ" (1.012680).
    assert counts.failed == 4
    assert report.issues["duration_unit_missing"] >= 2


def test_misfetched_page_is_rebuilt_from_the_official_list(
    write_list: Callable[..., Path],
) -> None:
    result = import_catalogue([FIXTURES / "dvc_records.jsonl", write_list()])
    restored = next(p for p in result.procedures if p.code == "2.001428")
    assert restored.title == "Đăng ký mẫu con dấu mới (thực hiện tại cấp tỉnh)"
    assert restored.source == "list" and restored.channels == []
    assert result.report.restored_from_list == ["2.001428"]


def test_without_the_list_a_misfetched_page_is_rejected() -> None:
    result = import_catalogue([FIXTURES / "dvc_records.jsonl"])
    assert result.report.rejected == {"2.001428": "page_of_other_procedure"}
    assert "2.001428" not in {p.code for p in result.procedures}


def test_list_fills_empty_fields_and_agency_falls_back(write_list: Callable[..., Path]) -> None:
    result = import_catalogue([FIXTURES / "dvc_records.jsonl", write_list()])
    tax = next(p for p in result.procedures if p.code == "1.008312")
    assert tax.ministry == "Bộ Tài chính"
    assert result.report.filled_from_list.get("agency", 0) >= 0
    assert all(p.agency for p in result.procedures if p.competent_authority)


def test_later_source_wins_and_duplicates_are_reported(tmp_path: Path) -> None:
    first = tmp_path / "a.json"
    second = tmp_path / "b.json"
    first.write_text(json.dumps([{"code": "HT.1", "title": "Cũ"}]), encoding="utf-8")
    second.write_text(json.dumps([{"code": "HT.1", "title": "Mới"}]), encoding="utf-8")
    result = import_catalogue([first, second])
    assert [p.title for p in result.procedures] == ["Mới"]
    assert result.report.duplicates == ["HT.1"]
    assert result.report.records_in == 2 and result.report.records_out == 1


def test_a_built_catalogue_can_be_imported_again(tmp_path: Path) -> None:
    built = import_catalogue([FIXTURES / "bqp_records.jsonl"]).procedures
    path = tmp_path / "catalogue.jsonl.gz"
    path.write_bytes(dump_catalogue(built))
    again = import_catalogue([path]).procedures
    assert [p.model_dump() for p in again] == [
        p.model_copy(update={"source": p.source}).model_dump() for p in built
    ]


def test_folders_are_read_in_name_order(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(FIXTURES / "bqp_records.jsonl", folder / "b.jsonl")
    (folder / "a.json").write_text(
        json.dumps({"code": "1.013124", "title": "Bản cũ của tỉnh"}), encoding="utf-8"
    )
    result = import_catalogue([folder])
    assert next(p for p in result.procedures if p.code == "1.013124").source == "bqp"


@pytest.mark.skipif(not SHARED.is_dir(), reason="shared national data not available")
def test_bundled_catalogue_is_reproducible_from_the_shared_data() -> None:
    result = import_catalogue([SHARED])
    assert result.report.records_out == 2849
    assert dump_catalogue(result.procedures) == BUNDLED.read_bytes()
