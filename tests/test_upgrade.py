"""Upgrading a database made by an earlier schema: backed up first, nothing lost,
all or nothing."""

from __future__ import annotations

import sqlite3
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from conftest import POSTGRES, Ref, make_db_at
from refcli import store


def fill_0001(query: Any) -> None:
    now = "2025-01-01 10:00:00.000000"
    query(
        "INSERT INTO contact (id, handle, name, name_key, name_fold, search_fold, company, met_on, created_at, "
        "updated_at) VALUES (1, 'fred', 'Fred Smith', 'fred smith', 'fred smith', 'fred smith fred', 'Smith Build', "
        f"'2024-01-05', '{now}', '{now}')"
    )
    query(
        "INSERT INTO channel (contact_id, kind, label, value, value_key) "
        "VALUES (1, 'email', 'work', 'f@x.example', 'f@x.example')"
    )
    query("INSERT INTO offering (contact_id, text, text_key) VALUES (1, 'decks', 'decks')")
    query("INSERT INTO tag (contact_id, name) VALUES (1, 'bni')")
    query(f"INSERT INTO note (contact_id, noted_on, text, created_at) VALUES (1, '2025-02-02', 'keep me', '{now}')")
    if POSTGRES:  # the rows above chose their ids; move the sequences past them as ref's import does
        for table in ("contact", "channel", "offering", "tag", "note"):
            query(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))")


def version(query: Any) -> str:
    return str(query("SELECT version_num FROM alembic_version")[0][0])


def tables(query: Any) -> set[str]:
    if POSTGRES:
        return {r[0] for r in query("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")}
    return {r[0] for r in query("SELECT name FROM sqlite_master WHERE type='table'")}


def test_a_0001_database_is_upgraded_with_everything_kept(ref: Ref, isolated: Path, query: Any) -> None:
    make_db_at(isolated, "0001")
    fill_0001(query)
    profile = ref.json("show", "fred")  # any command upgrades on the way
    assert version(query) == store.SCHEMA_HEAD
    assert profile["company"] == "Smith Build" and profile["emails"] == ["f@x.example"]  # type: ignore[index]
    assert profile["offerings"] == ["decks"] and profile["tags"] == ["bni"]  # type: ignore[index]
    assert profile["notes"][0]["text"] == "keep me"  # type: ignore[index]
    ref.ok("meet", "fred", "--on", "yesterday")  # the new tables work with the old rows
    ref.ok("add-contact", "Sally")
    assert ref.ok("db", "check").startswith("ok")


@pytest.mark.sqlite_only(reason="the pre-upgrade backup is a copy of the SQLite file")
def test_a_0001_file_is_backed_up_before_upgrading(ref: Ref, isolated: Path, query: Any) -> None:
    make_db_at(isolated, "0001")
    fill_0001(query)
    ref.ok("contacts")
    backups = list(isolated.parent.glob("ref.db.backup-0001-*"))
    assert len(backups) == 1
    assert stat.S_IMODE(backups[0].stat().st_mode) == 0o600
    conn = sqlite3.connect(backups[0])
    assert conn.execute("SELECT version_num FROM alembic_version").fetchall() == [("0001",)]
    assert conn.execute("SELECT name FROM contact").fetchall() == [("Fred Smith",)]
    conn.close()


def test_db_migrate_reports_the_upgrade(ref: Ref, isolated: Path) -> None:
    make_db_at(isolated, "0001")
    out = ref.ok("db", "migrate")
    assert f"upgraded schema 0001 -> {store.SCHEMA_HEAD}" in out
    assert ("backup at" in out) is not bool(POSTGRES)


def test_a_failure_mid_migration_leaves_the_database_unchanged(
    ref: Ref, isolated: Path, query: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_db_at(isolated, "0001")
    fill_0001(query)
    from alembic import command

    real_upgrade = command.upgrade

    def upgrade_then_fail(*args: object, **kwargs: object) -> None:
        real_upgrade(*args, **kwargs)  # type: ignore[arg-type]
        raise OSError("power cut")

    monkeypatch.setattr(command, "upgrade", upgrade_then_fail)
    outcome = ref("contacts")
    assert outcome.code != 0
    assert version(query) == "0001"
    assert "meeting" not in tables(query)
    assert query("SELECT count(*) FROM note") == [(1,)]
    monkeypatch.setattr(command, "upgrade", real_upgrade)
    store.dispose_engines()
    assert [p["handle"] for p in ref.json("contacts")] == ["fred"]  # type: ignore[attr-defined]
    assert version(query) == store.SCHEMA_HEAD


def test_two_processes_migrating_at_once_migrate_once(isolated: Path, query: Any) -> None:
    make_db_at(isolated, "0001")
    fill_0001(query)
    store.dispose_engines()
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "refcli", "db", "migrate"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        for _ in range(2)
    ]
    outputs = [
        (p.wait(timeout=120), *(stream.read() if stream else "" for stream in (p.stdout, p.stderr))) for p in procs
    ]
    assert all(code == 0 for code, _, _ in outputs), outputs
    assert sum("upgraded" in out for _, out, _ in outputs) == 1, outputs
    assert version(query) == store.SCHEMA_HEAD
    assert query("SELECT name FROM contact") == [("Fred Smith",)]


