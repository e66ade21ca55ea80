"""Keeping track: settings, balance conversations, reminders and follow-up decisions.

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

from refcli.models import UTCDateTime

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "setting",
        sa.Column("key", sa.String, primary_key=True),
        sa.Column("value", sa.String, nullable=False),
    )
    op.create_table(
        "conversation",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("contact_id", sa.Integer, sa.ForeignKey("contact.id", ondelete="CASCADE"), nullable=False),
        sa.Column("talked_on", sa.Date, nullable=False),
        sa.Column("notes", sa.String),
        sa.Column("created_at", UTCDateTime, nullable=False),
    )
    op.create_index("ix_conversation_contact_id", "conversation", ["contact_id"])
    op.create_index("ix_conversation_contact_talked", "conversation", ["contact_id", "talked_on"])
    op.create_table(
        "reminder",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("contact_id", sa.Integer, sa.ForeignKey("contact.id", ondelete="CASCADE")),
        sa.Column("text", sa.String, nullable=False),
        sa.Column("due_on", sa.Date, nullable=False),
        sa.Column("done_on", sa.Date),
        sa.Column("created_at", UTCDateTime, nullable=False),
    )
    op.create_index("ix_reminder_contact_id", "reminder", ["contact_id"])
    op.create_index("ix_reminder_done_due", "reminder", ["done_on", "due_on"])
    op.create_table(
        "followup_state",
        sa.Column("key", sa.String, primary_key=True),
        sa.Column("done_on", sa.Date),
        sa.Column("snoozed_until", sa.Date),
        sa.Column("stamp", sa.String),
        sa.Column("notes", sa.String),
        sa.Column("updated_at", UTCDateTime, nullable=False),
    )
