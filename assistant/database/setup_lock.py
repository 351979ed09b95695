"""One process at a time sets a database up (migrations, demo data): several gateway
workers or replicas start together and would otherwise create the same tables or load
the same rows twice."""

import contextlib
import fcntl
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy import Engine, text

__all__ = ["setup_lock"]

# Any constant works; it only has to be the same in every process of the deployment.
_ADVISORY_KEY = 0x61737369  # "assi"


@contextlib.contextmanager
def setup_lock(engine: Engine) -> Iterator[None]:
    """Hold the deployment-wide set-up lock of ``engine``'s database: a PostgreSQL
    advisory lock, or a lock file beside a SQLite file."""
    backend = engine.url.get_backend_name()
    if backend == "postgresql":
        with engine.connect() as connection:
            connection.execute(text("SELECT pg_advisory_lock(:key)"), {"key": _ADVISORY_KEY})
            connection.commit()
            try:
                yield
            finally:
                connection.execute(
                    text("SELECT pg_advisory_unlock(:key)"), {"key": _ADVISORY_KEY}
                )
                connection.commit()
        return
    database = engine.url.database
    if backend != "sqlite" or not database or database == ":memory:":
        yield
        return
    lock_path = Path(f"{database}.setup-lock")
    with lock_path.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
