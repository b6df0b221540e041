"""Alembic environment. `api.migrate.upgrade()` passes a live connection; the
alembic command line (alembic.ini at the repo root) connects from the settings."""
from __future__ import annotations

from alembic import context

from api.models import Base

config = context.config


def _run(connection) -> None:
    # Batch mode lets later migrations alter SQLite tables (copy-and-move).
    context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True,
                      compare_type=True)
    with context.begin_transaction():
        context.run_migrations()


connection = config.attributes.get("connection")
if connection is not None:
    _run(connection)
else:
    from api.config import Settings
    from api.db import Database

    settings = Settings()
    settings.ensure_dirs()
    database = Database(config.get_main_option("sqlalchemy.url") or settings.db_url())
    with database.engine.connect() as conn:
        _run(conn)
        conn.commit()
    database.dispose()
