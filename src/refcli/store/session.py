"""The two doors to the data: `open_reader` for the views and `write_transaction` for every
write (one transaction, one journal entry). Both first make sure the schema is current."""

from __future__ import annotations

import contextlib
import sqlite3
import sys
from collections.abc import Callable, Iterator
from typing import Any

from refcli.errors import classify_db_error
from refcli.store import interrupts
from refcli.store.location import Location, busy_timeout_ms, max_pages
from refcli.store.reader import Reader, SqliteReader, sqlite_connect
from refcli.store.schema import SCHEMA_HEAD, check_version, create_if_missing, ensure_current, version_sqlite
from refcli.store.writer import SqliteWriter, Writer

# Advisory lock on a server: one writer at a time.
WRITE_LOCK = 72382


@contextlib.contextmanager
def open_reader(loc: Location) -> Iterator[Reader]:
    """A reader on a current schema: stdlib sqlite3 for a file, psycopg for a server (neither
    imports SQLAlchemy unless the schema must be upgraded first)."""
    if not loc.is_sqlite:
        with _server_reader(loc) as reader:
            yield reader
        return
    conn = _current_sqlite(loc, sqlite_connect)
    try:
        yield SqliteReader(conn)
    finally:
        conn.close()


@contextlib.contextmanager
def _server_reader(loc: Location) -> Iterator[Reader]:
    """A psycopg reader on a server at the current schema (upgraded once through SQLAlchemy if not)."""
    from refcli.store import server_reader

    conn = server_reader.connect(loc)
    try:
        if server_reader.version(conn) != SCHEMA_HEAD:
            conn.close()
            ensure_current(loc)  # checks the version, refuses a newer one, migrates an older one
            conn = server_reader.connect(loc)
        yield server_reader.ServerReader(conn)
    finally:
        conn.close()


def _current_sqlite(loc: Location, connect: Callable[[Location], sqlite3.Connection]) -> sqlite3.Connection:
    """A connection to the SQLite file at the current schema: created if missing, checked, and an
    older schema upgraded once (backup first) before anything reads or writes it."""
    assert loc.path is not None
    create_if_missing(loc)
    conn = connect(loc)
    try:
        version = version_sqlite(conn, loc.path)
        check_version(version, str(loc.path))
    except BaseException:
        conn.close()
        raise
    if version != SCHEMA_HEAD:
        conn.close()
        ensure_current(loc)
        conn = connect(loc)
    return conn


def _serialise_writers(writer: Writer) -> None:
    """On a server, one ref writer at a time, as BEGIN IMMEDIATE gives on SQLite: every write
    reads before it writes (handles, statuses, matching on import), and READ COMMITTED alone
    would let two of them decide on the same stale read. Waiting is bounded by the same busy
    timeout, so a stuck writer ends in the same clear 'busy' error (exit 5)."""
    writer.execute(f"SET LOCAL lock_timeout = {busy_timeout_ms()}")
    writer.scalar(f"SELECT pg_advisory_xact_lock({WRITE_LOCK})")


def _roll_back(transaction: Any) -> None:
    """Undo an unfinished transaction. After a Ctrl-C the session may be caught mid-step and
    refuse: the interruption is what the user must hear, and the database rolls back the
    transaction itself when the connection closes, so nothing half-done ever lands."""
    try:
        transaction.rollback()
    except Exception:
        if not interrupts.received():
            raise


@contextlib.contextmanager
def write_transaction(loc: Location, *, commit: bool = True, journal: bool = True) -> Iterator[Writer]:
    """One write transaction: all of it lands, or none of it, together with its journal entry
    (every row it changed, before and after; see store/journal.py) and the derived tables it
    feeds. With commit=False (a dry run) everything is done and then rolled back. journal=False
    only for restoring a backup, which brings its own journal, and for `ref db reindex`."""
    from refcli.store import derived
    from refcli.store import journal as changes

    try:
        with _transaction(loc) as (writer, finish):
            try:
                if writer.dialect == "postgresql":
                    _serialise_writers(writer)
                entry = changes.open_entry(writer) if journal else None
                writer.info["journal_open"] = entry
                yield writer
                if entry is None:  # no journal to say what changed: derive everything again
                    derived.rebuild(writer)
                else:
                    derived.refresh(writer, entry)
                    kept = changes.close_entry(writer, entry, writer.info.get("undoes"))
                    writer.info["journal_entry"] = entry if kept else None
            except BaseException:
                finish(False)
                raise
            if commit:
                with interrupts.commit_held():
                    finish(True)
            else:
                finish(False)
    except Exception as exc:
        mapped = _storage_error(exc)
        if mapped is None:
            raise
        raise mapped from None


@contextlib.contextmanager
def _transaction(loc: Location) -> Iterator[tuple[Writer, Callable[[bool], None]]]:
    """The connection of one write and how it ends (`finish(True)` commits, `finish(False)`
    rolls back): stdlib sqlite3 with BEGIN IMMEDIATE for a file, psycopg for a server (neither
    imports SQLAlchemy unless the schema must be upgraded first)."""
    if not loc.is_sqlite:
        from refcli.store import server_reader

        conn = server_reader.connect(loc, write=True)
        try:
            if server_reader.version(conn) != SCHEMA_HEAD:
                conn.close()
                ensure_current(loc)  # checks the version, refuses a newer one, migrates an older one
                conn = server_reader.connect(loc, write=True)
            writer: Writer = server_reader.ServerWriter(conn)
            yield writer, lambda keep: conn.commit() if keep else _roll_back(conn)
        finally:
            conn.close()
        return
    conn = _current_sqlite(loc, _sqlite_for_writing)
    try:
        conn.execute("BEGIN IMMEDIATE")
        writer = SqliteWriter(conn)

        def finish(keep: bool) -> None:
            if not conn.in_transaction:
                return
            if keep:
                conn.execute("COMMIT")
            else:
                _roll_back(conn)

        yield writer, finish
    except sqlite3.Error as exc:
        raise (classify_db_error(exc) or exc) from None
    finally:
        conn.close()


def _sqlite_for_writing(loc: Location) -> sqlite3.Connection:
    conn = sqlite_connect(loc)
    if max_pages() is not None:
        conn.execute(f"PRAGMA max_page_count={max_pages()}")
    return conn


def _storage_error(exc: Exception) -> Exception | None:
    """A clash with what is recorded (a unique name, a foreign key) or a storage problem, as the
    one-line error it is; None for anything else. SQLAlchemy's and psycopg's errors are looked at
    only if that driver was imported."""
    from refcli.errors import Conflict

    orm = sys.modules.get("sqlalchemy.exc")
    server = sys.modules.get("psycopg")
    clashes = [sqlite3.IntegrityError, *(m.IntegrityError for m in (orm, server) if m is not None)]
    if isinstance(exc, tuple(clashes)):
        return Conflict(f"the change clashes with what is already recorded: {getattr(exc, 'orig', None) or exc}")
    failures = [sqlite3.Error, *([orm.DBAPIError] if orm else []), *([server.Error] if server else [])]
    if isinstance(exc, tuple(failures)):
        return classify_db_error(exc)
    return None
