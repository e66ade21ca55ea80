"""Where the data lives, how it is opened, and how its schema is kept current.

Resolution order: `--db PATH` > `REF_DATABASE_URL` > `REF_DB` > the platform's
user data folder (`ref/ref.db`). A SQLite file is created private (folder 0700,
file 0600) and atomically: it is built under a temporary name and linked into
place, so no half-made database is ever seen. Every connection has foreign keys
on and a busy timeout; every write transaction starts with BEGIN IMMEDIATE.

Two paths, one schema (docs/architecture.md): read views use `open_reader`
(stdlib sqlite3 for a file, no SQLAlchemy import); writes use `write_session`
(SQLModel). Both first make sure the schema is current: a newer schema is
refused untouched, an older one is backed up and then migrated.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, unquote, urlsplit

from refcli.errors import RefError, StorageError, classify_db_error

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection, Engine
    from sqlmodel import Session

# The schema versions this code knows, oldest first; the last is the one it writes.
KNOWN_REVISIONS: tuple[str, ...] = ("0001", "0002", "0003", "0004", "0005", "0006", "0007")
SCHEMA_HEAD = KNOWN_REVISIONS[-1]
SQLITE_MAGIC = b"SQLite format 3\x00"
# Advisory locks on a server: one migrator at a time, and one writer at a time.
MIGRATE_LOCK, WRITE_LOCK = 72381, 72382


def max_pages() -> int | None:
    """REF_SQLITE_MAX_PAGES caps the database's size (SQLite's max_page_count): a quota, and how
    the tests make the disk 'full' without root."""
    raw = os.environ.get("REF_SQLITE_MAX_PAGES", "")
    return int(raw) if raw.isdigit() else None


def busy_timeout_ms() -> int:
    """How long to wait for another writer (REF_BUSY_TIMEOUT_MS, default 10 s)."""
    raw = os.environ.get("REF_BUSY_TIMEOUT_MS", "")
    return int(raw) if raw.isdigit() else 10_000


@dataclass(frozen=True)
class Location:
    """A resolved database: a SQLite file (path) or a server URL."""

    source: str  # --db, REF_DATABASE_URL, REF_DB or default
    path: Path | None = None
    read_only: bool = False
    url: str | None = None  # set for a database server

    @property
    def is_sqlite(self) -> bool:
        return self.path is not None

    def display(self) -> str:
        """Where the data is, with any password masked."""
        if self.path is not None:
            return str(self.path) + (" (read-only)" if self.read_only else "")
        return mask_url(self.url or "")


def mask_url(url: str) -> str:
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.replace(f":{parts.password}@", ":***@", 1)
    return parts._replace(netloc=netloc).geturl()


def default_path() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("ref", appauthor=False)) / "ref.db"


def locate(db_option: str | None = None) -> Location:
    """Resolve where the data lives, by the documented order."""
    if db_option:
        return _parse_target(db_option, "--db")
    env_url = os.environ.get("REF_DATABASE_URL", "").strip()
    if env_url:
        return _parse_target(env_url, "REF_DATABASE_URL")
    env_path = os.environ.get("REF_DB", "").strip()
    if env_path:
        return _parse_target(env_path, "REF_DB")
    return Location(source="default", path=default_path())


def _parse_target(target: str, source: str) -> Location:
    if target.startswith("sqlite:"):
        # sqlite:///relative.db, sqlite:////abs.db, sqlite:///file:x.db?mode=ro&uri=true
        rest = target.split(":///", 1)[1] if ":///" in target else ""
        if not rest:
            raise StorageError(f"{source}: an in-memory or empty SQLite URL keeps nothing", "give a file path")
        return _parse_target(rest.replace("&uri=true", "").replace("?uri=true", ""), source)
    if target.startswith("file:"):
        parts = urlsplit(target)
        query = parse_qs(parts.query)
        mode = (query.get("mode") or ["rwc"])[0]
        raw_path = unquote(parts.path or parts.netloc)
        return Location(source=source, path=Path(raw_path).expanduser().absolute(), read_only=mode == "ro")
    if "://" in target:
        return Location(source=source, url=target)
    return Location(source=source, path=Path(target).expanduser().absolute())


# --- file checks -------------------------------------------------------------------


def _check_existing_file(path: Path) -> None:
    """Refuse anything that is not a SQLite database, before SQLite touches it."""
    if path.is_dir():
        raise StorageError(f"{path} is a folder, not a database file", "give a file path to --db")
    try:
        size = path.stat().st_size
        with open(path, "rb") as handle:
            header = handle.read(len(SQLITE_MAGIC))
    except OSError as exc:
        raise StorageError(f"cannot read {path}: {exc.strerror}") from None
    if size == 0:
        raise StorageError(
            f"{path} is an empty file, not a ref database; refusing to overwrite it",
            "delete it or give another --db",
        )
    if header != SQLITE_MAGIC:
        raise StorageError(f"{path} is not a SQLite database; refusing to touch it", "give another --db path")


def _prepare_folder(loc: Location) -> None:
    assert loc.path is not None
    folder = loc.path.parent
    if folder.is_dir():
        return
    if loc.source != "default":
        raise StorageError(f"folder {folder} does not exist", "create it first, or give another --db path")
    try:
        folder.mkdir(parents=True, mode=0o700, exist_ok=True)
        os.chmod(folder, 0o700)
    except OSError as exc:
        raise StorageError(f"cannot create {folder}: {exc.strerror}") from None


def create_private_file(path: Path) -> None:
    """Create an empty file readable by its owner only, failing if it exists."""
    fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    os.close(fd)
    os.chmod(path, 0o600)


# --- the read path (stdlib sqlite3) --------------------------------------------------


def _plain(value: object) -> object:
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    return value


class Reader:
    """Runs portable SQL text (`:name` parameters) and returns plain dict rows."""

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


def _sqlite_connect(loc: Location) -> sqlite3.Connection:
    assert loc.path is not None
    mode = "ro" if loc.read_only else "rw"
    uri = f"file:{loc.path}?mode={mode}"
    try:
        conn = sqlite3.connect(uri, uri=True, timeout=busy_timeout_ms() / 1000, isolation_level=None)
        conn.execute(f"PRAGMA busy_timeout={busy_timeout_ms()}")
        conn.execute("PRAGMA foreign_keys=ON")
    except sqlite3.Error as exc:
        raise (classify_db_error(exc) or StorageError(f"cannot open {loc.path}: {exc}")) from None
    return conn


def _version_sqlite(conn: sqlite3.Connection, path: Path) -> str | None:
    """The schema version, or None for a SQLite file that is not a ref database."""
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if "alembic_version" not in tables:
            return None
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.Error as exc:
        raise (classify_db_error(exc) or StorageError(f"cannot read {path}: {exc}")) from None
    return row[0] if row else None


def _check_version(version: str | None, where: str) -> None:
    if version is None:
        raise StorageError(
            f"{where} is a SQLite database but not a ref database; refusing to touch it",
            "give another --db path",
        )
    if version not in KNOWN_REVISIONS:
        raise StorageError(
            f"{where} was written by a newer ref (schema {version}; this ref knows up to {SCHEMA_HEAD}); "
            "it was left untouched",
            "upgrade ref: pip install --upgrade refcli",
        )


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
    _check_existing_file(loc.path)
    conn = _sqlite_connect(loc)
    try:
        version = _version_sqlite(conn, loc.path)
        _check_version(version, str(loc.path))
        if version != SCHEMA_HEAD:  # an older schema: upgrade once (backup first), then read
            conn.close()
            ensure_current(loc)
            conn = _sqlite_connect(loc)
        yield SqliteReader(conn)
    finally:
        conn.close()


# --- the write path (SQLAlchemy / SQLModel) ------------------------------------------

_engines: dict[Location, Engine] = {}


def engine_for(loc: Location, path_override: Path | None = None) -> Engine:
    """One engine per database per process, with ref's connection rules applied."""
    key = loc if path_override is None else Location(source="new", path=path_override)
    if key in _engines:
        return _engines[key]
    from sqlalchemy import create_engine, event
    from sqlalchemy.pool import NullPool

    if key.is_sqlite:
        assert key.path is not None
        mode = "ro" if key.read_only else "rw"
        url = f"sqlite:///file:{key.path}?mode={mode}&uri=true"
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
            engine = create_engine(key.url or "", pool_pre_ping=True)
        except ImportError as exc:
            raise StorageError(
                f"no driver for {mask_url(key.url or '')} ({exc.name or exc})",
                "for PostgreSQL: pip install 'refcli[postgres]'",
            ) from None
        except Exception as exc:  # a malformed URL: say so without echoing it (it may hold a password)
            raise StorageError(f"cannot use the database URL {mask_url(key.url or '')}: {type(exc).__name__}") from None
    _engines[key] = engine
    return engine


