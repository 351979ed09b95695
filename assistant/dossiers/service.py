"""The dossier service: lookups under the privacy and abuse rules, upserts, imports,
subscriptions. Routers, actions and the CLI call only this."""

import asyncio
import logging
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import Engine

from assistant.dossiers.adapters import DossierSource
from assistant.dossiers.codes import normalise_dossier_code
from assistant.dossiers.dispatcher import NotificationDispatcher
from assistant.dossiers.errors import (
    DossierNotFoundError,
    DossierSourceUnavailableError,
    InvalidDossierCodeError,
    LookupRateLimitedError,
    VerificationFailedError,
)
from assistant.dossiers.importer import ImportReport, import_file
from assistant.dossiers.limiter import LookupLimiter
from assistant.dossiers.models import (
    VIETNAM,
    DossierIn,
    DossierPublicOut,
    DossierVerifiedOut,
    NotificationOut,
    Requester,
    UpsertOut,
)
from assistant.dossiers.notifications import DossierNotifications, TextSender
from assistant.dossiers.settings import DossierSettings
from assistant.dossiers.store import DossierStore
from assistant.dossiers.verification import VerificationGuard
from assistant.dossiers.views import matches_second_factor, public_view, verified_view

__all__ = ["DEMO_DATA", "DossierService"]

log = logging.getLogger(__name__)

DEMO_DATA = Path(__file__).parent / "data" / "demo_dossiers.json"


def _today() -> date:
    return datetime.now(VIETNAM).date()


