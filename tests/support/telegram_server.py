"""A local Telegram Bot API server: the methods the assistant uses, as documented at
https://core.telegram.org/bots/api (form-encoded or JSON parameters, ``{"ok": …}``
answers), plus builders of the updates Telegram would deliver."""

import itertools
import json
import threading
import time
from typing import Any

from tests.support.fake_http import FakeServer, Request

__all__ = [
    "TelegramServer",
    "callback_update",
    "message_update",
    "sticker_update",
]

_JSON_PARAMETERS = {"reply_markup", "allowed_updates"}
_INT_PARAMETERS = {"chat_id", "message_id", "offset", "limit", "timeout"}
_update_ids = itertools.count(100_000)


class TelegramServer(FakeServer):
    def __init__(self, token: str = "123456:TEST-token-for-the-fake-api") -> None:
        super().__init__()
        self.token = token
        self.bot = {"id": 123456, "is_bot": True, "first_name": "Trợ lý dịch vụ công",
                    "username": "dichvucong_test_bot", "can_join_groups": True,
                    "can_read_all_group_messages": False, "supports_inline_queries": False}
        self.webhook: dict[str, Any] = {}
        self.messages: list[dict[str, Any]] = []  # what the bot sent, as Telegram keeps it
        self._failures: dict[str, list[tuple[int, str]]] = {}
        self._updates: list[dict[str, Any]] = []
        self._message_ids = itertools.count(1)
        self._updates_changed = threading.Condition()

    @property
    def base_url(self) -> str:
        return f"{self.url}/bot"

    @property
    def base_file_url(self) -> str:
        return f"{self.url}/file/bot"

    # Scripting.

    def fail(self, method: str, *statuses: int, description: str = "Internal Server Error") -> None:
        """The next calls of ``method`` answer these HTTP statuses, in order."""
        self._failures.setdefault(method.lower(), []).extend((s, description) for s in statuses)

    def push_update(self, update: dict[str, Any]) -> None:
        """An update for ``getUpdates`` (polling)."""
        with self._updates_changed:
            self._updates.append(update)
            self._updates_changed.notify_all()

    # What the bot did.

    def calls(self, method: str) -> list[dict[str, Any]]:
        """Parameters of every successful call of ``method``, in order."""
        return [
            self._parameters(r) for r in list(self.requests)
            if r.path.rsplit("/", 1)[-1].lower() == method.lower() and r.status == 200
        ]

    def sent(self, chat_id: int | None = None) -> list[dict[str, Any]]:
        """The bot's messages (with ``message_id`` and current ``reply_markup``)."""
        return [m for m in list(self.messages) if chat_id in (None, m["chat"]["id"])]

    # The Bot API.

    def respond(self, request: Request) -> tuple[int, Any]:
        prefix = f"/bot{self.token}/"
        if not request.path.startswith(prefix):
            return _error(404, "Not Found")
        method = request.path[len(prefix):].lower()
        failures = self._failures.get(method)
        if failures:
            status, description = failures.pop(0)
            return _error(status, description)
        parameters = self._parameters(request)
        handler = getattr(self, f"_api_{method}", None)
        if handler is None:
            return _error(404, "Not Found: method not found")
        try:
            return 200, {"ok": True, "result": handler(parameters)}
        except _ApiError as exc:
            return _error(exc.status, exc.description)

    def _api_getme(self, _: dict[str, Any]) -> Any:
        return self.bot

    def _api_setwebhook(self, parameters: dict[str, Any]) -> Any:
        self.webhook = parameters
        return True

    def _api_deletewebhook(self, _: dict[str, Any]) -> Any:
        self.webhook = {}
        return True

    def _api_getupdates(self, parameters: dict[str, Any]) -> Any:
        offset = int(parameters.get("offset") or 0)
        wait = min(float(parameters.get("timeout") or 0), 1.0)  # short: tests stop quickly
        deadline = time.monotonic() + wait
        with self._updates_changed:
            while True:
                # Telegram forgets updates below the offset the bot confirmed.
                self._updates = [u for u in self._updates if u["update_id"] >= offset]
                if self._updates or time.monotonic() >= deadline:
                    return list(self._updates)
                self._updates_changed.wait(deadline - time.monotonic())

    def _api_sendmessage(self, parameters: dict[str, Any]) -> Any:
        message = {
            "message_id": next(self._message_ids),
            "date": int(time.time()),
            "chat": {"id": parameters["chat_id"], "type": "private"},
            "from": self.bot,
            "text": parameters["text"],
        }
        if "reply_markup" in parameters:
            message["reply_markup"] = parameters["reply_markup"]
        self.messages.append(message)
        return message

    def _api_editmessagereplymarkup(self, parameters: dict[str, Any]) -> Any:
        for message in self.messages:
            if (message["message_id"], message["chat"]["id"]) == (
                parameters.get("message_id"), parameters.get("chat_id")
            ):
                message.pop("reply_markup", None)
                if "reply_markup" in parameters:
                    message["reply_markup"] = parameters["reply_markup"]
                return message
        raise _ApiError(400, "Bad Request: message to edit not found")

    def _api_answercallbackquery(self, _: dict[str, Any]) -> Any:
        return True

    @staticmethod
    def _parameters(request: Request) -> dict[str, Any]:
        if request.headers.get("content-type", "").startswith("application/json"):
            values: dict[str, Any] = request.json() or {}
            return values
        parameters: dict[str, Any] = {}
        for name, value in request.form.items():
            if name in _JSON_PARAMETERS:
                parameters[name] = json.loads(value)
            elif name in _INT_PARAMETERS and value.lstrip("-").isdigit():
                parameters[name] = int(value)
            else:
                parameters[name] = value
        return parameters


