"""Address-book sync (`ref sync`): one row per card of a synced folder, linking it to the person
it is, with the fields both sides held at the last sync. And the index that finds, per person,
the last time they were introduced (a rhythm restarts from it).

Revision ID: 0012
Revises: 0011
"""

import sqlalchemy as sa
from alembic import op

from refcli.models import UTCDateTime

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    from refcli.store import journal

    op.create_table(
        "sync_card",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("contact_id", sa.Integer, sa.ForeignKey("contact.id", ondelete="SET NULL")),
        sa.Column("folder", sa.String, nullable=False),
        sa.Column("href", sa.String, nullable=False),
        sa.Column("etag", sa.String, nullable=False),
        sa.Column("base", sa.String, nullable=False),
        sa.Column("synced_at", UTCDateTime, nullable=False),
        sa.UniqueConstraint("folder", "href"),
    )
    op.create_index("ix_sync_card_contact_id", "sync_card", ["contact_id"])
    op.create_index("ix_referral_introduced", "referral", ["is_introduction", "prospect_id", "made_on"])
    journal.install_triggers(op.get_bind())
