"""A backup of any schema ref ever wrote restores: its rows go into a scratch SQLite file that the
migrations build at the backup's version, the file is upgraded as any database is (the same
migrations, data changes included), and it is read back as a backup of today's schema, which is
then checked and restored like any other. Both shapes older refs wrote are read: a table as a
list of row objects, and as `columns` with `rows` of values."""

from __future__ import annotations

import json
import sqlite3
import tempfile
import warnings
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from refcli.errors import InvalidInput

_CRAFTED = "the backup is damaged, or was edited: nothing was restored"


def upgraded(data: dict[str, Any]) -> dict[str, Any]:
    """`data` (a backup of an older schema) as a backup of today's schema."""
    from sqlalchemy import MetaData, create_engine

    from refcli import store
    from refcli.exchange import backup

    version = str(data["schema"])
    tables = data.get("tables")
    if not isinstance(tables, dict):
        raise InvalidInput('the backup has no "tables" object', _CRAFTED)
    with tempfile.TemporaryDirectory(prefix="ref-restore-") as folder:
        path = Path(folder) / "old.db"
        engine = create_engine(f"sqlite:///{path}")
        try:
            with engine.begin() as conn:
                store.upgrade_connection(conn, version)
            meta = MetaData()
            with warnings.catch_warnings():  # an expression index of a derived table: not needed here
                warnings.simplefilter("ignore")
                meta.reflect(engine)
        finally:
            engine.dispose()
        _load(path, meta, tables)
        loc = store.Location(source="restore", path=path)
        text = "".join(backup.dump_chunks(loc))  # upgrades the scratch file first, as any database
    result: dict[str, Any] = json.loads(text)
    return result


def _load(path: Path, meta: Any, tables: dict[str, Any]) -> None:
    """Every row of the backup into the scratch file at its own version, parents first."""
    known = {t.name: t for t in meta.sorted_tables if t.name != "alembic_version"}
    unknown = set(tables) - set(known)
    if unknown:
        raise InvalidInput(f"the backup has unknown table(s): {', '.join(sorted(unknown))}", _CRAFTED)
    from refcli.store.derived import is_derived

    known = {name: table for name, table in known.items() if not is_derived(name)}
    missing = set(known) - set(tables)
    if missing:
        raise InvalidInput(
            f"the backup has no table {', '.join(sorted(missing))}: it is cut short or was edited", _CRAFTED
        )
    conn = sqlite3.connect(path)
    try:
        conn.execute("PRAGMA foreign_keys=OFF")  # the rows come parents first, and the check runs after
        for table in meta.sorted_tables:
            if table.name not in known:
                continue
            stamps = {c.name for c in table.columns if "DATETIME" in str(c.type).upper()}
            columns = {c.name for c in table.columns}
            for n, row in enumerate(_rows(table.name, tables[table.name]), 1):
                if set(row) - columns:
                    raise InvalidInput(
                        f"{table.name} row {n}: unknown column(s) {', '.join(sorted(set(row) - columns))}"
                    )
                values = {k: _stored(v, k in stamps) for k, v in row.items()}
                names = ", ".join(f'"{k}"' for k in values)
                marks = ", ".join("?" for _ in values)
                try:
                    conn.execute(f'INSERT INTO "{table.name}" ({names}) VALUES ({marks})', list(values.values()))
                except sqlite3.Error as exc:
                    raise InvalidInput(f"{table.name} row {n}: {exc}", _CRAFTED) from None
        broken = conn.execute("PRAGMA foreign_key_check").fetchone()
        if broken is not None:
            raise InvalidInput(
                f"{broken[0]} row {broken[1]} points at a {broken[2]} that is not in the backup", _CRAFTED
            )
        conn.commit()
    finally:
        conn.close()


def _rows(name: str, entry: Any) -> list[dict[str, Any]]:
    """A table's rows as objects, from either shape a backup has had."""
    if isinstance(entry, list):
        if not all(isinstance(row, dict) for row in entry):
            raise InvalidInput(f"table {name}: each row must be an object", _CRAFTED)
        return entry
    if isinstance(entry, dict) and isinstance(entry.get("columns"), list) and isinstance(entry.get("rows"), list):
        columns = entry["columns"]
        out = []
        for n, row in enumerate(entry["rows"], 1):
            if not isinstance(row, list) or len(row) != len(columns):
                raise InvalidInput(f"{name} row {n}: expected {len(columns)} values", _CRAFTED)
            out.append(dict(zip(columns, row, strict=True)))
        return out
    raise InvalidInput(f'table {name} must have "columns" and "rows" lists', _CRAFTED)


def _stored(value: Any, moment: bool) -> Any:
    """A backup's value as the SQLite file of its version stored it: a moment as naive UTC text,
    a flag as 0 or 1, everything else as it is."""
    if isinstance(value, bool):
        return int(value)
    if moment and isinstance(value, str) and "T" in value:
        try:
            parsed = datetime.fromisoformat(value)
        except ValueError:
            return value
        if parsed.tzinfo is not None:
            parsed = parsed.astimezone(UTC).replace(tzinfo=None)
        return parsed.isoformat(sep=" ", timespec="microseconds")
    if isinstance(value, dict | list):
        raise InvalidInput(f"a value that is not text, a number or a flag ({str(value)[:40]})", _CRAFTED)
    return value
