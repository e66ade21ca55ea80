"""The benchmark runs (a 1k smoke run: timings are reported, never asserted here)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from conftest import Ref

ROOT = Path(__file__).resolve().parent.parent


def test_generate_is_deterministic_and_consistent(tmp_path: Path) -> None:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from generate import generate

    first = generate(tmp_path / "a.db", 200, seed=3)
    second = generate(tmp_path / "b.db", 200, seed=3)
    assert first == second and first["contact"] == 200 and first["referral"] == 2000
    code = subprocess.run(
        [sys.executable, "-m", "refcli", "--db", str(tmp_path / "a.db"), "db", "check"], capture_output=True, text=True
    )
    assert code.returncode == 0, code.stderr


@pytest.mark.sqlite_only(reason="the benchmarks time SQLite files; the server run would repeat it unchanged")
def test_benchmark_smoke_run_writes_results(tmp_path: Path) -> None:
    out = tmp_path / "RESULTS.md"
    proc = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "run.py"), "--sizes", "1000", "--runs", "1",
         "--import-cards", "300", "--workdir", str(tmp_path / "work"), "--output", str(out)],
        capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    text = out.read_text()
    for label in (
        "ref --help",
        "followups",
        "balance",
        "contacts QUERY",
        "show X",
        "export --format backup",
        "cadence",
        "sync 500 cards: first",
        "sync 500 cards: unchanged",
        "capture 600 messages: first",
        "capture 600 messages: again",
    ):
        assert f"| {label} |" in text
    assert "## Budgets" in text and "typer app" in proc.stderr + text


def test_followups_light_totals_agree_with_the_full_balance(tmp_path: Path) -> None:
    """`ref followups` reads narrower aggregates than `ref balance`; on a varied network (with
    mutual introductions, archived people and balance talks) both give the same signal inputs."""
    import sqlite3

    from refcli import store
    from refcli.referrals import balance

    sys.path.insert(0, str(ROOT / "benchmarks"))
    from generate import generate

    path = tmp_path / "net.db"
    generate(path, 300, seed=11)
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("UPDATE contact SET archived_at = '2026-01-01 00:00:00.000000' WHERE id % 17 = 0")
        conn.execute("INSERT INTO conversation (contact_id, talked_on, created_at) SELECT id, '2026-02-01', "
                     "'2026-02-01 00:00:00.000000' FROM contact WHERE id % 13 = 0")  # fmt: skip
    conn.close()
    loc = store.Location(source="test", path=path)
    store.reindex(loc)  # the rows above went around ref's write path: derive the summaries again
    keys = ("given", "given_won", "first_given", "last_given", "last_received", "talked_on", "last_exchange")
    for as_of in ("2025-06-30", "2026-03-14", "2026-11-24"):
        with store.open_reader(loc) as reader:
            params, _, _ = balance.params_for(reader, None)
            params["as_of"] = as_of
            full = balance.totals(reader, params)
            light = balance.signal_totals(reader, params)
        assert set(light) == set(full) and len(full) > 100
        text = lambda v: None if v is None else str(v)  # noqa: E731 - counts and dates alike
        for cid, row in full.items():
            assert {k: text(light[cid][k]) for k in keys} == {k: text(row[k]) for k in keys}, cid


@pytest.mark.sqlite_only(reason="counts statements through SQLite's trace hook")
def test_reports_issue_the_same_statements_at_any_size(
    ref: Ref, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No N+1: every view (`balance`, `followups` with rhythms and birthdays, `show`, `cadence`,
    `touch list`, `log`, `search`, `referrals`, `meetings`, `stats`, `contacts`) issues as many
    SQL statements on a network ten times larger (they read over indexes and fetch details only
    for what they show); `suggest`, no more."""
    import sqlite3

    from refcli import store

    sys.path.insert(0, str(ROOT / "benchmarks"))
    from generate import generate

    statements: list[str] = []
    from refcli.store import session as doors

    real_connect = store.sqlite_connect

    def ours(sql: str) -> None:
        if not sql.startswith("-- "):  # SQLite traces FTS5's own inner statements with "-- "
            statements.append(sql)

    def traced(loc: store.Location) -> sqlite3.Connection:
        conn = real_connect(loc)
        conn.set_trace_callback(ours)
        return conn

    monkeypatch.setattr(doors, "sqlite_connect", traced)  # the read door
    counts: dict[int, dict[str, int]] = {}
    for size in (100, 1000):
        path = tmp_path / f"net-{size}.db"
        generate(path, size, seed=5)
        with sqlite3.connect(path) as conn:
            handle = conn.execute("SELECT handle FROM contact WHERE id = 1").fetchone()[0]
        counts[size] = {}
        for command in views(handle):
            statements.clear()
            ref.ok("--db", str(path), *command)
            counts[size][command[0]] = len(statements)
        store.dispose_engines()
    # suggest walks pairs of texts until nothing left can beat what it keeps: how far depends on how
    # soon its list fills, which more people sharing the same texts only makes sooner
    assert counts[1000].pop("suggest") <= counts[100].pop("suggest"), counts
    assert counts[100] == counts[1000], counts
    assert all(n >= 3 for n in counts[100].values()), str(counts[100])  # the trace sees them


