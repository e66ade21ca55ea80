"""Where the data lives and how it is protected: through the CLI and real files."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from conftest import POSTGRES, Ref, psycopg_dsn, run_installed
from refcli import store


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.sqlite_only(reason="file modes of the database file")
def test_database_file_is_private_even_under_umask_022(ref: Ref, isolated: Path) -> None:
    old = os.umask(0o022)
    try:
        ref.ok("add-contact", "Fred")
    finally:
        os.umask(old)
    assert mode(isolated) == 0o600
    for suffix in ("-wal", "-shm"):
        side = Path(str(isolated) + suffix)
        if side.exists():
            assert mode(side) & 0o077 == 0


@pytest.mark.sqlite_only(reason="the default location is a SQLite file")
def test_default_location_is_created_0700(ref: Ref, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("REF_DB")
    old = os.umask(0o022)
    try:
        ref.ok("add-contact", "Fred")
    finally:
        os.umask(old)
    path = store.default_path()
    assert str(path).startswith(str(tmp_path))
    assert mode(path.parent) == 0o700 and mode(path) == 0o600
    assert ref.ok("db", "path").strip() == str(path)


def test_location_order(ref: Ref, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REF_DATABASE_URL", f"sqlite:///{tmp_path}/url.db")
    assert ref.ok("db", "path").strip() == f"{tmp_path}/url.db"
    assert ref.ok("--db", str(tmp_path / "opt.db"), "db", "path").strip() == f"{tmp_path}/opt.db"
    monkeypatch.setenv("REF_DATABASE_URL", "postgresql+psycopg://me:s3cret@localhost/ref")
    shown = ref("db", "path")
    assert "s3cret" not in shown.out + shown.err and "me:***@localhost" in shown.out


@pytest.mark.blank_database
def test_db_migrate_and_check(ref: Ref, isolated: Path) -> None:
    assert "created a new database" in ref.ok("db", "migrate")
    assert f"already current (schema {store.SCHEMA_HEAD})" in ref.ok("db", "migrate")
    assert ref.ok("db", "check").startswith(f"ok: schema {store.SCHEMA_HEAD}")
    assert ref.json("db", "check") == {"ok": True, "schema": store.SCHEMA_HEAD, "problems": []}


@pytest.mark.sqlite_only(reason="a server enforces foreign keys itself; this breaks one behind SQLite's back")
def test_db_check_reports_a_broken_foreign_key_with_exit_4(ref: Ref, isolated: Path) -> None:
    ref.ok("add-contact", "Fred", "--email", "f@x.example")
    conn = sqlite3.connect(isolated)
    conn.execute("PRAGMA foreign_keys=OFF")
    conn.execute("DELETE FROM contact")
    conn.commit()
    conn.close()
    outcome = ref("db", "check")
    assert outcome.code == 4 and "foreign key: channel" in outcome.out


@pytest.mark.sqlite_only(reason="corrupts the database file's bytes")
def test_db_check_reports_corruption_with_exit_4(ref: Ref, isolated: Path) -> None:
    for i in range(300):
        ref.ok("add-contact", f"Person {i}", "--handle", f"p{i}", "--note", "x" * 200) if i < 3 else None
    conn = sqlite3.connect(isolated)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.execute("CREATE TABLE filler(x)")
    conn.executemany("INSERT INTO filler VALUES (?)", [("y" * 500,) for _ in range(200)])
    conn.commit()
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    store.dispose_engines()
    data = bytearray(isolated.read_bytes())
    page = 4096
    for offset in range(page * 2, min(len(data), page * 6)):
        data[offset] = 0x55
    isolated.write_bytes(bytes(data))
    outcome = ref("db", "check")
    assert outcome.code == 4, outcome


def test_a_file_that_is_not_sqlite_is_refused_and_untouched(ref: Ref, tmp_path: Path) -> None:
    garbage = tmp_path / "notes.txt"
    garbage.write_bytes(b"my precious notes\n" * 10)
    before = garbage.read_bytes()
    err = ref.fails(4, "--db", str(garbage), "add-contact", "Fred")
    assert "not a SQLite database" in err
    ref.fails(4, "--db", str(garbage), "contacts")
    assert garbage.read_bytes() == before


def test_zero_byte_file_and_folder_are_refused(ref: Ref, tmp_path: Path) -> None:
    empty = tmp_path / "empty.db"
    empty.touch()
    assert "empty file" in ref.fails(4, "--db", str(empty), "add-contact", "Fred")
    assert empty.stat().st_size == 0
    assert "is a folder" in ref.fails(4, "--db", str(tmp_path), "contacts")


def test_a_foreign_sqlite_database_is_refused(ref: Ref, tmp_path: Path) -> None:
    other = tmp_path / "other.db"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE mine(x)")
    conn.execute("INSERT INTO mine VALUES (1)")
    conn.commit()
    conn.close()
    assert "not a ref database" in ref.fails(4, "--db", str(other), "add-contact", "Fred")
    conn = sqlite3.connect(other)
    assert conn.execute("SELECT name FROM sqlite_master").fetchall() == [("mine",)]


def test_missing_folder_is_refused(ref: Ref, tmp_path: Path) -> None:
    target = tmp_path / "no" / "such" / "ref.db"
    assert "does not exist" in ref.fails(4, "--db", str(target), "add-contact", "Fred")
    assert not (tmp_path / "no").exists()


@pytest.mark.sqlite_only(reason="SQLite's mode=ro URI; on a server, read-only is a role's grant")
def test_read_only_database_reads_but_refuses_writes(ref: Ref, isolated: Path) -> None:
    ref.ok("add-contact", "Fred")
    store.dispose_engines()
    uri = f"file:{isolated}?mode=ro"
    assert [p["handle"] for p in ref.json("--db", uri, "contacts")] == ["fred"]  # type: ignore[attr-defined]
    err = ref.fails(4, "--db", uri, "add-contact", "Sally")
    assert "read-only" in err
    assert len(ref.json("contacts")) == 1  # type: ignore[arg-type]


def test_a_newer_schema_is_refused_untouched(ref: Ref, query: Any) -> None:
    ref.ok("add-contact", "Fred")
    store.dispose_engines()
    query("UPDATE alembic_version SET version_num = '9999'")
    before = query("SELECT * FROM contact"), query("SELECT * FROM alembic_version")
    err = ref.fails(4, "contacts")
    assert "newer ref" in err and "9999" in err
    ref.fails(4, "add-contact", "Sally")
    ref.fails(4, "db", "migrate")
    assert (query("SELECT * FROM contact"), query("SELECT * FROM alembic_version")) == before


@pytest.mark.sqlite_only(reason="the pre-upgrade backup copies a SQLite file")
def test_backup_uses_sqlite_and_is_private(ref: Ref, isolated: Path) -> None:
    ref.ok("add-contact", "Fred")
    backup = store.backup_sqlite(store.locate(None), "0001")
    assert mode(backup) == 0o600
    conn = sqlite3.connect(backup)
    assert conn.execute("SELECT handle FROM contact").fetchall() == [("fred",)]


@pytest.mark.sqlite_only(reason="WAL is SQLite's journal")
def test_writes_use_wal_and_foreign_keys(ref: Ref, isolated: Path) -> None:
    ref.ok("add-contact", "Fred")
    conn = sqlite3.connect(isolated)
    assert conn.execute("PRAGMA journal_mode").fetchone() == ("wal",)


@contextlib.contextmanager
def another_writer(isolated: Path) -> Iterator[None]:
    """Hold the write lock as another ref writer would, on either kind of database."""
    if POSTGRES:
        import psycopg

        with psycopg.connect(psycopg_dsn(), autocommit=True) as holder:
            holder.execute(f"SELECT pg_advisory_lock({store.WRITE_LOCK})")
            yield
        return
    holder = sqlite3.connect(isolated, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        yield
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_busy_database_exits_5(ref: Ref, isolated: Path) -> None:
    ref.ok("add-contact", "Fred")
    with another_writer(isolated):
        err = ref.fails(5, "add-contact", "Sally", env={"REF_BUSY_TIMEOUT_MS": "200"})
        assert "busy" in err
    assert [p["handle"] for p in ref.json("contacts")] == ["fred"]  # type: ignore[attr-defined]


def test_two_processes_adding_at_once_both_land(isolated: Path) -> None:
    run_installed("db", "migrate")
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "refcli", "add-contact", name],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name in ("Ann Alpha", "Bob Beta")
    ]
    results = [(*p.communicate(timeout=60), p.returncode) for p in procs]
    assert all(code == 0 for _, _, code in results), results
    code, out, _ = run_installed("contacts", "--json")
    assert code == 0 and {"ann", "bob"} == {p["handle"] for p in __import__("json").loads(out)}


def test_same_name_from_two_processes_leaves_one_person(isolated: Path) -> None:
    run_installed("db", "migrate")
    procs = [
        subprocess.Popen([sys.executable, "-m", "refcli", "add-contact", name], stderr=subprocess.PIPE, text=True)
        for name in ("Ann", "ann")
    ]
    codes = sorted(p.wait(timeout=60) for p in procs)
    assert codes == [0, 3]
    _, out, _ = run_installed("contacts", "--json")
    assert len(__import__("json").loads(out)) == 1


@pytest.mark.postgres_only(reason="on a server, the check looks for the tables ref needs")
def test_db_check_on_a_server_reports_a_missing_table_with_exit_4(ref: Ref, query: Any) -> None:
    ref.ok("add-contact", "Fred")
    assert "all tables present" in ref.ok("db", "check")
    store.dispose_engines()
    query("DROP TABLE conversation")
    out = ref("db", "check")
    assert out.code == 4 and "missing table: conversation" in out.out, out


@pytest.mark.postgres_only(reason="a server's roles decide who may write")
def test_a_read_only_role_on_a_server_reads_but_is_refused_writes(ref: Ref, query: Any) -> None:
    from sqlalchemy.engine import make_url

    ref.ok("add-contact", "Fred")
    role = f"ref_reader_{os.getpid()}"
    query(f"DROP ROLE IF EXISTS {role}")
    query(f"CREATE ROLE {role} LOGIN PASSWORD 'reader-pw'")
    try:
        query(f"GRANT SELECT ON ALL TABLES IN SCHEMA public TO {role}")
        url = make_url(os.environ["REF_DATABASE_URL"]).set(username=role, password="reader-pw")
        env = {"REF_DATABASE_URL": url.render_as_string(hide_password=False)}
        store.dispose_engines()
        assert [p["handle"] for p in ref.json("contacts", env=env)] == ["fred"]  # type: ignore[attr-defined]
        ref.ok("followups", env=env)
        ref.ok("balance", env=env)
        err = ref.fails(4, "add-contact", "Sally", env=env)
        assert "may read but not write" in err and "reader-pw" not in err
        store.dispose_engines()
    finally:
        query(f"DROP OWNED BY {role}")
        query(f"DROP ROLE {role}")
    assert [p["handle"] for p in ref.json("contacts")] == ["fred"]  # type: ignore[attr-defined]


@pytest.mark.sqlite_only(reason="the stdlib sqlite3 read path")
def test_a_stream_left_unfinished_when_the_connection_goes_says_nothing(ref: Ref, isolated: Path) -> None:
    """Ctrl-C can stop a write while it streams rows (refreshing the summaries); the connection
    then closes before the stream is collected, and collecting it must not print a traceback
    (closing the cursor of a closed database raises)."""
    import gc

    ref.ok("add-contact", "Fred")
    ref.ok("add-contact", "Sally")
    unraisable: list[object] = []
    previous = sys.unraisablehook
    sys.unraisablehook = unraisable.append
    try:
        reader = store.SqliteReader(sqlite3.connect(isolated))
        rows = reader.stream("SELECT handle FROM contact")
        assert next(rows) is not None
        reader.conn.close()
        del rows
        gc.collect()
    finally:
        sys.unraisablehook = previous
    assert unraisable == []
