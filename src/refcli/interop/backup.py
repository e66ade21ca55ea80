"""The complete backup: every table as JSON, with the schema version.

Importing a backup into an empty database reproduces it exactly. A backup is
checked in full (format, schema version, every column's type) before anything
is written, so a damaged or foreign file changes nothing.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

from refcli.db import KNOWN_REVISIONS, SCHEMA_HEAD
from refcli.errors import Conflict, InvalidInput

if TYPE_CHECKING:
    from sqlalchemy import Table
    from sqlalchemy.engine import Connection

FORMAT = "ref-backup"


def _tables() -> list[Table]:
    from refcli.models import metadata

    return list(metadata.sorted_tables)


def _json_value(value: Any) -> Any:
    if isinstance(value, datetime):
        return (value if value.tzinfo else value.replace(tzinfo=UTC)).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return value


def dump(conn: Connection) -> dict[str, Any]:
    """Every row of every table, in primary-key order."""
    from sqlalchemy import select

    tables: dict[str, list[dict[str, Any]]] = {}
    for table in _tables():
        rows = conn.execute(select(table).order_by(*table.primary_key.columns)).mappings()
        tables[table.name] = [{k: _json_value(v) for k, v in row.items()} for row in rows]
    return {
        "format": FORMAT,
        "schema": SCHEMA_HEAD,
        "exported_at": datetime.now(UTC).isoformat(),
        "tables": tables,
    }


def _convert(table: Table, row: Any, where: str) -> dict[str, Any]:
    from sqlalchemy import Boolean, Date, Integer, String

    from refcli.models import UTCDateTime

    if not isinstance(row, dict):
        raise InvalidInput(f"{where}: a row must be an object")
    columns = {c.name: c for c in table.columns}
    unknown = set(row) - set(columns)
    if unknown:
        raise InvalidInput(f"{where}: unknown column(s) {', '.join(sorted(unknown))}")
    out: dict[str, Any] = {}
    for name, column in columns.items():
        value = row.get(name)
        if value is None:
            if not column.nullable and not column.primary_key and column.default is None:
                raise InvalidInput(f"{where}: {name} is missing")
            out[name] = None
            continue
        kind = column.type
        try:
            if isinstance(kind, UTCDateTime):
                parsed = datetime.fromisoformat(str(value))
                out[name] = parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
            elif isinstance(kind, Date):
                out[name] = date.fromisoformat(str(value))
            elif isinstance(kind, Boolean):
                if not isinstance(value, bool):
                    raise TypeError
                out[name] = value
            elif isinstance(kind, Integer):
                if isinstance(value, bool) or not isinstance(value, int):
                    raise TypeError
                out[name] = value
            elif isinstance(kind, String):
                if not isinstance(value, str):
                    raise TypeError
                out[name] = value
            else:
                out[name] = value
        except (TypeError, ValueError):
            raise InvalidInput(f"{where}: {name} has the wrong type ({value!r})") from None
    return out


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
    if schema != SCHEMA_HEAD:
        raise InvalidInput(
            f"the backup has schema {schema}; this ref writes {SCHEMA_HEAD}",
            "import it with the ref that made it, run `ref db migrate`, then `ref export --format backup` again",
        )
    tables = data.get("tables")
    if not isinstance(tables, dict):
        raise InvalidInput('the backup has no "tables" object')
    known = {t.name: t for t in _tables()}
    unknown = set(tables) - set(known)
    if unknown:
        raise InvalidInput(f"the backup has unknown table(s): {', '.join(sorted(unknown))}")
    converted: dict[str, list[dict[str, Any]]] = {}
    for name, table in known.items():
        rows = tables.get(name, [])
        if not isinstance(rows, list):
            raise InvalidInput(f"table {name} must be a list of rows")
        converted[name] = [_convert(table, row, f"{name} row {i + 1}") for i, row in enumerate(rows)]
    return converted


def load(conn: Connection, converted: dict[str, list[dict[str, Any]]]) -> dict[str, int]:
    """Insert a validated backup into an empty database; returns rows per table."""
    from sqlalchemy import func, insert, select, text

    for table in _tables():
        if conn.execute(select(func.count()).select_from(table)).scalar():
            raise Conflict(
                "a backup is restored into an empty database, and this one has data",
                "restore into a new file: ref --db NEW.db import BACKUP.json",
            )
    counts = {}
    for table in _tables():
        rows = converted.get(table.name, [])
        if rows:
            conn.execute(insert(table), rows)
        counts[table.name] = len(rows)
    if conn.dialect.name == "postgresql":  # keep sequences ahead of the restored ids
        for table in _tables():
            pk = list(table.primary_key.columns)
            if len(pk) == 1 and isinstance(pk[0].type.python_type, type) and pk[0].type.python_type is int:
                conn.execute(
                    text(
                        f"SELECT setval(pg_get_serial_sequence('{table.name}', '{pk[0].name}'), "
                        f"coalesce((SELECT max({pk[0].name}) FROM {table.name}), 0) + 1, false)"
                    )
                )
    return counts
