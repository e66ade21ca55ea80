"""The complete backup: every table as JSON, with the schema version.

Importing a backup into an empty database reproduces it exactly. A backup is
checked in full (format, schema version, every column's type) before anything
is written, so a damaged or foreign file changes nothing.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

from refcli.errors import Conflict, InvalidInput
from refcli.exchange import backup_parallel, backup_rules, backup_values
from refcli.store import KNOWN_REVISIONS, SCHEMA_HEAD

if TYPE_CHECKING:
    from sqlalchemy import Table

    from refcli.exchange.export_shapes import ExportOptions, ExportSource
    from refcli.store.writer import Writer

FORMAT = "ref-backup"


def _tables() -> list[Table]:
    """Every table, parents first; the journal last, so restoring rows is not journaled again."""
    from refcli.models import metadata
    from refcli.store.journal import NOT_JOURNALED

    tables = list(metadata.sorted_tables)
    return [t for t in tables if t.name not in NOT_JOURNALED] + [t for t in tables if t.name in NOT_JOURNALED]


BATCH = backup_parallel.BATCH  # rows per chunk written


def _datetime_text(value: Any) -> Any:
    """One form for every driver: 2026-01-01T09:30:00.000000+00:00."""
    if value is None:
        return None
    if isinstance(value, datetime):
        aware = value if value.tzinfo else value.replace(tzinfo=UTC)
        return aware.astimezone(UTC).isoformat(timespec="microseconds")
    text = str(value)  # SQLite stores "2026-01-01 09:30:00.000000" (UTC, by UTCDateTime)
    return f"{text[:10]}T{text[11:]}{'' if '.' in text[11:] else '.000000'}+00:00"


def _date_text(value: Any) -> Any:
    """A server driver's plain dates as ISO text; timestamps are left for _datetime_text."""
    if isinstance(value, date) and not isinstance(value, datetime):
        return value.isoformat()
    return value


def _rows_text(batch: list[list[Any]]) -> str:
    """A batch of rows as JSON array items: one C-level dumps call per batch."""
    return json.dumps(batch, ensure_ascii=False)[1:-1]


def export(source: ExportSource, options: ExportOptions) -> Iterator[str]:
    return dump_chunks(source.location)


def dump_chunks(loc: Any) -> Iterator[str]:
    """The backup as JSON text, produced a batch of rows at a time from one consistent snapshot,
    so memory stays flat at any size. Rows are arrays in `columns` order."""
    head = {"format": FORMAT, "schema": SCHEMA_HEAD, "exported_at": datetime.now(UTC).isoformat()}
    yield json.dumps(head)[:-1] + ', "tables": {'
    with _snapshot(loc) as fetch:
        for n, table in enumerate(_tables()):
            columns = [c.name for c in table.columns]
            stamps, flags = _kinds(table)
            yield f'{"," if n else ""}\n"{table.name}": {{"columns": {json.dumps(columns)}, "rows": ['
            first = True
            for chunk in fetch(table, columns, stamps, flags):  # the rows, ",\n" between them
                yield ("\n" if first else "") + chunk
                first = False
            yield "]}"
    yield "}}\n"


def _batches(rows: Iterator[tuple[Any, ...]], convert: Callable[[tuple[Any, ...]], list[Any]]) -> Iterator[str]:
    """Rows as JSON array items, BATCH rows to a chunk: one C-level dumps call per batch."""
    batch: list[list[Any]] = []
    after = ""  # ",\n" before every chunk but the first
    for raw in rows:
        batch.append(convert(raw))
        if len(batch) >= BATCH:
            yield after + _rows_text(batch)
            batch, after = [], ",\n"
    if batch:
        yield after + _rows_text(batch)


def _sqlite_json(column: str, stamps: set[str], flags: set[str]) -> str:
    """A column as SQLite's json_array takes it, in the backup's one form: a moment as
    2026-01-01T09:30:00.000000+00:00 (_datetime_text), a flag as true/false."""
    quoted = f'"{column}"'
    if column in stamps:
        clock = f"substr({quoted}, 12)"
        return (
            f"CASE WHEN {quoted} IS NULL THEN NULL ELSE substr({quoted}, 1, 10) || 'T' || {clock} || "
            f"CASE WHEN instr({clock}, '.') > 0 THEN '+00:00' ELSE '.000000+00:00' END END"
        )
    if column in flags:  # json('true') is a constant: SQLite makes it once, not once a row
        return f"CASE WHEN {quoted} IS NULL THEN NULL WHEN {quoted} THEN json('true') ELSE json('false') END"
    return quoted


Fetch = Callable[["Table", list[str], set[str], set[str]], Iterator[str]]


