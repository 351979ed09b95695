"""Edge types of the Zalo OA channel: webhook events in, Open API answers and message
bodies out (Zalo OA API v3, OAuth v4)."""

from typing import Any, Literal, NotRequired, TypedDict

from pydantic import BaseModel, ConfigDict

__all__ = [
    "ZaloApiOut",
    "ZaloButton",
    "ZaloEvent",
    "ZaloMessage",
    "ZaloMessageIn",
    "ZaloTokensOut",
    "ZaloUser",
]


class _Platform(BaseModel):
    # Zalo adds fields over time and sends 64-bit ids as strings or numbers.
    model_config = ConfigDict(extra="ignore", coerce_numbers_to_str=True)


class ZaloUser(_Platform):
    id: str


class ZaloMessageIn(_Platform):
    msg_id: str | None = None
    text: str | None = None


class ZaloEvent(_Platform):
    """One webhook event (``user_send_text``, ``user_send_image``, ``follow``, …)."""

    event_name: str
    app_id: str | None = None
    timestamp: str  # milliseconds since the epoch, part of the signature
    sender: ZaloUser | None = None
    recipient: ZaloUser | None = None
    message: ZaloMessageIn | None = None
    user_id_by_app: str | None = None

    @property
    def is_from_user(self) -> bool:
        return self.event_name.startswith("user_send_") and self.sender is not None

    @property
    def delivery_id(self) -> str:
        if self.message is not None and self.message.msg_id:
            return self.message.msg_id
        sender = self.sender.id if self.sender else ""
        return f"{self.event_name}:{sender}:{self.timestamp}"


class ZaloButton(TypedDict):
    title: str
    type: Literal["oa.query.show", "oa.query.hide"]
    payload: str


class ZaloMessage(TypedDict):
    """``message`` of ``POST /v3.0/oa/message/cs``: text, optionally with buttons."""

    text: str
    attachment: NotRequired[dict[str, Any]]  # {"type": "template", "payload": {"buttons"}}


class ZaloApiOut(_Platform):
    """The Open API's envelope: ``error`` 0 is success; -216 an invalid access token."""

    error: int = 0
    message: str = ""
    data: dict[str, Any] | None = None


class ZaloTokensOut(_Platform):
    """Answer of ``POST /v4/oa/access_token`` (refresh): both tokens are new."""

    access_token: str = ""
    refresh_token: str = ""
    expires_in: str | None = None
    error: int | None = None
    error_name: str | None = None
    error_description: str | None = None
