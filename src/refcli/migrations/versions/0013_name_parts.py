"""A name's parts (family, given, additional, prefix, suffix) as a card's N held them or the
user gave them, so an export writes them back instead of guessing them from the whole name.
The journal's triggers are installed again to record the new column.

Revision ID: 0013
Revises: 0012
"""

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    from refcli.store import journal

    op.add_column("contact", sa.Column("name_parts", sa.String))
    journal.install_triggers(op.get_bind())
