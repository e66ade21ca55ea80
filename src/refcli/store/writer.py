"""The write path's SQL: the read path's portable SQL text (`:name` parameters, dict rows) plus
statements that change rows, over the one connection of a write transaction (stdlib sqlite3
for a file, psycopg for a server). So the writes people make all day (a note,
a referral, a thank-you, an undo) import neither SQLAlchemy's ORM nor pydantic, and the
journal, the derived tables and the features all speak the same SQL.

Every write goes through here: there is no ORM session on the write path (the SQLModel models
are the schema of record, for the migrations and the generators only). Values are made
storable as the reader makes its parameters (store/reader.py): a list is an `IN (...)` list, a
moment UTC as the models store it, a day ISO text. On a server the writer is psycopg's
(store/server_reader.py); `ConnectionWriter` serves the migrations' SQLAlchemy connection."""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from refcli.dates import new_uid, utcnow
from refcli.errors import classify_db_error
from refcli.store import tables
from refcli.store.reader import ConnectionReader, Reader, SqliteReader

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection


def new_row(table: str, given: Mapping[str, Any]) -> dict[str, Any]:
    """A new row of `table`: the models' defaults (store/tables.py) under the given values."""
    row = dict(tables.VALUES.get(table, {}))
    row.update({column: utcnow() for column in tables.NOW.get(table, ())})
    row.update({column: new_uid() for column in tables.UID.get(table, ())})
    row.update(given)
    return row


class Writer(Reader):
    """What a write transaction offers a feature: the read path's queries, and changes."""

    info: dict[str, Any]

    def execute(self, sql: str, params: Mapping[str, Any] | None = None) -> int:
        """Run one statement; how many rows it changed."""
        raise NotImplementedError

    def executemany(self, sql: str, rows: Sequence[Mapping[str, Any]]) -> None:
        raise NotImplementedError

    def raw_connection(self) -> Any:
        """The driver's own connection, in this transaction (a restore's COPY on a server)."""
        raise NotImplementedError

    def insert(self, table: str, given: Mapping[str, Any]) -> int:
        """Insert one row, with the models' defaults for what is not given; its new id."""
        return int(self._insert(table, given, "id"))

    def insert_keyed(self, table: str, given: Mapping[str, Any]) -> None:
        """Insert one row of a table keyed by what it holds (followup_state, setting)."""
        self._insert(table, given, None)

    def _insert(self, table: str, given: Mapping[str, Any], returning: str | None) -> Any:
        values = new_row(table, given)
        columns = list(values)
        sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join(':' + c for c in columns)})"
        if returning is None:
            self.execute(sql, values)
            return None
        return self.scalar(f"{sql} RETURNING {returning}", values)

    def update(self, table: str, row_id: int | str, values: Mapping[str, Any], *, key: str = "id") -> int:
        """Change some columns of one row (by its id, or `key`); how many rows changed (0: it is gone)."""
        sets = ", ".join(f"{c} = :{c}" for c in values)
        return self.execute(f"UPDATE {table} SET {sets} WHERE {key} = :key__", {**values, "key__": row_id})


class SqliteWriter(SqliteReader, Writer):
    """A write transaction on a SQLite file, over stdlib sqlite3 (BEGIN IMMEDIATE: the write lock
    is taken first, so a read-then-write never decides on a stale read)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        super().__init__(conn)
        self.info = {}

    def execute(self, sql: str, params: Mapping[str, Any] | None = None) -> int:
        try:
            return self.conn.execute(*self._prepared(sql, params)).rowcount
        except sqlite3.Error as exc:
            raise (classify_db_error(exc) or exc) from None

    def executemany(self, sql: str, rows: Sequence[Mapping[str, Any]]) -> None:
        try:
            self.conn.executemany(sql, rows)  # moments and days by the adapters (store/reader.py)
        except sqlite3.Error as exc:
            raise (classify_db_error(exc) or exc) from None


class ConnectionWriter(ConnectionReader, Writer):
    """A write transaction over a SQLAlchemy connection (a server, or a migration's connection)."""

    def __init__(self, conn: Connection) -> None:
        super().__init__(conn)
        self.info = {}

    def execute(self, sql: str, params: Mapping[str, Any] | None = None) -> int:
        return int(self.conn.execute(*self._statement(sql, params)).rowcount)

    def executemany(self, sql: str, rows: Sequence[Mapping[str, Any]]) -> None:
        from sqlalchemy import text

        if rows:
            self.conn.execute(text(sql), [{k: self._value(v) for k, v in r.items()} for r in rows])

    def raw_connection(self) -> Any:
        return self.conn.connection.driver_connection
