"""The cleaned procedure catalogue: one ``Procedure`` per administrative procedure (TTHC).

These are the edge types of the catalogue: the bundled ``procedures.jsonl.gz`` holds one
``Procedure`` JSON per line, the province's JSON import is validated against the same
model, and ``GET /api/procedures/{code}`` returns it as is. Every string is stored
NFC-normalised with its diacritics; "no information" markers are ``None`` or ``[]``.
"""

import unicodedata
from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

__all__ = [
    "AdministrativeLevel",
    "ChannelKind",
    "DurationUnit",
    "LegalDocument",
    "LevelKey",
    "OnlineLevel",
    "Procedure",
    "RequiredDocument",
    "SubmissionChannel",
]

LevelKey = Literal["central", "province", "district", "commune", "other"]
ChannelKind = Literal["online", "post", "in_person"]
DurationUnit = Literal["working_day", "day", "hour", "minute", "week", "month", "year"]
OnlineLevel = Literal["full", "partial"]
Currency = Literal["VND", "USD"]


def _nfc(value: Any) -> Any:
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, list):
        return [_nfc(item) for item in value]
    if isinstance(value, dict):
        return {key: _nfc(item) for key, item in value.items()}
    return value


class _CatalogueModel(BaseModel):
    # Province files come from Excel and Windows keyboards that emit decomposed
    # accents; composing on the way in keeps equality and search folding reliable.
    model_config = ConfigDict(extra="forbid", frozen=True)

    @model_validator(mode="before")
    @classmethod
    def _compose_unicode(cls, data: Any) -> Any:
        return _nfc(data)


class AdministrativeLevel(_CatalogueModel):
    """One level of government that carries out the procedure."""

    key: LevelKey  # stable machine key
    label: str  # Vietnamese label as published, e.g. "Cấp tỉnh"


class SubmissionChannel(_CatalogueModel):
    """One row of the "Cách thức thực hiện" table: how to submit, how long, how much.

    A procedure may list the same ``kind`` several times when time or fee differ by
    case (e.g. one row per card validity). ``fee_vnd`` is the amount in the fee cell
    when one can be read: "Miễn phí" gives 0, a foreign-currency fee gives ``None``
    (see ``fee_amount``/``fee_currency``). Amounts quoted in the fee note, such as
    several rates, are in ``fee_rates_vnd`` in the order they appear.
    """

    kind: ChannelKind
    kind_label: str  # "Trực tuyến" / "Dịch vụ bưu chính" / "Trực tiếp"
    duration_value: float | None = None
    duration_unit: DurationUnit | None = None
    duration_unit_label: str | None = None  # Vietnamese unit, e.g. "Ngày làm việc"
    duration_text: str | None = None  # the time cell verbatim (cleaned)
    fee_text: str | None = None  # fee cell and its note, cleaned
    fee_vnd: int | None = Field(default=None, ge=0)
    fee_amount: float | None = Field(default=None, ge=0)
    fee_currency: Currency | None = None
    fee_rates_vnd: list[int] = Field(default_factory=list)
    description: str | None = None


class RequiredDocument(_CatalogueModel):
    """One paper of the dossier ("Thành phần hồ sơ")."""

    name: str
    template: str | None = None  # form file name(s) ("Mẫu đơn, tờ khai"), "; "-joined
    originals: int | None = Field(default=None, ge=0)  # bản chính
    copies: int | None = Field(default=None, ge=0)  # bản sao
    group: str | None = None  # sub-heading the paper is listed under, e.g. "Đối với tổ chức:"


class LegalDocument(_CatalogueModel):
    """One legal basis entry ("Căn cứ pháp lý"); at least one of number and title is set."""

    number: str | None = None  # e.g. "85/2019/TT-BTC"
    title: str | None = None
    issuer: str | None = None
    issued_on: date | None = None

    @model_validator(mode="after")
    def _has_number_or_title(self) -> "LegalDocument":
        if not (self.number or self.title):
            raise ValueError("a legal document needs a number or a title")
        return self


class Procedure(_CatalogueModel):
    """One administrative procedure, cleaned and typed."""

    code: str = Field(min_length=1, max_length=64, pattern=r"^[0-9A-Za-z][0-9A-Za-z._\-/]*$")
    title: str = Field(min_length=1)
    family: str = ""  # title without its level suffix; equal across level variants
    levels: list[AdministrativeLevel] = Field(default_factory=list)
    field: str | None = None  # lĩnh vực
    ministry: str | None = None  # cơ quan ban hành
    agency: str | None = None  # cơ quan thực hiện (else cơ quan có thẩm quyền)
    competent_authority: str | None = None  # cơ quan có thẩm quyền
    applicants: list[str] = Field(default_factory=list)  # đối tượng thực hiện
    procedure_type: str | None = None  # loại thủ tục
    description: str | None = None
    steps: str | None = None  # trình tự thực hiện
    conditions: str | None = None  # yêu cầu, điều kiện
    channels: list[SubmissionChannel] = Field(default_factory=list)
    documents: list[RequiredDocument] = Field(default_factory=list)
    documents_note: str | None = None  # text around the dossier table that lists no paper
    legal_basis: list[LegalDocument] = Field(default_factory=list)
    result_documents: list[str] = Field(default_factory=list)
    online_level: OnlineLevel | None = None  # toàn trình / một phần, when stated
    decision: str | None = None  # số quyết định công bố
    source_url: str | None = None
    source: str = "province"  # "dvc", "bqp", "list" or "province"
