"""Dossier status asked from an external one-stop-shop system over HTTP.

``url_template`` (with ``{code}``) and ``field_map`` / ``status_map`` come from
settings. Each attempt has a timeout; timeouts, connection errors, 429 and 5xx are
retried with backoff (tenacity); the whole lookup has a deadline; consecutive
failures open a circuit breaker (pybreaker) so a dead system answers "try again
later" at once instead of holding conversations. Every failure surfaces as
``DossierSourceUnavailableError``; 404 means "no such dossier".
"""

import asyncio
import logging
from typing import Any
from urllib.parse import quote

import httpx
import pybreaker
from pydantic import ValidationError
from tenacity import (
    AsyncRetrying,
    retry_if_exception_type,
    stop_after_attempt,
    wait_exponential_jitter,
)

from assistant.dossiers.errors import DossierSourceUnavailableError
from assistant.dossiers.models import (
    Dossier,
    DossierIn,
    DossierStatus,
    StatusEvent,
    StatusEventIn,
    now_utc,
    parse_status,
)
from assistant.dossiers.settings import DossierHttpSettings

__all__ = ["HttpDossierSource"]

log = logging.getLogger(__name__)

_FIELDS = (
    "procedure_code", "procedure_name", "agency", "channel", "received_on", "due_on",
    "status", "status_at", "note", "result_ready_on", "applicant_name", "applicant_phone",
)


class _TransientError(Exception):
    """Worth another attempt: a timeout, a dropped connection, 429 or 5xx."""


class _BadReplyError(Exception):
    """The system answered something we cannot read (wrong mapping or a broken reply)."""


class HttpDossierSource:
    name = "http"

    def __init__(
        self, settings: DossierHttpSettings, *, transport: httpx.AsyncBaseTransport | None = None
    ) -> None:
        if "{code}" not in settings.url_template:
            raise ValueError("ASSISTANT_DOSSIERS__HTTP__URL_TEMPLATE must contain {code}")
        self._settings = settings
        self._client = httpx.AsyncClient(
            timeout=httpx.Timeout(settings.timeout_seconds),
            headers=settings.headers,
            transport=transport,
            follow_redirects=False,
        )
        self._breaker = pybreaker.CircuitBreaker(
            fail_max=settings.breaker_failures,
            reset_timeout=settings.breaker_reset_seconds,
            name="dossier-http",
        )
        self._status_map = {k.strip().lower(): v for k, v in settings.status_map.items()}

    @property
    def breaker_state(self) -> str:
        return str(self._breaker.current_state)

    async def fetch(self, code: str) -> Dossier | None:
        url = self._settings.url_template.replace("{code}", quote(code, safe=""))
        try:
            async with asyncio.timeout(self._settings.total_timeout_seconds):
                async for attempt in AsyncRetrying(
                    stop=stop_after_attempt(self._settings.retries + 1),
                    wait=wait_exponential_jitter(multiplier=0.2, max=1.0),
                    retry=retry_if_exception_type(_TransientError),
                    reraise=True,
                ):
                    with attempt:
                        reply = await self._attempt(url)
        except pybreaker.CircuitBreakerError as exc:
            raise DossierSourceUnavailableError("circuit open") from exc
        except TimeoutError as exc:
            raise DossierSourceUnavailableError("deadline exceeded") from exc
        except (_TransientError, _BadReplyError) as exc:
            log.warning("dossier system failed: %s", exc)
            raise DossierSourceUnavailableError(str(exc)) from exc
        return None if reply is None else self._to_dossier(code, reply)

    async def _attempt(self, url: str) -> Any:
        """One request through the breaker; the decoded JSON, or None for 404."""
        with self._breaker.calling():
            try:
                response = await self._client.get(url, headers={"accept": "application/json"})
            except httpx.TimeoutException as exc:
                raise _TransientError("timeout") from exc
            except httpx.TransportError as exc:
                raise _TransientError(f"connection: {type(exc).__name__}") from exc
            if response.status_code == 404:
                return None
            if response.status_code == 429 or response.status_code >= 500:
                raise _TransientError(f"HTTP {response.status_code}")
            if response.status_code != 200:
                raise _BadReplyError(f"HTTP {response.status_code}")
            try:
                return response.json()
            except ValueError as exc:
                raise _BadReplyError("reply is not JSON") from exc

    def _to_dossier(self, code: str, reply: Any) -> Dossier | None:
        fields = {name: self._get(reply, name) for name in _FIELDS}
        if fields["status"] in (None, ""):
            return None  # systems that answer 200 with an empty record
        history = self._get(reply, "history")
        try:
            fields["status"] = self._status(fields["status"])
            data = DossierIn.model_validate({k: v for k, v in fields.items() if v is not None})
            steps = [
                StatusEventIn(
                    status=self._status(item.get(self._key("history.status"))),
                    at=item.get(self._key("history.at")),
                    note=item.get(self._key("history.note")),
                )
                for item in (history if isinstance(history, list) else [])
                if isinstance(item, dict)
            ]
        except (ValidationError, ValueError) as exc:
            raise DossierSourceUnavailableError(f"unreadable reply: {exc}") from exc
        events = sorted(
            (StatusEvent(status=s.status, at=s.at, note=s.note) for s in steps if s.at),
            key=lambda e: e.at,
        )
        if not events or events[-1].status != data.status:
            events.append(
                StatusEvent(status=data.status, at=data.status_at or now_utc(), note=data.note)
            )
        elif data.note and not events[-1].note:
            events[-1] = events[-1].model_copy(update={"note": data.note})
        return Dossier(
            code=code,
            status=data.status,
            history=events,
            **data.model_dump(exclude={"status", "status_at", "note", "history"}),
        )

    def _status(self, value: object) -> DossierStatus:
        mapped = self._status_map.get(str(value).strip().lower())
        return parse_status(mapped if mapped is not None else value)

    def _key(self, name: str) -> str:
        return self._settings.field_map.get(name, name.rsplit(".", 1)[-1])

    def _get(self, reply: Any, name: str) -> Any:
        """The value at the dotted path mapped to ``name`` (``data.trangThai``)."""
        value = reply
        for part in self._settings.field_map.get(name, name).split("."):
            if isinstance(value, dict):
                value = value.get(part)
            elif isinstance(value, list) and part.isdigit() and int(part) < len(value):
                value = value[int(part)]
            else:
                return None
        return value

    async def aclose(self) -> None:
        await self._client.aclose()

