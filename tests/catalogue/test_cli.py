import json
from collections.abc import Callable
from pathlib import Path

from typer.testing import CliRunner

from assistant.catalogue.cli import app, national_data_dir
from assistant.catalogue.service import CatalogueService
from assistant.settings import project_root

FIXTURES = Path(__file__).parent / "fixtures"
runner = CliRunner()


def test_import_prints_the_report_and_writes_the_catalogue(
    tmp_path: Path, write_list: Callable[..., Path]
) -> None:
    output = tmp_path / "catalogue.jsonl.gz"
    args = ["import", str(FIXTURES), str(write_list()), "--output", str(output), "--replace"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "records in: 24 (bqp 5, dvc 19); records out: 24" in result.output
    assert "channels" in result.output and "duration_unit_missing" in result.output
    assert "replaced with 24 procedures" in result.output
    assert len(CatalogueService.load(output)) == 24


def test_province_import_merges_idempotently(tmp_path: Path) -> None:
    output = tmp_path / "catalogue.jsonl.gz"
    runner.invoke(app, ["import", str(FIXTURES / "bqp_records.jsonl"), "-o", str(output)])
    province = tmp_path / "province.json"
    province.write_text(
        json.dumps([{"code": "HT.0001", "title": "Cấp phép (thực hiện tại cấp xã)"}]),
        encoding="utf-8",
    )
    first = runner.invoke(app, ["import", str(province), "-o", str(output)])
    assert "merged: 1 added, 0 updated, 0 unchanged; 6 procedures" in first.output
    digest = CatalogueService.load(output).content_hash
    second = runner.invoke(app, ["import", str(province), "-o", str(output), "--json"])
    assert "merged: 0 added, 0 updated, 1 unchanged; 6 procedures" in second.output
    assert CatalogueService.load(output).content_hash == digest
    report = json.loads(second.stdout[: second.stdout.rindex("}") + 1])  # logs: stderr
    assert report["records_out"] == 1


def test_bad_input_is_a_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("mã,tên\n1,2\n", encoding="utf-8")
    result = runner.invoke(app, ["import", str(bad), "-o", str(tmp_path / "c.jsonl.gz")])
    assert result.exit_code == 2
    assert "Cannot read catalogue file bad.csv" in result.output


def test_national_data_ships_with_the_checkout() -> None:
    folder = national_data_dir()
    assert folder.is_relative_to(project_root())
    assert {"dvc_procedures.jsonl.gz", "bqp_procedures.jsonl.gz", "README.md"} <= {
        path.name for path in folder.iterdir()
    }
