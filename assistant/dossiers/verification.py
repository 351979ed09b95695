"""Guessing defence for the second factor (the phone's last 4 digits), counted in the
database so restarts and several workers share one count.

Wrong digits are counted per dossier code over each configured window (by default 5 an
hour and 20 a day); past a limit nobody may try that code, except a conversation that
already proved to be the owner (so an attacker cannot lock the owner out)."""

from datetime import datetime, timedelta

from limits import parse_many

from assistant.dossiers.errors import LookupRateLimitedError
from assistant.dossiers.models import Requester, now_utc
from assistant.dossiers.store import DossierStore

__all__ = ["VerificationGuard"]

# How long a successful verification lets that conversation past a locked code.
_OWNER_MEMORY = timedelta(days=30)


class VerificationGuard:
    def __init__(self, store: DossierStore, *, limits: str) -> None:
        self._store = store
        self._windows = [
            (item.amount, timedelta(seconds=item.get_expiry())) for item in parse_many(limits)
        ]

    def check(self, code: str, requester: Requester, *, now: datetime | None = None) -> None:
        """Raise ``LookupRateLimitedError`` when ``code`` has had too many wrong second
        factors, unless ``requester`` is its verified owner. Blocking (database)."""
        now = now or now_utc()
        if not self._windows:
            return
        if requester.sender_id and self._store.has_verified(
            code, channel=requester.channel, sender_id=requester.sender_id,
            since=now - _OWNER_MEMORY,
        ):
            return
        longest = max(window for _, window in self._windows)
        failures = self._store.failed_verifications(code, since=now - longest)
        for amount, window in self._windows:
            recent = [at for at in failures if at > now - window]
            if len(recent) >= amount:
                # Free again when the oldest failure that still counts leaves the window.
                oldest = sorted(recent)[-amount]
                raise LookupRateLimitedError(max(1, int((oldest + window - now).total_seconds())))
