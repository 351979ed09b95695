import json
import re
from pathlib import Path

import pytest

from assistant.catalogue.errors import CatalogueFormatError
from assistant.catalogue.models import Procedure
from assistant.catalogue.sources.csv_json import read_csv, read_json

README = Path(__file__).parents[2] / "assistant" / "catalogue" / "README.md"


def _readme_csv(tmp_path: Path) -> Path:
    """The 2-row example of the README, so the documentation is tested too."""
    block = re.search(r"```csv\n(.*?)```", README.read_text("utf-8"), re.DOTALL)
    assert block is not None
    path = tmp_path / "province.csv"
    path.write_text(block.group(1), encoding="utf-8")
    return path


def test_readme_csv_example(tmp_path: Path) -> None:
    records = list(read_csv(_readme_csv(tmp_path)))
    assert [r.rejected for r in records] == [None, None]
    licence, poverty = (r.procedure for r in records)
    assert licence is not None and poverty is not None
    assert [(c.kind, c.duration_value, c.duration_unit, c.fee_vnd) for c in licence.channels] == [
        ("online", 10.0, "working_day", 200_000),
        ("in_person", 10.0, "working_day", 200_000),
    ]
    assert [(d.name, d.originals, d.copies) for d in licence.documents] == [
        ("Đơn đề nghị", 1, None),
        ("Bản sao giấy chứng nhận đăng ký kinh doanh", 0, 1),
    ]
    assert licence.legal_basis[0].number == "105/2017/NĐ-CP"
    assert licence.online_level == "full" and licence.source == "province"
    assert [level.key for level in licence.levels] == ["commune"]
    # No level column: read from the title suffix; family without it.
    assert [level.key for level in poverty.levels] == ["commune"]
    assert poverty.family == "Xác nhận hộ nghèo"
    assert poverty.channels[0].fee_vnd == 0


def test_excel_csv_with_bom_and_semicolons(tmp_path: Path) -> None:
    path = tmp_path / "excel.csv"
    text = "code;title;applicants\nHT.1;Cấp phép (cấp tỉnh);Công dân Việt Nam | Doanh nghiệp\n"
    path.write_bytes("\ufeff".encode() + text.encode("utf-8"))
    (record,) = read_csv(path)
    assert record.procedure is not None
    assert record.procedure.applicants == ["Công dân Việt Nam", "Doanh nghiệp"]


def test_rows_without_code_or_title_are_rejected(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("code,title\n,Không mã\nHT.2,\nHT.3,Có đủ\n", encoding="utf-8")
    assert [r.rejected for r in read_csv(path)] == [
        "missing_code_or_title",
        "missing_code_or_title",
        None,
    ]


def test_unknown_columns_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "typo.csv"
    path.write_text("code,tittle\nHT.1,Cấp phép\n", encoding="utf-8")
    with pytest.raises(CatalogueFormatError) as error:
        list(read_csv(path))
    assert "tittle" in error.value.message_en and "tittle" in error.value.message_vi


def test_json_round_trip_of_a_full_procedure(tmp_path: Path, dvc_records: dict) -> None:
    from assistant.catalogue.sources.dvc import record_from_dvc

    original = record_from_dvc(dvc_records["1.003358"]).procedure
    assert original is not None
    path = tmp_path / "one.json"
    path.write_text(original.model_dump_json(), encoding="utf-8")
    (record,) = read_json(path)
    assert record.procedure == original


def test_json_list_object_and_lines(tmp_path: Path) -> None:
    objects = [{"code": "HT.1", "title": "Cấp phép (thực hiện tại cấp xã)"}, {"code": "HT.2"}]
    as_list = tmp_path / "list.json"
    as_list.write_text(json.dumps(objects, ensure_ascii=False), encoding="utf-8")
    first, second = read_json(as_list)
    assert first.procedure is not None
    assert (first.procedure.family, first.procedure.source) == ("Cấp phép", "province")
    assert second.procedure is None and second.rejected is not None
    assert second.rejected.startswith("invalid: title")
    as_lines = tmp_path / "lines.json"
    as_lines.write_text("\n".join(json.dumps(o) for o in objects[:1]), encoding="utf-8")
    assert [r.code for r in read_json(as_lines)] == ["HT.1"]


def test_unknown_json_fields_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "extra.json"
    path.write_text(json.dumps({"code": "HT.1", "title": "Cấp phép", "fees": 1}), encoding="utf-8")
    (record,) = read_json(path)
    assert record.rejected is not None and "fees" in record.rejected


def test_broken_json_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{"code": "HT.1",\n', encoding="utf-8")
    with pytest.raises(CatalogueFormatError) as error:
        list(read_json(path))
    assert "broken.json" in error.value.message_en


def test_decomposed_accents_from_excel_are_composed(tmp_path: Path) -> None:
    import unicodedata

    path = tmp_path / "nfd.csv"
    title = unicodedata.normalize("NFD", "Cấp giấy phép xây dựng")
    path.write_text(f"code,title\nHT.9,{title}\n", encoding="utf-8")
    (record,) = read_csv(path)
    assert record.procedure is not None
    assert record.procedure.title == unicodedata.normalize("NFC", title)
    assert isinstance(record.procedure, Procedure)
