"""Nothing lost, no one let in: concurrency, crashes, faults, hostile input and privacy.
Each promise in docs/reliability.md points at the test here that proves it."""

from __future__ import annotations

import errno
import json
import os
import random
import re
import shutil
import signal
import sqlite3
import stat
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import POSTGRES, Ref
from refcli import store

WRITERS, WRITES = 16, 50
CRASH_TRIALS = 12
CARDS = 2500

WORKER = r"""
import sys
from refcli.cli.app import app
worker = int(sys.argv[1])
for i in range(int(sys.argv[2])):
    args = [
        ["give", f"p{worker}", f"lead {worker}-{i}"],
        ["meet", f"p{worker}", "--on", "2026-03-01", "--notes", f"{worker}-{i}"],
        ["remind", f"p{worker}", f"call {worker}-{i}", "--on", "2026-03-20"],
    ][i % 3]
    try:
        app(args, prog_name="ref")
    except SystemExit as exit:
        if exit.code:
            print("FAILED", args, file=sys.stderr)
            sys.exit(1)
"""

READER = r"""
import sys, time
from refcli.cli.app import app
deadline = time.time() + float(sys.argv[1])
runs = 0
while time.time() < deadline:
    for args in (["followups", "--all"], ["balance"]):
        try:
            app(args, prog_name="ref")
        except SystemExit as exit:
            if exit.code:
                print("FAILED", args, file=sys.stderr)
                sys.exit(1)
        runs += 1
print(runs, file=sys.stderr)
"""


def count(path: Path, table: str) -> int:
    conn = sqlite3.connect(path)
    try:
        return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
    finally:
        conn.close()


def integrity(path: Path) -> str:
    conn = sqlite3.connect(path)
    try:
        return str(conn.execute("PRAGMA integrity_check").fetchone()[0])
    finally:
        conn.close()


