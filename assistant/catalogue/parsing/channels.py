"""The "Cách thức thực hiện" table: submission channel, processing time, fee, description.

On the portal the table arrives as cells glued with no separator, header included::

    Hình thức nộpThời gianPhí, lệ phíMô tảTrực tuyến5 Ngày làm việc2,000,000 Việt Nam
    Đồng(Phí kiểm tra …)Dịch vụ bưu chính5 Ngày làm việc…Trực tiếp1Miễn phí

A row starts where a channel name is glued to the next cell (a description that
mentions "Trực tiếp tại …" has a space after it). The time cell is a number with a unit
("60 Ngày làm việc"), a number whose unit was lost ("1"), or free text ("Không quy
định"); when the unit is lost *and* a fee amount follows, the digits run together
("Trực tuyến120 VNĐ" is 1 + 20 VNĐ) and are split so the fee is a well-formed amount.
"""

import re
from dataclasses import dataclass

from assistant.catalogue.models import ChannelKind, DurationUnit, SubmissionChannel
from assistant.catalogue.parsing.cleaning import clean_inline, is_no_info, nfc
from assistant.catalogue.parsing.fees import FeeReading, read_fee
from assistant.catalogue.parsing.outcome import Parsed
from assistant.text import fold_diacritics

__all__ = ["Duration", "channel_kind", "make_channel", "parse_channel_table", "parse_duration"]

_KINDS: dict[str, ChannelKind] = {
    "truc tuyen": "online",
    "dich vu buu chinh": "post",
    "buu chinh": "post",
    "truc tiep": "in_person",
}
_UNITS: dict[str, DurationUnit] = {
    "ngay lam viec": "working_day",
    "ngay": "day",
    "gio": "hour",
    "phut": "minute",
    "tuan": "week",
    "thang": "month",
    "nam": "year",
}
_HEADER = re.compile(r"^\s*Hình thức nộp\s*Thời gian\s*Phí, lệ phí\s*Mô tả")
_ROW = re.compile(r"(Trực tuyến|Dịch vụ bưu chính|Trực tiếp)(?=[^\s:,.;()\-])")
_UNIT = r"Ngày làm việc|Ngày|Giờ|Phút|Tuần|Tháng|Năm"
_NO_INFO = "Không có thông tin"
_CURRENCY = r"Việt Nam Đồng|VNĐ|VND|Đồng|đồng|USD"
_VALUE_UNIT = re.compile(rf"(\d+(?:[.,]\d+)?)\s?({_UNIT})", re.IGNORECASE)
_BARE_VALUE = re.compile(rf"(\d+)(?=Miễn phí|{_NO_INFO}|\s*$)")
_GLUED_AMOUNT = re.compile(rf"(\d[\d.,]*)\s?({_CURRENCY})")
_FEE = re.compile(rf"\s*(?:(Miễn phí)|({_NO_INFO})|(\d[\d.,]*)\s?({_CURRENCY}))")
_FREE_TIME = re.compile(rf"(.*?)(?=Miễn phí|{_NO_INFO}|\d[\d.,]*\s?(?:{_CURRENCY}))", re.DOTALL)
_GROUPED = re.compile(r"[1-9]\d{0,2}(?:,\d{3})+|[1-9]\d*")
# Row issues that lose information (a lost unit does not: the value is kept).
_FAILING = frozenset({"fee_missing", "fee_unreadable", "fee_implausible_amount"})


@dataclass(frozen=True)
class Duration:
    """A time cell read into value and unit; ``text`` is the cell as published."""

    value: float | None = None
    unit: DurationUnit | None = None
    unit_label: str | None = None
    text: str | None = None


def channel_kind(label: str) -> ChannelKind | None:
    """ "Trực tuyến" → online, "Dịch vụ bưu chính" → post, "Trực tiếp" → in_person."""
    return _KINDS.get(fold_diacritics(label).strip())


def parse_duration(cell: str | None) -> Duration:
    """Read "60 Ngày làm việc", "1.5 Giờ", "1" (unit lost) or free text into a ``Duration``."""
    text = clean_inline(cell)
    if text is None:
        return Duration()
    match = _VALUE_UNIT.fullmatch(text)
    if match:
        label = match.group(2)
        value = float(match.group(1).replace(",", "."))
        return Duration(value, _UNITS[fold_diacritics(label)], label[:1].upper() + label[1:], text)
    if text.isdigit():
        # A bare "0" is the portal's placeholder, not an instant answer.
        return Duration(value=float(text) or None, text=text)
    return Duration(text=text)


