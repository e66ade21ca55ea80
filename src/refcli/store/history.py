"""Reading the journal for `ref log`: entries newest first, each described in words.

Read path only (plain SQL through the reader), so `ref log` never imports the ORM.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

from refcli.dates import utc_moment

if TYPE_CHECKING:
    from refcli.store.reader import Reader

VERBS = {"insert": "added", "update": "changed", "delete": "removed"}

ENTRIES = """
SELECT j.id, j.at, j.command, j.undoes_id,
       (SELECT max(u.id) FROM journal u WHERE u.undoes_id = j.id) AS undone_by
FROM journal j
WHERE NOT j.is_open AND j.at >= :since AND j.id < :below {filter}
ORDER BY j.id DESC LIMIT :limit
"""
BY_CONTACT = "AND j.id IN (SELECT entry_id FROM journal_row WHERE contact_id = :contact)"
CHANGES = """
SELECT entry_id, table_name, op, count(*) AS n, min(id) AS first, max(row_key) AS row_key
FROM journal_row WHERE entry_id IN ({ids}) GROUP BY entry_id, table_name, op ORDER BY entry_id, first
"""
CONTACT_ROWS = """
SELECT entry_id, op, before, after FROM journal_row
WHERE table_name = 'contact' AND entry_id IN ({ids}) ORDER BY id
"""


@dataclass
class Entry:
    """One write as the journal holds it."""

    id: int
    at: datetime
    command: list[str]
    undoes: int | None
    undone_by: int | None
    changes: list[dict[str, Any]] = field(default_factory=list)
    people: dict[str, list[str]] = field(default_factory=dict)  # op -> handles of contacts it touched

    def summary(self) -> str:
        parts = []
        for change in self.changes:
            verb, table, n = VERBS[change["op"]], change["table"].replace("_", " "), change["count"]
            handles = self.people.get(change["op"], [])
            if table == "contact" and 0 < len(handles) <= 3:
                parts.append(f"{verb} {', '.join(handles)}")
            elif n == 1:
                parts.append(f"{verb} {table} #{change['key']}")
            else:
                parts.append(f"{verb} {n} {table}s")
        return "; ".join(parts)

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "at": self.at.isoformat(),  # UTC, with its offset
            "command": self.command,
            "undoes": self.undoes,
            "undone_by": self.undone_by,
            "summary": self.summary(),
            "changes": self.changes,
        }


def entries(
    reader: Reader, *, contact: int | None = None, since: date | None = None, limit: int = 20, below: int = 2**62
) -> list[Entry]:
    start = datetime.combine(since or date(1970, 1, 1), datetime.min.time(), tzinfo=UTC)  # the journal keeps UTC
    sql = ENTRIES.format(filter=BY_CONTACT if contact is not None else "")
    params: dict[str, Any] = {"since": start, "limit": limit, "contact": contact, "below": below}
    found = [
        Entry(int(r["id"]), utc_moment(r["at"]), masked(json.loads(r["command"])), r["undoes_id"], r["undone_by"])
        for r in reader.rows(sql, params)
    ]
    if not found:
        return found
    by_id = {e.id: e for e in found}
    ids = ", ".join(str(i) for i in by_id)
    for r in reader.rows(CHANGES.format(ids=ids)):
        by_id[r["entry_id"]].changes.append(
            {"table": r["table_name"], "op": r["op"], "count": int(r["n"]), "key": r["row_key"]}
        )
    for r in reader.rows(CONTACT_ROWS.format(ids=ids)):
        image = json.loads(r["after"] or r["before"])
        by_id[r["entry_id"]].people.setdefault(r["op"], []).append(str(image.get("handle")))
    return found


def one(reader: Reader, entry: int | None) -> Entry:
    """One entry (the latest when `entry` is None), described: what `ref undo` asks about."""
    from refcli.errors import NotFound

    target = entry if entry is not None else reader.scalar("SELECT max(id) FROM journal WHERE NOT is_open")
    if target is None:
        raise NotFound("there is nothing to undo: no change is recorded yet")
    found = [e for e in entries(reader, limit=1, below=int(target) + 1) if e.id == int(target)]
    if not found:
        raise NotFound(f"no change #{target} in the journal", "see `ref log`")
    return found[0]


def masked(args: list[str]) -> list[str]:
    """An entry's command line with any password masked: entries written before every URL form
    was masked on the way in are shown without it too."""
    from refcli.store.location import mask_secrets

    return [mask_secrets(a, whole=True) for a in args]
