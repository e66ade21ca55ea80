"""`ref db check` and `ref db version`: integrity, foreign keys, the schema version, and that
every table's changes reach the journal."""

from __future__ import annotations

import sqlite3

from refcli.errors import RefError, classify_db_error
from refcli.store.location import Location, check_existing_file
from refcli.store.reader import sqlite_connect
from refcli.store.schema import SCHEMA_HEAD, check_version, ensure_current, version_conn, version_sqlite
from refcli.store.session import open_reader


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
        check_existing_file(loc.path)
        conn = sqlite_connect(loc)
        try:
            version = version_sqlite(conn, loc.path)
            check_version(version, str(loc.path))
            integrity = [r[0] for r in conn.execute("PRAGMA integrity_check")]
            if integrity != ["ok"]:
                problems.extend(f"integrity: {line}" for line in integrity[:20])
            for table, rowid, parent, _ in conn.execute("PRAGMA foreign_key_check"):
                problems.append(f"foreign key: {table} row {rowid} points at a missing {parent}")
            if version == SCHEMA_HEAD:  # an older schema gains its triggers when it is upgraded
                problems.extend(_unjournaled_sqlite(conn))
                problems.extend(_search_index_sqlite(loc) if not problems else [])
        except sqlite3.DatabaseError as exc:
            problems.append(f"the file is damaged: {exc}")
        finally:
            conn.close()
    else:
        problems.extend(_check_server(loc))
    return problems


def _search_index_sqlite(loc: Location) -> list[str]:
    from refcli.store import derived
    from refcli.store.engine import engine_for
    from refcli.store.writer import ConnectionWriter

    with engine_for(loc).connect() as conn:
        return derived.out_of_step(ConnectionWriter(conn))


def reindex(loc: Location) -> int:
    """`ref db reindex`: build the search index and the summaries again from the data; returns the
    index's entries."""
    from refcli.store.session import write_transaction

    with write_transaction(loc, journal=False):  # without a journal, the write rebuilds them whole
        pass
    with open_reader(loc) as reader:
        return int(reader.scalar("SELECT count(*) FROM search_index") or 0)


def _unjournaled_sqlite(conn: sqlite3.Connection) -> list[str]:
    """Tables whose changes would escape the journal (a trigger lost to a table rebuild)."""
    from refcli.store.journal import OPS, is_journaled

    tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    triggers = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
    return [
        f"changes to {t} would not be journaled (no trigger)"
        for t in sorted(tables)
        if is_journaled(t) and any(f"journal_{t}_{op}" not in triggers for op in OPS)
    ]


def _check_server(loc: Location) -> list[str]:
    """A server enforces integrity and foreign keys itself; check the schema version, that
    every table ref needs is there, and that no foreign key was left unvalidated."""
    from sqlalchemy import inspect, text

    from refcli.models import SQLModel

    try:
        with ensure_current(loc).connect() as conn:  # an older schema is upgraded first, as by any command
            check_version(version_conn(conn), loc.display())
            present = set(inspect(conn).get_table_names())
            problems = [f"missing table: {t}" for t in sorted(SQLModel.metadata.tables) if t not in present]
            if conn.dialect.name == "postgresql":
                loose = conn.execute(text("SELECT conname FROM pg_constraint WHERE contype = 'f' AND NOT convalidated"))
                problems.extend(f"foreign key not validated: {name}" for (name,) in loose)
            from refcli.store import journal

            problems.extend(
                f"changes to {t} would not be journaled (no trigger)" for t in journal.missing_triggers(conn)
            )
            if not problems:  # the index is compared with tables that are all there
                from refcli.store import derived
                from refcli.store.writer import ConnectionWriter

                problems.extend(derived.out_of_step(ConnectionWriter(conn)))
            return problems
    except RefError:
        raise
    except Exception as exc:
        raise (classify_db_error(exc) or exc) from None