def test_sixteen_writers_lose_nothing_and_readers_never_fail(
    ref: Ref, isolated: Path, query: Any, tmp_path: Path
) -> None:
    """16 processes × 50 writes while two readers, two syncs of a 200-card address book and an
    undo run: every write lands, none sees "locked", readers never fail, the syncs take turns
    (one creates the 200 people, the other finds it done), and the journal gains exactly one
    entry per write (800, one for the sync that changed something, one for the undo)."""
    for w in range(WRITERS):
        ref.ok("add-contact", f"Partner {w}", "--handle", f"p{w}")
    ref.ok("note", "p0", "undo this note")  # something no writer and no sync touches
    undo_me = query("SELECT max(id) FROM journal")[0][0]
    book = tmp_path / "book"
    book.mkdir()
    for n in range(200):
        (book / f"c{n}.vcf").write_text(
            f"BEGIN:VCARD\r\nVERSION:3.0\r\nUID:c{n}\r\nFN:Card Person {n}\r\nEND:VCARD\r\n"
        )
    entries_before = query("SELECT count(*) FROM journal")[0][0]
    store.dispose_engines()
    # Sixteen writers queue for one lock; on a slow shared CI machine the last may wait longer than
    # a person would (10 s): what this test holds ref to is that none is lost or fails, not speed.
    env = {**os.environ, "REF_DB": str(isolated), "NO_COLOR": "1", "REF_BUSY_TIMEOUT_MS": "60000"}
    readers = [
        subprocess.Popen(
            [sys.executable, "-c", READER, "25"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
        )
        for _ in range(2)
    ]
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", WORKER, str(w), str(WRITES)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        for w in range(WRITERS)
    ]
    others = [
        subprocess.Popen(
            [sys.executable, "-m", "refcli", *args, "--json"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            text=True,
        )
        for args in (["sync", str(book)], ["sync", str(book)], ["undo", str(undo_me), "--yes"])
    ]  # fmt: skip
    errors = [w.communicate(timeout=300)[1] for w in writers]
    outputs = [p.communicate(timeout=300) for p in others]
    finished = [(p.returncode, out, err) for p, (out, err) in zip(others, outputs, strict=True)]
    assert [code for code, _, _ in finished] == [0, 0, 0], finished
    other_errors = [err for _, _, err in finished]
    for r in readers:
        r.send_signal(signal.SIGTERM) if r.poll() is None else None
    reader_errors = [r.communicate(timeout=60)[1] for r in readers]
    failed = [(w.returncode, e.strip().splitlines()[-3:]) for w, e in zip(writers, errors, strict=True) if w.returncode]
    assert not failed, failed  # each failed writer's exit code and last words
    assert not any("locked" in e for e in errors + reader_errors + other_errors), errors + reader_errors + other_errors
    assert not any("FAILED" in e for e in reader_errors), reader_errors
    landed = sum(query(f"SELECT count(*) FROM {table}")[0][0] for table in ("referral", "meeting", "reminder"))
    assert landed == WRITERS * WRITES
    syncs = [json.loads(out) for _, out, _ in finished[:2]]
    assert sorted(len(s["created_in_ref"]) for s in syncs) == [0, 200]
    assert query("SELECT count(*) FROM note WHERE text = 'undo this note'") == [(0,)]
    assert query("SELECT count(*) FROM journal")[0][0] - entries_before == WRITERS * WRITES + 2
    assert ref.ok("db", "check").startswith("ok")


def vcards(path: Path, n: int) -> Path:
    path.write_text(
        "".join(
            f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Crash Test {i}\r\nEMAIL:crash{i}@example.org\r\nEND:VCARD\r\n"
            for i in range(n)
        )
    )
    return path


@pytest.mark.sqlite_only(reason="kills imports into SQLite files; the server has its own test below")
def test_sigkill_during_import_leaves_all_or_nothing(ref: Ref, tmp_path: Path) -> None:
    base = tmp_path / "base.db"
    ref.ok("--db", str(base), "add-contact", "Before The Crash")
    store.dispose_engines()
    cards = vcards(tmp_path / "big.vcf", CARDS)
    rng = random.Random(20261124)
    outcomes = []
    for trial in range(CRASH_TRIALS):
        target = tmp_path / f"trial-{trial}.db"
        shutil.copy(base, target)
        proc = subprocess.Popen(
            [sys.executable, "-m", "refcli", "--db", str(target), "import", str(cards)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(rng.uniform(0.2, 3.0))
        proc.kill()
        proc.wait()
        assert integrity(target) == "ok", trial
        people = count(target, "contact")
        assert people in (1, 1 + CARDS), (trial, people)
        outcomes.append(people)
        for leftover in tmp_path.glob(f"trial-{trial}.db*"):
            leftover.unlink()
    assert len(outcomes) == CRASH_TRIALS


@pytest.mark.sqlite_only(reason="interrupts imports into SQLite files; the server has its own test below")
def test_ctrl_c_during_import_rolls_back_and_exits_130(ref: Ref, tmp_path: Path) -> None:
    """A fast machine may finish the import before the signal lands, so the delay after the
    write begins shrinks until one run is really interrupted; a run that finished must have
    imported everything, and the interrupted one must have left the database as it was."""
    cards = vcards(tmp_path / "big.vcf", CARDS)
    interrupted = False
    for attempt, delay in enumerate((0.5, 0.2, 0.05, 0.0)):
        target = tmp_path / f"ctrlc-{attempt}.db"
        ref.ok("--db", str(target), "add-contact", "Before")
        store.dispose_engines()
        proc = subprocess.Popen(
            [sys.executable, "-m", "refcli", "--db", str(target), "import", str(cards)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        deadline = time.time() + 30
        while time.time() < deadline and proc.poll() is None and not Path(f"{target}-wal").exists():
            time.sleep(0.01)
        time.sleep(delay)
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=60)
        assert "Traceback" not in err
        assert integrity(target) == "ok"
        if proc.returncode == 0 or "after a change was saved" in err:  # finished, or Ctrl-C met the commit
            assert proc.returncode in (0, 130) and count(target, "contact") == 1 + CARDS, err
            continue
        assert proc.returncode == 130, err
        assert "interrupted: nothing was saved" in err
        assert count(target, "contact") == 1
        interrupted = True
        break
    assert interrupted, "every import finished before Ctrl-C could land"


def forget_all_but(query: Any, kept: str) -> None:
    """Remove, around ref, every contact but the `kept` one, with their search entries, as
    ref's own delete would: the next trial starts from the same database."""
    query(f"DELETE FROM contact WHERE NOT ({kept})")
    query("DELETE FROM search_index WHERE contact_id NOT IN (SELECT id FROM contact)")


def _import_and_stop(
    cards: Path, stop: signal.Signals, delay: float, query: Any = None
) -> subprocess.CompletedProcess[str]:
    """Import into the test's own database (here, the server) and signal it `delay` s after it
    starts, or, given `query`, `delay` s after it holds ref's write lock (is mid-transaction)."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "refcli", "import", str(cards)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.time() + 60
    while query is not None and proc.poll() is None and time.time() < deadline:
        held = f"SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND objid = {store.WRITE_LOCK}"
        if query(held)[0][0]:
            break
        time.sleep(0.01)
    time.sleep(delay)
    proc.send_signal(stop)
    out, err = proc.communicate(timeout=120)
    return subprocess.CompletedProcess(proc.args, proc.returncode, out, err)


@pytest.mark.postgres_only(reason="a killed client's open transaction on the server")
def test_sigkill_during_import_on_a_server_leaves_all_or_nothing(ref: Ref, query: Any, tmp_path: Path) -> None:
    ref.ok("add-contact", "Before The Crash", "--handle", "before")
    store.dispose_engines()
    cards = vcards(tmp_path / "big.vcf", CARDS)
    rng = random.Random(20261124)
    seen = set()
    for trial in range(CRASH_TRIALS):
        _import_and_stop(cards, signal.SIGKILL, rng.uniform(0.2, 3.0))
        people = query("SELECT count(*) FROM contact")[0][0]
        assert people in (1, 1 + CARDS), (trial, people)
        seen.add(people)
        forget_all_but(query, "handle = 'before'")
    assert query("SELECT count(*) FROM channel") == [(0,)]
    assert ref.ok("db", "check").startswith("ok")
    assert 1 in seen, "no import was ever caught half-way"


@pytest.mark.postgres_only(reason="Ctrl-C with the transaction open on the server")
def test_ctrl_c_during_import_on_a_server_rolls_back_and_exits_130(ref: Ref, query: Any, tmp_path: Path) -> None:
    ref.ok("add-contact", "Before")
    store.dispose_engines()
    cards = vcards(tmp_path / "big.vcf", CARDS)
    for delay in (0.3, 0.1, 0.0):
        done = _import_and_stop(cards, signal.SIGINT, delay, query)
        assert "Traceback" not in done.stderr
        if done.returncode == 0:  # a fast machine finished first: everything landed
            assert query("SELECT count(*) FROM contact") == [(1 + CARDS,)]
            forget_all_but(query, "name = 'Before'")
            continue
        assert done.returncode == 130 and "interrupted" in done.stderr, done
        if "after a change was saved" in done.stderr:  # Ctrl-C came while the commit ran: it finished
            assert query("SELECT count(*) FROM contact") == [(1 + CARDS,)]
            forget_all_but(query, "name = 'Before'")
            continue
        assert "nothing was saved" in done.stderr, done
        assert query("SELECT name FROM contact") == [("Before",)]
        return
    pytest.fail("every import finished before Ctrl-C could land")


@pytest.mark.postgres_only(reason="the server drops ref's connection in the middle of a write")
def test_a_connection_dropped_mid_write_says_so_and_writes_nothing(ref: Ref, query: Any, tmp_path: Path) -> None:
    """The server (or a network, or an administrator) ends ref's connection while an import
    holds the write lock: one line says the change was rolled back, no traceback, exit 4, not a
    row of it landed, and the next write works."""
    ref.ok("add-contact", "Before", "--handle", "before")
    store.dispose_engines()
    cards = vcards(tmp_path / "big.vcf", CARDS)
    for attempt in range(3):
        proc = subprocess.Popen(
            [sys.executable, "-m", "refcli", "import", str(cards)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            text=True,
        )  # fmt: skip
        held = f"SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND objid = {store.WRITE_LOCK} AND granted"
        deadline, pids = time.time() + 60, []
        while proc.poll() is None and time.time() < deadline and not pids:
            pids = [row[0] for row in query(held)]
            time.sleep(0.01)
        for pid in pids:
            query(f"SELECT pg_terminate_backend({pid})")
        _, err = proc.communicate(timeout=120)
        if proc.returncode == 0:  # finished before the server could drop it: everything landed
            assert query("SELECT count(*) FROM contact") == [(1 + CARDS,)], attempt
            forget_all_but(query, "handle = 'before'")
            continue
        assert "Traceback" not in err and err.count("\n") == 1, err
        assert "connection to the database server was lost" in err and "nothing was written" in err, err
        assert proc.returncode == 4, (proc.returncode, err)
        assert query("SELECT name FROM contact") == [("Before",)]
        ref.ok("add-contact", "After")
        assert sorted(p["name"] for p in ref.json("contacts")) == ["After", "Before"]  # type: ignore[union-attr]
        assert ref.ok("db", "check").startswith("ok")
        return
    pytest.fail("every import finished before the server could drop its connection")


def test_a_ctrl_c_after_ref_has_finished_is_not_a_crash() -> None:
    """Once the command has done its work and said so, a late Ctrl-C (while Python shuts down)
    neither kills ref by the signal nor prints a traceback."""
    code = (
        "import os, signal, sys\n"
        "from refcli.cli.app import main\n"
        "sys.argv = ['ref', '--version']\n"
        "try: main()\n"
        "except SystemExit: pass\n"
        "os.kill(os.getpid(), signal.SIGINT)\n"
        "print('still here')"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and done.stdout.split()[-2:] == ["still", "here"], done
    assert "Traceback" not in done.stderr, done


@pytest.mark.parametrize("moment", ["mid-write", "commit"])
def test_ctrl_c_inside_the_database_library_says_truly_what_was_saved(
    ref: Ref, query: Any, moment: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl-C pressed inside the database library, half-way through a write (the statement
    that fills in someone already known, during an import) or during the commit (by the driver
    the write runs on): never a confusing second error, and the message matches what is in the
    database."""
    from refcli.store import interrupts, reader, server_reader, writer

    ref.ok("add-contact", "Before")

    def press_ctrl_c(*_args: Any) -> None:
        os.kill(os.getpid(), signal.SIGINT)

    def at(sql: str, statement: str) -> bool:
        return sql.strip().upper().startswith(statement)

    restore: list[tuple[Any, str, Any]] = []
    interrupts.install()
    if POSTGRES and moment == "commit":  # a server write commits through psycopg's own call
        import psycopg

        commit = psycopg.Connection.commit

        def committing(self: Any) -> None:
            press_ctrl_c()
            commit(self)

        restore = [(psycopg.Connection, "commit", commit)]
        psycopg.Connection.commit = committing  # type: ignore[method-assign]
    elif moment == "commit":  # a SQLite write commits with its own statement, on stdlib sqlite3
        reader.STATEMENT_WATCHERS.append(lambda sql: press_ctrl_c() if at(sql, "COMMIT") else None)
    else:  # press it as the update is sent (sqlite3 swallows what its trace callback raises)
        kind = server_reader.ServerWriter if POSTGRES else writer.SqliteWriter
        update = kind.update

        def pressed(self: Any, *args: Any, **kwargs: Any) -> int:
            press_ctrl_c()
            return update(self, *args, **kwargs)

        restore = [(kind, "update", update)]
        kind.update = pressed  # type: ignore[method-assign]
    try:
        card = tmp_path / "before.vcf"
        card.write_text("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Before\r\nEMAIL:before@new.example\r\nEND:VCARD\r\n")
        args = ("import", str(card)) if moment == "mid-write" else ("add-contact", "Sally")
        outcome = ref(*args)
    finally:
        for owner, name, original in restore:
            setattr(owner, name, original)
        reader.STATEMENT_WATCHERS.clear()
        interrupts.uninstall()
    store.dispose_engines()
    names = sorted(row[0] for row in query("SELECT name FROM contact"))
    emails = query("SELECT count(*) FROM channel")[0][0]
    assert outcome.code == 130, outcome
    if moment == "commit":
        assert "after a change was saved" in outcome.err and names == ["Before", "Sally"], (outcome, names)
        assert "add-contact Sally" in ref.ok("log")
    else:
        assert "nothing was saved" in outcome.err and emails == 0, (outcome, emails)
    assert ref.ok("db", "check").startswith("ok")


@pytest.mark.sqlite_only(reason="PRAGMA max_page_count stands in for a full disk")
def test_disk_full_during_a_write_changes_nothing(ref: Ref, isolated: Path) -> None:
    ref.ok("add-contact", "Fred")
    pages = count(isolated, "contact")  # make sure the file exists and is current
    conn = sqlite3.connect(isolated)
    pages = int(conn.execute("PRAGMA page_count").fetchone()[0])
    conn.close()
    store.dispose_engines()
    err = ref.fails(4, "add-contact", "Sally", "--note", "x" * 90_000, env={"REF_SQLITE_MAX_PAGES": str(pages + 2)})
    assert "full" in err
    store.dispose_engines()
    assert [p["handle"] for p in ref.json("contacts")] == ["fred"]  # type: ignore[attr-defined]


def test_disk_full_during_an_export_leaves_no_file(ref: Ref, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ref.ok("add-contact", "Fred")
    real_write = os.write

    def full(fd: int, data: Any) -> int:
        if len(data) > 0 and fd > 2:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_write(fd, data)

    folder = tmp_path / "exports"
    folder.mkdir()
    monkeypatch.setattr(os, "write", full)
    err = ref.fails(4, "export", "-o", str(folder / "out.json"))
    assert "No space left" in err
    assert list(folder.iterdir()) == []


@pytest.mark.sqlite_only(reason="the -wal file is SQLite's")
def test_a_leftover_wal_after_a_crash_is_recovered_not_deleted(ref: Ref, isolated: Path) -> None:
    ref.ok("add-contact", "Fred")
    store.dispose_engines()
    crash = (
        "import sqlite3, os, sys\n"
        "c = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
        "c.execute('PRAGMA wal_autocheckpoint=0')\n"
        "c.execute(\"UPDATE contact SET company = 'Written Before The Crash'\")\n"
        "os.kill(os.getpid(), 9)\n"
    )
    subprocess.run([sys.executable, "-c", crash, str(isolated)], check=False)
    wal = Path(f"{isolated}-wal")
    assert wal.exists() and wal.stat().st_size > 0
    assert ref.json("show", "fred")["company"] == "Written Before The Crash"  # type: ignore[index]
    assert ref.ok("db", "check").startswith("ok")


@pytest.mark.sqlite_only(reason="file modes of the database, -wal and -shm")
def test_database_files_are_private_even_under_umask_022(ref: Ref, isolated: Path) -> None:
    old = os.umask(0o022)
    try:
        ref.ok("add-contact", "Fred")
        holder = sqlite3.connect(isolated)  # keep -wal and -shm in place while we look
        holder.execute("SELECT count(*) FROM contact").fetchall()
        ref.ok("note", "fred", "a write while another connection is open")
        for suffix in ("", "-wal", "-shm"):
            path = Path(f"{isolated}{suffix}")
            assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
        holder.close()
    finally:
        os.umask(old)


def test_exports_are_private_even_under_umask_022(ref: Ref, tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        ref.ok("add-contact", "Fred")
        for fmt in ("csv", "backup", "vcard", "ics"):
            export = tmp_path / f"out-{fmt}"
            ref.ok("export", "--format", fmt, "-o", str(export))
            assert stat.S_IMODE(export.stat().st_mode) == 0o600, fmt
    finally:
        os.umask(old)


def test_a_database_url_password_never_shows(ref: Ref, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REF_DATABASE_URL", "postgresql+psycopg://me:s3cret-pw@127.0.0.1:1/ref")
    for args in (["db", "path"], ["contacts"], ["add-contact", "Fred"], ["db", "check"]):
        outcome = ref(*args)
        assert "s3cret-pw" not in outcome.out + outcome.err, args
        assert outcome.code in (0, 4), outcome


UNSAFE = re.compile("[\x1b\x07\x80-\x9f\u202a-\u202e\u2066-\u2069]")
hostile = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), min_size=1, max_size=40
) | st.sampled_from(
    [
        "[red]x[/red]",
        "[/oops]",
        "\x1b]0;owned\x07",
        "\x1b[2J",
        "\u202eevil",
        "=cmd()",
        "50%_off",
        "-x",
        '"',
        'a"b',
        "a*",
        "NEAR(a b)",
        "(a",
        "a OR",
        "AND",
        "-",
        "^x",
        "col:x",
    ]
)  # search syntax


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=hostile, other=hostile)
def test_hostile_text_in_every_argument(ref: Ref, text: str, other: str) -> None:
    """Never a traceback, only documented exit codes, nothing unsafe printed, a healthy database."""
    if ref("contacts").code != 0:
        pytest.fail("the database is unusable")
    ref("add-contact", "Base Person", "--handle", "base")
    commands = [
        ["add-contact", text, "--note", other],
        ["add-contact", other, "--business", text, "--offers", text, "--tag", other],
        ["note", "base", text],
        ["contacts", text],
        ["show", text],
        ["give", "base", text, "--why", other],
        ["meet", "base", "--notes", text, "--learned", other],
        ["remind", "base", text],
        ["trait", "base", "plus", text],
        ["goal", "base", "add", text],
        ["family", "base", "add", text],
        ["edit", "base", "--company", text, "--title", other],
        ["introduce", "base", text, "--why", other],
        ["referrals", "--with", text],
        ["followups"],
        ["balance", text],
        ["depth", text, "--set", other],
        # The newer paths: search (the query is text, never FTS syntax), corrections, the journal,
        # keeping in touch, name parts and addresses, sync.
        ["search", text],
        ["search", other, text, "--limit", "3"],
        ["note", "--edit", "1", text],
        ["edit", "base", "--given", text, "--family", other, "--address", text],
        ["edit", "base", "--birthday", text, "--anniversary", other],
        ["touch", "base", "--via", text, "--note", other],
        ["cadence", "base", text],
        ["log", text],
        ["log", "--since", text],
        ["log", "--prune", text, "--yes"],
        ["undo", text, "--yes"],
        ["sync", text],
    ]
    for args in commands:
        outcome = ref(*args)  # the fixture asserts there is no traceback
        assert outcome.code in ((0, 2, 3, 4) if args[0] == "sync" else (0, 2, 3)), (args, outcome)
        assert not UNSAFE.search(outcome.out + outcome.err), (args, outcome)
    for args in (["contacts", "--all"], ["show", "base"], ["followups", "--all"], ["balance"], ["referrals"]):
        shown = ref(*args)
        assert shown.code == 0 and not UNSAFE.search(shown.out + shown.err), (args, shown)
    assert ref.ok("db", "check").startswith("ok")
