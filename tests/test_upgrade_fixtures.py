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
        r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table' AND name <> 'alembic_version'")
    ]
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
