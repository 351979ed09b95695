from typing import Any

from assistant.catalogue.parsing.channels import parse_channel_table, parse_duration
from assistant.catalogue.parsing.page import split_page

HEADER = "Hình thức nộpThời gianPhí, lệ phíMô tả"


def _table(record: dict[str, Any]) -> str:
    page = split_page(record["raw_text"])
    assert page is not None
    return page.channels


def test_durations_with_glued_lost_or_free_text_units() -> None:
    assert parse_duration("1Ngày làm việc").unit == "working_day"
    long = parse_duration("60 Ngày làm việc")
    assert (long.value, long.unit, long.unit_label) == (60.0, "working_day", "Ngày làm việc")
    assert (parse_duration("0.5 Ngày").value, parse_duration("0.5 Ngày").unit) == (0.5, "day")
    assert parse_duration("2 Giờ").unit == "hour"
    assert parse_duration("6 Tháng").unit == "month"
    lost = parse_duration("1")
    assert (lost.value, lost.unit, lost.text) == (1.0, None, "1")
    assert parse_duration("0").value is None  # the portal's placeholder
    free = parse_duration("Không quy định")
    assert (free.value, free.text) == (None, "Không quy định")
    assert parse_duration("Không có thông tin").text is None


def test_one_channel_per_row_with_time_fee_and_description(
    dvc_records: dict[str, dict[str, Any]],
) -> None:
    parsed = parse_channel_table(_table(dvc_records["1.000178"]))
    assert parsed.status == "clean"
    post, in_person = parsed.items
    assert (post.kind, post.kind_label) == ("post", "Dịch vụ bưu chính")
    assert (in_person.kind, in_person.duration_value) == ("in_person", 60.0)
    assert in_person.duration_unit == "working_day"
    assert in_person.fee_vnd is None and in_person.fee_text is None  # "Không có thông tin"
    assert in_person.description is not None
    assert in_person.description.startswith("Thời hạn giải quyết khiếu nại lần đầu")


def test_lost_unit_and_free_fee() -> None:
    parsed = parse_channel_table(
        f"{HEADER}Trực tuyến1Miễn phíDịch vụ bưu chính1Miễn phíTrực tiếp1Miễn phí"
    )
    assert [c.kind for c in parsed.items] == ["online", "post", "in_person"]
    assert all(c.duration_value == 1 and c.duration_unit is None for c in parsed.items)
    assert all(c.fee_vnd == 0 for c in parsed.items)
    assert parsed.status == "clean" and parsed.issues == ("duration_unit_missing",)


def test_time_digits_run_into_the_fee_amount(dvc_records: dict[str, dict[str, Any]]) -> None:
    # "Trực tuyến120 VNĐ(20.000 vnđ /tờ khai)" is 1 (unit lost) + 20 thousand đồng.
    parsed = parse_channel_table(_table(dvc_records["1.000014"]))
    online = parsed.items[0]
    assert (online.duration_value, online.duration_unit) == (1.0, None)
    assert online.fee_vnd == 20_000
    assert online.fee_text == "20 VNĐ (20.000 vnđ /tờ khai)"


def test_fee_in_thousands_confirmed_by_the_note(dvc_records: dict[str, dict[str, Any]]) -> None:
    online = parse_channel_table(_table(dvc_records["3.000370"])).items[0]
    assert (online.duration_value, online.duration_unit) == (1.0, "hour")
    assert online.fee_vnd == 20_000


def test_unconfirmed_small_fee_fails_the_field(dvc_records: dict[str, dict[str, Any]]) -> None:
    parsed = parse_channel_table(_table(dvc_records["1.006429"]))
    assert parsed.status == "failed"
    assert "fee_implausible_amount" in parsed.issues
    assert parsed.items[0].fee_vnd is None and parsed.items[0].fee_text == "20 VNĐ"


def test_several_rows_per_channel_with_usd_rates(dvc_records: dict[str, dict[str, Any]]) -> None:
    parsed = parse_channel_table(_table(dvc_records["1.003358"]))
    assert parsed.status == "clean"
    assert len(parsed.items) == 9  # 3 card validities x 3 channels
    rates = sorted({(c.kind, c.fee_amount) for c in parsed.items})
    assert ("in_person", 155.0) in rates and ("online", 165.0) in rates
    assert all(c.fee_currency == "USD" and c.fee_vnd is None for c in parsed.items)
    # The description of a row may start with a channel name ("Trực tuyến: nộp …").
    online = parsed.items[0]
    assert online.description is not None and online.description.startswith("Trực tuyến: nộp")


def test_free_fee_with_a_table_of_rates_in_its_note(dvc_records: dict[str, dict[str, Any]]) -> None:
    post = parse_channel_table(_table(dvc_records["1.004306"])).items[0]
    assert post.fee_vnd == 0
    assert post.fee_rates_vnd == [15_000_000, 18_000_000, 6_000_000]
    assert post.fee_text is not None and post.fee_text.startswith("Miễn phí (15000000/lần Đồng")
    assert post.description == "18 ngày, kể từ ngày nhận đủ hồ sơ hợp lệ"


def test_free_text_time_cell(dvc_records: dict[str, dict[str, Any]]) -> None:
    online = parse_channel_table(_table(dvc_records["1.008312"])).items[0]
    assert online.duration_value is None
    assert online.duration_text == "Không quy định"
    assert online.fee_vnd == 0


def test_empty_table() -> None:
    assert parse_channel_table("Không có thông tin").status == "empty"
    assert parse_channel_table(None).status == "empty"
