"""Figures as of a day: a referral counts as won as of D only if its outcome was recorded on or
before D, so the outcome's date (status_on) joins the covering indexes the balance and the
follow-ups read; and every referral with an outcome has that date (older rows closed before
dates were kept take the day the referral was made).

Revision ID: 0008
Revises: 0007
"""

from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

BALANCE = ["partner_id", "made_on", "direction", "status", "status_on", "currency", "value", "thanked_on"]


def upgrade() -> None:
    op.execute("UPDATE referral SET status_on = made_on WHERE status <> 'open' AND status_on IS NULL")
    op.drop_index("ix_referral_balance", table_name="referral")
    op.drop_index("ix_referral_mutual", table_name="referral")
    op.create_index("ix_referral_balance", "referral", BALANCE)
    op.create_index("ix_referral_mutual", "referral", ["mutual", "prospect_id", *BALANCE[1:]])
