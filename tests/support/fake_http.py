"""A recording HTTP server on a free loopback port, the base of the platform peers
(Telegram Bot API, Zalo OA, a scripted Rasa REST channel)."""

import asyncio
import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Self
from urllib.parse import parse_qsl, urlsplit

__all__ = ["FakeServer", "Request"]


@dataclass
class Request:
    method: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]  # lower-case names
    body: bytes
    form: dict[str, str] = field(default_factory=dict)
    status: int = 0  # what the fake answered
    client_port: int = 0  # the caller's side of the connection

    def json(self) -> Any:
        return json.loads(self.body or b"null")


class FakeServer:
    """Subclasses implement ``respond``; every request is kept in ``requests``."""

    def __init__(self) -> None:
        self.requests: list[Request] = []
        self._changed = threading.Condition()
        self._server: ThreadingHTTPServer | None = None
        self.port = 0  # any free one; set before ``start`` to come back on a known port
        self._thread: threading.Thread | None = None

    def respond(self, request: Request) -> tuple[int, Any]:
        raise NotImplementedError

    @property
    def url(self) -> str:
        assert self._server is not None, "start the server first"
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    def start(self) -> Self:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:
                self._serve()

            def do_POST(self) -> None:
                self._serve()

            def _serve(self) -> None:
                length = int(self.headers.get("content-length") or 0)
                body = self.rfile.read(length) if length else b""
                parts = urlsplit(self.path)
                request = Request(
                    method=self.command,
                    path=parts.path,
                    query=dict(parse_qsl(parts.query)),
                    headers={k.lower(): v for k, v in self.headers.items()},
                    body=body,
                    client_port=int(self.client_address[1]),
                )
                if "x-www-form-urlencoded" in request.headers.get("content-type", ""):
                    request.form = dict(parse_qsl(body.decode(), keep_blank_values=True))
                status, answer = fake._record_and_respond(request)
                data = json.dumps(answer, ensure_ascii=False).encode()
                self.send_response(status)
                self.send_header("content-type", "application/json")
                self.send_header("content-length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def _record_and_respond(self, request: Request) -> tuple[int, Any]:
        status, answer = self.respond(request)
        request.status = status
        with self._changed:
            self.requests.append(request)
            self._changed.notify_all()
        return status, answer

    def wait_until(
        self, check: Callable[[], Any], *, timeout: float = 20.0, what: str = "a request"
    ) -> Any:
        """Block until ``check()`` is truthy (re-checked on every request); its value."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while True:
                value = check()
                if value:
                    return value
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError(f"timed out waiting for {what}")
                self._changed.wait(min(left, 0.2))

    async def until(
        self, check: Callable[[], Any], *, timeout: float = 20.0, what: str = "a request"
    ) -> Any:
        """``wait_until`` for async tests: the event loop keeps running meanwhile."""
        deadline = time.monotonic() + timeout
        while True:
            value = check()
            if value:
                return value
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out waiting for {what}")
            await asyncio.sleep(0.02)
