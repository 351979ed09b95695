"""Real records picked from the national data (see fixtures/) and a small official list."""

import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook

FIXTURES = Path(__file__).parent / "fixtures"

# Rows of the official list export for records used in the tests (verbatim values).
LIST_ROWS = [
    ("2.001428", "Đăng ký mẫu con dấu mới (thực hiện tại cấp tỉnh)", "Bộ Công an",
     "Công an tỉnh, thành phố trực thuộc trung ương", "Đăng ký, quản lý con dấu"),
    ("1.000178", "Giải quyết khiếu nại về quyết định hành chính, hành vi hành chính của công dân "
     "đối với lực lượng Công an nhân dân (thực hiện tại cấp Trung ương)", "Bộ Công an", "",
     "Khiếu nại, tố cáo"),
    ("1.008312", "Khai thuế môn bài", "Bộ Tài chính", "Thuế tỉnh, thành phố\nThuế cơ sở", "Thuế"),
]  # fmt: skip


def _read_lines(name: str) -> dict[str, dict[str, Any]]:
    records = [json.loads(line) for line in (FIXTURES / name).read_text("utf-8").splitlines()]
    return {record.get("ma_thu_tuc") or record["thu_tuc_id"]: record for record in records}


@pytest.fixture(scope="session")
def dvc_records() -> dict[str, dict[str, Any]]:
    """Portal records by code, verbatim from ``dvc_procedures.jsonl.gz``."""
    return _read_lines("dvc_records.jsonl")


@pytest.fixture(scope="session")
def bqp_records() -> dict[str, dict[str, Any]]:
    """Ministry of Defence records by code, verbatim from ``bqp_procedures.jsonl.gz``."""
    return _read_lines("bqp_records.jsonl")


@pytest.fixture
def write_list(tmp_path: Path) -> Callable[..., Path]:
    """Write an official-list workbook laid out like the exports (banner row, header)."""

    def write(rows: Sequence[tuple[str, ...]] = LIST_ROWS, name: str = "danh-sach.xlsx") -> Path:
        workbook = Workbook()
        sheet = workbook.active
        assert sheet is not None
        sheet.append(["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nDANH SÁCH THỦ TỤC HÀNH CHÍNH"])
        sheet.append(["Mã số", "Tên", "Cơ quan ban hành", "Cơ quan thực hiện", "Lĩnh vực"])
        for row in rows:
            sheet.append(list(row))
        path = tmp_path / name
        workbook.save(path)
        return path

    return write
