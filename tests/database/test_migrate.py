import sqlite3
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


def test_an_old_sqlite_database_is_copied_before_it_is_migrated(tmp_path: Path) -> None:
    path = tmp_path / "app.db"
    engine = create_db_engine(f"sqlite:///{path}")
    assert upgrade_to_head(engine) is None  # a new database: nothing to keep
    with engine.begin() as connection:
        connection.exec_driver_sql("UPDATE alembic_version SET version_num = '0003'")
        connection.exec_driver_sql("DROP TABLE answer_feedback")
        connection.exec_driver_sql("DROP TABLE feedback")
    backup = upgrade_to_head(engine)
    engine.dispose()
    assert backup is not None and backup.parent == tmp_path and "0003" in backup.name
    with sqlite3.connect(backup) as copy:
        assert copy.execute("SELECT version_num FROM alembic_version").fetchone() == ("0003",)
    copy.close()
    assert upgrade_to_head(create_db_engine(f"sqlite:///{path}")) is None  # at head now
