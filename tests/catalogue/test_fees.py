from assistant.catalogue.parsing.fees import (
    amounts_in_note,
    read_amount,
    read_fee,
    read_labelled_fees,
)


def test_amount_separators() -> None:
    assert read_amount("2,000,000") == 2_000_000
    assert read_amount("1.500.000") == 1_500_000
    assert read_amount("1.5", currency="USD") == 1.5
    assert read_amount("20.000", currency="USD") == 20_000


def test_note_amounts_skip_dates_and_legal_numbers() -> None:
    note = (
        "Phí: 15000000/loại Đồng (…) Phí: 6000000/chiếc Đồng; Lệ phí 50.000đ/thẻ; "
        "Thông tư số 64/2025/TT-BTC ngày 30/6/2025; Quyết định 6225/QĐ-BQP"
    )
    assert amounts_in_note(note) == [15_000_000, 6_000_000, 50_000]


def test_free_is_zero_and_keeps_the_rates_of_its_note() -> None:
    fee = read_fee(
        "Miễn phí", None, "Cho một loại hình: 8.000.000/lần; thêm một loại: 2.000.000/lần"
    )
    assert fee.vnd == 0
    assert fee.rates_vnd == [8_000_000, 2_000_000]


def test_no_information_has_no_amount() -> None:
    assert read_fee("Không có thông tin", None, None).vnd is None


def test_amount_in_thousands_is_accepted_when_the_note_confirms_it() -> None:
    fee = read_fee("135", "VNĐ", "Lệ phí cấp giấy phép lái xe: 135.000 đồng/lần.")
    assert (fee.vnd, fee.currency, fee.issue) == (135_000, "VND", None)


def test_usd_labelled_vnd_is_read_as_usd_when_the_note_says_so() -> None:
    fee = read_fee("155", "VNĐ", "Thẻ tạm trú có thời hạn từ trên 02 năm đến 05 năm: 155 USD/thẻ.")
    assert (fee.vnd, fee.amount, fee.currency) == (None, 155.0, "USD")


def test_unconfirmed_small_amount_is_not_trusted() -> None:
    fee = read_fee("40", "Việt Nam Đồng", "4.000 đ/giấy thông hành")
    assert fee.vnd is None
    assert fee.issue == "fee_implausible_amount"


def test_labelled_fee_lines_of_the_ministry_of_defence() -> None:
    assert read_labelled_fees("Phí : 0 Đồng").vnd == 0
    assert read_labelled_fees("Phí : Không Đồng").vnd == 0
    several = read_labelled_fees(
        "Phí : 2.000.000 Đồng (nghiên cứu)\nPhí : 3.500.000 Đồng (thăm dò)\n"
        "File đính kèm: 62-btc.signed.pdf"
    )
    assert several.vnd is None
    assert several.rates_vnd == [2_000_000, 3_500_000]
    usd = read_labelled_fees("Lệ phí : 1.5 USD")
    assert (usd.amount, usd.currency, usd.vnd) == (1.5, "USD", None)
    assert read_labelled_fees("Phí :  Đồng (Theo quy định của Bộ Tài chính)").vnd is None
