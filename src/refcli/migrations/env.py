"""Alembic environment: ref passes its own connection (already inside BEGIN IMMEDIATE)."""

from alembic import context

from refcli.models import metadata

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
