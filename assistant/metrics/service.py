"""The gateway's counters and histograms, registered in a registry of their own (one
per app, so tests and several apps in one process never share numbers)."""

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest

from assistant.conversations.models import RecordedTurn

__all__ = ["GatewayMetrics", "TimedSearch"]

# Seconds: a cached query answers in ~1 ms, a cold e5 encode in ~20 ms, Rasa turns
# with actions in 50–500 ms; the top buckets catch a loaded machine.
_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)


class GatewayMetrics:
    def __init__(self) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        self.turns = Counter("assistant_turns", "User messages handled.",
                             ["channel", "language"], registry=self.registry)
        self.fallbacks = Counter("assistant_fallbacks", "Messages NLU could not place.",
                                 ["channel"], registry=self.registry)
        # Handing a conversation over to a person does not exist yet: stays 0 until then.
        self.handovers = Counter("assistant_handovers", "Conversations handed to staff.",
                                 registry=self.registry)
        self.search_latency = Histogram("assistant_search_seconds", "Procedure search time.",
                                        buckets=_BUCKETS, registry=self.registry)
        self.rasa_latency = Histogram("assistant_rasa_seconds", "Rasa HTTP call time.",
                                      ["call"], buckets=_BUCKETS, registry=self.registry)
        self.errors = Counter("assistant_errors", "Failures by kind.", ["kind"],
                              registry=self.registry)

    def count_turn(self, turn: RecordedTurn) -> None:
        self.turns.labels(turn.channel, turn.language or "unknown").inc()
        if turn.is_fallback:
            self.fallbacks.labels(turn.channel).inc()

    def observe_rasa(self, call: str, seconds: float, *, is_error: bool) -> None:
        self.rasa_latency.labels(call).observe(seconds)
        if is_error:
            self.errors.labels("rasa_unavailable").inc()

    def count_error(self, kind: str) -> None:
        self.errors.labels(kind).inc()

    def exposition(self) -> bytes:
        return generate_latest(self.registry)


class TimedSearch:
    """The search service with every ``search`` call timed; everything else passes."""

    def __init__(self, inner: Any, observe: Callable[[float], None]) -> None:
        self._inner = inner
        self._observe = observe

    def search(self, *args: Any, **kwargs: Any) -> Any:
        with _timer(self._observe):
            return self._inner.search(*args, **kwargs)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)


@contextmanager
def _timer(observe: Callable[[float], None]) -> Iterator[None]:
    start = time.perf_counter()
    try:
        yield
    finally:
        observe(time.perf_counter() - start)
