"""The one SQL database (SQLite by default, PostgreSQL by URL) and its migrations."""

from assistant.database.base import Base
from assistant.database.engine import create_db_engine, is_reachable
from assistant.database.migrate import upgrade_to_head
from assistant.database.setup_lock import setup_lock

__all__ = ["Base", "create_db_engine", "is_reachable", "setup_lock", "upgrade_to_head"]