def make_channel(
    kind_label: str,
    duration: Duration,
    fee: FeeReading,
    *,
    fee_text: str | None,
    description: str | None,
) -> SubmissionChannel | None:
    """Assemble one channel row; ``None`` when the channel name is unknown."""
    kind = channel_kind(kind_label)
    if kind is None:
        return None
    return SubmissionChannel(
        kind=kind,
        kind_label=clean_inline(kind_label) or kind_label,
        duration_value=duration.value,
        duration_unit=duration.unit,
        duration_unit_label=duration.unit_label,
        duration_text=duration.text,
        fee_text=clean_inline(fee_text),
        fee_vnd=fee.vnd,
        fee_amount=fee.amount,
        fee_currency="USD" if fee.currency == "USD" else ("VND" if fee.currency else None),
        fee_rates_vnd=fee.rates_vnd,
        description=clean_inline(description),
    )


def parse_channel_table(text: str | None) -> Parsed[SubmissionChannel]:
    """Parse the glued portal table into one ``SubmissionChannel`` per row."""
    if text is None or is_no_info(text):
        return Parsed.empty()
    body = nfc(text).strip()
    issues: list[str] = []
    header = _HEADER.match(body)
    if header:
        body = body[header.end() :]
    else:
        issues.append("channels_header_missing")
    starts = list(_ROW.finditer(body))
    if not starts:
        return (
            Parsed.empty() if is_no_info(body) else Parsed.of([], ["channels_no_rows"], failed=True)
        )
    failed = bool(body[: starts[0].start()].strip())
    if failed:
        issues.append("channels_text_before_first_row")
    channels: list[SubmissionChannel] = []
    for index, start in enumerate(starts):
        end = starts[index + 1].start() if index + 1 < len(starts) else len(body)
        channel, row_issues = _parse_row(start.group(1), body[start.end() : end])
        issues += row_issues
        failed = failed or any(issue in _FAILING for issue in row_issues)
        if channel is not None:
            channels.append(channel)
    return Parsed.of(channels, issues, failed=failed)


@dataclass(frozen=True)
class _Cells:
    duration: Duration
    fee_token: str | None  # "Miễn phí", "Không có thông tin" or amount digits
    currency: str | None
    rest: str  # the note and description that follow the fee cell
    issues: tuple[str, ...] = ()


def _parse_row(kind_label: str, row: str) -> tuple[SubmissionChannel | None, list[str]]:
    cells = _split_cells(row)
    issues = list(cells.issues)
    if cells.fee_token is None:
        channel = make_channel(
            kind_label, cells.duration, FeeReading(), fee_text=None, description=cells.rest
        )
        return channel, issues
    note, description = _take_note(cells.rest)
    fee = read_fee(cells.fee_token, cells.currency, note)
    if fee.issue:
        issues.append(fee.issue)
    shown = "" if cells.fee_token == _NO_INFO else f"{cells.fee_token} {cells.currency or ''}"
    fee_text = f"{shown} ({note})" if note else shown
    channel = make_channel(
        kind_label, cells.duration, fee, fee_text=fee_text, description=description
    )
    return channel, issues


def _split_cells(row: str) -> _Cells:
    """Cut a row (without its channel name) into time cell, fee cell and the rest."""
    glued = _GLUED_AMOUNT.match(row)
    if glued and not _VALUE_UNIT.match(row):
        split = _split_glued_digits(glued.group(1))
        if split is not None:
            time_digits, fee_digits = split
            return _Cells(
                duration=parse_duration(time_digits),
                fee_token=fee_digits,
                currency=glued.group(2),
                rest=row[glued.end() :],
                issues=("duration_unit_missing",),
            )
    issues: tuple[str, ...] = ()
    if row.startswith(_NO_INFO):
        duration, rest = Duration(), row[len(_NO_INFO) :]
    elif match := _VALUE_UNIT.match(row):
        duration, rest = parse_duration(match.group(0)), row[match.end() :]
    elif match := _BARE_VALUE.match(row):
        duration, rest = parse_duration(match.group(1)), row[match.end() :]
        issues = ("duration_unit_missing",)
    elif match := _FREE_TIME.match(row):
        duration, rest = parse_duration(match.group(1)), row[match.end() :]
    else:
        return _Cells(Duration(), None, None, row, ("fee_missing",))
    fee = _FEE.match(rest)
    if fee is None:
        return _Cells(duration, None, None, rest, (*issues, "fee_missing"))
    token = fee.group(1) or fee.group(2) or fee.group(3)
    return _Cells(duration, token, fee.group(4), rest[fee.end() :], issues)


def _split_glued_digits(digits: str) -> tuple[str, str] | None:
    # Shortest time prefix that leaves a well-formed amount: "120,000" → 1 + 20,000,
    # "1100" → 1 + 100 ("11" + "00" is not an amount).
    for cut in range(1, len(digits)):
        head, tail = digits[:cut], digits[cut:]
        if head.isdigit() and _GROUPED.fullmatch(tail):
            return head, tail
    return None


def _take_note(text: str) -> tuple[str | None, str]:
    """Split "(note (nested))description" into note and description."""
    stripped = text.lstrip()
    if not stripped.startswith("("):
        return None, text
    depth = 0
    for index, char in enumerate(stripped):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth == 0:
            return stripped[1:index], stripped[index + 1 :]
    return stripped[1:], ""  # unbalanced: the note runs to the end of the row
