"""Every released schema version, as an older ref left it on disk (tests/fixtures/db), upgrades
to the current one with every row and value intact, after a backup that opens."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest

from conftest import Ref, make_db_at
from refcli import store
from refcli.names import match_fold

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "db"


def dump(path: Path) -> dict[str, list[tuple[object, ...]]]:
    conn = sqlite3.connect(path)
    tables = [
        r[0]
        for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type='table' "
            "AND name <> 'alembic_version' AND name NOT LIKE 'sqlite_%'"
        )
    ]  # sqlite_sequence is SQLite's own counter of ids (migration 0021), not data
    out = {t: conn.execute(f'SELECT * FROM "{t}" ORDER BY 1').fetchall() for t in tables}
    conn.close()
    return out


MATCH_KEYS = ("name_fold", "search_fold")  # derived from the name and fields; recomputed by 0009


def comparable(version: str, table: str, names: list[str], rows: list[Any]) -> list[Any]:
    """Rows as an upgrade must keep them: every value, but the match keys that 0009 recomputes
    from the name (`match_keys_are_current` checks those)."""
    if version >= "0009" or table != "contact":
        return rows
    derived = [names.index(c) for c in MATCH_KEYS]
    return [tuple(v for i, v in enumerate(row) if i not in derived) for row in rows]


def match_keys_are_current(names: list[str], rows: list[Any]) -> bool:
    return all(row[names.index("name_fold")] == match_fold(row[names.index("name")]) for row in rows)


def columns(path: Path, table: str) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return [r[1] for r in conn.execute(f'PRAGMA table_info("{table}")')]
    finally:
        conn.close()


def test_a_fixture_exists_for_every_version() -> None:
    assert sorted(p.stem for p in FIXTURES.glob("schema-*.db")) == [f"schema-{v}" for v in store.KNOWN_REVISIONS]


@pytest.mark.sqlite_only(reason="the committed fixtures are SQLite files; see test_each_version_upgrades_on_a_server")
@pytest.mark.parametrize("version", store.KNOWN_REVISIONS)
def test_each_version_upgrades_with_everything_kept(ref: Ref, tmp_path: Path, version: str) -> None:
    original = FIXTURES / f"schema-{version}.db"
    path = tmp_path / "ref.db"
    shutil.copy(original, path)
    from refcli.store.derived import is_derived as is_index_table

    before = {t: rows for t, rows in dump(path).items() if not is_index_table(t)}  # derived, rebuilt on upgrade
    assert all(before.values()), "every table of the fixture has rows"
    assert ref.ok("--db", str(path), "db", "check").startswith(f"ok: schema {store.SCHEMA_HEAD}")
    after = dump(path)
    for table, rows in before.items():
        old_columns = columns(original, table)
        new_columns = columns(path, table)
        kept = [tuple(row[new_columns.index(c)] for c in old_columns) for row in after[table]]
        assert comparable(version, table, old_columns, kept) == comparable(version, table, old_columns, rows), table
        assert table != "contact" or version >= "0009" or match_keys_are_current(old_columns, kept)
    backups = list(tmp_path.glob(f"ref.db.backup-{version}-*"))
    if version == store.SCHEMA_HEAD:
        assert not backups
    else:
        assert len(backups) == 1
        assert {t: rows for t, rows in dump(backups[0]).items() if not is_index_table(t)} == before
    # The upgraded data is usable through the CLI.
    assert ref.json("--db", str(path), "show", "person-1")["handle"] == "person-1"  # type: ignore[index]


@pytest.mark.sqlite_only(
    reason="races two migrators on a SQLite file; the server's advisory lock is raced in its own test"
)
def test_two_processes_migrating_at_once_migrate_once(tmp_path: Path) -> None:
    path = tmp_path / "ref.db"
    shutil.copy(FIXTURES / f"schema-{store.KNOWN_REVISIONS[0]}.db", path)
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "refcli", "--db", str(path), "db", "migrate"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    outputs = [
        (p.wait(timeout=120), p.stdout.read() if p.stdout else "", p.stderr.read() if p.stderr else "") for p in procs
    ]
    assert all(code == 0 for code, _, _ in outputs), outputs
    assert sum("upgraded" in out for _, out, _ in outputs) == 1, outputs
    assert len(list(tmp_path.glob("ref.db.backup-*"))) == 1
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT version_num FROM alembic_version").fetchall() == [(store.SCHEMA_HEAD,)]


def _as_sqlite_value(value: object) -> object:
    """What SQLite stores for a value the server returns as a typed object."""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, datetime):
        return value.replace(tzinfo=None).strftime("%Y-%m-%d %H:%M:%S.%f")
    if isinstance(value, date):
        return value.isoformat()
    return value


@pytest.mark.postgres_only(reason="moves each SQLite fixture onto the server at its own schema version")
@pytest.mark.parametrize("version", store.KNOWN_REVISIONS)
def test_each_version_upgrades_on_a_server(ref: Ref, isolated: Path, query: Any, version: str) -> None:
    """The same fixtures, loaded into a server database at their own version, upgrade there
    to the current schema with every row and value intact."""
    from refcli.store.derived import is_derived as is_index_table

    original = FIXTURES / f"schema-{version}.db"
    before = {t: rows for t, rows in dump(original).items() if not is_index_table(t)}  # SQLite's FTS5: derived
    make_db_at(isolated, version)
    flags = {
        (t, c)
        for t, c in query(
            "SELECT table_name, column_name FROM information_schema.columns "
            "WHERE table_schema = 'public' AND data_type = 'boolean'"
        )
    }
    lines = ["SET session_replication_role = replica"]  # load in any order: foreign keys are checked below
    for table, rows in before.items():
        names = columns(original, table)
        for row in rows:
            values = ", ".join(
                "NULL" if v is None else str(bool(v)).upper() if (table, c) in flags else
                str(v) if isinstance(v, int) else "'" + str(v).replace("'", "''") + "'"
                for c, v in zip(names, row, strict=True)
            )  # fmt: skip
            lines.append(f'INSERT INTO "{table}" ({", ".join(names)}) VALUES ({values})')
        if "id" in names:
            lines.append(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM \"{table}\"))")
    query(";\n".join(lines))
    store.dispose_engines()
    if version >= "0010":  # rows loaded around ref: index them as its write path would have
        ref.ok("db", "reindex")
    assert ref.ok("db", "check").startswith(f"ok: schema {store.SCHEMA_HEAD}")
    for table, rows in before.items():
        old_columns = columns(original, table)
        picked = ", ".join(f'"{c}"' for c in old_columns)
        after = [tuple(_as_sqlite_value(v) for v in row) for row in query(f'SELECT {picked} FROM "{table}" ORDER BY 1')]
        assert comparable(version, table, old_columns, after) == comparable(version, table, old_columns, rows), table
        assert table != "contact" or version >= "0009" or match_keys_are_current(old_columns, after)
    assert ref.json("show", "person-1")["handle"] == "person-1"  # type: ignore[index]
    ref.ok("add-contact", "Someone New")  # the sequences carry on past the loaded rows


# --- a backup of every released schema restores --------------------------------------------


def backup_of_fixture(path: Path, version: str, shape: str) -> dict[str, Any]:
    """The backup an older ref would have written of the fixture at `version`: moments as ISO
    with their zone, flags as true/false; each table as row objects (the first shape backups had)
    or as `columns` and `rows`."""
    from refcli.store.derived import is_derived as is_index_table

    conn = sqlite3.connect(path)
    tables: dict[str, Any] = {}
    names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")]
    for table in names:
        if table == "alembic_version" or is_index_table(table) or table.startswith("sqlite_"):
            continue
        info = conn.execute(f'PRAGMA table_info("{table}")').fetchall()
        cols = [c[1] for c in info]
        kinds = {c[1]: str(c[2]).upper() for c in info}
        rows = []
        for raw in conn.execute(f'SELECT * FROM "{table}" ORDER BY 1'):
            row = []
            for col, value in zip(cols, raw, strict=True):
                if kinds[col].startswith("DATETIME") and isinstance(value, str):
                    value = value.replace(" ", "T") + ("" if "." in value else ".000000") + "+00:00"
                elif kinds[col] == "BOOLEAN" and value is not None:
                    value = bool(value)
                row.append(value)
            rows.append(row)
        tables[table] = (
            [dict(zip(cols, r, strict=True)) for r in rows] if shape == "objects" else {"columns": cols, "rows": rows}
        )
    conn.close()
    return {"format": "ref-backup", "schema": version, "exported_at": "2026-01-01T00:00:00+00:00", "tables": tables}


RANDOM_ON_UPGRADE = {"uid"}  # 0011 gives each existing contact a new random UID


def exported(ref: Ref, target: Path, *db: str) -> dict[str, Any]:
    import json

    ref.ok(*db, "export", "-o", str(target))
    tables: dict[str, Any] = json.loads(target.read_text())["tables"]
    return tables


@pytest.mark.parametrize("version", store.KNOWN_REVISIONS[:-1])
def test_a_backup_of_every_released_schema_restores(ref: Ref, tmp_path: Path, version: str) -> None:
    """Restored into this run's database (a file, or the server), an older backup holds exactly
    what the same data upgraded by `ref db migrate` holds, row for row."""
    import json

    shape = "objects" if int(version) % 2 else "columns"  # both shapes, across the versions
    backup = tmp_path / f"backup-{version}.json"
    backup.write_text(json.dumps(backup_of_fixture(FIXTURES / f"schema-{version}.db", version, shape)))
    said = ref.ok("import", str(backup))
    assert f"a backup of schema {version}, upgraded to {store.SCHEMA_HEAD}" in said
    migrated = tmp_path / "migrated.db"
    shutil.copy(FIXTURES / f"schema-{version}.db", migrated)
    ref.ok("--db", str(migrated), "db", "migrate")
    got, want = exported(ref, tmp_path / "got.json"), exported(ref, tmp_path / "want.json", "--db", str(migrated))
    assert set(got) == set(want)
    for table, entry in want.items():
        cols = entry["columns"]
        keep = [i for i, c in enumerate(cols) if not (c in RANDOM_ON_UPGRADE and version < "0011")]
        rows = [[r[i] for i in keep] for r in got[table]["rows"]]
        assert rows == [[r[i] for i in keep] for r in entry["rows"]], table
    assert len(want["contact"]["rows"]) == 2 and (want["referral"]["rows"] or version < "0003")  # rows compared
    assert ref.ok("db", "check").startswith("ok")
