"""Names match without apostrophes: `obrien`, `o'brien` and `o’brien` all find Seán O'Brien. The
stored match keys (contact.name_fold and search_fold) are recomputed with the folding of this
version, written out here so the migration means the same thing whatever the code becomes.

Revision ID: 0009
Revises: 0008
"""

import unicodedata

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

TEXT_FIELDS = ("company", "title", "business", "ideal_referral", "met_at")
_TRANSLIT = str.maketrans(
    {"ß": "ss", "æ": "ae", "Æ": "AE", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ł": "l",
     "Ł": "L", "œ": "oe", "Œ": "OE", "þ": "th", "Þ": "Th", "ı": "i"}
)  # fmt: skip
_APOSTROPHES = str.maketrans("", "", "'\u2019\u2018\u02bc`\u00b4")
BATCH = 1000


def _fold(text: str) -> str:
    key = " ".join(unicodedata.normalize("NFC", text).split()).casefold()
    decomposed = unicodedata.normalize("NFKD", key.translate(_TRANSLIT))
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return unicodedata.normalize("NFC", stripped).translate(_APOSTROPHES)


def upgrade() -> None:
    conn = op.get_bind()
    columns = ", ".join(("id", "name", "handle", *TEXT_FIELDS))
    rows = conn.execute(sa.text(f"SELECT {columns} FROM contact ORDER BY id")).all()
    update = sa.text("UPDATE contact SET name_fold = :name_fold, search_fold = :search_fold WHERE id = :id")
    batch = []
    for row in rows:
        parts = [row.name, row.handle] + [getattr(row, f) or "" for f in TEXT_FIELDS]
        batch.append({"id": row.id, "name_fold": _fold(row.name), "search_fold": _fold(" ".join(parts))})
        if len(batch) >= BATCH:
            conn.execute(update, batch)
            batch = []
    if batch:
        conn.execute(update, batch)
