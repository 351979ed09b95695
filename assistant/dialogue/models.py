"""Edge types of the chat API and of Rasa's REST channel."""

from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field

from assistant.dialogue.senders import API_SENDER_PATTERN
from assistant.text import Language

__all__ = [
    "BotMessage", "Button", "ChatContextIn", "ChatIn", "ChatOut", "IncomingMessage", "Language",
]


class Button(BaseModel):
    title: str
    payload: str


class BotMessage(BaseModel):
    text: str = ""
    buttons: list[Button] = Field(default_factory=list)


_ContextValue = Annotated[str, Field(min_length=1, max_length=100)]


class ChatContextIn(BaseModel):
    """Where the chat was opened (the widget's URL parameters or host page): only these
    keys, short values; anything else is refused (it goes into Rasa's metadata, the
    feedback table and the CSV export)."""

    model_config = ConfigDict(extra="forbid", coerce_numbers_to_str=True)

    agency: _ContextValue | None = None
    counter: _ContextValue | None = None
    mode: _ContextValue | None = None
    page: _ContextValue | None = None
    procedure: _ContextValue | None = None


class ChatIn(BaseModel):
    """Body of ``POST /api/chat``; unknown fields are refused, not silently dropped."""

    model_config = ConfigDict(extra="forbid")

    # A conversation id the client chooses; no ``:`` (channel ids such as
    # ``telegram:…`` are refused with 422).
    sender_id: str = Field(min_length=1, max_length=120, pattern=API_SENDER_PATTERN)
    text: str = Field(max_length=20_000)
    language: Language | None = None
    context: ChatContextIn = Field(default_factory=ChatContextIn)


class ChatOut(BaseModel):
    messages: list[BotMessage]
    language: Language
    is_degraded: bool = False  # True when Rasa was unreachable and the gateway answered alone


class IncomingMessage(BaseModel):
    """The one internal message every channel adapter produces."""

    channel: str
    sender_id: str
    text: str
    language: Language | None = None
    context: dict[str, Any] = Field(default_factory=dict)
    client_ip: str | None = None  # the caller's address, for per-client limits (not logged)
