"""Keeping the journal from growing without bound: `ref log --prune BEFORE` removes the entries
(and the row images they hold) of changes made before a day. What is pruned can no longer be
undone, and `ref undo` says so; everything else in the database is untouched. The journal never
holds a secret to begin with: the command line is stored with any database password masked
(`journal.command`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlmodel import Session


@dataclass
class Pruned:
    before: date
    entries: int
    rows: int

    def as_json(self) -> dict[str, Any]:
        return {"before": self.before.isoformat(), "entries": self.entries, "rows": self.rows}


def prune(session: Session, before: date) -> Pruned:
    """Remove every closed entry made before `before` (midnight UTC), in this write."""
    from sqlalchemy import delete, func, select, update
    from sqlmodel import col

    from refcli.models import Journal, JournalRow

    cut = datetime.combine(before, time(), tzinfo=UTC)
    old = select(col(Journal.id)).where(col(Journal.at) < cut, col(Journal.is_open).is_(False))
    entries = session.execute(select(func.count()).select_from(old.subquery())).scalar_one()
    rows = session.execute(select(func.count(col(JournalRow.id))).where(col(JournalRow.entry_id).in_(old))).scalar_one()
    # A kept entry that undid a pruned one keeps its rows; only the link to the pruned entry goes.
    session.execute(update(Journal).where(col(Journal.undoes_id).in_(old)).values(undoes_id=None))
    session.execute(delete(JournalRow).where(col(JournalRow.entry_id).in_(old)))
    session.execute(delete(Journal).where(col(Journal.at) < cut, col(Journal.is_open).is_(False)))
    return Pruned(before, int(entries), int(rows))
