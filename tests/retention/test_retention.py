"""Retention on a real database: old conversations, lookup audit rows and Rasa tracker
events go, recent ones stay; `assistant retention run` does the same."""

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from assistant.cli import app
from assistant.conversations.models import ConversationQuery, RecordedTurn
from assistant.conversations.service import ConversationService
from assistant.database import create_db_engine, upgrade_to_head
from assistant.dossiers.tables import DossierLookupRow
from assistant.retention.service import RetentionService
from assistant.retention.settings import RetentionSettings

NOW = datetime(2026, 6, 1, tzinfo=UTC)


def _tracker(path: Path, events: list[tuple[str, datetime]]) -> None:
    """A tracker store with the columns of Rasa's SQLTrackerStore ``events`` table."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE IF NOT EXISTS events (id INTEGER PRIMARY KEY, sender_id "
                   "VARCHAR(255) NOT NULL, type_name VARCHAR(255) NOT NULL, timestamp FLOAT, "
                   "intent_name VARCHAR(255), action_name VARCHAR(255), data TEXT)")
        db.executemany("INSERT INTO events (sender_id, type_name, timestamp) VALUES (?, ?, ?)",
                       [(sender, "user", at.timestamp()) for sender, at in events])


def _seed(engine: Engine, tracker: Path, *, now: datetime) -> None:
    for sender, age in (("old", 120), ("recent", 5)):
        at = now - timedelta(days=age)
        ConversationService(engine, low_rating_max=2, now=lambda at=at: at).record(
            RecordedTurn(channel="api", sender_id=sender, language="vi", user_text="xin chào"))
    with Session(engine) as db, db.begin():
        for age in (400, 10):
            db.add(DossierLookupRow(at=now - timedelta(days=age), channel="api", outcome="found",
                                    has_second_factor=False))
    # "ongoing" started long ago but spoke yesterday: it keeps its whole history.
    _tracker(tracker, [
        ("old", now - timedelta(days=100)), ("old", now - timedelta(days=99)),
        ("ongoing", now - timedelta(days=200)), ("ongoing", now - timedelta(days=1)),
    ])


@pytest.fixture
def engine(tmp_path: Path) -> Engine:
    engine = create_db_engine(f"sqlite:///{tmp_path / 'assistant.db'}")
    upgrade_to_head(engine)
    return engine


def test_one_pass_deletes_only_what_is_too_old(engine: Engine, tmp_path: Path) -> None:
    tracker = tmp_path / "rasa" / "tracker.db"
    _seed(engine, tracker, now=NOW)
    conversations = ConversationService(engine, low_rating_max=2)
    service = RetentionService(engine, RetentionSettings(), conversations=conversations,
                               tracker_db=tracker, now=lambda: NOW)
    report = service.run()
    assert (report.conversations, report.lookup_audit_rows, report.tracker_events) == (1, 1, 2)
    assert [c.sender_id for c in conversations.search(ConversationQuery()).items] == ["recent"]
    with Session(engine) as db:
        assert db.scalar(select(func.count()).select_from(DossierLookupRow)) == 1
    with sqlite3.connect(tracker) as db:
        assert db.execute("SELECT DISTINCT sender_id FROM events").fetchall() == [("ongoing",)]
    assert service.run() == type(report)(0, 0, 0)  # idempotent


def test_a_missing_tracker_store_is_not_an_error(engine: Engine, tmp_path: Path) -> None:
    service = RetentionService(
        engine, RetentionSettings(), conversations=ConversationService(engine, low_rating_max=2),
        tracker_db=tmp_path / "none.db", now=lambda: NOW)
    assert service.run().tracker_events == 0


def test_cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, engine: Engine) -> None:
    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("ASSISTANT_RETENTION__CONVERSATION_DAYS", "30")
    _seed(engine, tmp_path / "rasa" / "tracker.db", now=datetime.now(UTC))
    result = CliRunner().invoke(app, ["retention", "run"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "conversations: 1", "lookup audit rows: 1", "tracker events: 2"]
