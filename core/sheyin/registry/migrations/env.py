"""Alembic environment: runs on the connection the registry hands over (no alembic.ini)."""

from __future__ import annotations

from alembic import context

from sheyin.registry.tables import metadata

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=metadata,
    # SQLite cannot ALTER most things: batch mode recreates tables instead.
    render_as_batch=connection.dialect.name == "sqlite",
)
with context.begin_transaction():
    context.run_migrations()