def dispose_engines() -> None:
    for engine in _engines.values():
        engine.dispose()
    _engines.clear()


def ensure_current(loc: Location) -> Engine:
    """Create or upgrade the database as needed; return its engine."""
    if loc.is_sqlite:
        assert loc.path is not None
        if loc.path.exists():
            _check_existing_file(loc.path)
        else:
            if loc.read_only:
                raise StorageError(f"no database at {loc.path}", "a read-only --db must already exist")
            _prepare_folder(loc)
            _create_sqlite(loc)
    engine = engine_for(loc)
    try:
        _upgrade(engine, loc)
    except Exception as exc:
        raise (classify_db_error(exc) or exc) from None
    return engine


def _create_sqlite(loc: Location) -> None:
    """Build a fresh database under a temporary name, then link it into place."""
    assert loc.path is not None
    temp = loc.path.with_name(f".{loc.path.name}.new-{os.getpid()}")
    with contextlib.suppress(FileNotFoundError):
        temp.unlink()
    try:
        create_private_file(temp)
    except OSError as exc:
        raise StorageError(f"cannot create {loc.path}: {exc.strerror}", "check the folder is writable") from None
    try:
        conn = sqlite3.connect(temp, isolation_level=None)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.close()
        engine = engine_for(loc, path_override=temp)
        _upgrade(engine, Location(source="new", path=temp), backup=False)
        engine.dispose()
        _engines.pop(Location(source="new", path=temp), None)
        with contextlib.suppress(FileExistsError):
            os.link(temp, loc.path)  # atomic: a concurrent creator's file wins untouched
    finally:
        for leftover in (temp, Path(f"{temp}-wal"), Path(f"{temp}-shm")):
            with contextlib.suppress(FileNotFoundError):
                leftover.unlink()


