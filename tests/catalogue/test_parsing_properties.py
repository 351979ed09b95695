"""The catalogue's field parsers, property-based: any cell text (portal pages are messy)
gives items, an empty field or a reported failure, never an exception or lost text."""

from hypothesis import given
from hypothesis import strategies as st

from assistant.catalogue.parsing.channels import parse_channel_table, parse_duration
from assistant.catalogue.parsing.cleaning import clean_block, clean_inline, split_outside_parens
from assistant.catalogue.parsing.fees import read_amount, read_fee, read_labelled_fees
from assistant.catalogue.parsing.legal import find_legal_number, parse_legal_table
from assistant.catalogue.parsing.titles import levels_from_title, online_level_of

# Cells as the portals write them: Vietnamese words, numbers, separators, newlines.
_CELL = st.one_of(
    st.text(max_size=300),
    st.lists(st.sampled_from([
        "Trực tiếp", "Trực tuyến", "Dịch vụ bưu chính", "Ngày làm việc", "Giờ", "Phí",
        "Lệ phí", ":", "50.000", "1,5", "Đồng", "VNĐ", "(", ")", "\n", ";", ",", "0",
        "Nghị định", "15/2020/NĐ-CP", "Thông tư", "Không có thông tin", "File đính kèm:",
    ]), max_size=30).map(" ".join),
)


@given(_CELL)
def test_cleaning_is_idempotent_and_loses_no_pieces(text: str) -> None:
    inline = clean_inline(text)
    assert inline is None or clean_inline(inline) == inline
    block = clean_block(text)
    assert block is None or clean_block(block) == block
    pieces = split_outside_parens(text)
    assert all(piece.strip() for piece in pieces)


@given(_CELL)
def test_tables_give_items_or_a_reported_failure(text: str) -> None:
    for parsed in (parse_channel_table(text), parse_legal_table(text)):
        assert parsed.status in ("clean", "empty", "failed")
        if parsed.status == "failed":
            assert parsed.issues or not parsed.items
        if parsed.status == "empty":
            assert parsed.items == []


@given(_CELL)
def test_durations_keep_the_published_text(text: str) -> None:
    duration = parse_duration(text)
    assert duration.value is None or duration.value >= 0
    assert duration.text == clean_inline(text)


@given(_CELL, st.sampled_from([None, "VND", "Đồng", "USD"]), st.one_of(st.none(), _CELL))
def test_fees_are_non_negative_or_unknown(
    token: str, currency: str | None, note: str | None
) -> None:
    for reading in (read_fee(token, currency, note), read_labelled_fees(token)):
        assert reading.vnd is None or reading.vnd >= 0
        assert all(rate >= 0 for rate in reading.rates_vnd)
    amount = read_amount(token)
    assert amount is None or amount >= 0


@given(_CELL)
def test_titles_and_legal_numbers(text: str) -> None:
    levels_from_title(text)
    online_level_of(text, None)
    number = find_legal_number(text)
    assert number is None or number in text or number.replace(" ", "") in text.replace(" ", "")
