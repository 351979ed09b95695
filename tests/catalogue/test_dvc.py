import unicodedata
from typing import Any

from assistant.catalogue.sources.dvc import is_dvc_record, record_from_dvc


def test_full_procedure_from_a_portal_record(dvc_records: dict[str, dict[str, Any]]) -> None:
    result = record_from_dvc(dvc_records["1.000178"])
    procedure = result.procedure
    assert procedure is not None and result.rejected is None
    assert procedure.code == "1.000178" and procedure.source == "dvc"
    assert procedure.family == (
        "Giải quyết khiếu nại về quyết định hành chính, hành vi hành chính của công dân đối với "
        "lực lượng Công an nhân dân"
    )
    assert [(level.key, level.label) for level in procedure.levels] == [("central", "Cấp bộ")]
    assert procedure.ministry == "Bộ Công an"
    assert procedure.agency == "Thanh tra Bộ"
    assert procedure.applicants == [
        "Tổ chức (không bao gồm doanh nghiệp, HTX)",
        "Công dân Việt Nam",
    ]
    assert procedure.decision == "QĐ/0001-BCA"
    assert procedure.steps is not None and procedure.steps.startswith("Bước 1: Thụ lý giải quyết")
    assert [c.kind for c in procedure.channels] == ["post", "in_person"]
    assert len(procedure.documents) == 8 and len(procedure.legal_basis) == 4
    assert procedure.result_documents == ["Quyết định giải quyết khiếu nại lần 1, lần 2"]
    assert procedure.description is None  # "Không có thông tin"
    assert result.fields["channels"] == "clean"


def test_all_text_is_nfc(dvc_records: dict[str, dict[str, Any]]) -> None:
    # This record's steps were typed with decomposed accents ("Thu\u0323 ly\u0301").
    procedure = record_from_dvc(dvc_records["1.000178"]).procedure
    assert procedure is not None
    dumped = procedure.model_dump_json()
    assert unicodedata.is_normalized("NFC", dumped)
    assert procedure.steps is not None and "Thụ lý" in procedure.steps


def test_level_variants_share_a_family(dvc_records: dict[str, dict[str, Any]]) -> None:
    central = record_from_dvc(dvc_records["1.000178"]).procedure
    province = record_from_dvc(dvc_records["1.003504"]).procedure
    assert central is not None and province is not None
    assert central.family == province.family
    assert [level.key for level in province.levels] == ["province"]


def test_online_level_from_the_title(dvc_records: dict[str, dict[str, Any]]) -> None:
    procedure = record_from_dvc(dvc_records["1.013086"]).procedure
    assert procedure is not None
    assert procedure.online_level == "partial"
    assert procedure.family == "Đăng ký xe tạm thời"
    assert [level.key for level in procedure.levels] == ["central", "province", "commune"]


def test_page_of_another_procedure_is_rejected(dvc_records: dict[str, dict[str, Any]]) -> None:
    result = record_from_dvc(dvc_records["2.001428"])
    assert result.procedure is None
    assert result.rejected == "page_of_other_procedure"


def test_sections_shifted_by_the_crawler_are_recovered(
    dvc_records: dict[str, dict[str, Any]],
) -> None:
    procedure = record_from_dvc(dvc_records["1.001521"]).procedure
    assert procedure is not None
    assert procedure.steps is not None and "Bước 3. Nhận kết quả giải quyết" in procedure.steps
    assert len(procedure.documents) >= 4


def test_recognises_portal_records(
    dvc_records: dict[str, dict[str, Any]], bqp_records: dict[str, dict[str, Any]]
) -> None:
    assert is_dvc_record(dvc_records["1.000178"])
    assert not is_dvc_record(bqp_records["1.013124"])