def _version_conn(conn: Connection) -> str | None:
    from sqlalchemy import inspect, text

    if not inspect(conn).has_table("alembic_version"):
        tables = inspect(conn).get_table_names()
        return "" if not tables else None  # "" = empty database, ready for the first migration
    return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def _upgrade(engine: Engine, loc: Location, backup: bool = True) -> tuple[bool, str | None]:
    """Migrate to SCHEMA_HEAD under the write lock; return whether this process migrated, and
    the backup it made."""
    from sqlalchemy import text

    with engine.connect() as conn:
        if _version_conn(conn) == SCHEMA_HEAD:
            return False, None
    with engine.begin() as conn:  # BEGIN IMMEDIATE on SQLite: one migrator at a time
        if engine.dialect.name == "postgresql":
            conn.execute(text(f"SELECT pg_advisory_xact_lock({MIGRATE_LOCK})"))
        current = _version_conn(conn)  # re-checked inside the lock
        if current == SCHEMA_HEAD:
            return False, None  # another process migrated while we waited for the lock
        if current != "":
            _check_version(current, loc.display())
        if loc.read_only:
            raise StorageError(
                f"{loc.display()} needs upgrading to schema {SCHEMA_HEAD} but is read-only",
                "open it writable once to upgrade",
            )
        made = backup_sqlite(loc, current) if (backup and current and loc.is_sqlite) else None
        upgrade_connection(conn, SCHEMA_HEAD)
    return True, (str(made) if made else None)


