"""The read path: portable SQL text (`:name` parameters) returning plain dict rows, over stdlib
sqlite3 for a file (no SQLAlchemy import, so the views people run all day start fast) or over a
SQLAlchemy connection for a server. Parameters are made storable here, once, for reads and writes
(store/writer.py) alike: a list is an `IN (...)` list, a moment is UTC as the models store it, a
day is ISO text."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable, Iterator, Mapping
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from refcli.dates import stored_moment
from refcli.errors import StorageError, classify_db_error
from refcli.store.location import Location, busy_timeout_ms

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection


def _plain(value: object) -> object:
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    return value


def sqlite_value(value: Any) -> Any:
    if isinstance(value, datetime):
        return stored_moment(value).strftime("%Y-%m-%d %H:%M:%S.%f")  # SQLAlchemy's SQLite form
    if isinstance(value, date):
        return value.isoformat()
    return value


# Parameters go to stdlib sqlite3 as they are (one statement's, or the rows written in bulk by
# `SqliteWriter.executemany`): it makes a moment or a day storable as `sqlite_value` does, for
# those values only (a Python pass over every value of 50,000 rows cost an import 0.2 s).
sqlite3.register_adapter(datetime, sqlite_value)
sqlite3.register_adapter(date, sqlite_value)


def _expand(sql: str, params: Mapping[str, Any]) -> tuple[str, dict[str, Any]]:
    """`IN :ids` with a list becomes `IN (:ids_0, :ids_1, ...)` (an empty list matches nothing)."""
    flat: dict[str, Any] = {}
    for name, value in params.items():
        if isinstance(value, list | tuple):
            marks = [f"{name}_{i}" for i in range(len(value))]
            flat.update(zip(marks, value, strict=True))
            listed = "(" + ", ".join(f":{m}" for m in marks) + ")" if marks else "(NULL)"
            sql = re.sub(rf":{name}\b", listed, sql)
        else:
            flat[name] = value
    return sql, flat


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

    def all(self, sql: str, params: Mapping[str, Any] | None = None) -> list[tuple[Any, ...]]:
        """Every row as a plain tuple, at once: for views that keep what they read (no generator
        step per row)."""
        return list(self.stream(sql, params))


class SqliteReader(Reader):
    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        conn.row_factory = sqlite3.Row

    def rows(self, sql: str, params: Mapping[str, Any] | None = None) -> list[dict[str, Any]]:
        try:
            return [dict(r) for r in self.conn.execute(*self._prepared(sql, params))]
        except sqlite3.Error as exc:
            raise (classify_db_error(exc) or exc) from None

    def stream(self, sql: str, params: Mapping[str, Any] | None = None) -> Iterator[tuple[Any, ...]]:
        cursor = self.conn.cursor()
        cursor.row_factory = None
        try:
            # a loop, not `yield from`: closing an unfinished stream (after Ctrl-C, once the
            # connection is gone) must not close the cursor, which would raise in the collector
            for row in cursor.execute(*self._prepared(sql, params)):  # noqa: UP028
                yield row
        except sqlite3.Error as exc:
            raise (classify_db_error(exc) or exc) from None

    def all(self, sql: str, params: Mapping[str, Any] | None = None) -> list[tuple[Any, ...]]:
        cursor = self.conn.cursor()
        cursor.row_factory = None
        try:
            return cursor.execute(*self._prepared(sql, params)).fetchall()
        except sqlite3.Error as exc:
            raise (classify_db_error(exc) or exc) from None

    @staticmethod
    def _prepared(sql: str, params: Mapping[str, Any] | None) -> tuple[str, dict[str, Any]]:
        return _expand(sql, params or {})  # moments and days by the adapters above


class ConnectionReader(Reader):
    """The same SQL over a SQLAlchemy connection: a server URL, or inside a write."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.dialect = conn.dialect.name

    def rows(self, sql: str, params: Mapping[str, Any] | None = None) -> list[dict[str, Any]]:
        result = self.conn.execute(*self._statement(sql, params))
        return [{k: _plain(v) for k, v in r._mapping.items()} for r in result]

    def stream(self, sql: str, params: Mapping[str, Any] | None = None) -> Iterator[tuple[Any, ...]]:
        for row in self.conn.execute(*self._statement(sql, params)):
            yield tuple(_plain(v) for v in row)

    def _statement(self, sql: str, params: Mapping[str, Any] | None) -> tuple[Any, dict[str, Any]]:
        """SQL text with a list parameter as an `IN` list (SQLAlchemy's expanding parameter)."""
        from sqlalchemy import bindparam, text

        values = {k: self._value(v) for k, v in (params or {}).items()}
        lists: list[Any] = [bindparam(k, expanding=True) for k, v in values.items() if isinstance(v, list | tuple)]
        return (text(sql).bindparams(*lists) if lists else text(sql)), values

    def _value(self, value: Any) -> Any:
        if self.dialect == "sqlite":
            return sqlite_value(value)
        return stored_moment(value) if isinstance(value, datetime) else value


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
