from datetime import date
from typing import Any

from assistant.catalogue.sources.bqp import is_bqp_record, record_from_bqp


def test_ministry_of_defence_record(bqp_records: dict[str, dict[str, Any]]) -> None:
    result = record_from_bqp(bqp_records["1.013124"])
    procedure = result.procedure
    assert procedure is not None and procedure.source == "bqp"
    assert procedure.ministry == "Bộ Quốc phòng"
    assert [level.key for level in procedure.levels] == ["central"]
    assert procedure.conditions is None  # "Không"
    assert {c.kind for c in procedure.channels} == {"in_person", "online", "post"}
    assert all(c.fee_vnd == 0 and c.duration_unit == "working_day" for c in procedure.channels)
    plan = procedure.documents[1]
    assert (plan.template, plan.originals, plan.copies) == ("5-PHLCII.doc", 1, 0)
    (legal,) = procedure.legal_basis
    # The number cell holds only "12"; the summary has the whole number.
    assert legal.number == "12/2021/QĐ-TTg"
    assert legal.issued_on == date(2021, 3, 24) and legal.issuer == "Thủ tướng Chính phủ"
    assert procedure.result_documents == ["Quyết định phê duyệt kế hoạch ứng phó sự cố tràn dầu."]


def test_several_rates_in_usd_and_vnd(bqp_records: dict[str, dict[str, Any]]) -> None:
    procedure = record_from_bqp(bqp_records["1.013575"]).procedure
    assert procedure is not None
    (channel,) = procedure.channels
    assert channel.fee_vnd is None
    assert channel.fee_rates_vnd == [20_000]
    assert channel.fee_text is not None and "01 USD" in channel.fee_text
    assert (channel.duration_value, channel.duration_unit) == (0.0, "hour")  # "Ngay sau khi …"


def test_several_vnd_rates(bqp_records: dict[str, dict[str, Any]]) -> None:
    procedure = record_from_bqp(bqp_records["1.013539"]).procedure
    assert procedure is not None
    rates = procedure.channels[0].fee_rates_vnd
    assert rates[:3] == [2_000_000, 3_500_000, 4_000_000]


def test_steps_are_split_into_lines(bqp_records: dict[str, dict[str, Any]]) -> None:
    procedure = record_from_bqp(bqp_records["1.013124"]).procedure
    assert procedure is not None and procedure.steps is not None
    assert procedure.steps.split("\n")[1].startswith("Bước 2:")


def test_a_code_like_title_is_not_a_number(bqp_records: dict[str, dict[str, Any]]) -> None:
    procedure = record_from_bqp(bqp_records["1.013270"]).procedure
    assert procedure is not None
    maritime = [d for d in procedure.legal_basis if d.title == "BỘ LUẬT HÀNG HẢI VIỆT NAM"]
    assert maritime and maritime[0].number is None


def test_recognises_ministry_records(bqp_records: dict[str, dict[str, Any]]) -> None:
    assert is_bqp_record(bqp_records["1.013124"])
