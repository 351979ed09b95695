import json
from pathlib import Path

import pytest

from assistant.dossiers.errors import DossierImportError
from assistant.dossiers.models import DossierStatus
from assistant.dossiers.service import DossierService

HEADER = (
    "code,procedure_code,procedure_name,agency,channel,received_on,due_on,status,"
    "status_at,note,result_ready_on,applicant_name,applicant_phone\n"
)
GOOD = (
    "h22 45 240105 0003,1.001193,Thủ tục đăng ký khai sinh,UBND phường A,Trực tiếp,"
    "05/01/2024,08/01/2024,Đã tiếp nhận,05/01/2024 08:40,,,Nguyễn Văn An,0900 000 003\n"
    "H22.45-240105-0003,1.001193,Thủ tục đăng ký khai sinh,UBND phường A,counter,"
    "2024-01-05,2024-01-08,cho bo sung ho so,2024-01-06T09:15:00+07:00,"
    "Bổ sung bản sao giấy chứng nhận kết hôn,,Nguyễn Văn An,+84900000003\n"
    "000.00.15.H22-231004-0012,1.001612,Đăng ký thành lập hộ kinh doanh,Phòng TC-KH,online,"
    "2023-10-04,2023-10-09,Đã trả kết quả,2023-10-10 10:30,,2023-10-06,Trần Thị Bình,"
    "0900000012\n"
)
BAD = (
    "H22.45-24010-0003,1.0,X,Y,counter,2024-01-05,2024-01-08,processing,,,,,\n"  # bad code
    ",1.0,X,Y,counter,2024-01-05,2024-01-08,processing,,,,,\n"  # no code
    "H22.45-240106-0001,1.0,X,Y,counter,2024-01-06,2024-01-01,processing,,,,,\n"  # due < recv
    "H22.45-240106-0002,1.0,X,Y,counter,2024-01-06,2024-01-09,finished?,,,,,\n"  # status
    "H22.45-240106-0003,1.0,,Y,counter,2024-01-06,2024-01-09,processing,,,,,\n"  # no name
    "H22.45-240106-0004,1.0,X,Y,counter,32/01/2024,2024-01-09,processing,,,,,\n"  # date
    "H22.45-240106-0005,1.0,X,Y,counter,2024-01-06,2024-01-09,processing,,,,,12345\n"  # phone
    "H22.45-240106-0006,1.0,X,Y,by pigeon,2024-01-06,2024-01-09,processing,,,,,\n"  # channel
)


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_csv_good_rows_with_history_and_idempotent(service: DossierService, tmp_path: Path) -> None:
    path = _write(tmp_path, "dossiers.csv", HEADER + GOOD)
    report = service.import_file(path)
    assert (report.created, report.updated, report.unchanged, report.rejected) == (2, 0, 0, [])
    dossier = service.store.get("H22.45-240105-0003")
    assert dossier is not None
    assert dossier.status is DossierStatus.AWAITING_SUPPLEMENT
    assert [e.status for e in dossier.history] == [
        DossierStatus.RECEIVED, DossierStatus.AWAITING_SUPPLEMENT,
    ]
    assert dossier.applicant_phone == "0900000003"
    assert dossier.history[-1].note == "Bổ sung bản sao giấy chứng nhận kết hôn"
    again = service.import_file(path)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
    assert len(service.store.get("H22.45-240105-0003").history) == 2  # type: ignore[union-attr]


def test_csv_bad_rows_are_reported_with_reasons(service: DossierService, tmp_path: Path) -> None:
    report = service.import_file(_write(tmp_path, "mixed.csv", HEADER + GOOD + BAD))
    assert report.created == 2
    reasons = {r.row: " | ".join(r.reasons) for r in report.rejected}
    assert len(reasons) == 8, reasons
    assert reasons[5] == "invalid code format"
    assert reasons[6] == "missing code"
    assert "due date is before the received date" in reasons[7]
    assert "unknown status" in reasons[8]
    assert "procedure_name" in reasons[9]
    assert "received_on" in reasons[10]
    assert "phone" in reasons[11]
    assert "unknown channel" in reasons[12]
    assert service.store.count() == 2


def test_json_import_updates_and_changes_status(service: DossierService, tmp_path: Path) -> None:
    record = {
        "code": "H22.45-240110-0021", "procedure_name": "Đổi giấy phép lái xe",
        "agency": "Sở Giao thông vận tải", "received_on": "2024-01-10", "due_on": "2024-01-15",
        "status": "received", "status_at": "2024-01-10T11:05:00+07:00",
    }
    path = _write(tmp_path, "one.json", json.dumps([record]))
    assert service.import_file(path).created == 1
    record.update(status="Đang xử lý", status_at="2024-01-10T15:20:00+07:00")
    path = _write(tmp_path, "two.json", json.dumps({"dossiers": [record, {"code": "x"}, 5]}))
    report = service.import_file(path)
    assert report.updated == 1
    assert [r.row for r in report.rejected] == [2, 3]
    dossier = service.store.get("H22.45-240110-0021")
    assert dossier is not None and dossier.status is DossierStatus.PROCESSING
    assert len(dossier.history) == 2


def test_json_unknown_fields_are_rejected(service: DossierService, tmp_path: Path) -> None:
    record = {
        "code": "H22.45-240110-0021", "procedure_name": "X", "agency": "Y",
        "received_on": "2024-01-10", "status": "received", "cccd": "001234567890",
    }
    report = service.import_file(_write(tmp_path, "extra.json", json.dumps([record])))
    assert report.imported == 0
    assert "cccd" in report.rejected[0].reasons[0]


@pytest.mark.parametrize(
    ("name", "text", "problem"),
    [
        ("a.txt", "code\n", "only .csv and .json"),
        ("b.json", "{not json", "invalid JSON"),
        ("c.json", '{"rows": []}', "expected a list"),
        ("d.csv", "procedure_name,agency\nX,Y\n", "no 'code' column"),
        ("e.csv", "code,colour\nH22.45-240105-0003,red\n", "unknown CSV columns: colour"),
    ],
)
def test_unreadable_files_fail_clearly(
    service: DossierService, tmp_path: Path, name: str, text: str, problem: str
) -> None:
    with pytest.raises(DossierImportError, match=problem):
        service.import_file(_write(tmp_path, name, text))


def test_missing_file(service: DossierService, tmp_path: Path) -> None:
    with pytest.raises(DossierImportError, match="not a file"):
        service.import_file(tmp_path / "nope.csv")
