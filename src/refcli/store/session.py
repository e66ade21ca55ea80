"""The two doors to the data: `open_reader` for the views and `write_session` for every write
(one transaction, one journal entry). Both first make sure the schema is current."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from refcli.errors import classify_db_error
from refcli.store import interrupts
from refcli.store.location import Location, busy_timeout_ms, check_existing_file
from refcli.store.reader import ConnectionReader, Reader, SqliteReader, sqlite_connect
from refcli.store.schema import SCHEMA_HEAD, check_version, ensure_current, version_sqlite

if TYPE_CHECKING:
    from sqlmodel import Session

# Advisory lock on a server: one writer at a time.
WRITE_LOCK = 72382


@contextlib.contextmanager
def open_reader(loc: Location) -> Iterator[Reader]:
    """A reader on a current schema: stdlib sqlite3 for a file, SQLAlchemy for a server."""
    if not loc.is_sqlite:
        engine = ensure_current(loc)
        with engine.connect() as sa_conn:
            yield ConnectionReader(sa_conn)
        return
    assert loc.path is not None
    if not loc.path.exists():
        ensure_current(loc)
    check_existing_file(loc.path)
    conn = sqlite_connect(loc)
    try:
        version = version_sqlite(conn, loc.path)
        check_version(version, str(loc.path))
        if version != SCHEMA_HEAD:  # an older schema: upgrade once (backup first), then read
            conn.close()
            ensure_current(loc)
            conn = sqlite_connect(loc)
        yield SqliteReader(conn)
    finally:
        conn.close()


def _serialise_writers(session: Session) -> None:
    """On a server, one ref writer at a time, as BEGIN IMMEDIATE gives on SQLite: every write
    reads before it writes (handles, statuses, matching on import), and READ COMMITTED alone
    would let two of them decide on the same stale read. Waiting is bounded by the same busy
    timeout, so a stuck writer ends in the same clear 'busy' error (exit 5)."""
    from sqlalchemy import text

    session.execute(text(f"SET LOCAL lock_timeout = {busy_timeout_ms()}"))
    session.execute(text(f"SELECT pg_advisory_xact_lock({WRITE_LOCK})"))


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
def write_session(loc: Location, *, commit: bool = True, journal: bool = True) -> Iterator[Session]:
    """One write transaction (BEGIN IMMEDIATE): all of it lands, or none of it, together with
    its journal entry (every row it changed, before and after; see store/journal.py).
    With commit=False (a dry run) everything is done and then rolled back. journal=False only
    for restoring a backup, which brings its own journal."""
    from sqlalchemy.exc import DBAPIError, IntegrityError
    from sqlmodel import Session

    from refcli.store import derived
    from refcli.store import journal as changes

    engine = ensure_current(loc)
    try:
        with Session(engine, expire_on_commit=False) as session:
            transaction = session.begin()
            if engine.dialect.name == "postgresql":
                _serialise_writers(session)
            entry = changes.open_entry(session.connection()) if journal else None
            session.info["journal_open"] = entry
            try:
                yield session
                session.flush()
                if entry is None:  # no journal to say what changed: derive everything again
                    derived.rebuild(session.connection())
                else:
                    derived.refresh(session.connection(), entry)
                    kept = changes.close_entry(session.connection(), entry, session.info.get("undoes"))
                    session.info["journal_entry"] = entry if kept else None
            except BaseException:
                _roll_back(transaction)
                raise
            if commit:
                with interrupts.commit_held():
                    transaction.commit()
            else:
                transaction.rollback()
    except IntegrityError as exc:
        from refcli.errors import Conflict

        raise Conflict(f"the change clashes with what is already recorded: {exc.orig}") from None
    except DBAPIError as exc:
        mapped = classify_db_error(exc)
        if mapped is None:
            raise
        raise mapped from None
