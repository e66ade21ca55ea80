"""Every released schema version, as an older ref left it on disk (tests/fixtures/db), upgrades
to the current one with every row and value intact, after a backup that opens."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import Ref
from refcli import db

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "db"


def dump(path: Path) -> dict[str, list[tuple[object, ...]]]:
    conn = sqlite3.connect(path)
    tables = [
        r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table' AND name <> 'alembic_version'")
    ]
    out = {t: conn.execute(f'SELECT * FROM "{t}" ORDER BY 1').fetchall() for t in tables}
    conn.close()
    return out


def columns(path: Path, table: str) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return [r[1] for r in conn.execute(f'PRAGMA table_info("{table}")')]
    finally:
        conn.close()


def test_a_fixture_exists_for_every_version() -> None:
    assert sorted(p.stem for p in FIXTURES.glob("schema-*.db")) == [f"schema-{v}" for v in db.KNOWN_REVISIONS]


@pytest.mark.parametrize("version", db.KNOWN_REVISIONS)
def test_each_version_upgrades_with_everything_kept(ref: Ref, tmp_path: Path, version: str) -> None:
    original = FIXTURES / f"schema-{version}.db"
    path = tmp_path / "ref.db"
    shutil.copy(original, path)
    before = dump(path)
    assert all(before.values()), "every table of the fixture has rows"
    assert ref.ok("--db", str(path), "db", "check").startswith(f"ok: schema {db.SCHEMA_HEAD}")
    after = dump(path)
    for table, rows in before.items():
        old_columns = columns(original, table)
        new_columns = columns(path, table)
        kept = [tuple(row[new_columns.index(c)] for c in old_columns) for row in after[table]]
        assert kept == rows, table
    backups = list(tmp_path.glob(f"ref.db.backup-{version}-*"))
    if version == db.SCHEMA_HEAD:
        assert not backups
    else:
        assert len(backups) == 1 and dump(backups[0]) == before
    # The upgraded data is usable through the CLI.
    assert ref.json("--db", str(path), "show", "person-1")["handle"] == "person-1"  # type: ignore[index]


def test_two_processes_migrating_at_once_migrate_once(tmp_path: Path) -> None:
    path = tmp_path / "ref.db"
    shutil.copy(FIXTURES / f"schema-{db.KNOWN_REVISIONS[0]}.db", path)
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
    assert conn.execute("SELECT version_num FROM alembic_version").fetchall() == [(db.SCHEMA_HEAD,)]
