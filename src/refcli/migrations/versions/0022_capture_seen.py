"""What `ref capture` last read of each source (`capture_seen`: a hash of what it held, the
options and the people's last change), so that capturing an unchanged source again reads nothing
(capture/seen.py). The journal's triggers are installed again for the new table.

Revision ID: 0022
Revises: 0021
"""

import sqlalchemy as sa
from alembic import op

from refcli.models import UTCDateTime

revision = "0022"
down_revision = "0021"
branch_labels = None
depends_on = None


def upgrade() -> None:
    from refcli.store import journal

    op.create_table(
        "capture_seen",
        sa.Column("source", sa.String(), primary_key=True),
        sa.Column("print", sa.String(), nullable=False),
        sa.Column("items", sa.Integer(), nullable=False),
        sa.Column("captured_at", UTCDateTime(), nullable=False),
    )
    journal.install_triggers(op.get_bind())
