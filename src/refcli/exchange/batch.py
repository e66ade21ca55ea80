"""Rows an import or a sync inserts in bulk: one executemany per table at the end, instead of an
ORM object and a flush for every channel, tag, offering and note (measured: 10k cards spent 8 s
in SQLAlchemy's per-object flush and 5 s building the objects), over the write's own connection
(store/writer.py), with the models' defaults (store/tables.py). A new person's id is taken
ahead (the rows after them need it) and their row waits with the rest: one INSERT a person
cost 0.7 s of a 10k-card import. Each table's rows are journaled as its trigger journals them,
in one statement after them (`journal.insert_many`), so undo and the search index are unchanged."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from refcli.store import journal, tables
from refcli.store.writer import new_row

if TYPE_CHECKING:
    from refcli.store.writer import Writer


ID_BLOCK = 500


class Batch:
    """Rows waiting to be inserted in one transaction. Call `flush` before reading anything they
    may hold (filling does, before it compares a known person's channels)."""

    def __init__(self, writer: Writer) -> None:
        self.writer = writer
        self.pending: dict[str, list[dict[str, Any]]] = {}
        self.ids: dict[str, list[int]] = {}  # ids taken ahead, not yet given, by table
        self.last_id: dict[str, int] = {}

    def add(self, table: str, **values: Any) -> None:
        self.pending.setdefault(table, []).append(new_row(table, values))

    def add_with_id(self, table: str, **values: Any) -> int:
        """A row whose id the rows after it need (a person): its id now, the row with the rest."""
        if not self.ids.get(table):
            self.ids[table] = self._take_ids(table)
        row_id = self.ids[table].pop()
        self.add(table, id=row_id, **values)
        return row_id

    def _take_ids(self, table: str) -> list[int]:
        """The next ID_BLOCK ids of `table`, last first: from its sequence on a server; on SQLite
        (whose write lock this transaction holds) after the largest there, ever used, or taken."""
        if self.writer.dialect == "postgresql":
            sql = f"SELECT nextval(pg_get_serial_sequence('{table}', 'id')) AS id FROM generate_series(1, {ID_BLOCK})"
            return sorted((int(r["id"]) for r in self.writer.rows(sql)), reverse=True)
        start = max(
            int(self.writer.scalar(f"SELECT coalesce(max(id), 0) FROM {table}")),
            int(self.writer.scalar("SELECT coalesce(max(seq), 0) FROM sqlite_sequence WHERE name = :t", {"t": table})),
            self.last_id.get(table, 0),
        )  # above any id ever used: ids are never reused (migration 0021)
        self.last_id[table] = start + ID_BLOCK
        return list(range(start + ID_BLOCK, start, -1))

    def flush(self) -> None:
        """Insert what waits, a person's row before their rows."""
        for table in sorted(self.pending, key=tables.ORDER.index):  # a person before their rows
            rows = self.pending[table]
            shapes: dict[tuple[str, ...], list[dict[str, Any]]] = {}
            for row in rows:
                shapes.setdefault(tuple(row), []).append(row)
            for columns, same in shapes.items():
                sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join(f':{c}' for c in columns)})"
                journal.insert_many(self.writer, table, sql, same)
        self.pending.clear()