class _ApiError(Exception):
    def __init__(self, status: int, description: str) -> None:
        super().__init__(description)
        self.status = status
        self.description = description


def _error(status: int, description: str) -> tuple[int, Any]:
    return status, {"ok": False, "error_code": status, "description": description}


def _user(chat_id: int, language_code: str) -> dict[str, Any]:
    return {"id": chat_id, "is_bot": False, "first_name": "Lan", "language_code": language_code}


def message_update(chat_id: int, text: str, *, language_code: str = "vi") -> dict[str, Any]:
    """A private-chat text message; a leading ``/command`` gets its bot_command entity,
    as Telegram sends it."""
    message: dict[str, Any] = {
        "message_id": next(_update_ids),
        "date": int(time.time()),
        "chat": {"id": chat_id, "type": "private", "first_name": "Lan"},
        "from": _user(chat_id, language_code),
        "text": text,
    }
    if text.startswith("/"):
        message["entities"] = [
            {"type": "bot_command", "offset": 0, "length": len(text.split()[0])}
        ]
    return {"update_id": next(_update_ids), "message": message}


def sticker_update(chat_id: int) -> dict[str, Any]:
    update = message_update(chat_id, "")
    del update["message"]["text"]
    update["message"]["sticker"] = {
        "file_id": "CAACAgIAAxkBAAE", "file_unique_id": "AgADBQAD", "type": "regular",
        "width": 512, "height": 512, "is_animated": False, "is_video": False,
    }
    return update


def callback_update(
    chat_id: int, data: str, *, message: dict[str, Any] | None = None
) -> dict[str, Any]:
    """A tap on an inline button of ``message`` (a sendMessage result the bot got)."""
    shown = message or {
        "message_id": 1, "date": int(time.time()), "text": "…",
        "chat": {"id": chat_id, "type": "private"},
    }
    return {
        "update_id": next(_update_ids),
        "callback_query": {
            "id": str(next(_update_ids)),
            "from": _user(chat_id, "vi"),
            "chat_instance": f"ci-{chat_id}",
            "message": shown,
            "data": data,
        },
    }
