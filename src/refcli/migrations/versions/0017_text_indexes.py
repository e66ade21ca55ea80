"""Indexes on the texts `ref suggest` matches: a business, an ideal referral, an offering, a goal,
a note. With them, suggest finds each distinct text without reading the rows that share it (on
SQLite, a walk of the index from one text to the next), and a text's people without reading
anyone else's; it no longer reads what everyone offers and needs. A server gets hash indexes:
an ordered index there refuses a text longer than about 2.7 kB, and a note can be longer.
Measured at 100k contacts / 1M referrals: `ref suggest` from 0.71 s to about 0.19 s.

Revision ID: 0017
Revises: 0016
"""

from alembic import op

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None

TEXTS = (
    ("contact", "business"),
    ("contact", "ideal_referral"),
    ("offering", "text"),
    ("goal", "text"),
    ("note", "text"),
)


def upgrade() -> None:
    for table, column in TEXTS:
        op.create_index(f"ix_{table}_{column}", table, [column], postgresql_using="hash")
