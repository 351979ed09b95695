"""Edge types of the chat API and of Rasa's REST channel."""

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

__all__ = ["BotMessage", "Button", "ChatIn", "ChatOut", "IncomingMessage", "Language"]

Language = Literal["vi", "en"]


class Button(BaseModel):
    title: str
    payload: str


class BotMessage(BaseModel):
    text: str = ""
    buttons: list[Button] = Field(default_factory=list)


class ChatIn(BaseModel):
    """Body of ``POST /api/chat``; unknown fields are refused, not silently dropped."""

    model_config = ConfigDict(extra="forbid")

    sender_id: str = Field(min_length=1, max_length=128, pattern=r"^[\w.:@-]+$")
    text: str = Field(max_length=20_000)
    language: Language | None = None
    context: dict[str, str | int | float | bool | None] = Field(default_factory=dict)


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
