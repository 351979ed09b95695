import threading
from pathlib import Path

import pytest
from sqlalchemy import Engine, inspect

from assistant.database import create_db_engine, is_reachable, setup_lock, upgrade_to_head


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
