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
    from refcli.store import summaries_sql

    op.execute(summaries_sql.TABLE_DDL)
    op.execute(summaries_sql.INDEX_DDL)


def downgrade() -> None:
    op.execute("DROP TABLE IF EXISTS person_summary")
