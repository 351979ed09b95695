"""HTTP client of the Rasa server (REST channel and HTTP API)."""

import logging
import time
from collections.abc import Callable
from typing import Any

import httpx

from assistant.dialogue.errors import RasaUnavailableError
from assistant.dialogue.models import BotMessage, Button

__all__ = ["RasaClient", "RasaStatus"]

log = logging.getLogger(__name__)


class RasaStatus(dict[str, Any]):
    """What ``GET /status`` said; empty when Rasa did not answer."""

    @property
    def has_model(self) -> bool:
        return bool(self.get("model_file") or self.get("model_id"))


class RasaClient:
    """Talks to one Rasa server; owns its connection pool until ``aclose``."""

    def __init__(
        self,
        base_url: str,
        *,
        timeout: float,
        token: str = "",
        observe: Callable[..., None] | None = None,
    ) -> None:
        """``observe(call, seconds, is_error=…)`` is told about every turn and parse."""
        self._params = {"token": token} if token else {}
        self._http = httpx.AsyncClient(base_url=base_url.rstrip("/"), timeout=timeout)
        self._observe = observe

    def _timed(self, call: str, start: float, *, is_error: bool) -> None:
        if self._observe is not None:
            self._observe(call, time.perf_counter() - start, is_error=is_error)

    async def aclose(self) -> None:
        await self._http.aclose()

    async def send(
        self, sender_id: str, text: str, *, metadata: dict[str, Any]
    ) -> list[BotMessage]:
        """Post one user message to the REST channel; return the bot's replies in order."""
        body = {"sender": sender_id, "message": text, "metadata": metadata}
        start = time.perf_counter()
        try:
            response = await self._http.post("/webhooks/rest/webhook", json=body)
            response.raise_for_status()
            replies = response.json()
        except (httpx.HTTPError, ValueError) as exc:
            self._timed("turn", start, is_error=True)
            raise RasaUnavailableError(f"{type(exc).__name__}: {exc}") from exc
        self._timed("turn", start, is_error=False)
        return [_to_message(reply) for reply in replies if isinstance(reply, dict)]

    async def status(self) -> RasaStatus:
        """Rasa's ``/status``; an empty status when it is down or has no model."""
        try:
            response = await self._http.get("/status", params=self._params, timeout=3.0)
            response.raise_for_status()
            return RasaStatus(response.json())
        except (httpx.HTTPError, ValueError) as exc:
            log.debug("rasa status failed: %s", exc)
            return RasaStatus()

    async def tracker_state(self, sender_id: str) -> dict[str, Any]:
        """The conversation's current state without its events (slots, latest message);
        empty when unknown."""
        try:
            response = await self._http.get(
                f"/conversations/{sender_id}/tracker",
                params={**self._params, "include_events": "NONE"},
            )
            response.raise_for_status()
            state = response.json()
        except (httpx.HTTPError, ValueError) as exc:
            log.debug("rasa tracker read failed: %s", exc)
            return {}
        return state if isinstance(state, dict) else {}

    async def parse(self, text: str) -> dict[str, Any]:
        """NLU only (``/model/parse``), for the staff intent tester."""
        start = time.perf_counter()
        try:
            response = await self._http.post(
                "/model/parse", json={"text": text}, params=self._params
            )
            response.raise_for_status()
            parsed: dict[str, Any] = response.json()
        except (httpx.HTTPError, ValueError) as exc:
            self._timed("parse", start, is_error=True)
            raise RasaUnavailableError(f"{type(exc).__name__}: {exc}") from exc
        self._timed("parse", start, is_error=False)
        return parsed


def _to_message(reply: dict[str, Any]) -> BotMessage:
    buttons = [
        Button(title=str(b.get("title", "")), payload=str(b.get("payload", "")))
        for b in reply.get("buttons") or []
        if isinstance(b, dict)
    ]
    return BotMessage(text=str(reply.get("text") or ""), buttons=buttons)
