"""Edge types of the feedback capability: what the chat records, what staff read."""

from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from assistant.text import Language

__all__ = [
    "AnswerFeedbackIn",
    "AnswerFeedbackRecord",
    "AnswerStats",
    "Bucket",
    "CounterStat",
    "FeedbackContext",
    "FeedbackDraft",
    "FeedbackRecord",
    "FeedbackStatus",
    "GroupStat",
    "LowRating",
    "Period",
    "PeriodIn",
    "QrIn",
    "QrLinks",
    "QrTarget",
    "ReasonCount",
    "SummaryOut",
    "TrendPoint",
]

FeedbackStatus = Literal["partial", "complete", "stopped"]
Bucket = Literal["day", "week", "month"]
# Agency and counter codes travel in URLs and deep-link start codes ([A-Za-z0-9_-], ≤ 64
# characters for "mode_feedback__counter_…__agency_…").
_CODE = r"^[A-Za-z0-9-]{1,16}$"


class FeedbackContext(BaseModel):
    """Where a piece of feedback comes from. ``conversation`` is the raw conversation id;
    the store keeps only a hash of it."""

    conversation: str
    channel: str = "api"
    language: Language = "vi"
    agency: str | None = Field(default=None, max_length=64)
    counter: str | None = Field(default=None, max_length=64)
    procedure_code: str | None = Field(default=None, max_length=64)
    dossier_code: str | None = Field(default=None, max_length=64)
    is_from_qr: bool = False
    handover_id: int | None = None  # the rating of an officer's help (handover)


class FeedbackDraft(BaseModel):
    """What the person has given so far; every field may still be missing."""

    rating: int | None = Field(default=None, ge=1, le=5)
    reasons: list[str] = Field(default_factory=list)
    comment: str | None = Field(default=None, max_length=4000)
    contact: str | None = Field(default=None, max_length=200)
    opening_text: str | None = Field(default=None, max_length=4000)

    @property
    def has_content(self) -> bool:
        return bool(self.rating or self.reasons or self.comment or self.contact)


class FeedbackRecord(BaseModel):
    """One stored rating, as exported (CSV) and shown to staff."""

    id: int
    created_at: datetime
    updated_at: datetime
    status: FeedbackStatus
    rating: int | None
    reasons: list[str]
    comment: str | None
    contact: str | None
    opening_text: str | None
    source: Literal["qr", "chat"]
    channel: str
    language: str
    agency: str | None
    counter: str | None
    procedure_code: str | None
    dossier_code: str | None
    conversation: str
    handover_id: int | None = None


class AnswerFeedbackIn(BaseModel):
    conversation: str
    is_helpful: bool
    question: str | None = Field(default=None, max_length=2000)
    topic: str | None = Field(default=None, max_length=64)
    procedure_code: str | None = Field(default=None, max_length=64)
    channel: str = "api"
    language: Language = "vi"


class AnswerFeedbackRecord(BaseModel):
    id: int
    created_at: datetime
    is_helpful: bool
    question: str | None
    topic: str | None
    procedure_code: str | None
    channel: str
    language: str
    conversation: str


class Period(BaseModel):
    """Local dates, both included."""

    since: date
    until: date
    bucket: Bucket


class GroupStat(BaseModel):
    key: str | None  # None: feedback given without that context
    count: int
    average: float | None


class CounterStat(BaseModel):
    agency: str | None
    counter: str
    count: int
    average: float | None


class TrendPoint(BaseModel):
    start: date  # first local day of the bucket
    count: int
    average: float | None


class ReasonCount(BaseModel):
    code: str
    label_vi: str
    label_en: str
    polarity: Literal["positive", "negative"]
    count: int


class LowRating(BaseModel):
    id: int
    created_at: datetime
    rating: int
    reasons: list[str]
    comment: str | None
    contact: str | None
    agency: str | None
    counter: str | None
    procedure_code: str | None


class AnswerStats(BaseModel):
    helpful: int
    not_helpful: int


class SummaryOut(BaseModel):
    since: date
    until: date
    bucket: Bucket
    count: int  # ratings given in the period
    average: float | None
    distribution: dict[int, int]  # stars → how many
    by_agency: list[GroupStat]
    by_counter: list[CounterStat]
    by_procedure: list[GroupStat]
    trend: list[TrendPoint]
    reasons: list[ReasonCount]
    low_ratings: list[LowRating]
    answers: AnswerStats


class QrTarget(BaseModel):
    """The counter or agency a QR code is posted at."""

    model_config = ConfigDict(extra="forbid")

    agency: str | None = Field(default=None, pattern=_CODE)
    counter: str | None = Field(default=None, pattern=_CODE)
    agency_name: str | None = Field(default=None, max_length=200)  # printed on the sheet
    language: Language | None = None  # the chat's language; default: the browser's


class PeriodIn(BaseModel):
    """Query of the staff views: local dates (both included), default the last 30 days."""

    model_config = ConfigDict(extra="forbid")

    since: date | None = None
    until: date | None = None
    bucket: Bucket | None = None
    lang: Language = "vi"


class QrIn(BaseModel):
    """Query of the QR endpoint: one agency, one or more counters (one page each in the
    PDF; PNG and SVG take the first)."""

    model_config = ConfigDict(extra="forbid")

    agency: str | None = Field(default=None, pattern=_CODE)
    counter: list[Annotated[str, StringConstraints(pattern=_CODE)]] = Field(
        default_factory=list, max_length=60
    )
    agency_name: str | None = Field(default=None, max_length=200)
    lang: Language | None = None
    format: Literal["png", "svg", "pdf"] = "png"
    # "web" or a chat channel with a deep link ("telegram", "zalo").
    variant: str = Field(default="web", pattern=r"^[a-z][a-z0-9_]{0,31}$")

    def targets(self) -> list[QrTarget]:
        return [
            QrTarget(agency=self.agency, agency_name=self.agency_name, language=self.lang,
                     counter=counter)
            for counter in ([*self.counter] if self.counter else [None])
        ]


class QrLinks(BaseModel):
    """The web link, the start code, and one field per chat channel with its deep link
    (``telegram``, ``zalo``: null when not configured)."""

    model_config = ConfigDict(extra="allow")
    __pydantic_extra__: dict[str, str | None] = Field(init=False)

    web: str
    start_code: str

    @property
    def channels(self) -> dict[str, str | None]:
        """Channel name → its deep link (None when not configured)."""
        return dict(self.__pydantic_extra__ or {})
