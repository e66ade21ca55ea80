"""The schema lifecycle: which versions this ref knows, the one version check, creating a
database (privately and atomically), and upgrading an older one (backed up first, one migrator
at a time). A newer schema is refused untouched."""

from __future__ import annotations

import contextlib
import os
import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from refcli.errors import StorageError, classify_db_error
from refcli.files import create_private_file
from refcli.store import fresh
from refcli.store.engine import engine_for
from refcli.store.location import Location, check_existing_file, prepare_folder
from refcli.store.reader import sqlite_connect

if TYPE_CHECKING:
    from collections.abc import Iterator

    from sqlalchemy.engine import Connection, Engine

# The schema versions this code knows, oldest first; the last is the one it writes.
KNOWN_REVISIONS: tuple[str, ...] = (
    "0001",
    "0002",
    "0003",
    "0004",
    "0005",
    "0006",
    "0007",
    "0008",
    "0009",
    "0010",
    "0011",
    "0012",
    "0013",
    "0014",
    "0015",
    "0016",
    "0017",
    "0018",
    "0019",
    "0020",
    "0021",
    "0022",
)
SCHEMA_HEAD = KNOWN_REVISIONS[-1]
# Advisory lock on a server: one migrator at a time.
MIGRATE_LOCK = 72381


def version_sqlite(conn: sqlite3.Connection, path: Path) -> str | None:
    """The schema version, or None for a SQLite file that is not a ref database."""
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if "alembic_version" not in tables:
            return None
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.Error as exc:
        raise (classify_db_error(exc) or StorageError(f"cannot read {path}: {exc}")) from None
    return row[0] if row else None


def check_version(version: str | None, where: str) -> None:
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


def ensure_current(loc: Location) -> Engine:
    """Create or upgrade the database as needed; return its engine."""
    if loc.is_sqlite:
        create_if_missing(loc)
    engine = engine_for(loc)
    try:
        upgrade(engine, loc)
    except Exception as exc:
        raise (classify_db_error(exc) or exc) from None
    return engine


def create_if_missing(loc: Location) -> None:
    """A SQLite file at the current schema where there is none (never for a read-only --db)."""
    assert loc.path is not None
    if loc.path.exists():
        check_existing_file(loc.path)
        return
    if loc.read_only:
        raise StorageError(f"no database at {loc.path}", "a read-only --db must already exist")
    prepare_folder(loc)
    create_sqlite(loc)


def create_sqlite(loc: Location) -> None:
    """Build a fresh database under a temporary name, then link it into place: the schema the
    migrations build, made by one script (store/fresh.py)."""
    assert loc.path is not None
    temp = loc.path.with_name(f".{loc.path.name}.new-{os.getpid()}")
    with contextlib.suppress(FileNotFoundError):
        temp.unlink()
    try:
        os.close(create_private_file(temp))
    except OSError as exc:
        raise StorageError(f"cannot create {loc.path}: {exc.strerror}", "check the folder is writable") from None
    try:
        conn = sqlite3.connect(temp, isolation_level=None)
        try:
            conn.execute("PRAGMA journal_mode=WAL")
            fresh.build(conn)
        finally:
            conn.close()
        with contextlib.suppress(FileExistsError):
            os.link(temp, loc.path)  # atomic: a concurrent creator's file wins untouched
    finally:
        for leftover in (temp, Path(f"{temp}-wal"), Path(f"{temp}-shm")):
            with contextlib.suppress(FileNotFoundError):
                leftover.unlink()


def version_conn(conn: Connection) -> str | None:
    from sqlalchemy import inspect, text

    if not inspect(conn).has_table("alembic_version"):
        tables = inspect(conn).get_table_names()
        return "" if not tables else None  # "" = empty database, ready for the first migration
    return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def upgrade(engine: Engine, loc: Location) -> tuple[bool, str | None]:
    """Migrate to SCHEMA_HEAD under the write lock; return whether this process migrated, and
    the backup it made."""
    with engine.connect() as conn:
        if version_conn(conn) == SCHEMA_HEAD:
            return False, None
    with engine.connect() as conn, _foreign_keys_checked_not_enforced(conn):
        return _upgrade_in(conn, engine, loc)