def upgrade_connection(conn: Connection, revision: str) -> None:
    """Run the migrations up to `revision` inside the caller's transaction (the upgrade path,
    and the tests and fixtures that build a database as an older ref left it)."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", "refcli:migrations")
    config.attributes["connection"] = conn
    command.upgrade(config, revision)


def backup_sqlite(loc: Location, version: str | None) -> Path:
    """Copy the database with SQLite's backup API (never a file copy), fsynced, 0600."""
    assert loc.path is not None
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    target = loc.path.with_name(f"{loc.path.name}.backup-{version or 'new'}-{stamp}")
    try:
        create_private_file(target)
        source = sqlite3.connect(f"file:{loc.path}?mode=ro", uri=True)
        dest = sqlite3.connect(target)
        with dest:
            source.backup(dest)
        dest.close()
        source.close()
        fd = os.open(target, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
    except (OSError, sqlite3.Error) as exc:
        with contextlib.suppress(OSError):
            target.unlink()
        raise StorageError(f"could not back up {loc.path} before upgrading, so it was not upgraded: {exc}") from None
    return target


def _serialise_writers(session: Session) -> None:
    """On a server, one ref writer at a time, as BEGIN IMMEDIATE gives on SQLite: every write
    reads before it writes (handles, statuses, matching on import), and READ COMMITTED alone
    would let two of them decide on the same stale read. Waiting is bounded by the same busy
    timeout, so a stuck writer ends in the same clear 'busy' error (exit 5)."""
    from sqlalchemy import text

    session.execute(text(f"SET LOCAL lock_timeout = {busy_timeout_ms()}"))
    session.execute(text(f"SELECT pg_advisory_xact_lock({WRITE_LOCK})"))


@contextlib.contextmanager
def write_session(loc: Location, *, commit: bool = True, journal: bool = True) -> Iterator[Session]:
    """One write transaction (BEGIN IMMEDIATE): all of it lands, or none of it, together with
    its journal entry (every row it changed, before and after; see store/journal.py).
    With commit=False (a dry run) everything is done and then rolled back. journal=False only
    for restoring a backup, which brings its own journal."""
    from sqlalchemy.exc import DBAPIError, IntegrityError
    from sqlmodel import Session

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
                if entry is not None:
                    session.flush()
                    kept = changes.close_entry(session.connection(), entry, session.info.get("undoes"))
                    session.info["journal_entry"] = entry if kept else None
            except BaseException:
                transaction.rollback()
                raise
            if commit:
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


def schema_version(loc: Location) -> str | None:
    with open_reader(loc) as reader:
        return str(reader.scalar("SELECT version_num FROM alembic_version"))


def check(loc: Location) -> list[str]:
    """Integrity and foreign-key checks; returns the problems found (empty when healthy)."""
    problems: list[str] = []
    if loc.is_sqlite:
        assert loc.path is not None
        if not loc.path.exists():
            return [f"no database at {loc.path}"]
        _check_existing_file(loc.path)
        conn = _sqlite_connect(loc)
        try:
            version = _version_sqlite(conn, loc.path)
            _check_version(version, str(loc.path))
            integrity = [r[0] for r in conn.execute("PRAGMA integrity_check")]
            if integrity != ["ok"]:
                problems.extend(f"integrity: {line}" for line in integrity[:20])
            for table, rowid, parent, _ in conn.execute("PRAGMA foreign_key_check"):
                problems.append(f"foreign key: {table} row {rowid} points at a missing {parent}")
            if version == SCHEMA_HEAD:  # an older schema gains its triggers when it is upgraded
                problems.extend(_unjournaled_sqlite(conn))
        except sqlite3.DatabaseError as exc:
            problems.append(f"the file is damaged: {exc}")
        finally:
            conn.close()
    else:
        problems.extend(_check_server(loc))
    return problems


def _unjournaled_sqlite(conn: sqlite3.Connection) -> list[str]:
    """Tables whose changes would escape the journal (a trigger lost to a table rebuild)."""
    from refcli.store.journal import NOT_JOURNALED, OPS

    tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    triggers = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
    return [
        f"changes to {t} would not be journaled (no trigger)"
        for t in sorted(tables)
        if t not in NOT_JOURNALED
        and not t.startswith("sqlite_")
        and any(f"journal_{t}_{op}" not in triggers for op in OPS)
    ]


def _check_server(loc: Location) -> list[str]:
    """A server enforces integrity and foreign keys itself; check the schema version, that
    every table ref needs is there, and that no foreign key was left unvalidated."""
    from sqlalchemy import inspect, text

    from refcli.models import SQLModel

    try:
        with ensure_current(loc).connect() as conn:  # an older schema is upgraded first, as by any command
            _check_version(_version_conn(conn), loc.display())
            present = set(inspect(conn).get_table_names())
            problems = [f"missing table: {t}" for t in sorted(SQLModel.metadata.tables) if t not in present]
            if conn.dialect.name == "postgresql":
                loose = conn.execute(text("SELECT conname FROM pg_constraint WHERE contype = 'f' AND NOT convalidated"))
                problems.extend(f"foreign key not validated: {name}" for (name,) in loose)
            from refcli.store import journal

            problems.extend(
                f"changes to {t} would not be journaled (no trigger)" for t in journal.missing_triggers(conn)
            )
            return problems
    except RefError:
        raise
    except Exception as exc:
        raise (classify_db_error(exc) or exc) from None


def migrate(loc: Location) -> dict[str, str | None]:
    """`ref db migrate`: bring the schema to SCHEMA_HEAD; report what happened."""
    before: str | None = None
    if loc.is_sqlite:
        assert loc.path is not None
        if loc.path.exists():
            _check_existing_file(loc.path)
            conn = _sqlite_connect(loc)
            try:
                before = _version_sqlite(conn, loc.path)
            finally:
                conn.close()
            _check_version(before, str(loc.path))
    else:
        with engine_for(loc).connect() as sa_conn:
            before = _version_conn(sa_conn) or None
        if before is not None:
            _check_version(before, loc.display())
    backup: str | None = None
    if before is not None and before != SCHEMA_HEAD:
        migrated, backup = _upgrade(engine_for(loc), loc)
        if not migrated:
            before = SCHEMA_HEAD  # another ref upgraded it while this one waited
    else:
        ensure_current(loc)
    return {"from": before, "to": SCHEMA_HEAD, "backup": backup}
