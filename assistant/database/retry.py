"""Writes that wait out a briefly locked SQLite database, then fail with a clear error.

SQLite allows one writer at a time; ``busy_timeout`` makes a connection wait for the
lock, but a transaction that read first and then wants to write gets "database is
locked" at once (SQLite refuses rather than deadlock). Such a write is one transaction,
rolled back whole, so running it again is safe."""

import functools
import logging
from collections.abc import Callable
from typing import ParamSpec, TypeVar

from sqlalchemy.exc import OperationalError
from tenacity import (
    RetryError,
    retry,
    retry_if_exception,
    stop_after_delay,
    wait_exponential_jitter,
)

from assistant.errors import AssistantError

__all__ = ["DatabaseBusyError", "retry_when_locked"]

log = logging.getLogger(__name__)

P = ParamSpec("P")
T = TypeVar("T")


class DatabaseBusyError(AssistantError):
    status = 503
    code = "database_busy"

    def __init__(self) -> None:
        super().__init__(
            "Hệ thống đang bận, chưa lưu được. Anh/chị vui lòng thử lại sau ít giây.",
            "The system is busy and could not save this. Please try again in a few seconds.",
        )


def _is_locked(exc: BaseException) -> bool:
    return isinstance(exc, OperationalError) and "locked" in str(exc.orig).lower()


def retry_when_locked(
    *, within_seconds: float = 3.0
) -> Callable[[Callable[P, T]], Callable[P, T]]:
    """Run the decorated write again while the database is locked, for up to
    ``within_seconds``; then raise ``DatabaseBusyError``."""

    def decorate(func: Callable[P, T]) -> Callable[P, T]:
        retrying = retry(
            retry=retry_if_exception(_is_locked),
            stop=stop_after_delay(within_seconds),
            wait=wait_exponential_jitter(multiplier=0.05, max=0.5),
        )(func)

        @functools.wraps(func)
        def wrapper(*args: P.args, **kwargs: P.kwargs) -> T:
            try:
                return retrying(*args, **kwargs)
            except RetryError as exc:
                log.warning("database still locked after %.1f s: %s gave up",
                            within_seconds, func.__qualname__)
                raise DatabaseBusyError() from exc

        return wrapper

    return decorate
