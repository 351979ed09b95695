"""HTTP client of the Rasa servers (REST channel and HTTP API).

With several Rasa servers a conversation sticks to one of them (rendezvous hashing of
the sender id, so every gateway worker and replica picks the same one and adding or
removing a server only moves that server's conversations). When its server refuses the
connection, drops it, times out or answers 5xx, the next server in the conversation's
order takes the turn: the servers share one tracker store (and a Redis lock store), so
the conversation goes on there with its slots.

Turns go to a server a few at a time, the others waiting in order of arrival (see
``turns_in_flight``)."""

import asyncio
import contextlib
import hashlib
import logging
import time
from collections.abc import Callable, Sequence
from typing import Any

import httpx

from assistant.dialogue.errors import RasaUnavailableError
from assistant.dialogue.models import BotMessage, Button

__all__ = ["RasaClient", "RasaStatus"]

log = logging.getLogger(__name__)

# A server that just failed is tried last for this long, so the conversations it held
# don't each pay a failed connection (or a timeout) before going to another one.
_DOWN_SECONDS = 5.0


class RasaStatus(dict[str, Any]):
    """What ``GET /status`` said; empty when Rasa did not answer."""

    @property
    def has_model(self) -> bool:
        return bool(self.get("model_file") or self.get("model_id"))


class _ServerError(Exception):
    """A 5xx answer: the next server may do better."""


