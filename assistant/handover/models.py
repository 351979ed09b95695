"""Edge types of the handover capability: the staff API, the updates API, and what the
service hands around internally."""

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from assistant.dialogue.models import Button

__all__ = [
    "HandoverDetailOut",
    "HandoverListOut",
    "HandoverOut",
    "HandoverStatus",
    "RequestOutcome",
    "StaffActionIn",
    "StaffMessageIn",
    "TransferIn",
    "TurnOut",
    "UpdateOut",
    "UpdatesOut",
    "Who",
]

HandoverStatus = Literal["waiting", "active", "message", "closed"]
Who = Literal["citizen", "staff", "bot"]


class HandoverOut(BaseModel):
    """One handover in a list; ``contact`` is masked here."""

    id: int
    sender_id: str
    channel: str
    status: HandoverStatus
    language: str
    created_at: datetime
    claimed_by: str | None
    preview: str
    contact: str | None = None


class HandoverListOut(BaseModel):
    items: list[HandoverOut]


class TurnOut(BaseModel):
    who: Who
    at: datetime
    text: str
    staff: str | None = None


class HandoverDetailOut(HandoverOut):
    """One handover with its transcript; the contact in full (to call back)."""

    close_reason: str | None = None
    closed_at: datetime | None = None
    transcript: list[TurnOut]


_StaffName = Field(default=None, min_length=1, max_length=64)


class StaffActionIn(BaseModel):
    """Body of claim, close and hand back. ``staff`` names who acts when the caller's
    credentials do not (the shared development token)."""

    model_config = ConfigDict(extra="forbid")

    staff: str | None = _StaffName


class StaffMessageIn(StaffActionIn):
    text: str = Field(min_length=1, max_length=4000)


class TransferIn(StaffActionIn):
    to: str = Field(min_length=1, max_length=64)


class UpdateOut(BaseModel):
    text: str
    author: Literal["staff", "bot"] = Field(serialization_alias="from")
    at: datetime
    buttons: list[Button] = Field(default_factory=list)


class UpdatesOut(BaseModel):
    messages: list[UpdateOut]


class RequestOutcome(BaseModel):
    """What asking for a person led to: queued (with the place in the queue), or a
    message to leave because nobody is on duty."""

    handover_id: int
    status: Literal["waiting", "message"]
    position: int = 0
