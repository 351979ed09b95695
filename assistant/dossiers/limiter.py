"""Lookup limits per sender and per client address (enumeration defence), and per
dossier for wrong second factors (guessing the phone digits), with ``limits``.

The storage is in memory by default; several gateway workers share a Redis one
(``ASSISTANT_DOSSIERS__RATE_LIMIT_STORAGE=redis://…``)."""

import math
import time

from limits import RateLimitItem, parse_many
from limits.storage import storage_from_string
from limits.strategies import MovingWindowRateLimiter

from assistant.dossiers.errors import LookupRateLimitedError
from assistant.dossiers.models import Requester

__all__ = ["LookupLimiter"]


class LookupLimiter:
    def __init__(
        self, *, sender_limits: str, client_limits: str, verification_limits: str,
        storage_uri: str = "memory://",
    ) -> None:
        self._limiter = MovingWindowRateLimiter(storage_from_string(storage_uri))
        self._sender = parse_many(sender_limits)
        self._client = parse_many(client_limits)
        self._verification = parse_many(verification_limits)

    def hit(self, requester: Requester) -> None:
        """Count one lookup; raises ``LookupRateLimitedError`` when a limit is exceeded."""
        keys: list[tuple[list[RateLimitItem], tuple[str, ...]]] = []
        if requester.sender_id:
            keys.append((self._sender, ("sender", requester.channel, requester.sender_id)))
        if requester.client_ip:
            keys.append((self._client, ("client", requester.client_ip)))
        for items, identifiers in keys:
            for item in items:
                if not self._limiter.hit(item, *identifiers):
                    raise LookupRateLimitedError(self._retry_after(item, identifiers))

    def check_verification(self, code: str) -> None:
        """Refuse a second factor for ``code`` once too many wrong ones were tried."""
        for item in self._verification:
            if not self._limiter.test(item, "verify", code):
                raise LookupRateLimitedError(self._retry_after(item, ("verify", code)))

    def fail_verification(self, code: str) -> None:
        for item in self._verification:
            self._limiter.hit(item, "verify", code)

    def reset(self) -> None:
        self._limiter.storage.reset()

    def _retry_after(self, item: RateLimitItem, identifiers: tuple[str, ...]) -> int:
        stats = self._limiter.get_window_stats(item, *identifiers)
        return max(1, math.ceil(stats.reset_time - time.time()))
