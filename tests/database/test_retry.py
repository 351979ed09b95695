"""Writes while another process holds SQLite's write lock: waited out when brief, a clear
503 error when not, and never a half-written record."""

import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from assistant.database import DatabaseBusyError, create_db_engine, upgrade_to_head
from assistant.feedback.models import FeedbackContext, FeedbackDraft
from assistant.feedback.store import FeedbackStore
from assistant.feedback.tables import FeedbackRow

_CONTEXT = FeedbackContext(conversation="c-1", channel="api")


@pytest.fixture
def database(tmp_path: Path) -> Iterator[tuple[Path, Engine]]:
    path = tmp_path / "app.db"
    engine = create_db_engine(f"sqlite:///{path}", busy_timeout_ms=50)
    upgrade_to_head(engine)
    yield path, engine
    engine.dispose()


@contextmanager
def locked(path: Path, seconds: float) -> Iterator[None]:
    """Another connection (another process, as far as SQLite knows) holds the write
    lock for ``seconds``."""
    has_lock = threading.Event()

    def hold() -> None:
        connection = sqlite3.connect(path, isolation_level=None)
        connection.execute("BEGIN EXCLUSIVE")
        has_lock.set()
        time.sleep(seconds)
        connection.execute("ROLLBACK")
        connection.close()

    thread = threading.Thread(target=hold)
    thread.start()
    has_lock.wait(5)
    try:
        yield
    finally:
        thread.join()


def _rows(engine: Engine) -> int:
    with Session(engine) as session:
        return int(session.scalar(select(func.count()).select_from(FeedbackRow)) or 0)


def test_a_briefly_locked_database_is_waited_out(database: tuple[Path, Engine]) -> None:
    path, engine = database
    store = FeedbackStore(engine, salt="s")
    with locked(path, 0.4):
        started = time.monotonic()
        feedback_id = store.create(_CONTEXT, FeedbackDraft(rating=5), status="complete")
        assert time.monotonic() - started >= 0.3  # it did wait for the other writer
    assert store.get(feedback_id) is not None and _rows(engine) == 1


def test_a_database_locked_too_long_gives_a_clear_error_and_no_row(
    database: tuple[Path, Engine],
) -> None:
    path, engine = database
    store = FeedbackStore(engine, salt="s")
    with locked(path, 4.0), pytest.raises(DatabaseBusyError) as raised:
        store.create(_CONTEXT, FeedbackDraft(rating=5, comment="Tốt"), status="complete")
    assert raised.value.status == 503
    assert "thử lại" in raised.value.message("vi") and "try again" in raised.value.message("en")
    assert _rows(engine) == 0
