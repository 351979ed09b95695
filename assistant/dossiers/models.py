"""Edge types of dossier lookups: the status vocabulary, the stored record, what the
public and a verified owner may see, and what staff systems push."""

import re
from datetime import UTC, date, datetime, timedelta, timezone
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
)

from assistant.text import fold_diacritics

__all__ = [
    "VIETNAM",
    "Dossier",
    "DossierChannel",
    "DossierIn",
    "DossierPublicOut",
    "DossierStatus",
    "DossierVerifiedOut",
    "Label",
    "NotificationOut",
    "Requester",
    "StatusEvent",
    "StatusEventIn",
    "StatusEventOut",
    "UnsubscribeOut",
    "UpsertOut",
    "mask_name",
    "normalise_phone",
    "now_utc",
    "parse_channel",
    "parse_status",
]

# Vietnam has one time zone and no daylight saving; "today" for due dates is Vietnam's.
VIETNAM = timezone(timedelta(hours=7), "ICT")


class Label(BaseModel):
    vi: str
    en: str


class DossierStatus(StrEnum):
    """The statuses Vietnamese one-stop-shop portals show (Decree 61/2018, Circular 01/2018)."""

    AWAITING_RECEIPT = "awaiting_receipt"
    RECEIVED = "received"
    PROCESSING = "processing"
    AWAITING_SUPPLEMENT = "awaiting_supplement"
    SUSPENDED = "suspended"
    REJECTED = "rejected"
    RESULT_READY = "result_ready"
    RETURNED = "returned"
    CANCELLED = "cancelled"

    @property
    def label(self) -> Label:
        return _STATUS_LABELS[self]

    @property
    def is_final(self) -> bool:
        """No more processing: the due date no longer applies."""
        return self in _FINAL

    @property
    def is_clock_stopped(self) -> bool:
        """While the citizen supplements or processing is suspended, the time limit does
        not run (the waiting time is not counted in the processing time)."""
        return self in (DossierStatus.AWAITING_SUPPLEMENT, DossierStatus.SUSPENDED)


_STATUS_LABELS = {
    DossierStatus.AWAITING_RECEIPT: Label(vi="Chờ tiếp nhận", en="Awaiting receipt"),
    DossierStatus.RECEIVED: Label(vi="Đã tiếp nhận", en="Received"),
    DossierStatus.PROCESSING: Label(vi="Đang xử lý", en="Being processed"),
    DossierStatus.AWAITING_SUPPLEMENT: Label(
        vi="Chờ bổ sung hồ sơ", en="Awaiting additional documents"
    ),
    DossierStatus.SUSPENDED: Label(vi="Tạm dừng xử lý", en="Processing suspended"),
    DossierStatus.REJECTED: Label(vi="Từ chối", en="Rejected"),
    DossierStatus.RESULT_READY: Label(vi="Đã có kết quả", en="Result ready"),
    DossierStatus.RETURNED: Label(vi="Đã trả kết quả", en="Result delivered"),
    DossierStatus.CANCELLED: Label(vi="Đã hủy", en="Cancelled"),
}
_FINAL = frozenset(
    {DossierStatus.REJECTED, DossierStatus.RESULT_READY, DossierStatus.RETURNED,
     DossierStatus.CANCELLED}
)


class DossierChannel(StrEnum):
    COUNTER = "counter"
    ONLINE = "online"
    POSTAL = "postal"

    @property
    def label(self) -> Label:
        return _CHANNEL_LABELS[self]


_CHANNEL_LABELS = {
    DossierChannel.COUNTER: Label(vi="Trực tiếp tại quầy Một cửa", en="In person at the counter"),
    DossierChannel.ONLINE: Label(vi="Trực tuyến", en="Online"),
    DossierChannel.POSTAL: Label(vi="Qua bưu chính công ích", en="By public postal service"),
}


def _key(value: str) -> str:
    return re.sub(r"[\s_\-]+", " ", fold_diacritics(value.strip().lower())).strip()


