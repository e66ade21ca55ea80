"""`ref` on a PostgreSQL server, timed as `run.py` times it on a file (issue 37):

    python benchmarks/run.py --engine postgresql --sizes 10000 --runs 5

Each network is generated as a SQLite file (benchmarks/generate.py), exported as a backup and
restored into a fresh database on the server; then the views and the writes people run all day
are timed against it, each as a ratio to a bare typer app measured in the same run. The server
is REF_BENCH_POSTGRES (any database on it; ref creates `ref_bench_<size>` beside it), or a
throwaway cluster started here on 127.0.0.1 with Debian's PostgreSQL and removed afterwards.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

# The budgets on a server, as ratios to the typer app (stats and suggest: their file budgets).
VIEW_BUDGET = {10_000: 1.6, 100_000: 3.0}
WRITE_BUDGET = {10_000: 2.0, 100_000: 2.5}
VIEWS = (
    ("followups", ["followups"]), ("balance", ["balance"]), ("contacts QUERY", ["contacts", "okafor"]),
    ("show X", ["show", "{handle}"]), ("referrals", ["referrals"]), ("meetings", ["meetings"]), ("log", ["log"]),
    ("cadence", ["cadence"]), ("search WORD", ["search", "okafor"]), ("stats", ["stats"]), ("suggest", ["suggest"]),
)  # fmt: skip
WRITES = (
    ("write: note", ["note", "{handle}", "a benchmark note"]), ("write: give", ["give", "{handle}", "a lead"]),
    ("write: meet", ["meet", "{handle}"]), ("write: touch", ["touch", "{handle}", "--via", "call"]),
    ("write: receive", ["receive", "{handle}", "a job"]), ("write: thank", ["thank", "{handle}"]),
    ("write: cadence", ["cadence", "{handle}", "3w"]), ("write: config", ["config", "followup_days", "8"]),
    ("write: undo", ["undo", "--yes"]),
)  # fmt: skip


@contextlib.contextmanager
def server() -> Iterator[str]:
    """A server URL: REF_BENCH_POSTGRES, or a throwaway local cluster for the length of the run."""
    given = os.environ.get("REF_BENCH_POSTGRES")
    if given:
        yield given
        return
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin"))
    if not found:
        raise SystemExit("no PostgreSQL here: install Debian's `postgresql`, or set REF_BENCH_POSTGRES")
    bin_dir = found[-1]
    run_as = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    cluster = Path(tempfile.mkdtemp(prefix="ref-bench-pg-"))
    password = secrets.token_hex(12)
    (cluster / "pw").write_text(password + "\n")
    if run_as:
        shutil.chown(cluster, "postgres")
        shutil.chown(cluster / "pw", "postgres")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL, "check": True}
    subprocess.run([*run_as, str(bin_dir / "initdb"), "-D", str(cluster / "data"), "-U", "ref",
                    f"--pwfile={cluster / 'pw'}", "-A", "scram-sha-256"], **quiet)  # type: ignore[call-overload]  # fmt: skip
    options = f"-p {port} -k {cluster} -c listen_addresses=127.0.0.1"
    subprocess.run([*run_as, str(bin_dir / "pg_ctl"), "-D", str(cluster / "data"), "-o", options, "-w",
                    "-l", str(cluster / "log"), "start"], **quiet)  # type: ignore[call-overload]  # fmt: skip
    try:
        yield f"postgresql+psycopg://ref:{password}@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run([*run_as, str(bin_dir / "pg_ctl"), "-D", str(cluster / "data"), "-m", "immediate", "stop"],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
        shutil.rmtree(cluster, ignore_errors=True)


def database(url: str, name: str) -> str:
    """A fresh, empty database `name` on the server; its URL."""
    import psycopg

    from refcli.store.server_reader import conninfo

    with psycopg.connect(conninfo(url), autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name}")
        conn.execute(f"CREATE DATABASE {name}")
    return url.rsplit("/", 1)[0] + "/" + name


def bench(
    url: str, db: Path, size: int, ref: list[str], env: dict[str, str], runs: int, workdir: Path,
    measure: Callable[..., Any], say: Callable[[str], None],
) -> list[Any]:  # fmt: skip
    """The network in `db` restored on the server, then its views and writes timed there."""
    import sqlite3

    backup = workdir / f"bench-{size}.json"
    if not backup.exists():
        subprocess.run([*ref, "--db", str(db), "export", "-o", str(backup)], env=env, check=True,
                       stdout=subprocess.DEVNULL)  # fmt: skip
    target = database(url, f"ref_bench_{size}")
    took = time.perf_counter()
    subprocess.run([*ref, "--db", target, "import", str(backup)], env=env, check=True, stdout=subprocess.DEVNULL)
    say(f"  restored on the server in {time.perf_counter() - took:.1f} s")
    scratch = url.rsplit("/", 1)[0] + "/ref_bench_scratch"
    restore = [*ref, "--db", scratch, "import", str(backup)]
    results = [
        measure(f"restore {size:,} people", restore, env, 1, size, before=lambda: database(url, "ref_bench_scratch"))
    ]
    handle = sqlite3.connect(db).execute("SELECT handle FROM contact WHERE id = 1").fetchone()[0]
    base = [*ref, "--db", target]
    for label, args in (*VIEWS, *WRITES):
        results.append(measure(label, [*base, *(a.format(handle=handle) for a in args)], env, runs, size))
    return results


def budgets(results: list[Any], typer_floor: float) -> list[tuple[str, str, bool]]:
    """The server budgets: views within 1.6x at 10k and 3x at 100k, writes within 2x at 10k;
    search and stats within their budgets on a file; a restore of 10k within 15 s, 100k within 2 min."""
    checks = []
    for t in results:
        ratio, at = t.median / typer_floor, f" @{t.size:,}"
        if t.label.startswith("restore"):
            most = 15 if t.size <= 10_000 else 120
            checks.append((t.label + at, f"≤ {most} s (is {t.median:.1f} s)", t.median <= most))
            continue
        if t.size not in VIEW_BUDGET:
            continue
        if t.label.startswith("write:"):
            most = WRITE_BUDGET[t.size]
        elif t.label in ("stats", "suggest"):
            most = {10_000: 3.0, 100_000: 4.0}[t.size]
        elif t.label.startswith("search"):
            most = {10_000: 2.0, 100_000: 3.0}[t.size]
        else:
            most = VIEW_BUDGET[t.size]
        checks.append((t.label + at, f"≤ {most}× typer app (is {ratio:.2f}×)", ratio <= most))
    return checks
