"""Crashes on the newer paths: an undo of a large import killed at any moment, on SQLite and on
the server (docs/reliability.md lists each promise with its test; sync's are in
test_sync_reliability.py)."""

from __future__ import annotations

import json
import random
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from conftest import Ref

UNDO_TRIALS = 20
UNDO_CARDS = 400


def data_tables(ref: Ref) -> dict[str, Any]:
    """Every table of a backup export but the journal's own (an undo adds an entry)."""
    tables = json.loads(ref.ok("export"))["tables"]
    return {name: t for name, t in tables.items() if not name.startswith("journal")}


def _timed_undo() -> float:
    """One whole `ref undo` in its own process, as the trials run it: how long it takes here."""
    start = time.monotonic()
    subprocess.run([sys.executable, "-m", "refcli", "undo", "--yes"], check=True, capture_output=True)
    return time.monotonic() - start


def test_an_undo_killed_at_any_moment_leaves_the_data_before_or_after_it(ref: Ref, query: Any, tmp_path: Path) -> None:
    """`ref undo` of a 400-person import, SIGKILLed at a random moment, 12 times (each undo
    that completes is undone by the next, so the trials alternate between taking the import back
    and putting it back): every table is then exactly as before the undo or as after it, `ref db
    check` passes, and the next undo finishes the job."""
    ref.ok("add-contact", "Before The Crash", "--handle", "before")
    cards = tmp_path / "big.vcf"
    cards.write_text(
        "".join(
            f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Undo Test {i}\r\nEMAIL:undo{i}@example.org\r\nNOTE:note {i}\r\n"
            "END:VCARD\r\n"
            for i in range(UNDO_CARDS)
        )
    )
    ref.ok("import", str(cards))
    with_import = data_tables(ref)
    took = _timed_undo()
    without = data_tables(ref)
    took = max(took, _timed_undo())
    assert data_tables(ref) == with_import  # an undo of the undo puts back every row exactly
    rng = random.Random(20261202)
    kept = 0
    window = took * 1.2  # anywhere in a whole undo, as long as it takes here
    for trial in range(UNDO_TRIALS):
        before = data_tables(ref)
        proc = subprocess.Popen(
            [sys.executable, "-m", "refcli", "undo", "--yes"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        time.sleep(rng.uniform(0.05, window))
        proc.kill()
        proc.wait()
        assert ref.ok("db", "check").startswith("ok"), trial
        after = data_tables(ref)
        assert after in (with_import, without), trial
        kept += after == before
        if trial >= 3 and kept in (0, trial + 1):  # a busy machine: widen (or narrow) the window
            window *= 1.5 if kept else 0.6
    assert 0 < kept < UNDO_TRIALS, f"{kept} of {UNDO_TRIALS} undos were stopped before they committed"
    ref.ok("undo", "--yes")  # the journal still undoes after the crashes
    assert data_tables(ref) in (with_import, without)
    assert query("SELECT count(*) FROM journal WHERE is_open")[0][0] == 0  # no entry left half-open


MIGRATE_TRIALS = 20
MIGRATE_PEOPLE = 1000


def _older_database(isolated: Path, query: Any) -> None:
    """A database at 0009 (before the search index, keeping in touch, sync and name parts) with
    MIGRATE_PEOPLE people and a note each, made afresh."""
    from conftest import POSTGRES, make_db_at

    if POSTGRES:
        query("DROP SCHEMA public CASCADE; CREATE SCHEMA public")
    else:
        for leftover in isolated.parent.glob(f"{isolated.name}*"):
            leftover.unlink()
    make_db_at(isolated, "0009")
    day, moment = ("DATE ", "TIMESTAMPTZ ") if POSTGRES else ("", "")
    now = f"{moment}'2025-01-01 10:00:00.000000'"
    series = f"WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {MIGRATE_PEOPLE})"
    query(
        f"{series} INSERT INTO contact (id, handle, name, name_key, name_fold, search_fold, created_at, updated_at) "
        f"SELECT i, 'p' || i, 'Person ' || i, 'person ' || i, 'person ' || i, 'person ' || i, {now}, {now} FROM n"
    )
    query(
        f"{series} INSERT INTO note (contact_id, noted_on, text, created_at) "
        f"SELECT i, {day}'2025-02-02', 'likes anchovies ' || i, {now} FROM n"
    )
    if POSTGRES:
        for table in ("contact", "note"):
            query(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))")


def test_an_upgrade_killed_at_any_moment_is_all_or_nothing(ref: Ref, isolated: Path, query: Any) -> None:
    """The upgrade from 0009 builds the search index over every note and adds four versions'
    tables and columns; SIGKILLed at a random moment (12 trials), the database is still at 0009
    with every row or at the newest version with every row, any backup beside a SQLite file is
    whole (it is written under a hidden name and renamed), and the next command finishes the
    upgrade: everyone there, `ref db check` passing, the notes found by `ref search`."""
    from conftest import POSTGRES
    from refcli import store

    _older_database(isolated, query)
    store.dispose_engines()
    start = time.monotonic()
    subprocess.run([sys.executable, "-m", "refcli", "contacts"], check=True, capture_output=True)
    took = time.monotonic() - start  # one whole upgrade, as long as it takes here
    rng = random.Random(20261202)
    seen = set()
    for trial in range(MIGRATE_TRIALS):
        _older_database(isolated, query)
        store.dispose_engines()
        proc = subprocess.Popen(
            [sys.executable, "-m", "refcli", "contacts"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        time.sleep(rng.uniform(0.05, took * 2))
        proc.kill()
        proc.wait()
        version = str(query("SELECT version_num FROM alembic_version")[0][0])
        assert version in ("0009", store.SCHEMA_HEAD), trial
        seen.add(version)
        assert query("SELECT count(*) FROM contact") == [(MIGRATE_PEOPLE,)], trial
        if not POSTGRES:
            import sqlite3

            for backup in isolated.parent.glob(f"{isolated.name}.backup-*"):
                conn = sqlite3.connect(backup)
                assert conn.execute("SELECT count(*) FROM contact").fetchone() == (MIGRATE_PEOPLE,), backup
                conn.close()
        people: Any = ref.json("contacts", "--all")
        assert len(people) == MIGRATE_PEOPLE, trial
        assert ref.ok("db", "check").startswith("ok"), trial
        found: Any = ref.json("search", "anchovies", "--limit", "5")
        assert len(found["people"]) == 5 and found["more"], trial
        store.dispose_engines()
    assert seen == {"0009", store.SCHEMA_HEAD}, seen
