"""The one SQL database (SQLite by default, PostgreSQL by URL) and its migrations."""

from assistant.database.base import Base
from assistant.database.engine import create_db_engine, is_reachable
from assistant.database.migrate import upgrade_to_head
from assistant.database.retry import DatabaseBusyError, retry_when_locked
from assistant.database.setup_lock import setup_lock

__all__ = [
    "Base", "DatabaseBusyError", "create_db_engine", "is_reachable", "retry_when_locked",
    "setup_lock", "upgrade_to_head",
]
