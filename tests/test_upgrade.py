"""Upgrading a database made by an earlier schema: backed up first, nothing lost,
all or nothing."""

from __future__ import annotations

import sqlite3
import stat
from pathlib import Path

import pytest

from conftest import Ref
from refcli import db


def make_db_at(path: Path, revision: str) -> None:
    """A database exactly as an older ref left it, at `revision`."""
    from alembic import command
    from alembic.config import Config
    from sqlalchemy import create_engine

    db.create_private_file(path)
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        config = Config()
        config.set_main_option("script_location", "refcli:migrations")
        config.attributes["connection"] = conn
        command.upgrade(config, revision)
    engine.dispose()


def fill_0001(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA foreign_keys=ON")
    now = "2025-01-01 10:00:00.000000"
    conn.execute(
        "INSERT INTO contact (id, handle, name, name_key, name_fold, search_fold, company, met_on, created_at, "
        "updated_at) VALUES (1, 'fred', 'Fred Smith', 'fred smith', 'fred smith', 'fred smith fred', 'Smith Build', "
        "'2024-01-05', ?, ?)",
        (now, now),
    )
    conn.execute(
        "INSERT INTO channel (contact_id, kind, label, value, value_key) "
        "VALUES (1, 'email', 'work', 'f@x.example', 'f@x.example')"
    )
    conn.execute("INSERT INTO offering (contact_id, text, text_key) VALUES (1, 'decks', 'decks')")
    conn.execute("INSERT INTO tag (contact_id, name) VALUES (1, 'bni')")
    conn.execute(
        "INSERT INTO note (contact_id, noted_on, text, created_at) VALUES (1, '2025-02-02', 'keep me', ?)", (now,)
    )
    conn.commit()
    conn.close()


def version(path: Path) -> str:
    conn = sqlite3.connect(path)
    try:
        return str(conn.execute("SELECT version_num FROM alembic_version").fetchone()[0])
    finally:
        conn.close()


def tables(path: Path) -> set[str]:
    conn = sqlite3.connect(path)
    try:
        return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    finally:
        conn.close()


def test_a_0001_database_is_backed_up_then_upgraded_with_everything_kept(ref: Ref, isolated: Path) -> None:
    make_db_at(isolated, "0001")
    fill_0001(isolated)
    profile = ref.json("show", "fred")  # any command upgrades on the way
    assert version(isolated) == db.SCHEMA_HEAD
    assert profile["company"] == "Smith Build" and profile["emails"] == ["f@x.example"]  # type: ignore[index]
    assert profile["offerings"] == ["decks"] and profile["tags"] == ["bni"]  # type: ignore[index]
    assert profile["notes"][0]["text"] == "keep me"  # type: ignore[index]
    backups = list(isolated.parent.glob("ref.db.backup-0001-*"))
    assert len(backups) == 1
    assert stat.S_IMODE(backups[0].stat().st_mode) == 0o600
    assert version(backups[0]) == "0001"
    conn = sqlite3.connect(backups[0])
    assert conn.execute("SELECT name FROM contact").fetchall() == [("Fred Smith",)]
    conn.close()
    ref.ok("meet", "fred", "--on", "yesterday")  # the new tables work with the old rows
    assert ref.ok("db", "check").startswith("ok")


def test_db_migrate_reports_the_upgrade(ref: Ref, isolated: Path) -> None:
    make_db_at(isolated, "0001")
    out = ref.ok("db", "migrate")
    assert f"upgraded schema 0001 -> {db.SCHEMA_HEAD}; backup at" in out


def test_a_failure_mid_migration_leaves_the_database_unchanged(
    ref: Ref, isolated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_db_at(isolated, "0001")
    fill_0001(isolated)
    from alembic import command

    real_upgrade = command.upgrade

    def upgrade_then_fail(*args: object, **kwargs: object) -> None:
        real_upgrade(*args, **kwargs)  # type: ignore[arg-type]
        raise OSError("power cut")

    monkeypatch.setattr(command, "upgrade", upgrade_then_fail)
    outcome = ref("contacts")
    assert outcome.code != 0
    assert version(isolated) == "0001"
    assert "meeting" not in tables(isolated)
    conn = sqlite3.connect(isolated)
    assert conn.execute("SELECT count(*) FROM note").fetchone() == (1,)
    conn.close()
    monkeypatch.setattr(command, "upgrade", real_upgrade)
    db.dispose_engines()
    assert [p["handle"] for p in ref.json("contacts")] == ["fred"]  # type: ignore[attr-defined]
    assert version(isolated) == db.SCHEMA_HEAD
