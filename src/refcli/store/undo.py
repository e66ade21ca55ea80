"""`ref undo`: put back every row one journal entry changed, exactly as it was.

The inverse runs inside an ordinary write, so the triggers file it as a new entry that
`undoes` the old one; undoing that entry again is a redo. Nothing is reversed when a later
change touched the same rows (the rows are no longer as the entry left them): the refusal
names those later entries, to be undone first.

Order matters for foreign keys: rows the entry deleted come back first (parents before
children), then updated rows get their old values (newest change first), then rows the entry
added go (children before parents).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from refcli.errors import Conflict, NotFound
from refcli.store import history, tables
from refcli.store.journal import quote, row_image

if TYPE_CHECKING:
    from refcli.store.writer import Writer


@dataclass
class Change:
    id: int
    table: str
    op: str
    key: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None


@dataclass
class Undone:
    """What one undo reversed."""

    entry: int
    command: list[str]
    changes: int
    undo_entry: int | None = None

    def as_json(self) -> dict[str, Any]:
        return {"undid": self.entry, "command": self.command, "rows": self.changes, "entry": self.undo_entry}


def latest_entry(conn: Writer, before: int | None) -> int:
    found = conn.scalar("SELECT max(id) FROM journal WHERE NOT is_open AND id < :before", {"before": before or 2**62})
    if found is None:
        raise NotFound("there is nothing to undo: no change is recorded yet")
    return int(found)


def _changes(conn: Writer, entry: int) -> list[Change]:
    rows = conn.stream(
        "SELECT id, table_name, op, row_key, before, after FROM journal_row WHERE entry_id = :e ORDER BY id",
        {"e": entry},
    )
    return [
        Change(r[0], r[1], r[2], r[3], json.loads(r[4]) if r[4] else None, json.loads(r[5]) if r[5] else None)
        for r in rows
    ]


def _kind(table: str, column: str) -> type | None:
    """Whether a column holds a boolean or a UTC timestamp (store/tables.py, from the models)."""
    if column in tables.BOOLEANS.get(table, ()):
        return bool
    if column in tables.MOMENTS.get(table, ()):
        return datetime
    return None


def _value(table: str, column: str, value: Any) -> Any:
    """A recorded value as Python holds it: the journal may come from the other engine (a backup
    restored from SQLite into PostgreSQL, or back), which writes booleans as 0/1 or true/false and
    timestamps with a space or a `T`. The Writer then stores it as this database keeps it."""
    if value is None:
        return None
    kind = _kind(table, column)
    if kind is bool:
        return bool(value)
    if kind is datetime and isinstance(value, str):  # a UTC moment
        return datetime.fromisoformat(value).replace(tzinfo=UTC)
    return value


def _same(table: str, image: dict[str, Any] | None, other: dict[str, Any] | None) -> bool:
    """Two row images are the same row, whichever engine wrote each."""
    if image is None or other is None:
        return image is other
    if image.keys() != other.keys():
        return False
    return all(_value(table, c, image[c]) == _value(table, c, other[c]) for c in image)


def _typed_key(table: str, key: str) -> tuple[str, Any]:
    pk, kind = tables.KEYS[table]
    return pk, int(key) if kind == "int" else key


def _check_untouched(conn: Writer, entry: int, changes: list[Change], current: int | None) -> None:
    """Every row must still be as this entry left it; else name the later entries that changed it."""

    final: dict[tuple[str, str], Change] = {}
    for change in changes:
        final[(change.table, change.key)] = change
    moved: list[tuple[str, str]] = []
    for (table, key), change in final.items():
        image = change.after or change.before or {}
        pk, typed = _typed_key(table, key)
        now = row_image(conn, table, list(image), pk, typed)
        if not _same(table, now, change.after):
            moved.append((table, key))
    if moved:
        table, key = moved[0]
        raise _refuse(entry, f"{table} {key}", _later_entries(conn, moved, entry, current))


def _later_entries(conn: Writer, keys: list[tuple[str, str]], entry: int, current: int | None) -> set[int]:
    later: set[int] = set()
    for table, key in keys:
        found = conn.stream(
            "SELECT DISTINCT entry_id FROM journal_row WHERE table_name = :t AND row_key = :k "
            "AND entry_id > :e AND entry_id < :current",
            {"t": table, "k": key, "e": entry, "current": current or 2**62},
        )
        later.update(int(x[0]) for x in found)
    return later


def _refuse(entry: int, what: str, later: set[int]) -> Conflict:
    names = ", ".join(f"#{n}" for n in sorted(later, reverse=True)[:5]) or "a change not in the journal"
    first = f": ref undo {max(later)}" if later else ""
    return Conflict(
        f"nothing undone: {what} has changed since #{entry} (by {names})",
        f"undo the later change{'s' if len(later) > 1 else ''} first, newest first{first}",
    )


def _check_no_knock_on(conn: Writer, entry: int, changes: list[Change], current: int | None) -> None:
    """The inverse may touch only the entry's own rows. A cascade reaching further (a note added
    later to a person this undo removes) means later work depends on it: refuse, roll back."""
    if current is None:
        return
    mine = {(c.table, c.key) for c in changes}
    done = list(conn.stream("SELECT DISTINCT table_name, row_key FROM journal_row WHERE entry_id = :e", {"e": current}))
    extra = [(str(t), str(k)) for t, k in done if (t, k) not in mine]
    if extra:
        table, key = extra[0]
        raise _refuse(entry, f"{table} {key}, which depends on it,", _later_entries(conn, extra, entry, current))


def _order(changes: list[Change]) -> list[Change]:
    rank = {name: i for i, name in enumerate(tables.ORDER)}
    restore = sorted((c for c in changes if c.op == "delete"), key=lambda c: (rank.get(c.table, 0), c.id))
    revert = sorted((c for c in changes if c.op == "update"), key=lambda c: -c.id)
    remove = sorted((c for c in changes if c.op == "insert"), key=lambda c: (-rank.get(c.table, 0), -c.id))
    return restore + revert + remove


def _apply(conn: Writer, change: Change) -> None:
    pk, typed = _typed_key(change.table, change.key)
    where = f"{quote(pk)} = :pk__"
    if change.op == "insert":
        conn.execute(f"DELETE FROM {quote(change.table)} WHERE {where}", {"pk__": typed})
        return
    assert change.before is not None
    values = {f"v{i}": _value(change.table, c, v) for i, (c, v) in enumerate(change.before.items())}
    names = list(change.before)
    if change.op == "delete":
        columns = ", ".join(quote(n) for n in names)
        marks = ", ".join(f":v{i}" for i in range(len(names)))
        conn.execute(f"INSERT INTO {quote(change.table)} ({columns}) VALUES ({marks})", values)
        return
    sets = ", ".join(f"{quote(n)} = :v{i}" for i, n in enumerate(names) if n != pk)
    conn.execute(f"UPDATE {quote(change.table)} SET {sets} WHERE {where}", {**values, "pk__": typed})


def undo(conn: Writer, entry: int | None = None) -> Undone:
    """Reverse one journal entry (the latest by default) inside this write."""
    current = conn.info.get("journal_open")
    target = entry if entry is not None else latest_entry(conn, current)
    found = conn.row("SELECT command, is_open FROM journal WHERE id = :e", {"e": target})
    if found is None or target == current:
        oldest = conn.scalar("SELECT min(id) AS oldest FROM journal")
        if found is None and oldest is not None and 0 < target < oldest:
            raise NotFound(
                f"change #{target} is older than the journal keeps (`ref log --prune` removed it)",
                "it can no longer be undone; `ref log` lists what can",
            )
        raise NotFound(f"no change #{target} in the journal", "see `ref log`")
    changes = _changes(conn, target)
    _check_untouched(conn, target, changes, current)
    for change in _order(changes):
        _apply(conn, change)
    _check_no_knock_on(conn, target, changes, current)
    conn.info["undoes"] = target
    return Undone(target, history.masked(json.loads(found["command"])), len(changes))