@contextlib.contextmanager
def _foreign_keys_checked_not_enforced(conn: Connection) -> Iterator[None]:
    """On SQLite, migrations run with foreign keys off (a table rebuilt by a migration is dropped
    and made again, which with them on would delete every row that points at it) and every key is
    checked before the upgrade commits (`_upgrade_in`); the connection gets them back after."""
    raw = conn.connection.driver_connection if conn.dialect.name == "sqlite" else None
    if raw is not None:
        raw.execute("PRAGMA foreign_keys=OFF")  # outside any transaction: SQLite ignores it inside one
    try:
        yield
    finally:
        if raw is not None:
            raw.execute("PRAGMA foreign_keys=ON")


def _upgrade_in(conn: Connection, engine: Engine, loc: Location) -> tuple[bool, str | None]:
    from sqlalchemy import text

    with conn.begin():  # BEGIN IMMEDIATE on SQLite: one migrator at a time
        if engine.dialect.name == "postgresql":
            conn.execute(text(f"SELECT pg_advisory_xact_lock({MIGRATE_LOCK})"))
        current = version_conn(conn)  # re-checked inside the lock
        if current == SCHEMA_HEAD:
            return False, None  # another process migrated while we waited for the lock
        if current != "":
            check_version(current, loc.display())
        if loc.read_only:
            raise StorageError(
                f"{loc.display()} needs upgrading to schema {SCHEMA_HEAD} but is read-only",
                "open it writable once to upgrade",
            )
        made = backup_sqlite(loc, current) if (current and loc.is_sqlite) else None
        upgrade_connection(conn, SCHEMA_HEAD)
        from refcli.store import derived
        from refcli.store.writer import ConnectionWriter

        derived.rebuild(ConnectionWriter(conn))  # the index and summaries again, with this version's definitions
        if engine.dialect.name == "sqlite":
            broken = conn.exec_driver_sql("PRAGMA foreign_key_check").all()
            if broken:
                raise StorageError(
                    f"the upgrade to schema {SCHEMA_HEAD} would leave {len(broken)} broken links; nothing was changed",
                    "report it: your database is as it was (and backed up)",
                )
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
    """Copy the database with SQLite's backup API (never a file copy), fsynced, 0600, under a
    hidden name renamed only when whole: a backup by its name is never half a backup."""
    assert loc.path is not None
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    target = loc.path.with_name(f"{loc.path.name}.backup-{version or 'new'}-{stamp}")
    temp = target.with_name(f".{target.name}.partial")
    try:
        os.close(create_private_file(temp))
        source = sqlite3.connect(f"file:{loc.path}?mode=ro", uri=True)
        dest = sqlite3.connect(temp)
        with dest:
            source.backup(dest)
        dest.close()
        source.close()
        fd = os.open(temp, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(temp, target)
    except (OSError, sqlite3.Error) as exc:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise StorageError(f"could not back up {loc.path} before upgrading, so it was not upgraded: {exc}") from None
    return target


def migrate(loc: Location) -> dict[str, str | None]:
    """`ref db migrate`: bring the schema to SCHEMA_HEAD; report what happened."""
    before: str | None = None
    if loc.is_sqlite:
        assert loc.path is not None
        if loc.path.exists():
            check_existing_file(loc.path)
            conn = sqlite_connect(loc)
            try:
                before = version_sqlite(conn, loc.path)
            finally:
                conn.close()
            check_version(before, str(loc.path))
    else:
        with engine_for(loc).connect() as sa_conn:
            before = version_conn(sa_conn) or None
        if before is not None:
            check_version(before, loc.display())
    backup: str | None = None
    if before is not None and before != SCHEMA_HEAD:
        migrated, backup = upgrade(engine_for(loc), loc)
        if not migrated:
            before = SCHEMA_HEAD  # another ref upgraded it while this one waited
    else:
        ensure_current(loc)
    return {"from": before, "to": SCHEMA_HEAD, "backup": backup}
