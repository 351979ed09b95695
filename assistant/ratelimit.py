"""Moving-window rate limits with ``limits``, shared by the capabilities that count
requests (dossier lookups, feedback). The storage is in memory by default; several
gateway workers share a Redis one (``redis://…``)."""

import math
import time

from limits import RateLimitItem
from limits.storage import storage_from_string
from limits.strategies import MovingWindowRateLimiter

__all__ = ["MovingWindow"]


class MovingWindow:
    def __init__(self, storage_uri: str = "memory://") -> None:
        self.strategy = MovingWindowRateLimiter(storage_from_string(storage_uri))

    def retry_after(self, item: RateLimitItem, *identifiers: str) -> int:
        """Whole seconds until ``item`` allows one more hit for ``identifiers`` (≥ 1)."""
        stats = self.strategy.get_window_stats(item, *identifiers)
        return max(1, math.ceil(stats.reset_time - time.time()))

    def reset(self) -> None:
        self.strategy.storage.reset()
