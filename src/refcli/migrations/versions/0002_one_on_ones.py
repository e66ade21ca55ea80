"""One-on-ones and what you know about a person: meetings, family, goals, traits,
who knows whom, and your answers to the 14 depth points.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

from refcli.models import UTCDateTime

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def _contact(name: str = "contact_id") -> sa.Column:
    return sa.Column(name, sa.Integer, sa.ForeignKey("contact.id", ondelete="CASCADE"), nullable=False)


def upgrade() -> None:
    op.create_table(
        "meeting",
        sa.Column("id", sa.Integer, primary_key=True),
        _contact(),
        sa.Column("day", sa.Date, nullable=False),
        sa.Column("status", sa.String, nullable=False),
        sa.Column("kind", sa.String, nullable=False),
        sa.Column("place", sa.String),
        sa.Column("notes", sa.String),
        sa.Column("learned", sa.String),
        sa.Column("they_asked", sa.Boolean),
        sa.Column("i_asked", sa.Boolean),
        sa.Column("created_at", UTCDateTime, nullable=False),
    )
    op.create_index("ix_meeting_contact_id", "meeting", ["contact_id"])
    op.create_index("ix_meeting_contact_status_day", "meeting", ["contact_id", "status", "day"])
    op.create_index("ix_meeting_status_day", "meeting", ["status", "day"])

    op.create_table(
        "family_member",
        sa.Column("id", sa.Integer, primary_key=True),
        _contact(),
        sa.Column("name", sa.String, nullable=False),
        sa.Column("name_key", sa.String, nullable=False),
        sa.Column("relation", sa.String),
        sa.Column("met", sa.Boolean, nullable=False),
        sa.UniqueConstraint("contact_id", "name_key"),
    )
    op.create_index("ix_family_member_contact_id", "family_member", ["contact_id"])

    op.create_table(
        "goal",
        sa.Column("id", sa.Integer, primary_key=True),
        _contact(),
        sa.Column("year", sa.Integer, nullable=False),
        sa.Column("kind", sa.String, nullable=False),
        sa.Column("text", sa.String, nullable=False),
        sa.Column("achieved_on", sa.Date),
        sa.Column("created_at", UTCDateTime, nullable=False),
    )
    op.create_index("ix_goal_contact_id", "goal", ["contact_id"])
    op.create_index("ix_goal_contact_year", "goal", ["contact_id", "year"])

    op.create_table(
        "trait",
        sa.Column("id", sa.Integer, primary_key=True),
        _contact(),
        sa.Column("kind", sa.String, nullable=False),
        sa.Column("text", sa.String, nullable=False),
        sa.Column("created_at", UTCDateTime, nullable=False),
    )
    op.create_index("ix_trait_contact_id", "trait", ["contact_id"])

    op.create_table(
        "acquaintance",
        sa.Column("id", sa.Integer, primary_key=True),
        _contact(),
        _contact("other_id"),
        sa.Column("note", sa.String),
        sa.Column("created_at", UTCDateTime, nullable=False),
        sa.UniqueConstraint("contact_id", "other_id"),
    )
    op.create_index("ix_acquaintance_contact_id", "acquaintance", ["contact_id"])
    op.create_index("ix_acquaintance_other_id", "acquaintance", ["other_id"])

    op.create_table(
        "depth_answer",
        sa.Column("id", sa.Integer, primary_key=True),
        _contact(),
        sa.Column("item", sa.Integer, nullable=False),
        sa.Column("answer", sa.Boolean, nullable=False),
        sa.Column("answered_on", sa.Date, nullable=False),
        sa.UniqueConstraint("contact_id", "item"),
    )
    op.create_index("ix_depth_answer_contact_id", "depth_answer", ["contact_id"])
