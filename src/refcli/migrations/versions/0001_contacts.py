"""The first schema: contacts and what is known about them (channels, offerings, tags, notes).

Frozen: later changes go in new revisions, never here.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

from refcli.models import UTCDateTime

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def _owner() -> sa.Column:
    return sa.Column("contact_id", sa.Integer, sa.ForeignKey("contact.id", ondelete="CASCADE"), nullable=False)


def upgrade() -> None:
    op.create_table(
        "contact",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("handle", sa.String(64), nullable=False, unique=True),
        sa.Column("name", sa.String, nullable=False),
        sa.Column("name_key", sa.String, nullable=False),
        sa.Column("name_fold", sa.String, nullable=False),
        sa.Column("search_fold", sa.String, nullable=False),
        sa.Column("company", sa.String),
        sa.Column("title", sa.String),
        sa.Column("business", sa.String),
        sa.Column("ideal_referral", sa.String),
        sa.Column("met_on", sa.Date),
        sa.Column("met_at", sa.String),
        sa.Column("introduced_by_id", sa.Integer, sa.ForeignKey("contact.id", ondelete="SET NULL")),
        sa.Column("trust", sa.Integer),
        sa.Column("archived_at", UTCDateTime),
        sa.Column("created_at", UTCDateTime, nullable=False),
        sa.Column("updated_at", UTCDateTime, nullable=False),
    )
    op.create_index("ix_contact_name_key", "contact", ["name_key"])
    op.create_index("ix_contact_name_fold", "contact", ["name_fold"])
    op.create_index("ix_contact_introduced_by_id", "contact", ["introduced_by_id"])

    op.create_table(
        "channel",
        sa.Column("id", sa.Integer, primary_key=True),
        _owner(),
        sa.Column("kind", sa.String, nullable=False),
        sa.Column("label", sa.String),
        sa.Column("value", sa.String, nullable=False),
        sa.Column("value_key", sa.String, nullable=False),
    )
    op.create_index("ix_channel_contact_id", "channel", ["contact_id"])
    op.create_index("ix_channel_kind_key", "channel", ["kind", "value_key"])

    op.create_table(
        "offering",
        sa.Column("id", sa.Integer, primary_key=True),
        _owner(),
        sa.Column("text", sa.String, nullable=False),
        sa.Column("text_key", sa.String, nullable=False),
        sa.UniqueConstraint("contact_id", "text_key"),
    )
    op.create_index("ix_offering_contact_id", "offering", ["contact_id"])

    op.create_table(
        "tag",
        sa.Column("id", sa.Integer, primary_key=True),
        _owner(),
        sa.Column("name", sa.String, nullable=False),
        sa.UniqueConstraint("contact_id", "name"),
    )
    op.create_index("ix_tag_contact_id", "tag", ["contact_id"])
    op.create_index("ix_tag_name", "tag", ["name"])

    op.create_table(
        "note",
        sa.Column("id", sa.Integer, primary_key=True),
        _owner(),
        sa.Column("noted_on", sa.Date, nullable=False),
        sa.Column("text", sa.String, nullable=False),
        sa.Column("created_at", UTCDateTime, nullable=False),
    )
    op.create_index("ix_note_contact_id", "note", ["contact_id"])
    op.create_index("ix_note_noted_on", "note", ["noted_on"])
