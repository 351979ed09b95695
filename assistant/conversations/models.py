"""Edge types of recorded conversations."""

from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from assistant.text import Language

__all__ = [
    "ConversationDetail",
    "ConversationOut",
    "ConversationPage",
    "ConversationQuery",
    "RecordedTurn",
    "TurnOut",
]


class RecordedTurn(BaseModel):
    """One exchange as the dialogue saw it, before masking."""

    channel: str
    sender_id: str
    language: str | None
    user_text: str
    intent: str | None = None
    confidence: float | None = None
    is_fallback: bool = False
    replies: list[str] = Field(default_factory=list)


class ConversationQuery(BaseModel):
    """Filters of the list; every field optional. Unknown query fields are refused."""

    model_config = ConfigDict(extra="forbid")

    q: str | None = Field(default=None, max_length=200)  # words in any message
    channel: str | None = Field(default=None, max_length=32)
    language: Language | None = None
    intent: str | None = Field(default=None, max_length=64)  # any user turn had it
    fallback: bool | None = None  # the last user turn fell back (NLU gave up)
    rated: Literal["unhelpful", "helpful"] | None = None
    since: date | None = None  # last message on or after (UTC date)
    until: date | None = None  # last message on or before
    limit: int = Field(default=50, ge=1, le=500)
    offset: int = Field(default=0, ge=0)


class ConversationOut(BaseModel):
    id: int
    sender_id: str
    channel: str
    language: str | None
    started_at: datetime
    last_at: datetime
    turns: int
    last_intent: str | None
    is_fallback_ending: bool
    first_message: str


class ConversationPage(BaseModel):
    items: list[ConversationOut]
    total: int


class TurnOut(BaseModel):
    who: Literal["user", "bot"]
    at: datetime
    text: str
    intent: str | None
    confidence: float | None
    is_fallback: bool


class ConversationDetail(BaseModel):
    conversation: ConversationOut
    turns: list[TurnOut]
