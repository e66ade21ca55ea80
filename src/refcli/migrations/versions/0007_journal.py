"""The change journal: every write filed as one entry with each row's values before and after,
recorded by triggers on every table (see refcli/store/journal.py), for `ref log` and `ref undo`.

Revision ID: 0007
Revises: 0006
"""

import sqlalchemy as sa
from alembic import op

from refcli.models import UTCDateTime
from refcli.store import journal

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "journal",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("at", UTCDateTime, nullable=False),
        sa.Column("command", sa.String(), nullable=False),
        sa.Column("is_open", sa.Boolean(), nullable=False),
        sa.Column("undoes_id", sa.Integer(), sa.ForeignKey("journal.id"), nullable=True),
    )
    op.create_index("ix_journal_undoes_id", "journal", ["undoes_id"])
    op.create_table(
        "journal_row",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("entry_id", sa.Integer(), sa.ForeignKey("journal.id", ondelete="CASCADE"), nullable=False),
        sa.Column("table_name", sa.String(), nullable=False),
        sa.Column("op", sa.String(), nullable=False),
        sa.Column("row_key", sa.String(), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=True),
        sa.Column("before", sa.String(), nullable=True),
        sa.Column("after", sa.String(), nullable=True),
    )
    op.create_index("ix_journal_row_entry", "journal_row", ["entry_id", "id"])
    op.create_index("ix_journal_row_key", "journal_row", ["table_name", "row_key", "entry_id"])
    op.create_index("ix_journal_row_contact", "journal_row", ["contact_id", "entry_id"])
    journal.install_triggers(op.get_bind())
