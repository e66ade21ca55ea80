"""Referrals and introductions, with their history.

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

from refcli.models import UTCDateTime

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "referral",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("direction", sa.String, nullable=False),
        sa.Column("partner_id", sa.Integer, sa.ForeignKey("contact.id", ondelete="CASCADE"), nullable=False),
        sa.Column("prospect_id", sa.Integer, sa.ForeignKey("contact.id", ondelete="SET NULL")),
        sa.Column("prospect_name", sa.String),
        sa.Column("is_introduction", sa.Boolean, nullable=False),
        sa.Column("mutual", sa.Boolean, nullable=False),
        sa.Column("reason", sa.String),
        sa.Column("temperature", sa.String),
        sa.Column("made_on", sa.Date, nullable=False),
        sa.Column("status", sa.String, nullable=False),
        sa.Column("status_on", sa.Date),
        sa.Column("value", sa.Integer),
        sa.Column("currency", sa.String, nullable=False),
        sa.Column("repeat", sa.Boolean, nullable=False),
        sa.Column("lost_reason", sa.String),
        sa.Column("treated", sa.Integer),
        sa.Column("partner_reported_on", sa.Date),
        sa.Column("prospect_reported_on", sa.Date),
        sa.Column("follow_up_on", sa.Date),
        sa.Column("thanked_on", sa.Date),
        sa.Column("thanked_how", sa.String),
        sa.Column("created_at", UTCDateTime, nullable=False),
    )
    op.create_index("ix_referral_partner_id", "referral", ["partner_id"])
    op.create_index("ix_referral_prospect_id", "referral", ["prospect_id"])
    op.create_index("ix_referral_partner_direction_made", "referral", ["partner_id", "direction", "made_on"])
    op.create_index("ix_referral_direction_status", "referral", ["direction", "status"])
    op.create_index("ix_referral_made_on", "referral", ["made_on"])

    op.create_table(
        "referral_event",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("referral_id", sa.Integer, sa.ForeignKey("referral.id", ondelete="CASCADE"), nullable=False),
        sa.Column("happened_on", sa.Date, nullable=False),
        sa.Column("kind", sa.String, nullable=False),
        sa.Column("detail", sa.String, nullable=False),
        sa.Column("created_at", UTCDateTime, nullable=False),
    )
    op.create_index("ix_referral_event_referral_id", "referral_event", ["referral_id"])
