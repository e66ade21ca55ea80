"""The read and write paths on a server without SQLAlchemy: the views and the writes people run
all day open one psycopg connection and run the same portable SQL as on a file (issue 37: importing SQLAlchemy and
setting up its engine and dialect was most of what a read cost on PostgreSQL). `:name`
parameters become psycopg's `%(name)s`, a list an `IN (...)` list, as `reader._expand` does for
SQLite; rows come back as the other readers give them (days and moments as ISO text). The first
connection of a process checks the schema version: an older one is upgraded by the migrations
(through SQLAlchemy, once) before anything is read."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from datetime import datetime
from typing import Any

from refcli.dates import stored_moment
from refcli.errors import StorageError, classify_db_error
from refcli.store.location import Location
from refcli.store.reader import Reader, _expand, _plain
from refcli.store.writer import Writer

_PARAM = re.compile(r"(?<![:\w]):([A-Za-z_]\w*)")


def conninfo(url: str) -> str:
    """libpq's form of a SQLAlchemy URL (`postgresql+psycopg://...` -> `postgresql://...`)."""
    return re.sub(r"^postgres(?:ql)?\+\w+://", "postgresql://", url)


def pyformat(sql: str) -> str:
    """`:name` as `%(name)s`, a literal `%` doubled (psycopg's own placeholders)."""
    return _PARAM.sub(r"%(\1)s", sql.replace("%", "%%"))


class ServerReader(Reader):
    """The same SQL over one psycopg connection, read-only and autocommitted (each statement
    sees what was committed when it ran, as a read on the file does)."""

    dialect = "postgresql"

    def __init__(self, conn: Any) -> None:
        self.conn = conn

    def rows(self, sql: str, params: Mapping[str, Any] | None = None) -> list[dict[str, Any]]:
        try:
            with self.conn.cursor() as cur:
                cur.execute(*self._prepared(sql, params))
                names = [d.name for d in cur.description or []]
                return [{k: _plain(v) for k, v in zip(names, row, strict=True)} for row in cur.fetchall()]
        except Exception as exc:  # the driver's own errors: said in words where they are known
            raise (classify_db_error(exc) or exc) from None

    def stream(self, sql: str, params: Mapping[str, Any] | None = None) -> Iterator[tuple[Any, ...]]:
        try:
            with self.conn.cursor() as cur:
                cur.execute(*self._prepared(sql, params))
                for row in cur:
                    yield tuple(_plain(v) for v in row)
        except Exception as exc:
            raise (classify_db_error(exc) or exc) from None

    @staticmethod
    def _prepared(sql: str, params: Mapping[str, Any] | None) -> tuple[str, dict[str, Any]]:
        text, flat = _expand(sql, params or {})
        values = {k: stored_moment(v) if isinstance(v, datetime) else v for k, v in flat.items()}
        return pyformat(text), values


class ServerWriter(ServerReader, Writer):
    """A write transaction over one psycopg connection (not autocommitted: the first statement
    opens the transaction, and the write commits it or rolls it back)."""

    def __init__(self, conn: Any) -> None:
        super().__init__(conn)
        self.info = {}

    def execute(self, sql: str, params: Mapping[str, Any] | None = None) -> int:
        with self.conn.cursor() as cur:
            cur.execute(*self._prepared(sql, params))
            return int(cur.rowcount)

    def executemany(self, sql: str, rows: Sequence[Mapping[str, Any]]) -> None:
        """Many rows of one statement; a plain INSERT of many rows goes by COPY (a row each way
        costs a round trip's share: the search index of a 10,000-person restore took 12 s)."""
        if not rows:
            return
        plain = _PLAIN_INSERT.fullmatch(sql.strip()) if len(rows) >= COPY_FROM else None
        if plain and [c.strip().strip('"') for c in plain["columns"].split(",")] == [
            m.strip().removeprefix(":") for m in plain["values"].split(",")
        ]:
            columns = [c.strip().strip('"') for c in plain["columns"].split(",")]
            quoted = ", ".join(f'"{c}"' for c in columns)
            with self.conn.cursor() as cur, cur.copy(f"COPY {plain['table']} ({quoted}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row([_storable(row[c]) for c in columns])
            return
        with self.conn.cursor() as cur:
            cur.executemany(pyformat(sql), [{k: _storable(v) for k, v in r.items()} for r in rows])

    def raw_connection(self) -> Any:
        return self.conn


COPY_FROM = 50  # rows from which an INSERT goes by COPY
_PLAIN_INSERT = re.compile(
    r'INSERT INTO (?P<table>"?\w+"?) \((?P<columns>[^()]+)\) VALUES \((?P<values>(?:\s*:\w+\s*,?)+)\)', re.IGNORECASE
)


def _storable(value: Any) -> Any:
    return stored_moment(value) if isinstance(value, datetime) else value


def connect(loc: Location, *, write: bool = False) -> Any:
    """A psycopg connection to the server, or a clear error (no traceback, no password): read-only
    and autocommitted for a view; for a write, one transaction that the write commits or rolls
    back (store/session.py)."""
    try:
        import psycopg
    except ImportError as exc:
        raise StorageError(f"no driver for PostgreSQL ({exc.name})", "pip install 'refcli[postgres]'") from None
    try:
        # JIT off: ref's queries are short, and compiling one (past jit_above_cost) took 30 ms
        # of `ref cadence`'s 80 ms on a 10,000-person server; nothing ref asks runs long enough
        # to earn it back.
        conn = psycopg.connect(
            conninfo(loc.url or ""), autocommit=not write, application_name="ref", options="-c jit=off"
        )
        conn.read_only = not write
    except psycopg.Error as exc:
        raise (classify_db_error(exc) or StorageError(f"cannot reach {loc.display()}: {type(exc).__name__}")) from None
    return conn


def version(conn: Any) -> str | None:
    with conn.cursor() as cur:
        cur.execute("SELECT to_regclass('alembic_version') IS NOT NULL")
        row = cur.fetchone()
        if not row or not row[0]:
            return None
        cur.execute("SELECT version_num FROM alembic_version")
        found = cur.fetchone()
        return str(found[0]) if found else None
