"""Covering indexes for the all-day reports (balance, followups), measured at 10k/100k contacts.

Revision ID: 0005
Revises: 0004
"""

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

BALANCE = ["partner_id", "made_on", "direction", "status", "currency", "value", "thanked_on"]


def upgrade() -> None:
    op.create_index("ix_referral_balance", "referral", BALANCE)
    op.create_index("ix_referral_unthanked", "referral", ["direction", "thanked_on", "made_on"])
    op.create_index("ix_referral_mutual", "referral", ["mutual", "prospect_id", *BALANCE[1:]])
