"""The request id of the work in progress: set per HTTP request (``X-Request-ID`` or a
new one), carried to Rasa in the message metadata and back into the actions, and
written on every log record, so one turn can be followed through the logs."""

import re
import uuid
from collections.abc import Awaitable, Callable
from contextvars import ContextVar
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

__all__ = ["HEADER", "current_request_id", "request_id_middleware", "use_request_id"]

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


async def request_id_middleware(
    request: Request, call_next: Callable[[Request], Awaitable[Response]]
) -> Response:
    request_id = use_request_id(request.headers.get(HEADER))
    response = await call_next(request)
    response.headers[HEADER] = request_id
    return response
