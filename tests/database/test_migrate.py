import sqlite3
import threading
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import Engine, inspect

from assistant.database import create_db_engine, is_reachable, setup_lock, upgrade_to_head
from assistant.database.migrate import alembic_config


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
    config = alembic_config(engine.url.render_as_string(hide_password=False))
    with engine.begin() as connection:  # a database left at 0003 by an older release
        config.attributes["connection"] = connection
        command.downgrade(config, "0003")
    backup = upgrade_to_head(engine)
    engine.dispose()
    assert backup is not None and backup.parent == tmp_path and "0003" in backup.name
    with sqlite3.connect(backup) as copy:
        assert copy.execute("SELECT version_num FROM alembic_version").fetchone() == ("0003",)
    copy.close()
    assert upgrade_to_head(create_db_engine(f"sqlite:///{path}")) is None  # at head now


@pytest.mark.integration
def test_workers_starting_together_migrate_postgresql_once(postgres_url: str) -> None:
    from tests.support.servers import create_database

    url = create_database(postgres_url, "migrate_together")
    engines = [create_db_engine(url) for _ in range(3)]
    errors: list[BaseException] = []

    def start(engine: Engine) -> None:
        try:
            with setup_lock(engine):
                upgrade_to_head(engine)
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=start, args=(engine,)) for engine in engines]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    tables = set(inspect(engines[0]).get_table_names())
    assert {"alembic_version", "channel_outbox", "dossiers", "feedback"} <= tables
    for engine in engines:
        engine.dispose()
