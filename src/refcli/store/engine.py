"""One SQLAlchemy engine per database per process, with ref's connection rules: foreign keys
on, a busy timeout, BEGIN IMMEDIATE on SQLite; a clear error when a server's driver is missing."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from refcli.errors import StorageError
from refcli.store.location import Location, busy_timeout_ms, mask_url, max_pages

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

_engines: dict[Location, Engine] = {}


def engine_for(loc: Location) -> Engine:
    """One engine per database per process, with ref's connection rules applied."""
    if loc in _engines:
        return _engines[loc]
    from sqlalchemy import create_engine, event
    from sqlalchemy.pool import NullPool

    if loc.is_sqlite:
        assert loc.path is not None
        mode = "ro" if loc.read_only else "rw"
        url = f"sqlite:///file:{loc.path}?mode={mode}&uri=true"
        engine = create_engine(url, poolclass=NullPool, connect_args={"timeout": busy_timeout_ms() / 1000})

        @event.listens_for(engine, "connect")
        def _on_connect(dbapi_conn: Any, _record: Any) -> None:
            dbapi_conn.isolation_level = None  # we issue BEGIN ourselves
            cursor = dbapi_conn.cursor()
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute(f"PRAGMA busy_timeout={busy_timeout_ms()}")
            if max_pages() is not None:
                cursor.execute(f"PRAGMA max_page_count={max_pages()}")
            cursor.close()

        @event.listens_for(engine, "begin")
        def _on_begin(conn: Any) -> None:
            # Take the write lock up front: deferred transactions lose
            # read-modify-write updates or fail when a reader upgrades.
            conn.exec_driver_sql("BEGIN IMMEDIATE")

    else:
        try:
            engine = create_engine(loc.url or "", pool_pre_ping=True)
        except ImportError as exc:
            raise StorageError(
                f"no driver for {mask_url(loc.url or '')} ({exc.name or exc})",
                "for PostgreSQL: pip install 'refcli[postgres]'",
            ) from None
        except Exception as exc:  # a malformed URL: say so without echoing it (it may hold a password)
            raise StorageError(f"cannot use the database URL {mask_url(loc.url or '')}: {type(exc).__name__}") from None
    _engines[loc] = engine
    return engine


def dispose_engines() -> None:
    for engine in _engines.values():
        engine.dispose()
    _engines.clear()
