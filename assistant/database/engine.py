"""The SQL database shared by every capability (SQLite by default, PostgreSQL by URL)."""

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url

__all__ = ["create_db_engine", "is_reachable"]


def create_db_engine(url: str, *, busy_timeout_ms: int = 2000) -> Engine:
    """An engine for ``url``; creates the folder of a SQLite file and turns on WAL so
    readers don't block the writer; a SQLite writer waits ``busy_timeout_ms`` for the
    lock before writes are retried (``retry_when_locked``). A plain ``postgresql://``
    URL uses psycopg 3 (the driver the gateway installs)."""
    parsed = make_url(url)
    if parsed.drivername == "postgresql":
        url = parsed.set(drivername="postgresql+psycopg")  # type: ignore[assignment]
    is_sqlite = parsed.get_backend_name() == "sqlite"
    if is_sqlite and parsed.database and parsed.database != ":memory:":
        from pathlib import Path

        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, pool_pre_ping=True)
    if is_sqlite:

        @event.listens_for(engine, "connect")
        def _pragmas(dbapi_connection, _record):
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute(f"PRAGMA busy_timeout={int(busy_timeout_ms)}")
            cursor.close()

    return engine


def is_reachable(engine: Engine) -> bool:
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except Exception:
        return False
    return True