def _kinds(table: Table) -> tuple[set[str], set[str]]:
    """A table's moment columns and flag columns: the two the backup writes in its own form."""
    from sqlalchemy import Boolean

    from refcli.models import UTCDateTime

    return (
        {c.name for c in table.columns if isinstance(c.type, UTCDateTime)},
        {c.name for c in table.columns if isinstance(c.type, Boolean)},
    )


def _sqlite_query(table: Table) -> str:
    """The rows of a table as SQLite makes them JSON (one text per row), in key order."""
    stamps, flags = _kinds(table)
    items = ", ".join(_sqlite_json(c.name, stamps, flags) for c in table.columns)
    order = ", ".join(c.name for c in table.primary_key.columns)
    return f'SELECT json_array({items}) FROM "{table.name}" ORDER BY {order}'


@contextlib.contextmanager
def _snapshot(loc: Any) -> Iterator[Fetch]:
    """Rows of each table, all from one read transaction: stdlib sqlite3 for a file (fast, raw
    values), the SQLAlchemy engine for a server."""
    from refcli.store import ensure_current

    engine = ensure_current(loc)
    if loc.is_sqlite:
        conn = sqlite3.connect(f"file:{loc.path}?mode=ro", uri=True, isolation_level=None)
        try:
            from refcli.models import metadata

            found = backup_parallel.sizes(conn, list(metadata.tables))
            if found is not None:  # a large file: two readers, one snapshot
                queries = {table.name: _sqlite_query(table) for table in _tables()}
                work = {name: found.get(name, 0.0) for name in queries}
                with backup_parallel.readers(loc.path, queries, work) as fetch_parallel:
                    if fetch_parallel is not None:
                        conn.close()
                        yield lambda table, *_: fetch_parallel(table.name)
                        return
            conn.execute("BEGIN")

            def fetch_sqlite(table: Table, columns: list[str], stamps: set[str], flags: set[str]) -> Iterator[str]:
                """Each row made JSON by SQLite itself: the export is as fast as the file reads."""
                return backup_parallel.row_texts(conn.execute(_sqlite_query(table)))

            yield fetch_sqlite
        finally:
            conn.close()
        return
    # REPEATABLE READ: on PostgreSQL every statement of the transaction sees one snapshot (the
    # default READ COMMITTED would let a write land between two tables of the backup).
    with engine.connect().execution_options(isolation_level="REPEATABLE READ") as sa_conn, sa_conn.begin():

        def fetch_server(table: Table, columns: list[str], stamps: set[str], flags: set[str]) -> Iterator[str]:
            from sqlalchemy import select

            at = [i for i, c in enumerate(columns) if c in stamps]
            flagged = [i for i, c in enumerate(columns) if c in flags]

            def convert(raw: tuple[Any, ...]) -> list[Any]:
                row = [_date_text(v) for v in raw]
                for i in at:
                    row[i] = _datetime_text(row[i])
                for i in flagged:
                    row[i] = None if row[i] is None else bool(row[i])
                return row

            query = select(table).order_by(*table.primary_key.columns)
            yield from _batches(sa_conn.execution_options(stream_results=True, yield_per=BATCH).execute(query), convert)

        yield fetch_server


def _rows_of(name: str, entry: Any) -> list[dict[str, Any]]:
    """A table's rows as dicts."""
    if not isinstance(entry, dict) or not isinstance(entry.get("columns"), list):
        raise InvalidInput(f'table {name} must have "columns" and "rows" lists')
    if not isinstance(entry.get("rows"), list):
        raise InvalidInput(f'table {name} must have "columns" and "rows" lists')
    columns = entry["columns"]
    rows = []
    for i, row in enumerate(entry["rows"]):
        if not isinstance(row, list) or len(row) != len(columns):
            raise InvalidInput(f"{name} row {i + 1}: expected {len(columns)} values")
        rows.append(dict(zip(columns, row, strict=True)))
    return rows