_STATUS_NAMES = {
    **{_key(s.value): s for s in DossierStatus},
    **{_key(s.label.vi): s for s in DossierStatus},
    **{_key(s.label.en): s for s in DossierStatus},
    # Portal spellings seen in exports.
    "da huy": DossierStatus.CANCELLED,
    "cho bo sung": DossierStatus.AWAITING_SUPPLEMENT,
    "tam dung": DossierStatus.SUSPENDED,
    "tu choi giai quyet": DossierStatus.REJECTED,
    "da tra": DossierStatus.RETURNED,
    "dang giai quyet": DossierStatus.PROCESSING,
}
_CHANNEL_NAMES = {
    **{_key(c.value): c for c in DossierChannel},
    **{_key(c.label.vi): c for c in DossierChannel},
    **{_key(c.label.en): c for c in DossierChannel},
    "truc tiep": DossierChannel.COUNTER,
    "buu chinh": DossierChannel.POSTAL,
    "buu chinh cong ich": DossierChannel.POSTAL,
    "post": DossierChannel.POSTAL,
}


def parse_status(value: object) -> DossierStatus:
    """A status from its code, Vietnamese label (with or without diacritics) or English label."""
    if isinstance(value, DossierStatus):
        return value
    found = _STATUS_NAMES.get(_key(str(value)))
    if found is None:
        raise ValueError(f"unknown status {value!r}")
    return found


def parse_channel(value: object) -> DossierChannel:
    if isinstance(value, DossierChannel):
        return value
    found = _CHANNEL_NAMES.get(_key(str(value)))
    if found is None:
        raise ValueError(f"unknown channel {value!r}")
    return found


def normalise_phone(value: object) -> str | None:
    """A Vietnamese phone number as 10 digits starting with 0; None when empty."""
    if value is None or str(value).strip() == "":
        return None
    digits = re.sub(r"[^\d+]", "", str(value))
    if digits.startswith("+84"):
        digits = "0" + digits[3:]
    elif digits.startswith("84") and len(digits) == 11:
        digits = "0" + digits[2:]
    if not re.fullmatch(r"0\d{9}", digits):
        raise ValueError("phone must be a Vietnamese number of 10 digits (0… or +84…)")
    return digits


def mask_name(name: str | None) -> str | None:
    """"Nguyễn Văn An" → "Nguyễn V. A.": the family name and initials."""
    if not name or not name.strip():
        return None
    family, *rest = name.split()
    return " ".join([family, *(f"{part[0].upper()}." for part in rest)])


def _parse_date(value: object) -> object:
    """Dates as ISO (2024-01-05) or as Vietnamese documents write them (05/01/2024)."""
    if isinstance(value, str) and (m := re.fullmatch(r"\s*(\d{1,2})/(\d{1,2})/(\d{4})\s*", value)):
        return date(int(m[3]), int(m[2]), int(m[1]))
    if isinstance(value, str) and value.strip() == "":
        return None
    return value


def _parse_datetime(value: object) -> object:
    if isinstance(value, str):
        m = re.fullmatch(r"\s*(\d{1,2})/(\d{1,2})/(\d{4})(?:[ T](\d{1,2}):(\d{2}))?\s*", value)
        if m:
            return datetime(int(m[3]), int(m[2]), int(m[1]), int(m[4] or 0), int(m[5] or 0),
                            tzinfo=VIETNAM)
        if value.strip() == "":
            return None
    return value


def _aware(value: datetime | None) -> datetime | None:
    """Times without a zone are Vietnam's (that is how portals export them)."""
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=VIETNAM)
    return value


DateIn = Annotated[date, BeforeValidator(_parse_date)]
OptionalDateIn = Annotated[date | None, BeforeValidator(_parse_date)]
DateTimeIn = Annotated[datetime | None, BeforeValidator(_parse_datetime)]
StatusIn = Annotated[DossierStatus, BeforeValidator(parse_status)]
ChannelIn = Annotated[DossierChannel, BeforeValidator(parse_channel)]
PhoneIn = Annotated[str | None, BeforeValidator(normalise_phone)]


