"""`assistant qr` and `assistant feedback …` through the real command line."""

import io
import json
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image
from typer.testing import CliRunner

from assistant.cli import app


@pytest.fixture(autouse=True)
def _environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("ASSISTANT_SERVER__PUBLIC_URL", "https://dvc.example.vn")


def test_qr_png_decodes_to_the_counter_link(tmp_path: Path) -> None:
    out = tmp_path / "q3.png"
    result = CliRunner().invoke(app, ["qr", "--agency", "stp", "--counter", "Q3",
                                      "--format", "png", "--out", str(out)])
    assert result.exit_code == 0, result.output
    (decoded,) = zxingcpp.read_barcodes(Image.open(io.BytesIO(out.read_bytes())))
    assert decoded.text == "https://dvc.example.vn/?open=1&mode=feedback&counter=Q3&agency=stp"
    assert decoded.text in result.output


def test_qr_sheet_and_a_clear_error(tmp_path: Path) -> None:
    out = tmp_path / "sheet.pdf"
    ok = CliRunner().invoke(app, ["qr", "-c", "Q1", "-c", "Q2", "--agency-name", "Sở Tư pháp",
                                  "--out", str(out)])
    assert ok.exit_code == 0, ok.output
    assert out.read_bytes().startswith(b"%PDF")
    bad = CliRunner().invoke(app, ["qr", "--out", str(tmp_path / "x.pdf")])
    assert bad.exit_code == 2
    assert "counter or an agency" in bad.output


def test_summary_and_export_of_an_empty_period(tmp_path: Path) -> None:
    summary = CliRunner().invoke(app, ["feedback", "summary", "--since", "2026-01-01",
                                       "--until", "2026-01-31"])
    assert summary.exit_code == 0, summary.output
    assert json.loads(summary.output)["count"] == 0
    out = tmp_path / "f.csv"
    export = CliRunner().invoke(app, ["feedback", "export", "--out", str(out)])
    assert export.exit_code == 0, export.output
    assert out.read_text(encoding="utf-8").startswith("\ufeffid,created_at")
