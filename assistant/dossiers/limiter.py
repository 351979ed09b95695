"""Lookup limits per sender, per client address (an IPv6 client by its /64) and for
every lookup together (enumeration defence).

The storage is in memory by default; several gateway workers share a Redis one
(``ASSISTANT_DOSSIERS__RATE_LIMIT_STORAGE=redis://…``). Wrong second factors are
counted in the database instead (``verification.py``)."""

from limits import RateLimitItem, parse_many

from assistant.client_address import limit_key
from assistant.dossiers.errors import LookupRateLimitedError
from assistant.dossiers.models import Requester
from assistant.ratelimit import MovingWindow

__all__ = ["LookupLimiter"]


class LookupLimiter:
    def __init__(
        self, *, sender_limits: str, client_limits: str, global_limits: str = "",
        storage_uri: str = "memory://",
    ) -> None:
        self._window = MovingWindow(storage_uri)
        self._sender = parse_many(sender_limits)
        self._client = parse_many(client_limits)
        self._global = parse_many(global_limits) if global_limits.strip() else []

    def hit(self, requester: Requester) -> None:
        """Count one lookup; raises ``LookupRateLimitedError`` when a limit is exceeded."""
        keys: list[tuple[list[RateLimitItem], tuple[str, ...]]] = []
        if requester.sender_id:
            keys.append((self._sender, ("sender", requester.channel, requester.sender_id)))
        if requester.client_ip:
            keys.append((self._client, ("client", limit_key(requester.client_ip))))
        keys.append((self._global, ("global",)))
        for items, identifiers in keys:
            for item in items:
                if not self._window.strategy.hit(item, *identifiers):
                    raise LookupRateLimitedError(self._window.retry_after(item, *identifiers))

    def reset(self) -> None:
        self._window.reset()