class StatusEvent(BaseModel):
    status: DossierStatus
    at: datetime
    note: str | None = None


class Dossier(BaseModel):
    """A stored dossier, personal data included: never returned to a caller as is."""

    code: str
    procedure_code: str | None = None
    procedure_name: str
    agency: str
    channel: DossierChannel = DossierChannel.COUNTER
    received_on: date
    due_on: date | None = None
    status: DossierStatus
    history: list[StatusEvent] = Field(default_factory=list)
    result_ready_on: date | None = None
    applicant_name: str | None = None
    applicant_phone: str | None = None
    is_demo: bool = False


class StatusEventIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    status: StatusIn
    at: DateTimeIn = None  # default: now
    note: str | None = Field(default=None, max_length=2000)

    @field_validator("at")
    @classmethod
    def _zone(cls, value: datetime | None) -> datetime | None:
        return _aware(value)


class DossierIn(BaseModel):
    """One dossier as a one-stop-shop system pushes it (``PUT /api/staff/dossiers/{code}``)
    or a file row describes it. ``status`` is the current status; ``history`` may carry
    earlier steps. Repeating the same data changes nothing."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    procedure_code: str | None = Field(default=None, max_length=32)
    procedure_name: str = Field(min_length=1, max_length=500)
    agency: str = Field(min_length=1, max_length=300)
    channel: ChannelIn = DossierChannel.COUNTER
    received_on: DateIn
    due_on: OptionalDateIn = None
    status: StatusIn
    status_at: DateTimeIn = None  # when the current status was set; default: now
    note: str | None = Field(default=None, max_length=2000)  # e.g. what to supplement
    result_ready_on: OptionalDateIn = None
    applicant_name: str | None = Field(default=None, max_length=200)
    applicant_phone: PhoneIn = None
    history: list[StatusEventIn] = Field(default_factory=list, max_length=200)

    @field_validator("status_at")
    @classmethod
    def _zone(cls, value: datetime | None) -> datetime | None:
        return _aware(value)

    @field_validator("due_on")
    @classmethod
    def _due_after_received(cls, value: date | None, info: ValidationInfo) -> date | None:
        received = info.data.get("received_on")
        if value is not None and received is not None and value < received:
            raise ValueError("due date is before the received date")
        return value


class UpsertOut(BaseModel):
    code: str
    is_created: bool
    is_changed: bool
    is_status_changed: bool
    status: DossierStatus
    notifications: int  # status-change notifications queued for subscribers


class StatusEventOut(BaseModel):
    status: DossierStatus
    label: Label
    at: datetime
    note: str | None = None


class DossierPublicOut(BaseModel):
    """What the receipt code alone shows: never a name, phone or ID number."""

    code: str
    status: DossierStatus
    status_label: Label
    procedure_code: str | None
    procedure_name: str
    agency: str
    channel: DossierChannel
    channel_label: Label
    received_on: date
    due_on: date | None
    is_overdue: bool
    days_overdue: int
    result_ready_on: date | None
    supplement_note: str | None  # what to supplement, when the dossier waits for it
    is_demo: bool
    is_verified: Literal[False] = False


class DossierVerifiedOut(DossierPublicOut):
    """After the second factor: the applicant's masked name and the full history."""

    applicant_name_masked: str | None
    history: list[StatusEventOut]
    is_verified: Literal[True] = True  # type: ignore[assignment]


class NotificationOut(BaseModel):
    dossier_code: str
    status: DossierStatus
    text: str
    created_at: datetime


class UnsubscribeOut(BaseModel):
    removed: int  # subscriptions removed (0: there were none)


class Requester(BaseModel):
    """Who asks: rate limits and the audit trail are keyed on it."""

    channel: str = "api"
    sender_id: str | None = None
    client_ip: str | None = None


def now_utc() -> datetime:
    return datetime.now(UTC)
