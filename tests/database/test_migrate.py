from pathlib import Path

from sqlalchemy import inspect

from assistant.database import create_db_engine, is_reachable, upgrade_to_head


def test_upgrade_creates_every_table_and_is_idempotent(tmp_path: Path) -> None:
    engine = create_db_engine(f"sqlite:///{tmp_path / 'nested' / 'app.db'}")
    upgrade_to_head(engine)
    upgrade_to_head(engine)
    tables = set(inspect(engine).get_table_names())
    assert {"alembic_version", "channel_deliveries", "channel_outbox"} <= tables
    assert is_reachable(engine)
    engine.dispose()


def test_unreachable_database_is_reported(tmp_path: Path) -> None:
    engine = create_db_engine(f"sqlite:///{tmp_path}")  # a folder is no database file
    assert not is_reachable(engine)
    engine.dispose()
