"""The read path: portable SQL text (`:name` parameters) returning plain dict rows, over stdlib
sqlite3 for a file (no SQLAlchemy import, so the views people run all day start fast) or over a
SQLAlchemy connection for a server or inside a write."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator, Mapping
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from refcli.errors import StorageError, classify_db_error
from refcli.store.location import Location, busy_timeout_ms

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection
    from sqlmodel import Session


def _plain(value: object) -> object:
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    return value


class Reader:
    """Runs portable SQL text (`:name` parameters) and returns plain dict rows."""

    dialect = "sqlite"  # where SQL cannot be portable (full-text search), which engine answers

    def rows(self, sql: str, params: Mapping[str, Any] | None = None) -> list[dict[str, Any]]:
        raise NotImplementedError

    def row(self, sql: str, params: Mapping[str, Any] | None = None) -> dict[str, Any] | None:
        found = self.rows(sql, params)
        return found[0] if found else None

    def scalar(self, sql: str, params: Mapping[str, Any] | None = None) -> Any:
        found = self.row(sql, params)
        return next(iter(found.values())) if found else None

    def stream(self, sql: str, params: Mapping[str, Any] | None = None) -> Iterator[tuple[Any, ...]]:
        """Rows as plain tuples, one at a time: for views that read a lot and keep little."""
        for row in self.rows(sql, params):
            yield tuple(row.values())


class SqliteReader(Reader):
    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        conn.row_factory = sqlite3.Row

    def rows(self, sql: str, params: Mapping[str, Any] | None = None) -> list[dict[str, Any]]:
        try:
            return [dict(r) for r in self.conn.execute(sql, dict(params or {}))]
        except sqlite3.Error as exc:
            raise (classify_db_error(exc) or exc) from None

    def stream(self, sql: str, params: Mapping[str, Any] | None = None) -> Iterator[tuple[Any, ...]]:
        cursor = self.conn.cursor()
        cursor.row_factory = None
        try:
            yield from cursor.execute(sql, dict(params or {}))
        except sqlite3.Error as exc:
            raise (classify_db_error(exc) or exc) from None


class ConnectionReader(Reader):
    """The same SQL over a SQLAlchemy connection: a server URL, or inside a write."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.dialect = conn.dialect.name

    def rows(self, sql: str, params: Mapping[str, Any] | None = None) -> list[dict[str, Any]]:
        from sqlalchemy import text

        result = self.conn.execute(text(sql), dict(params or {}))
        return [{k: _plain(v) for k, v in r._mapping.items()} for r in result]

    def stream(self, sql: str, params: Mapping[str, Any] | None = None) -> Iterator[tuple[Any, ...]]:
        from sqlalchemy import text

        for row in self.conn.execute(text(sql), dict(params or {})):
            yield tuple(_plain(v) for v in row)


def session_reader(session: Session) -> Reader:
    """Run the shared read SQL (resolver, lookups) inside an open write transaction."""
    return ConnectionReader(session.connection())


# Whoever wants to see each statement a SQLite connection of ref runs (the SQL-count tests).
STATEMENT_WATCHERS: list[Callable[[str], None]] = []


def sqlite_connect(loc: Location) -> sqlite3.Connection:
    assert loc.path is not None
    mode = "ro" if loc.read_only else "rw"
    uri = f"file:{loc.path}?mode={mode}"
    try:
        conn = sqlite3.connect(uri, uri=True, timeout=busy_timeout_ms() / 1000, isolation_level=None)
        conn.execute(f"PRAGMA busy_timeout={busy_timeout_ms()}")
        conn.execute("PRAGMA foreign_keys=ON")
        for watcher in STATEMENT_WATCHERS:
            conn.set_trace_callback(watcher)
    except sqlite3.Error as exc:
        raise (classify_db_error(exc) or StorageError(f"cannot open {loc.path}: {exc}")) from None
    return conn
