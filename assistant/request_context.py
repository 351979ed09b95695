"""The request id of the work in progress: set per HTTP request (``X-Request-ID`` or a
new one), carried to Rasa in the message metadata and back into the actions, and
written on every log record, so one turn can be followed through the logs."""

import re
import uuid
from contextvars import ContextVar
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

__all__ = ["HEADER", "RequestIdMiddleware", "current_request_id", "use_request_id"]

HEADER = "X-Request-ID"
_VALID = re.compile(r"^[\w.:-]{1,64}$")
_REQUEST_ID: ContextVar[str] = ContextVar("request_id", default="")


def current_request_id() -> str:
    return _REQUEST_ID.get()


def use_request_id(value: Any) -> str:
    """Adopt ``value`` when it is a sane id (else a new one) for the current context."""
    request_id = value if isinstance(value, str) and _VALID.match(value) else uuid.uuid4().hex
    _REQUEST_ID.set(request_id)
    return request_id


class RequestIdMiddleware:
    """Pure ASGI (no extra task, unlike ``BaseHTTPMiddleware``): the id is set in the
    request's own context, so the route, its logs and the reply header share it."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        given = dict(scope.get("headers") or []).get(HEADER.lower().encode(), b"")
        request_id = use_request_id(given.decode("latin-1"))

        async def send_with_id(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [
                    *message.get("headers", []), (HEADER.lower().encode(), request_id.encode())
                ]
            await send(message)

        await self.app(scope, receive, send_with_id)
