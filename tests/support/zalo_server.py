"""A local Zalo OA Open API (``POST /v3.0/oa/message/cs``) and OAuth server
(``POST /v4/oa/access_token``, refresh grant), plus signed webhook events as Zalo
delivers them (``X-ZEvent-Signature: mac=sha256(app_id + body + timestamp + OA key)``)."""

import hashlib
import itertools
import json
import time
from typing import Any

from tests.support.fake_http import FakeServer, Request

__all__ = ["ZaloServer", "signed_event", "sticker_event", "text_event"]

_message_ids = itertools.count(1)


class ZaloServer(FakeServer):
    def __init__(
        self,
        *,
        app_id: str = "2553928453557884079",
        app_secret_key: str = "app-secret-key",
        oa_secret_key: str = "oa-secret-key",
        access_token: str = "access-token-1",
        refresh_token: str = "refresh-token-1",
    ) -> None:
        super().__init__()
        self.app_id = app_id
        self.app_secret_key = app_secret_key
        self.oa_secret_key = oa_secret_key
        self.access_token = access_token
        self.refresh_token = refresh_token
        self.messages: list[dict[str, Any]] = []  # accepted cs message bodies
        self._generation = itertools.count(2)
        self._failures: list[int] = []

    def settings(self) -> dict[str, Any]:
        """``ZaloSettings`` fields that point the assistant at this server."""
        return {
            "app_id": self.app_id, "app_secret_key": self.app_secret_key,
            "oa_secret_key": self.oa_secret_key, "access_token": self.access_token,
            "refresh_token": self.refresh_token, "api_base_url": self.url,
            "oauth_base_url": self.url,
        }

    def expire_access_token(self) -> None:
        """From now on the current access token gets error -216."""
        self.access_token = f"expired-{self.access_token}-{time.monotonic_ns()}"

    def fail(self, *statuses: int) -> None:
        """The next message calls answer these HTTP statuses, in order."""
        self._failures.extend(statuses)

    def sent(self, user_id: str | None = None) -> list[dict[str, Any]]:
        return [m["message"] for m in list(self.messages)
                if user_id in (None, m["recipient"]["user_id"])]

    def refreshes(self) -> list[Request]:
        return [r for r in list(self.requests) if r.path == "/v4/oa/access_token"]

    def respond(self, request: Request) -> tuple[int, Any]:
        if request.method == "POST" and request.path == "/v3.0/oa/message/cs":
            return self._message(request)
        if request.method == "POST" and request.path == "/v4/oa/access_token":
            return self._refresh(request)
        return 404, {"error": 404, "message": "not found"}

    def _message(self, request: Request) -> tuple[int, Any]:
        if self._failures:
            return self._failures.pop(0), {"error": -1, "message": "server error"}
        if request.headers.get("access_token") != self.access_token:
            return 200, {"error": -216, "message": "Access token is invalid"}
        body = request.json()
        recipient = (body.get("recipient") or {}).get("user_id")
        text = (body.get("message") or {}).get("text") or ""
        if not recipient or not text:
            return 200, {"error": -201, "message": "Parameters are invalid"}
        if len(text) > 2000:
            return 200, {"error": -201, "message": "text is too long"}
        buttons = ((body["message"].get("attachment") or {}).get("payload") or {}).get(
            "buttons"
        ) or []
        if len(buttons) > 5 or any(len(b["title"]) > 100 for b in buttons):
            return 200, {"error": -201, "message": "invalid buttons"}
        self.messages.append(body)
        return 200, {"error": 0, "message": "Success",
                     "data": {"message_id": f"m{next(_message_ids)}", "user_id": recipient}}

    def _refresh(self, request: Request) -> tuple[int, Any]:
        form = request.form
        if request.headers.get("secret_key") != self.app_secret_key or form.get(
            "app_id"
        ) != self.app_id:
            return 200, {"error": -14002, "error_name": "Invalid app"}
        if form.get("grant_type") != "refresh_token" or form.get(
            "refresh_token"
        ) != self.refresh_token:
            return 200, {"error": -14014, "error_name": "Invalid refresh token"}
        generation = next(self._generation)
        self.access_token = f"access-token-{generation}"
        self.refresh_token = f"refresh-token-{generation}"  # a refresh token works once
        return 200, {"access_token": self.access_token, "refresh_token": self.refresh_token,
                     "expires_in": "90000"}


def text_event(
    user_id: str, text: str, *, app_id: str, msg_id: str | None = None,
    timestamp_ms: int | None = None,
) -> dict[str, Any]:
    return {
        "app_id": app_id,
        "user_id_by_app": f"app-{user_id}",
        "event_name": "user_send_text",
        "timestamp": str(timestamp_ms or int(time.time() * 1000)),
        "sender": {"id": user_id},
        "recipient": {"id": "3662729599332560487"},
        "message": {"text": text, "msg_id": msg_id or f"msg-{next(_message_ids)}"},
    }


def sticker_event(user_id: str, *, app_id: str) -> dict[str, Any]:
    event = text_event(user_id, "", app_id=app_id)
    event["event_name"] = "user_send_sticker"
    event["message"] = {
        "msg_id": f"msg-{next(_message_ids)}",
        "attachments": [{"type": "sticker", "payload": {"id": "bfe458bf64fa8da4d4eb",
                                                         "url": "https://zalo.me/s.png"}}],
    }
    return event


def signed_event(
    event: dict[str, Any], *, app_id: str, oa_secret_key: str
) -> tuple[bytes, dict[str, str]]:
    """The body and headers Zalo would post for ``event``."""
    body = json.dumps(event, ensure_ascii=False).encode()
    mac = hashlib.sha256(
        app_id.encode() + body + str(event["timestamp"]).encode() + oa_secret_key.encode()
    ).hexdigest()
    return body, {"content-type": "application/json", "X-ZEvent-Signature": f"mac={mac}"}
