"""Per-person summaries (`person_summary`) behind `ref followups` and `ref cadence`: derived data,
like the search index. This migration only makes the table; every upgrade ends by rebuilding it
from the data with the code of that version (store/summaries.py). Never journaled.

Revision ID: 0014
Revises: 0013
"""

from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # the table as 0014 made it (0016 makes it again, with more columns)
    op.execute(
        """
CREATE TABLE person_summary (
  contact_id integer PRIMARY KEY, last_contact text,
  p_given integer, p_won integer, p_first text, p_last_given text, p_last_received text,
  m_given integer, m_won integer, m_first text, m_last text,
  talked_on text, latest_day text NOT NULL
)
"""
    )
    op.execute("CREATE INDEX ix_person_summary_latest ON person_summary (latest_day)")


def downgrade() -> None:
    op.execute("DROP TABLE IF EXISTS person_summary")