class DossierService:
    def __init__(
        self,
        store: DossierStore,
        source: DossierSource,
        limiter: LookupLimiter,
        notifications: DossierNotifications,
        *,
        verification: VerificationGuard | None = None,
        dispatch_interval_seconds: float = 0.0,
        today: Callable[[], date] = _today,
    ) -> None:
        self.store = store
        self.source = source
        self.limiter = limiter
        self.notifications = notifications
        self.verification = verification or VerificationGuard(store, limits="5/hour;20/day")
        self.dispatcher = NotificationDispatcher(
            notifications, interval_seconds=dispatch_interval_seconds
        )
        self._today = today

    @classmethod
    def create(
        cls, settings: DossierSettings, engine: Engine, *, sender: TextSender | None = None
    ) -> "DossierService":
        store = DossierStore(engine)
        source: DossierSource
        if settings.adapter == "http":
            from assistant.dossiers.adapters.http import HttpDossierSource

            source = HttpDossierSource(settings.http)
        else:
            from assistant.dossiers.adapters.sql import SqlDossierSource

            source = SqlDossierSource(store)
        limiter = LookupLimiter(
            sender_limits=settings.sender_rate_limit,
            client_limits=settings.client_rate_limit,
            global_limits=settings.global_rate_limit,
            storage_uri=settings.rate_limit_storage,
        )
        verification = VerificationGuard(store, limits=settings.verification_rate_limit)
        notifications = DossierNotifications(
            engine,
            push_channels=_names(settings.push_channels),
            poll_channels=_names(settings.poll_channels),
            max_per_recipient=settings.max_subscriptions_per_recipient,
            sender=sender,
        )
        return cls(
            store, source, limiter, notifications, verification=verification,
            dispatch_interval_seconds=settings.notification_dispatch_seconds,
        )

    async def lookup(
        self, raw_code: str, requester: Requester, *, phone_last4: str | None = None
    ) -> DossierPublicOut | DossierVerifiedOut:
        """The dossier under ``raw_code`` as ``requester`` may see it: the public view, or
        the verified one when ``phone_last4`` matches. Every call is counted against the
        rate limits and written to the audit trail (never the second factor)."""
        has_factor = phone_last4 is not None
        code: str | None = raw_code
        outcome = "error"
        try:
            self.limiter.hit(requester)
            code = normalise_dossier_code(raw_code)
            dossier = await self.source.fetch(code)
            if dossier is None:
                raise DossierNotFoundError(code)
            if phone_last4 is None:
                outcome = "found"
                return public_view(dossier, today=self._today())
            await asyncio.to_thread(self.verification.check, code, requester)
            if not matches_second_factor(dossier, phone_last4):
                raise VerificationFailedError()  # counted through the audit trail
            outcome = "found_verified"
            return verified_view(dossier, today=self._today())
        except LookupRateLimitedError:
            outcome = "rate_limited"
            raise
        except InvalidDossierCodeError:
            outcome = "invalid_code"
            raise
        except DossierNotFoundError:
            outcome = "not_found"
            raise
        except VerificationFailedError:
            outcome = "verification_failed"
            raise
        except DossierSourceUnavailableError as exc:
            outcome = "unavailable"
            log.warning("dossier source unavailable: %s", exc.detail)
            raise
        finally:
            await self._audit(requester, code=code, outcome=outcome, has_factor=has_factor)

    async def _audit(
        self, requester: Requester, *, code: str | None, outcome: str, has_factor: bool
    ) -> None:
        """Best effort: a failed audit write is logged, never turns the answer the user
        was given into a 500. A wrong second factor is the exception: it must be
        counted (``VerificationGuard``), so that failure is raised."""
        try:
            await asyncio.to_thread(
                self.store.record_lookup, requester, code=(code or "")[:80] or None,
                outcome=outcome, has_second_factor=has_factor,
            )
        except Exception:
            if outcome == "verification_failed":
                raise
            log.exception("dossier lookup audit not written (outcome %s)", outcome)

    def upsert(self, raw_code: str, data: DossierIn, *, is_demo: bool = False) -> UpsertOut:
        """Create or update a dossier (idempotent); a status change queues notifications."""
        return self.store.upsert(normalise_dossier_code(raw_code), data, is_demo=is_demo)

    async def push(self, raw_code: str, data: DossierIn) -> UpsertOut:
        """``upsert`` from a one-stop-shop system, then hand queued notifications over."""
        result = await asyncio.to_thread(self.upsert, raw_code, data)
        if result.notifications:
            await self.notifications.dispatch()
        return result

    def import_file(self, path: Path, *, is_demo: bool = False) -> ImportReport:
        return import_file(path, upsert=lambda c, d: self.upsert(c, d, is_demo=is_demo))

    def load_demo_if_empty(self) -> ImportReport | None:
        """Load the bundled demo dossiers into an empty store (development)."""
        if self.store.count() > 0:
            return None
        report = self.import_file(DEMO_DATA, is_demo=True)
        log.info("loaded %d demo dossiers (DEMO DATA, fictitious)", report.imported)
        return report

    def can_subscribe(self, channel: str) -> bool:
        """Whether a chat on ``channel`` can follow a dossier (pushed or polled)."""
        return self.notifications.can_subscribe(channel)

    def pushes_to(self, channel: str) -> bool:
        """Whether status changes are pushed to ``channel`` (else the chat polls)."""
        return channel in self.notifications.push_channels

    async def subscribe(
        self, raw_code: str, *, channel: str, recipient_id: str, language: str
    ) -> bool:
        """Follow ``raw_code``'s status changes; False when already following."""
        code = normalise_dossier_code(raw_code)
        return await asyncio.to_thread(
            self.notifications.subscribe, code, channel=channel, recipient_id=recipient_id,
            language=language,
        )

    async def unsubscribe(
        self, recipient_id: str, *, channels: frozenset[str] | None = None,
        raw_code: str | None = None,
    ) -> int:
        """Stop following ``raw_code`` (every dossier when None); the number of
        subscriptions removed. ``channels`` defaults to the polled ones (widget, API):
        a caller of the public API must not unsubscribe a Telegram or Zalo chat."""
        code = normalise_dossier_code(raw_code) if raw_code is not None else None
        return await asyncio.to_thread(
            self.notifications.unsubscribe, recipient_id,
            channels=self.notifications.poll_channels if channels is None else channels,
            code=code,
        )

    async def unsubscribe_chat(self, channel: str, sender_id: str) -> int:
        """A chat's ``/stop`` (Telegram): every subscription of that chat on ``channel``."""
        return await self.unsubscribe(sender_id, channels=frozenset({channel}))

    async def take_notifications(self, recipient_id: str) -> list[NotificationOut]:
        return await asyncio.to_thread(self.notifications.take_for_widget, recipient_id)

    def start(self) -> None:
        """Start the background hand-over of queued push notifications."""
        self.dispatcher.start()

    async def stop(self) -> None:
        """Stop the background work (before the channels close)."""
        await self.dispatcher.stop()

    async def aclose(self) -> None:
        await self.stop()
        await self.source.aclose()


def _names(value: str) -> frozenset[str]:
    return frozenset(part.strip() for part in value.split(",") if part.strip())
