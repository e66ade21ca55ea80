"""`ref search`: a full-text index over everything written about people. It is derived data:
this migration only makes the table; every upgrade ends by rebuilding the index from the data
with the code of that version (store/search_index.py).

Revision ID: 0010
Revises: 0009
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    conn = op.get_bind()
    if conn.dialect.name == "postgresql":
        op.execute(
            "CREATE TABLE search_index (id bigint PRIMARY KEY, source smallint NOT NULL, row_id integer NOT NULL, "
            "contact_id integer, day date, shown text NOT NULL, words text NOT NULL, "
            "doc tsvector GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, words)) STORED)"
        )
        op.execute("CREATE INDEX ix_search_index_doc ON search_index USING gin (doc)")
        op.execute("CREATE INDEX ix_search_index_contact ON search_index (contact_id)")
        return
    conn.execute(
        sa.text(
            "CREATE VIRTUAL TABLE search_index USING fts5(words, source UNINDEXED, row_id UNINDEXED, "
            "contact_id UNINDEXED, day UNINDEXED, shown UNINDEXED, tokenize = 'unicode61 remove_diacritics 2')"
        )
    )


def downgrade() -> None:
    op.execute("DROP TABLE IF EXISTS search_index")
