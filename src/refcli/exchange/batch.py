"""Rows an import or a sync inserts in bulk: one executemany per table at the end, instead of an
ORM object and a flush for every channel, tag, offering and note (measured: 10k cards spent 8 s
in SQLAlchemy's per-object flush and 5 s building the objects), over the write's own connection
(store/writer.py), with the models' defaults (store/tables.py). The database's journal triggers
see each row as they see any other, so undo and the search index are unchanged."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from refcli.store.writer import new_row, writer_of

if TYPE_CHECKING:
    from sqlmodel import Session


class Batch:
    """Rows waiting to be inserted in one transaction. Call `flush` before reading anything they
    may hold (filling does, before it compares a known person's channels)."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.writer = writer_of(session)
        self.pending: dict[str, list[dict[str, Any]]] = {}

    def add(self, table: str, **values: Any) -> None:
        self.pending.setdefault(table, []).append(new_row(table, values))

    def insert_one(self, table: str, **values: Any) -> int:
        """Insert one row now (a person, whose id the rows after it need) and give its id."""
        return self.writer.insert(table, values)

    def flush(self) -> None:
        """Insert what waits, after anything the ORM session holds (a known person's changes)."""
        self.session.flush()
        for table, rows in self.pending.items():
            shapes: dict[tuple[str, ...], list[dict[str, Any]]] = {}
            for row in rows:
                shapes.setdefault(tuple(row), []).append(row)
            for columns, same in shapes.items():
                marks = ", ".join(f":{c}" for c in columns)
                self.writer.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", same)
        self.pending.clear()
