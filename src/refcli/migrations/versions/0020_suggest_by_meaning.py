"""`ref suggest` by meaning (issue 34): a person's title is matched too (indexed like the other
texts suggest reads, migration 0017); pairs you said are no fit (`ref suggest --not A B`) are
kept so they are never suggested again; an introduction made from a suggestion says so
(`referral.suggested`), so `ref stats` can show what suggestions became. The journal's triggers
are installed again for the new table and column.

Revision ID: 0020
Revises: 0019
"""

import sqlalchemy as sa
from alembic import op

from refcli.models import UTCDateTime

revision = "0020"
down_revision = "0019"
branch_labels = None
depends_on = None


def upgrade() -> None:
    from refcli.store import journal

    op.create_index("ix_contact_title", "contact", ["title"], postgresql_using="hash")
    op.create_table(
        "not_a_fit",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("contact_id", sa.Integer(), sa.ForeignKey("contact.id", ondelete="CASCADE"), nullable=False),
        sa.Column("other_id", sa.Integer(), sa.ForeignKey("contact.id", ondelete="CASCADE"), nullable=False),
        sa.Column("noted_on", sa.Date(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.UniqueConstraint("contact_id", "other_id"),
    )
    op.create_index("ix_not_a_fit_contact_id", "not_a_fit", ["contact_id"])
    op.create_index("ix_not_a_fit_other_id", "not_a_fit", ["other_id"])
    op.add_column("referral", sa.Column("suggested", sa.Boolean(), nullable=False, server_default=sa.false()))
    journal.install_triggers(op.get_bind())
