"""A scripted peer of Rasa's REST channel (``POST /webhooks/rest/webhook``) and tracker
endpoint, so channel tests run the real ``DialogueService`` without a trained model.
Integration tests use the real Rasa server instead."""

import re
from collections.abc import Callable
from typing import Any

from tests.support.fake_http import FakeServer, Request

__all__ = ["ScriptedRasa"]

Script = Callable[[str], list[dict[str, Any]]]
_SWITCH = re.compile(r'^/change_language\{"language":\s*"(vi|en)"\}$')


def echo(text: str) -> list[dict[str, Any]]:
    return [{"text": f"echo: {text}"}]


class ScriptedRasa(FakeServer):
    def __init__(self, script: Script = echo) -> None:
        super().__init__()
        self.script = script
        self.language: dict[str, str] = {}

    def received(self, sender: str | None = None) -> list[dict[str, Any]]:
        """The bodies posted to the REST channel (sender, message, metadata)."""
        return [
            r.json() for r in list(self.requests)
            if r.path == "/webhooks/rest/webhook"
            and sender in (None, r.json().get("sender"))
        ]

    def respond(self, request: Request) -> tuple[int, Any]:
        if request.path == "/webhooks/rest/webhook":
            body = request.json()
            # The language slot as the real assistant fills it: a switch request wins,
            # else the gateway's detection of the message, else the slot is kept.
            language = (body.get("metadata") or {}).get("language")
            switch = _SWITCH.match(body["message"])
            if switch:
                language = switch.group(1)
            if language:
                self.language[body["sender"]] = language
            return 200, [{"recipient_id": body["sender"], **reply}
                         for reply in self.script(body["message"])]
        if request.path.startswith("/conversations/") and request.path.endswith("/tracker"):
            sender = request.path.split("/")[2]
            return 200, {"sender_id": sender,
                         "slots": {"language": self.language.get(sender, "vi")}}
        return 404, {"error": "not found"}
