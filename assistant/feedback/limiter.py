"""Limits on feedback per conversation and per client address (spam and ballot-stuffing
defence).

Each kind (``round``: a rating round started; ``answer``: a thumbs up/down on an
answer) is counted apart. Only the start of a round counts, so a round in progress is
never cut off: what the person already gave is kept. The storage is in memory by
default; several gateway workers share a Redis one."""

from typing import Literal

from limits import RateLimitItem, parse_many

from assistant.feedback.errors import FeedbackRateLimitedError
from assistant.ratelimit import MovingWindow

__all__ = ["FeedbackKind", "FeedbackLimiter"]

FeedbackKind = Literal["round", "answer"]


class FeedbackLimiter:
    def __init__(
        self, *, sender_limits: str, client_limits: str, storage_uri: str = "memory://"
    ) -> None:
        self._window = MovingWindow(storage_uri)
        self._sender = parse_many(sender_limits)
        self._client = parse_many(client_limits)

    def hit(self, kind: FeedbackKind, *, sender_id: str | None, client_ip: str | None) -> None:
        """Count one ``kind`` of feedback; raises ``FeedbackRateLimitedError`` (and counts
        nothing) when a limit is already reached."""
        keys: list[tuple[list[RateLimitItem], tuple[str, ...]]] = []
        if sender_id:
            keys.append((self._sender, (kind, "sender", sender_id)))
        if client_ip:
            keys.append((self._client, (kind, "client", client_ip)))
        for items, identifiers in keys:
            for item in items:
                if not self._window.strategy.test(item, *identifiers):
                    raise FeedbackRateLimitedError(self._window.retry_after(item, *identifiers))
        for items, identifiers in keys:
            for item in items:
                self._window.strategy.hit(item, *identifiers)

    def reset(self) -> None:
        self._window.reset()
