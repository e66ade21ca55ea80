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
    from refcli.store.writer import Writer


@dataclass
class Pruned:
    before: date
    entries: int
    rows: int

    def as_json(self) -> dict[str, Any]:
        return {"before": self.before.isoformat(), "entries": self.entries, "rows": self.rows}


# The closed entries made before the cut: the one definition every statement of a prune uses.
_OLD = "SELECT id FROM journal WHERE at < :cut AND is_open = :no"


def prune(writer: Writer, before: date) -> Pruned:
    """Remove every closed entry made before `before` (midnight UTC), in this write."""
    params = {"cut": datetime.combine(before, time(), tzinfo=UTC), "no": False}
    entries = writer.scalar(f"SELECT count(*) FROM ({_OLD}) AS old", params)
    rows = writer.scalar(f"SELECT count(*) FROM journal_row WHERE entry_id IN ({_OLD})", params)
    # A kept entry that undid a pruned one keeps its rows; only the link to the pruned entry goes.
    writer.execute(f"UPDATE journal SET undoes_id = NULL WHERE undoes_id IN ({_OLD})", params)
    writer.execute(f"DELETE FROM journal_row WHERE entry_id IN ({_OLD})", params)
    writer.execute("DELETE FROM journal WHERE at < :cut AND is_open = :no", params)
    return Pruned(before, int(entries or 0), int(rows or 0))
