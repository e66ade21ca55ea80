"""Touches captured from your mail, calendar and phone (`ref capture`): where each came from
(`source`: mail, calendar, calls, messages), which message, event or call it was (`source_key`:
a Message-ID, an event's UID and day, a call's time and number), and its direction (`in` or
`out`, when the source says). One touch per person per source item (a unique index), so
capturing the same mail again adds nothing. Typed touches leave all three empty. Adding columns
changes the rows the journal's triggers record, so they are installed again.

Revision ID: 0018
Revises: 0017
"""

import sqlalchemy as sa
from alembic import op

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None


def upgrade() -> None:
    from refcli.store import journal

    op.add_column("touch", sa.Column("source", sa.String))
    op.add_column("touch", sa.Column("source_key", sa.String))
    op.add_column("touch", sa.Column("direction", sa.String))
    op.create_index("ix_touch_source_key", "touch", ["contact_id", "source_key"], unique=True)
    journal.install_triggers(op.get_bind())
