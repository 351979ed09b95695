"""Schema migrations with Alembic, run at start-up so every database is at head."""

import logging
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

__all__ = ["alembic_config", "upgrade_to_head"]

log = logging.getLogger(__name__)

_MIGRATIONS = Path(__file__).parent / "migrations"


def alembic_config(url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(_MIGRATIONS))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def upgrade_to_head(engine: Engine) -> Path | None:
    """Apply every pending migration on ``engine``'s database (idempotent). A SQLite
    file with data is copied first, next to it; the copy's path is returned."""
    config = alembic_config(engine.url.render_as_string(hide_password=False))
    backup = _backup_before_upgrade(engine, config)
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
    return backup


def _backup_before_upgrade(engine: Engine, config: Config) -> Path | None:
    """SQLite only (PostgreSQL is backed up by its operator's tools): a consistent copy
    through SQLite's backup API (WAL included) when a migration is pending."""
    database = engine.url.database
    if engine.url.get_backend_name() != "sqlite" or not database or database == ":memory:":
        return None
    path = Path(database)
    if not path.exists() or path.stat().st_size == 0:
        return None
    head = ScriptDirectory.from_config(config).get_current_head()
    with engine.connect() as connection:
        current = MigrationContext.configure(connection).get_current_revision()
    if current is None or current == head:
        return None  # a new database has nothing to lose; an up-to-date one no upgrade
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = path.with_name(f"{path.name}.{stamp}.{current}.bak")
    with sqlite3.connect(path) as source, sqlite3.connect(target) as copy:
        source.backup(copy)
    source.close()
    copy.close()
    log.info("database copied to %s before migrating from %s to %s", target, current, head)
    return target
