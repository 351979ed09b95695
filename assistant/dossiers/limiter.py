"""Lookup limits per sender and per client address (enumeration defence), and per
dossier for wrong second factors (guessing the phone digits).

The storage is in memory by default; several gateway workers share a Redis one
(``ASSISTANT_DOSSIERS__RATE_LIMIT_STORAGE=redis://…``)."""

from limits import RateLimitItem, parse_many

from assistant.dossiers.errors import LookupRateLimitedError
from assistant.dossiers.models import Requester
from assistant.ratelimit import MovingWindow

__all__ = ["LookupLimiter"]


class LookupLimiter:
    def __init__(
        self, *, sender_limits: str, client_limits: str, verification_limits: str,
        storage_uri: str = "memory://",
    ) -> None:
        self._window = MovingWindow(storage_uri)
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
                if not self._window.strategy.hit(item, *identifiers):
                    raise LookupRateLimitedError(self._window.retry_after(item, *identifiers))

    def check_verification(self, code: str) -> None:
        """Refuse a second factor for ``code`` once too many wrong ones were tried."""
        for item in self._verification:
            if not self._window.strategy.test(item, "verify", code):
                raise LookupRateLimitedError(self._window.retry_after(item, "verify", code))

    def fail_verification(self, code: str) -> None:
        for item in self._verification:
            self._window.strategy.hit(item, "verify", code)

    def reset(self) -> None:
        self._window.reset()
