"""Meeting someone (`--met-on`) and a report back on a referral (`ref heard`, from either party)
count as being in touch: a rhythm restarts from them, as from a touch or a one-on-one. The
per-person summaries are derived from a new definition, so this upgrade rebuilds them (every
upgrade does); the indexes let the report-back branch read only the people it is asked about.

Revision ID: 0019
Revises: 0018
"""

from alembic import op

revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_referral_partner_reported", "referral", ["partner_id", "partner_reported_on"])
    op.create_index("ix_referral_prospect_reported", "referral", ["prospect_id", "prospect_reported_on"])
