"""Keeping in touch: a rhythm per person (contact.cadence_days) and per tag (tag_cadence), light
touches that are not one-on-ones (touch), and birthdays and anniversaries for people and their
family (YYYY-MM-DD, or --MM-DD when the year is unknown); and a stable identity for each contact
outside ref (contact.uid, the vCard UID), given to existing contacts here. Adding columns changes the rows the
journal's triggers record, so they are installed again from the new schema.

Revision ID: 0011
Revises: 0010
"""

import uuid

import sqlalchemy as sa
from alembic import op

from refcli.models import UTCDateTime

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    from refcli.store import journal

    op.add_column("contact", sa.Column("uid", sa.String))
    conn = op.get_bind()
    ids = [row[0] for row in conn.execute(sa.text("SELECT id FROM contact ORDER BY id"))]
    update = sa.text("UPDATE contact SET uid = :uid WHERE id = :id")
    for start in range(0, len(ids), 1000):
        conn.execute(update, [{"id": i, "uid": f"urn:uuid:{uuid.uuid4()}"} for i in ids[start : start + 1000]])
    op.create_index("ix_contact_uid", "contact", ["uid"], unique=True)
    op.add_column("contact", sa.Column("cadence_days", sa.Integer))
    op.add_column("contact", sa.Column("birthday", sa.String))
    op.add_column("contact", sa.Column("anniversary", sa.String))
    op.create_index("ix_contact_cadence_days", "contact", ["cadence_days"])
    op.add_column("family_member", sa.Column("birthday", sa.String))
    op.add_column("family_member", sa.Column("anniversary", sa.String))
    op.create_table(
        "touch",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("contact_id", sa.Integer, sa.ForeignKey("contact.id", ondelete="CASCADE"), nullable=False),
        sa.Column("day", sa.Date, nullable=False),
        sa.Column("via", sa.String, nullable=False),
        sa.Column("note", sa.String),
        sa.Column("created_at", UTCDateTime, nullable=False),
    )
    op.create_index("ix_touch_contact_id", "touch", ["contact_id"])
    op.create_index("ix_touch_contact_day", "touch", ["contact_id", "day"])
    op.create_table(
        "tag_cadence",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("tag", sa.String, nullable=False, unique=True),
        sa.Column("days", sa.Integer, nullable=False),
    )
    journal.install_triggers(op.get_bind())
