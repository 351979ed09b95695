"""Request bodies over a size limit get 413 before a route parses them.

A chat turn is a few kB; without a limit one client could make the gateway buffer and
parse megabytes per request. Starlette's own limiter answers in plain text; ours lets
the app's error handler answer in the caller's language."""

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

__all__ = ["BodyLimitMiddleware", "BodyTooLargeError"]


class BodyTooLargeError(HTTPException):
    def __init__(self) -> None:
        super().__init__(status_code=413, detail="Content Too Large")


class BodyLimitMiddleware:
    """Pure ASGI: a declared length over the limit is refused at once, a body sent in
    chunks without one is counted while the route reads it. ``larger`` gives path
    prefixes their own limit (Rasa's action calls carry the whole conversation)."""

    def __init__(
        self, app: ASGIApp, *, max_bytes: int, larger: dict[str, int] | None = None
    ) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.larger = larger or {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = scope.get("path", "")
        limit = next(
            (size for prefix, size in self.larger.items() if path.startswith(prefix)),
            self.max_bytes,
        )
        declared = dict(scope.get("headers") or []).get(b"content-length", b"")
        is_too_large = declared.isdigit() and int(declared) > limit
        received = 0

        async def limited_receive() -> Message:
            nonlocal received
            if is_too_large:
                raise BodyTooLargeError
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise BodyTooLargeError
            return message

        await self.app(scope, limited_receive, send)
