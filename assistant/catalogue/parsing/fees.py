"""Reading fee cells ("Phí, lệ phí") into amounts.

What the data does, measured over all 2,642 portal records:

- the portal prints amounts as "2,000,000 Việt Nam Đồng" or "70,000 VNĐ"; the Ministry of
  Defence file as "Phí : 1.500.000 Đồng";
- about a hundred cells hold the amount in *thousands* ("135 VNĐ" with the note
  "135.000 đồng/lần"); a few hold a USD amount labelled VNĐ ("155 VNĐ" with the note
  "155 USD/thẻ"). An amount under 1,000 VNĐ is only accepted when the note confirms
  it, either way; otherwise ``vnd`` stays ``None``;
- "Miễn phí" often carries a note with the real rates or a temporary waiver; the cell
  still reads as 0 and the note's amounts are returned as ``rates_vnd``.
"""

import re
from dataclasses import dataclass, field

__all__ = ["FeeReading", "amounts_in_note", "read_amount", "read_fee", "read_labelled_fees"]

# Below this a VND fee is not plausible (the smallest fee in the data is 1,000 đồng).
_MIN_PLAUSIBLE_VND = 1_000

_CURRENCY_VND = re.compile(r"^(?:Việt Nam Đồng|VNĐ|VND|Đồng|đồng|đ)$", re.IGNORECASE)
_NOTE_VND = re.compile(
    r"(?<![\d/.,])(\d{1,3}(?:[.,]\d{3})+|\d+)\s?(?:đồng|VNĐ|VND|Đồng|vnđ|đ\b|Đ\b)"
)
# "8.000.000/lần", "15000000/chiếc": an amount per unit with the currency left out. A
# legal document number ("6225/QĐ-BQP") is followed by capitals, a unit by a lowercase word.
_NOTE_PER_UNIT = re.compile(r"(?<![\d/.,])(\d{1,3}(?:\.\d{3})+|\d{4,})\s?/\s?(\w)")
_NOTE_USD = re.compile(r"(?<![\d/.,])(\d+(?:[.,]\d+)?)\s?USD", re.IGNORECASE)


@dataclass(frozen=True)
class FeeReading:
    """What one fee cell says. ``vnd`` is ``None`` when no VND amount can be trusted."""

    vnd: int | None = None
    amount: float | None = None
    currency: str | None = None
    rates_vnd: list[int] = field(default_factory=list)
    issue: str | None = None  # machine-readable reason when the cell could not be read


def read_amount(digits: str, *, currency: str = "VND") -> float | None:
    """Parse "2,000,000", "1.500.000", "1.5" or "20.000" into a number.

    VND has no minor unit, so every separator is a thousands separator; for other
    currencies a separator followed by exactly three digits is one too.
    """
    digits = digits.strip().rstrip(".,")
    if not digits:
        return None
    if currency == "VND" or re.fullmatch(r"\d{1,3}(?:[.,]\d{3})+", digits):
        plain = re.sub(r"[.,]", "", digits)
        return float(plain) if plain.isdigit() else None
    try:
        return float(digits.replace(",", "."))
    except ValueError:
        return None


def amounts_in_note(note: str | None) -> list[int]:
    """VND amounts quoted in a fee note ("50.000 đồng/thẻ", "15000000/lần Đồng"), in order,
    without repeats; dates and legal document numbers are not amounts."""
    if not note:
        return []
    found = [(m.start(), m.group(1)) for m in _NOTE_VND.finditer(note)]
    found += [
        (m.start(), m.group(1)) for m in _NOTE_PER_UNIT.finditer(note) if m.group(2).islower()
    ]
    amounts: list[int] = []
    for _, digits in sorted(found):
        value = read_amount(digits)
        if value is not None and value > 0 and int(value) not in amounts:
            amounts.append(int(value))
    return amounts


def read_fee(token: str, currency: str | None, note: str | None) -> FeeReading:
    """Interpret a fee cell: ``token`` is "Miễn phí", "Không có thông tin" or the amount
    digits, ``currency`` its currency word, ``note`` the parenthesised note after it."""
    rates = amounts_in_note(note)
    folded = token.strip().casefold()
    if folded in {"miễn phí", "không", "0"}:
        return FeeReading(vnd=0, amount=0.0, currency="VND", rates_vnd=rates)
    if folded == "không có thông tin" or not folded:
        return FeeReading(rates_vnd=rates)
    if currency and not _CURRENCY_VND.match(currency.strip()):
        amount = read_amount(token, currency=currency.upper())
        return FeeReading(amount=amount, currency=currency.upper(), rates_vnd=rates)
    amount = read_amount(token)
    if amount is None:
        return FeeReading(rates_vnd=rates, issue="fee_unreadable")
    vnd = int(amount)
    if vnd == 0 or vnd >= _MIN_PLAUSIBLE_VND:
        return FeeReading(vnd=vnd, amount=float(vnd), currency="VND", rates_vnd=rates)
    return _small_amount(vnd, note, rates)


def _small_amount(value: int, note: str | None, rates: list[int]) -> FeeReading:
    usd = [read_amount(m.group(1), currency="USD") for m in _NOTE_USD.finditer(note or "")]
    if float(value) in usd:
        return FeeReading(amount=float(value), currency="USD", rates_vnd=rates)
    if value * 1_000 in rates:
        return FeeReading(
            vnd=value * 1_000, amount=value * 1_000.0, currency="VND", rates_vnd=rates
        )
    return FeeReading(rates_vnd=rates, issue="fee_implausible_amount")


_LABELLED = re.compile(r"(?:^|\n)\s*(?:Lệ phí|Phí)\s*:", re.IGNORECASE)
_LABELLED_ENTRY = re.compile(
    r"^\s*(?P<value>[^()\n]*?)\s*(?P<currency>Đồng|VNĐ|VND|USD)?\s*(?:\((?P<note>.*)\))?\s*$",
    re.DOTALL,
)
_ATTACHMENT = re.compile(r"\n\s*File đính kèm:.*", re.IGNORECASE)


def read_labelled_fees(text: str | None) -> FeeReading:
    """Read a Ministry of Defence fee cell: one "Phí : <amount> <currency> (<note>)" or
    "Lệ phí : …" line per rate. ``vnd`` is set when every rate gives the same VND amount;
    all VND amounts (rates and notes) are in ``rates_vnd``."""
    entries = [e for e in _LABELLED.split(_ATTACHMENT.sub("", text or "")) if e.strip()]
    readings: list[FeeReading] = []
    for entry in entries:
        match = _LABELLED_ENTRY.match(entry)
        if match is None:
            continue
        value = match.group("value").strip()
        if not value or not re.fullmatch(r"[\d.,]+|[Kk]hông", value):
            readings.append(FeeReading(rates_vnd=amounts_in_note(entry)))  # a rule in words
            continue
        readings.append(read_fee(value, match.group("currency") or "Đồng", match.group("note")))
    if not readings:
        return FeeReading()
    rates: list[int] = []
    for reading in readings:
        for amount in ([reading.vnd] if reading.vnd else []) + reading.rates_vnd:
            if amount not in rates:
                rates.append(amount)
    first = readings[0]
    if all(r.vnd == first.vnd and r.currency == first.currency for r in readings):
        return FeeReading(first.vnd, first.amount, first.currency, rates, first.issue)
    return FeeReading(rates_vnd=rates)