def views(handle: str) -> list[list[str]]:
    return [
        ["balance"], ["followups"], ["show", handle], ["cadence"], ["touch", "list"], ["log"], ["search", handle],
        ["referrals"], ["meetings"], ["stats"], ["suggest"], ["contacts", handle[:3]],
    ]  # fmt: skip


@pytest.mark.sqlite_only(reason="counts the statements of writes on generated SQLite networks")
def test_every_write_issues_the_same_statements_at_any_size(ref: Ref, tmp_path: Path) -> None:
    """A write costs a bounded number of SQL statements, whatever the size of the network:
    the same count on a network ten times larger, for every kind of write and its undo."""
    from sqlalchemy import event
    from sqlalchemy.engine import Engine

    from refcli import store
    from refcli.store import reader

    sys.path.insert(0, str(ROOT / "benchmarks"))
    from generate import generate

    statements: list[str] = []

    def count(_conn: object, _cursor: object, sql: str, *_rest: object) -> None:
        statements.append(sql)

    counts: dict[int, dict[str, int]] = {}
    event.listen(Engine, "before_cursor_execute", count)

    def watch(sql: str) -> None:  # the write path's own sqlite3 connection; SQLite's inner work
        if not sql.startswith("--"):  # (triggers, full-text segment merges) is not a statement ref made
            statements.append(sql)

    reader.STATEMENT_WATCHERS.append(watch)
    try:
        for size in (100, 1000):
            path = tmp_path / f"net-{size}.db"
            generate(path, size, seed=5)
            ref.ok("--db", str(path), "contacts")  # any upgrade happens here, not in a counted write
            counts[size] = {}

            def write(label: str, *args: str, path: Path = path, size: int = size) -> object:
                statements.clear()
                out = ref.json("--db", str(path), *args)
                counts[size][label] = len(statements)
                return out

            write("add-contact", "add-contact", "Zed Benchmark", "--email", "zed@example.org", "--tag", "bench")
            write("note", "note", "zed", "likes coffee")
            write("meet", "meet", "zed", "--on", "2026-03-01", "--notes", "coffee")
            write("touch", "touch", "zed", "--via", "call")
            given: Any = write("give", "give", "zed", "a lead for zed")
            write("outcome", "outcome", str(given["id"]), "won", "--value", "500")
            received: Any = write("receive", "receive", "zed", "a lead from zed")
            write("thank", "thank", "zed")
            write("edit", "edit", "zed", "--company", "Bench Co")
            write("remind", "remind", "zed", "call back", "--on", "2026-03-20")
            write("undo", "undo", "--yes")
            write("redo", "undo", "--yes")
            assert received["id"] > given["id"]
            store.dispose_engines()
    finally:
        event.remove(Engine, "before_cursor_execute", count)
        reader.STATEMENT_WATCHERS.clear()
    assert counts[100] == counts[1000], counts
    assert all(n >= 3 for n in counts[100].values()), counts  # the trace sees them


def test_every_command_of_the_tree_is_benchmarked_or_says_why() -> None:
    """benchmarks/commands.py walks with the command tree: a new command fails here until it is
    timed (with its budget) or listed with the reason it is not."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import commands
    from test_app import walk_commands

    tree = {name for name, _ in walk_commands()}
    timed, elsewhere = set(commands.COMMANDS), set(commands.ELSEWHERE)
    assert not timed & elsewhere, timed & elsewhere
    assert tree == timed | elsewhere, (sorted(tree - timed - elsewhere), sorted(timed | elsewhere - tree))


@pytest.mark.postgres_only(reason="times ref on the server the suite runs against")
def test_benchmark_runs_on_a_server_and_checks_its_budgets(tmp_path: Path) -> None:
    import os

    from conftest import POSTGRES

    out = tmp_path / "RESULTS-postgresql.md"
    proc = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "run.py"), "--engine", "postgresql", "--sizes", "1000",
         "--runs", "1", "--workdir", str(tmp_path / "work"), "--output", str(out)],
        capture_output=True, text=True, timeout=600, env=dict(os.environ, REF_BENCH_POSTGRES=POSTGRES),
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    text = out.read_text()
    assert "on a local PostgreSQL server" in text and "| 1,000 | write: note |" in text
    assert "| 1,000 | restore 1,000 people |" in text and "| 1,000 | followups |" in text