def validate(data: Any) -> dict[str, list[dict[str, Any]]]:
    """Check a whole backup and return its rows converted, or raise before anything is written."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise InvalidInput('not a ref backup (no "format": "ref-backup")')
    schema = data.get("schema")
    if schema not in KNOWN_REVISIONS:
        raise InvalidInput(
            f"the backup was made by a newer ref (schema {schema!r}; this ref knows up to {SCHEMA_HEAD})",
            "upgrade ref, then import it",
        )
    if schema != SCHEMA_HEAD:  # an older backup is upgraded first (backup_upgrade.upgraded)
        raise InvalidInput(f"the backup has schema {schema}; this ref restores {SCHEMA_HEAD} here")
    tables = data.get("tables")
    if not isinstance(tables, dict):
        raise InvalidInput('the backup has no "tables" object')
    known = {t.name: t for t in _tables()}
    unknown = set(tables) - set(known)
    if unknown:
        raise InvalidInput(f"the backup has unknown table(s): {', '.join(sorted(unknown))}")
    missing = set(known) - set(tables)
    if missing:
        raise InvalidInput(
            f"the backup has no table {', '.join(sorted(missing))}: it is cut short or was edited",
            "restore from another backup; nothing was restored",
        )
    converted: dict[str, list[dict[str, Any]]] = {}
    for name, table in known.items():
        rows = []
        for i, raw in enumerate(_rows_of(name, tables[name])):
            row = backup_values.convert(table, raw, f"{name} row {i + 1}")
            backup_rules.check_row(name, row, f"{name} row {i + 1}")
            rows.append(row)
        converted[name] = rows
    _check_links(known, converted)
    return converted


def _check_links(known: dict[str, Table], converted: dict[str, list[dict[str, Any]]]) -> None:
    """Every row that points at another (a note at its contact...) points at one in the backup:
    the first that does not is named, before anything is written."""
    ids = {name: {row.get("id") for row in rows} for name, rows in converted.items()}
    for name, table in known.items():
        for fk in table.foreign_keys:
            parent, column = fk.column.table.name, fk.parent.name
            for i, row in enumerate(converted[name]):
                value = row.get(column)
                if value is not None and value not in ids.get(parent, set()):
                    raise InvalidInput(
                        f"{name} row {i + 1}: {column} {value} points at a {parent} that is not in the backup",
                        "the backup is damaged or was edited: nothing was restored",
                    )


def _copy(writer: Writer, table: Table, rows: list[dict[str, Any]]) -> None:
    """A table's rows into a server by COPY, in the restore's transaction (issue 37: row by row,
    a 10,000-person backup took over a minute to restore into PostgreSQL)."""
    from refcli.dates import stored_moment

    names = [c.name for c in table.columns]
    raw: Any = writer.raw_connection()  # psycopg's own connection, in this transaction
    quoted = ", ".join(f'"{n}"' for n in names)
    with raw.cursor() as cur, cur.copy(f'COPY "{table.name}" ({quoted}) FROM STDIN') as copy:
        for row in rows:
            copy.write_row([stored_moment(v) if isinstance(v, datetime) else v for v in (row.get(n) for n in names)])


def _triggers_off(writer: Writer) -> bool:
    """On a server, the journal's triggers set aside while the rows go in, in the restore's own
    transaction (they do nothing then: a restore opens no journal entry, it brings its own; but
    each row's trigger still ran, and queued, and 458,000 of them cost a 10,000-person restore
    about 6 s). Only the tables' owner may; another login restores with them on."""
    try:
        writer.execute("SAVEPOINT triggers_off")
        for table in _tables():
            writer.execute(f'ALTER TABLE "{table.name}" DISABLE TRIGGER USER')
    except Exception:  # not the owner: the slower way, with the same outcome
        writer.execute("ROLLBACK TO SAVEPOINT triggers_off")
        return False
    writer.execute("RELEASE SAVEPOINT triggers_off")
    return True


def load(writer: Writer, converted: dict[str, list[dict[str, Any]]]) -> dict[str, int]:
    """Insert a validated backup into an empty database, through the write's Writer; returns rows
    per table (each row holds every column: `_convert`)."""
    for table in _tables():
        if writer.scalar(f'SELECT count(*) FROM "{table.name}"'):
            raise Conflict(
                "a backup is restored into an empty database, and this one has data",
                "restore into a new file: ref --db NEW.db import BACKUP.json",
            )
    counts = {}
    quiet = writer.dialect == "postgresql" and _triggers_off(writer)
    for table in _tables():
        rows = converted.get(table.name, [])
        if rows and writer.dialect == "postgresql":
            _copy(writer, table, rows)
        elif rows:
            names = [c.name for c in table.columns]
            columns, marks = ", ".join(f'"{n}"' for n in names), ", ".join(f":{n}" for n in names)
            writer.executemany(f'INSERT INTO "{table.name}" ({columns}) VALUES ({marks})', rows)
        counts[table.name] = len(rows)
    if quiet:
        for table in _tables():
            writer.execute(f'ALTER TABLE "{table.name}" ENABLE TRIGGER USER')
    if writer.dialect == "postgresql":  # the planner's statistics for the new rows, at once
        writer.execute("ANALYZE")  # (autovacuum would take minutes: until then, views chose poor plans)
    if writer.dialect == "postgresql":  # keep sequences ahead of the restored ids
        for table in _tables():
            pk = list(table.primary_key.columns)
            if len(pk) == 1 and isinstance(pk[0].type.python_type, type) and pk[0].type.python_type is int:
                writer.execute(
                    f"SELECT setval(pg_get_serial_sequence('{table.name}', '{pk[0].name}'), "
                    f"coalesce((SELECT max({pk[0].name}) FROM {table.name}), 0) + 1, false)"
                )
    return counts
