"""Alembic environment: runs on the connection ``upgrade_to_head`` hands over, or on
the URL of the config (``alembic`` CLI / autogenerate)."""

from alembic import context
from sqlalchemy import engine_from_config, pool

from assistant.database.base import Base
from assistant.database.tables import import_all_tables

import_all_tables()
target_metadata = Base.metadata
config = context.config


def _run(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,  # SQLite cannot ALTER most things in place
    )
    with context.begin_transaction():
        context.run_migrations()


connection = config.attributes.get("connection")
if connection is not None:
    _run(connection)
else:
    engine = engine_from_config(
        config.get_section(config.config_ini_section) or {},
        prefix="sqlalchemy.",
        poolclass=pool.NullPool,
    )
    with engine.connect() as fresh:
        _run(fresh)