class RasaClient:
    """Talks to one or more Rasa servers; owns its connection pool until ``aclose``."""

    def __init__(
        self,
        urls: str | Sequence[str],
        *,
        timeout: float,
        token: str = "",
        observe: Callable[..., None] | None = None,
        turns_in_flight: int = 0,
    ) -> None:
        """``observe(call, seconds, is_error=…)`` is told about every turn and parse.

        ``turns_in_flight``: at most this many turns at once on one server, the rest
        wait in order (0: no limit). A Rasa process works on one core and interleaves the
        messages it holds, so with every turn let in each waits for all the others to
        finish; in order, a turn waits only for those before it. Waiting counts against
        the caller's deadline."""
        listed = [urls] if isinstance(urls, str) else list(urls)
        self.urls = [url.rstrip("/") for url in listed]
        if not self.urls:
            raise ValueError("at least one Rasa server URL is needed")
        self._params = {"token": token} if token else {}
        self._http = httpx.AsyncClient(timeout=timeout)
        self._down_until: dict[str, float] = {}
        self._observe = observe
        self._turns_in_flight = turns_in_flight
        self._turn_slots: dict[str, asyncio.Semaphore] = {}

    def _timed(self, call: str, start: float, *, is_error: bool) -> None:
        if self._observe is not None:
            self._observe(call, time.perf_counter() - start, is_error=is_error)

    async def aclose(self) -> None:
        await self._http.aclose()

    def servers_for(self, sender_id: str) -> list[str]:
        """The servers in the order a conversation tries them: its own first."""
        if len(self.urls) == 1:
            return list(self.urls)

        def weight(url: str) -> bytes:
            return hashlib.blake2b(f"{sender_id}\n{url}".encode(), digest_size=8).digest()

        ranked = sorted(self.urls, key=weight, reverse=True)
        now = time.monotonic()
        # Stable sort: the healthy servers keep their order, the recently failed go last.
        return sorted(ranked, key=lambda url: self._down_until.get(url, 0.0) > now)

    async def send(
        self, sender_id: str, text: str, *, metadata: dict[str, Any]
    ) -> list[BotMessage]:
        """Post one user message to the REST channel; return the bot's replies in order."""
        body = {"sender": sender_id, "message": text, "metadata": metadata}
        start = time.perf_counter()
        try:
            response = await self._request(
                sender_id, "POST", "/webhooks/rest/webhook", json=body, is_turn=True
            )
            replies = response.json()
            if not isinstance(replies, list):
                raise RasaUnavailableError(f"unexpected reply: {type(replies).__name__}")
        except ValueError as exc:
            self._timed("turn", start, is_error=True)
            raise RasaUnavailableError(f"{type(exc).__name__}: {exc}") from exc
        except RasaUnavailableError:
            self._timed("turn", start, is_error=True)
            raise
        self._timed("turn", start, is_error=False)
        return [_to_message(reply) for reply in replies if isinstance(reply, dict)]

    async def status(self) -> RasaStatus:
        """``/status`` of the first server that answers with a model; an empty status
        when none does."""
        found = RasaStatus()
        for url in self.urls:
            try:
                response = await self._http.get(
                    f"{url}/status", params=self._params, timeout=3.0
                )
                response.raise_for_status()
                found = RasaStatus(response.json())
            except (httpx.HTTPError, ValueError) as exc:
                log.debug("rasa status of %s failed: %s", url, exc)
                continue
            if found.has_model:
                break
        return found

    async def tracker_state(self, sender_id: str) -> dict[str, Any]:
        """The conversation's current state without its events (slots, latest message);
        empty when unknown."""
        try:
            response = await self._request(
                sender_id, "GET", f"/conversations/{sender_id}/tracker",
                params={**self._params, "include_events": "NONE"},
            )
            state = response.json()
        except (RasaUnavailableError, ValueError) as exc:
            log.debug("rasa tracker read failed: %s", exc)
            return {}
        return state if isinstance(state, dict) else {}

    async def parse(self, text: str) -> dict[str, Any]:
        """NLU only (``/model/parse``), for the staff intent tester."""
        start = time.perf_counter()
        try:
            response = await self._request(
                text, "POST", "/model/parse", json={"text": text}, params=self._params
            )
            parsed: dict[str, Any] = response.json()
        except ValueError as exc:
            self._timed("parse", start, is_error=True)
            raise RasaUnavailableError(f"{type(exc).__name__}: {exc}") from exc
        except RasaUnavailableError:
            self._timed("parse", start, is_error=True)
            raise
        self._timed("parse", start, is_error=False)
        return parsed

    def _slot(self, url: str, *, is_turn: bool) -> contextlib.AbstractAsyncContextManager[Any]:
        if not is_turn or self._turns_in_flight <= 0:
            return contextlib.nullcontext()
        if url not in self._turn_slots:
            # asyncio's semaphore wakes its waiters first in, first out.
            self._turn_slots[url] = asyncio.Semaphore(self._turns_in_flight)
        return self._turn_slots[url]

    async def _request(
        self, sender_id: str, method: str, path: str, *, is_turn: bool = False,
        **kwargs: Any,
    ) -> httpx.Response:
        """``method path`` on the conversation's server, then on the others in its
        order while a server is down; a 4xx is the request's fault and is not retried."""
        failures: list[str] = []
        for url in self.servers_for(sender_id):
            try:
                async with self._slot(url, is_turn=is_turn):
                    response = await self._http.request(method, f"{url}{path}", **kwargs)
                if response.status_code >= 500:
                    raise _ServerError(f"HTTP {response.status_code}")
                response.raise_for_status()
            except (httpx.TransportError, _ServerError) as exc:
                self._down_until[url] = time.monotonic() + _DOWN_SECONDS
                failures.append(f"{url}: {type(exc).__name__}: {exc}")
                continue
            except httpx.HTTPStatusError as exc:
                raise RasaUnavailableError(f"{url}: {exc}") from exc
            if failures:
                log.warning("rasa server(s) failed, %s took the turn: %s",
                            url, "; ".join(failures))
            self._down_until.pop(url, None)
            return response
        raise RasaUnavailableError("; ".join(failures))


def _to_message(reply: dict[str, Any]) -> BotMessage:
    buttons = [
        Button(title=str(b.get("title", "")), payload=str(b.get("payload", "")))
        for b in reply.get("buttons") or []
        if isinstance(b, dict)
    ]
    return BotMessage(text=str(reply.get("text") or ""), buttons=buttons)