def test_0009_names_match_without_apostrophes_after_the_upgrade(ref: Ref, isolated: Path, query: Any) -> None:
    """A name saved by schema 0008 kept its apostrophe in the match keys; 0009 recomputes them."""
    make_db_at(isolated, "0008")
    now = "2025-01-01 10:00:00.000000"
    query(
        "INSERT INTO contact (id, handle, name, name_key, name_fold, search_fold, company, created_at, updated_at) "
        "VALUES (1, 'sean', 'Seán O''Brien', 'seán o''brien', 'sean o''brien', 'sean o''brien sean o''brien law', "
        f"'O''Brien Law', '{now}', '{now}')"
    )
    if POSTGRES:
        query("SELECT setval(pg_get_serial_sequence('contact', 'id'), 1)")
    for typed in ("obrien", "o'brien", "O’Brien", "sean obrien"):
        assert ref.json("show", typed)["handle"] == "sean", typed  # type: ignore[index]
    assert version(query) == store.SCHEMA_HEAD
    assert [c["handle"] for c in ref.json("contacts", "obrien law")] == ["sean"]  # type: ignore[union-attr]
    ref.ok("add-contact", "Dara O’Neill")
    assert ref.json("show", "oneill")["name"] == "Dara O’Neill"  # type: ignore[index]
    warned = ref("add-contact", "Sean OBrien").err  # the same name, apostrophes aside: a warning
    assert "Seán O'Brien (sean) is already in your network under that name" in warned


def _everything(path: Path) -> tuple[list[tuple[Any, ...]], dict[str, list[tuple[Any, ...]]]]:
    """A SQLite file's schema (every table, index, trigger) and every row of every table."""
    conn = sqlite3.connect(path)
    schema = sorted(conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master").fetchall(), key=repr)
    plain = "SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%'"
    rows = {n: sorted(conn.execute(f'SELECT * FROM "{n}"').fetchall(), key=repr) for (n,) in conn.execute(plain)}
    mode = conn.execute("PRAGMA journal_mode").fetchone()
    conn.close()
    return [*schema, mode], rows


@pytest.mark.sqlite_only(reason="a new server database is made by the migrations themselves")
def test_a_new_file_is_exactly_what_the_migrations_build(ref: Ref, tmp_path: Path) -> None:
    """A new SQLite file is made by one script (store/fresh.sql), not by running every migration:
    it must be what they build, table for table, trigger for trigger, row for row. When this fails
    after a new migration: `python -m refcli.store.datamodel --fresh`."""
    from sqlalchemy import create_engine

    migrated = tmp_path / "migrated.db"
    engine = create_engine(f"sqlite:///{migrated}")
    with engine.begin() as conn:
        conn.exec_driver_sql("PRAGMA journal_mode=WAL")
        store.upgrade_connection(conn, store.SCHEMA_HEAD)
    engine.dispose()
    new = tmp_path / "new.db"
    assert ref.json("--db", str(new), "contacts") == []
    assert stat.S_IMODE(new.stat().st_mode) == 0o600
    assert _everything(new) == _everything(migrated)
    assert store.SCHEMA_HEAD in ref.ok("--db", str(new), "db", "check")


def test_ids_are_never_reused(ref: Ref) -> None:
    """A deleted record's number is never given to another (migration 0021): `ref log` and
    `ref undo N` name one record each."""
    ref.ok("add-contact", "Fred Okafor")
    first: Any = ref.json("meet", "fred", "--on", "2026-03-01")
    ref.ok("meeting", str(first["id"]), "--delete")
    second: Any = ref.json("meet", "fred", "--on", "2026-03-02")
    assert second["id"] == first["id"] + 1
    ref.ok("note", "fred", "one")
    ref.ok("undo")  # the note is gone again
    ref.ok("note", "fred", "two")
    notes: Any = ref.json("notes", "fred")
    assert [n["id"] for n in notes["notes"]] == [2]
    log = ref.ok("log")
    assert log.count(f"added one-on-one #{first['id']}") + log.count(f"added meeting #{first['id']}") <= 1


@pytest.mark.sqlite_only(reason="a server's identity columns never reuse an id: 0021 changes nothing there")
def test_the_0020_file_is_rebuilt_with_every_row_link_and_trigger_kept(ref: Ref, isolated: Path) -> None:
    make_db_at(isolated, "0020")
    conn = sqlite3.connect(isolated)
    conn.execute("PRAGMA foreign_keys=ON")
    now = "2025-01-01 10:00:00.000000"
    conn.execute(
        "INSERT INTO contact (id, handle, name, name_key, name_fold, search_fold, created_at, updated_at, uid) "
        f"VALUES (7, 'fred', 'Fred Smith', 'fred smith', 'fred smith', 'fred smith fred', '{now}', '{now}', 'u7')"
    )
    conn.execute(
        "INSERT INTO meeting (id, contact_id, day, status, kind, created_at) "
        f"VALUES (9, 7, '2025-01-02', 'held', 'one-on-one', '{now}')"
    )
    conn.commit()
    before = {t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in ("contact", "meeting", "journal")}
    triggers = {r[0] for r in conn.execute("SELECT sql FROM sqlite_master WHERE type = 'trigger'")}
    conn.close()
    assert [m["id"] for m in ref.json("meetings")] == [9]  # type: ignore[union-attr]  # upgraded on the way
    conn = sqlite3.connect(isolated)
    assert {t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in before} == before
    assert triggers <= {r[0] for r in conn.execute("SELECT sql FROM sqlite_master WHERE type = 'trigger'")}
    assert "AUTOINCREMENT" in conn.execute("SELECT sql FROM sqlite_master WHERE name = 'meeting'").fetchone()[0]
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    conn.close()
    ref.ok("meeting", "9", "--delete")
    assert ref.json("meet", "fred")["id"] == 10  # type: ignore[index]
    ref.ok("undo")
    ref.ok("delete", "fred", "--yes")  # the links still cascade: his rows go with him
    conn = sqlite3.connect(isolated)
    assert conn.execute("SELECT count(*) FROM meeting").fetchone()[0] == 0
    conn.close()
