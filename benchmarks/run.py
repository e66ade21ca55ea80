"""Time `ref` as a user runs it, at several network sizes, and check the budgets.

    python benchmarks/run.py                         # 1k, 10k and 100k contacts (slow: minutes)
    python benchmarks/run.py --sizes 1000 --runs 1   # a quick smoke run
    python benchmarks/run.py --engine postgresql     # the same network on a server (benchmarks/server.py)

Every command runs as a whole process (the installed `ref`), after a warm-up, several
times; the median and the peak memory are reported, and each median is also given as
a ratio to floors measured in the same run (`python -c pass` and a one-command typer
app), so the budgets hold on a faster or slower machine. Results go to
benchmarks/RESULTS.md (or --output).
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import timedelta
from functools import partial
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import commands as tree  # noqa: E402  # every command of ref, as the benchmark runs it
import server  # noqa: E402  # the same on a PostgreSQL server
from generate import BASE  # noqa: E402

TYPER_APP = """
import typer
app = typer.Typer()
@app.command()
def hello(name: str = "world") -> None:
    print(f"hello {name}")
app()
"""

SYNC_CARDS = 500
READ_VIEWS = ("followups", "balance", "contacts QUERY", "show X", "referrals", "meetings", "log", "search WORD",
              "cadence")  # fmt: skip


@dataclass
class Timing:
    label: str
    size: int | None
    median: float
    peak_mb: float
    runs: int


def ref_command() -> list[str]:
    found = shutil.which("ref", path=str(Path(sys.executable).parent)) or shutil.which("ref")
    return [found] if found else [sys.executable, "-m", "refcli"]


def run_once(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall time and peak RSS (MB) of one whole process.

    The peak counts from the spawn, when the child still shares this process's memory, so this
    process is kept small (data is generated in another process): peaks below ~25 MB read as ~25 MB."""
    with tempfile.TemporaryFile() as err:
        actions = [
            (os.POSIX_SPAWN_OPEN, 1, os.devnull, os.O_WRONLY, 0),
            (os.POSIX_SPAWN_DUP2, err.fileno(), 2),
        ]
        start = time.perf_counter()
        pid = os.posix_spawnp(argv[0], argv, env, file_actions=actions)
        _, status, usage = os.wait4(pid, 0)
        elapsed = time.perf_counter() - start
        code = os.waitstatus_to_exitcode(status)
        if code != 0:
            err.seek(0)
            message = err.read().decode(errors="replace")
            raise SystemExit(f"benchmark command failed ({code}): {' '.join(argv)}\n{message}")
    return elapsed, usage.ru_maxrss / 1024


def measure(label: str, argv: list[str], env: dict[str, str], runs: int, size: int | None,
            before: object = None) -> Timing:  # fmt: skip
    times, peaks = [], []
    for i in range(runs + 1):  # the first is a warm-up
        if callable(before):
            before()
        elapsed, peak = run_once(argv, env)
        if i:
            times.append(elapsed)
            peaks.append(peak)
    result = Timing(label, size, statistics.median(times), max(peaks), runs)
    say(f"  {label:<34} {result.median * 1000:8.0f} ms  {result.peak_mb:6.0f} MB")
    return result


# Commands the rows above already time (by their labels there): the walk of the tree skips them.
TIMED_ABOVE = {"followups", "contacts", "search", "show", "balance", "stats", "suggest", "referrals", "meetings",
               "log", "add-contact", "note", "give", "meet", "touch add", "receive", "thank", "outcome", "done",
               "undo"}  # fmt: skip


def every_command(ref: list[str], db: Path, env: dict[str, str], runs: int, size: int) -> list[Timing]:
    """Every other command of the tree (benchmarks/commands.py), each on the network as the run
    left it: what a correction needs is made first with ref itself, outside the timing."""
    found = []
    counter = [0]
    for path, spec in tree.COMMANDS.items():
        if path in TIMED_ABOVE:
            continue
        argv = [*ref, "--db", str(db), *spec.args]

        def prepare(argv: list[str] = argv, spec: tree.Bench = spec) -> None:
            counter[0] += 1
            unique = time.time_ns() % 10**9 + counter[0]
            for step in spec.setup:
                made = tree.filled(step, tree.values(db, unique))
                subprocess.run([*ref, "--db", str(db), *made], env=env, check=True, capture_output=True)
            argv[len(ref) + 2 :] = tree.filled(spec.args, tree.values(db, unique))

        label = ("write: " if spec.write else "view: ") + path
        found.append(measure(label, argv, env, runs, size, before=prepare))
    return found


def vdir(folder: Path, cards: int) -> Path:
    """An address-book folder as vdirsyncer keeps it: one card per file."""
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    for i in range(cards):
        (folder / f"card-{i}.vcf").write_bytes(
            f"BEGIN:VCARD\r\nVERSION:3.0\r\nUID:card-{i}\r\nFN:Synced Person {i}\r\nN:Person {i};Synced;;;\r\n"
            f"ORG:Company {i % 30}\r\nEMAIL:synced{i}@example.org\r\nTEL:+1 555 {i:07d}\r\n"
            f"PHOTO;ENCODING=b;TYPE=JPEG:/9j/4AAQSkZJRgABAQ==\r\nEND:VCARD\r\n".encode()
        )
    return folder


def sync_rows(ref: list[str], env: dict[str, str], runs: int, workdir: Path, cards: int = SYNC_CARDS) -> list[Timing]:
    """`ref sync` of a folder of cards: the first sync (everyone new) and one with nothing changed."""
    book, db = workdir / "book", workdir / "sync.db"

    def fresh() -> None:
        vdir(book, cards)
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)

    first = measure(f"sync {cards} cards: first", [*ref, "--db", str(db), "sync", str(book)], env, runs, None,
                    before=fresh)  # fmt: skip
    again = measure(f"sync {cards} cards: unchanged", [*ref, "--db", str(db), "sync", str(book)], env, runs, None)
    return [first, again]


def say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def vcard_file(path: Path, cards: int) -> Path:
    with open(path, "w", encoding="utf-8", newline="") as out:
        for i in range(cards):
            out.write(
                f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Imported Person {i}\r\nN:Person {i};Imported;;;\r\n"
                f"ORG:Company {i % 300}\r\nEMAIL;TYPE=work:imported{i}@example.org\r\n"
                f"TEL;TYPE=cell:+44 20 {i:08d}\r\nNOTE:Met at event {i % 50}\r\nEND:VCARD\r\n"
            )
    return path


def mail_folder(folder: Path, db: Path, messages: int) -> Path:
    """A maildir of `messages` personal messages: two in three from someone in the network, the
    rest from strangers (what `ref capture` lists), a header block and a short body each."""
    conn = sqlite3.connect(db)
    emails = [r[0] for r in conn.execute("SELECT value FROM channel WHERE kind = 'email' ORDER BY id LIMIT 500")]
    conn.close()
    box = folder / "INBOX"
    if box.exists():
        shutil.rmtree(box)
    for sub in ("cur", "new", "tmp"):
        (box / sub).mkdir(parents=True)
    for n in range(messages):
        who = emails[n % len(emails)] if n % 3 and emails else f"stranger{n % 700}@else.example"
        day = BASE - timedelta(days=1 + n % 300)
        (box / "cur" / f"{n}.bench:2,S").write_text(
            f"From: Someone <{who}>\r\nTo: me@mine.example\r\nDate: {day:%a, %d %b %Y} 10:00:00 +0000\r\n"
            f"Message-ID: <bench{n}@mail.example>\r\nSubject: about {n}\r\n\r\n" + "Body text. " * 40
        )
    return folder


def copy_db(source: Path, target: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    src, dst = sqlite3.connect(source), sqlite3.connect(target)
    src.backup(dst)
    src.close()
    dst.close()


def bench(sizes: list[int], runs: int, workdir: Path, import_cards: int) -> tuple[list[Timing], dict[str, float]]:
    env = dict(os.environ, REF_TODAY=BASE.isoformat(), NO_COLOR="1", COLUMNS="120")
    env.pop("REF_DATABASE_URL", None)
    # As installed, ref runs from compiled bytecode (pip writes it); a shell that forbids writing
    # it would make every run compile ref's sources again, a cost no user pays. The warm-up
    # run of each command writes what is missing.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    ref = ref_command()
    say("floors")
    floors = floors_of(env, runs, workdir)
    results = [
        measure("ref --help", [*ref, "--help"], env, runs, None),
        measure("ref --version", [*ref, "--version"], env, runs, None),
    ]
    completion = dict(env, _REF_COMPLETE="complete_bash", COMP_WORDS="ref ba", COMP_CWORD="1")
    results.append(measure("shell completion", ref, completion, runs, None))
    results += sync_rows(ref, env, runs, workdir)
    if 10_000 in sizes:  # the budget: a sync of 10k cards within the import budget
        results += sync_rows(ref, env, max(1, min(runs, 2)), workdir, 10_000)
    for size in sizes:
        say(f"{size:,} contacts")
        db = workdir / f"bench-{size}.db"
        if not db.exists():
            # In a separate process: this one must stay small, or its size would show in the peaks.
            took = time.perf_counter()
            subprocess.run([sys.executable, str(HERE / "generate.py"), "--contacts", str(size), "--out", str(db)],
                           check=True, stdout=subprocess.DEVNULL)  # fmt: skip
            say(f"  generated in {time.perf_counter() - took:.1f} s")
        handle = sqlite3.connect(db).execute("SELECT handle FROM contact WHERE id = 1").fetchone()[0]
        base = [*ref, "--db", str(db)]
        for label, args in (
            ("contacts QUERY", ["contacts", "okafor"]),
            ("search WORD", ["search", "okafor"]),
            ("search common word", ["search", "chapter"]),
            ("show X", ["show", handle]),
            ("balance", ["balance"]),
            ("followups", ["followups"]),
            ("stats", ["stats"]),
            ("suggest", ["suggest"]),
            ("cadence", ["cadence"]),
            ("referrals", ["referrals"]),
            ("meetings", ["meetings"]),
        ):
            results.append(measure(label, [*base, *args], env, runs, size))
        complete_handle = dict(
            env, _REF_COMPLETE="complete_bash", COMP_WORDS=f"ref --db {db} show {handle[:3]}", COMP_CWORD="4"
        )
        results.append(measure("complete CONTACT", ref, complete_handle, runs, size))
        newcomer = [*base, "add-contact", "Benchmark Person"]

        def next_newcomer(argv: list[str] = newcomer, seen: list[int] = [0]) -> None:  # noqa: B006
            seen[0] += 1  # a new name each run: the same one twice is refused as a likely duplicate
            argv[-1] = f"Benchmark Person {time.time_ns()}-{seen[0]}"

        results.append(measure("write: add-contact", newcomer, env, runs, size, before=next_newcomer))
        outcome = [*base, "outcome", "0", "contacted"]

        def open_referral(argv: list[str] = outcome, db: Path = db) -> None:
            """The newest open referral (the benchmark's own gives leave some): outcomes only move forward."""
            conn = sqlite3.connect(db)
            argv[-2] = str(conn.execute("SELECT max(id) FROM referral WHERE status = 'open'").fetchone()[0])
            conn.close()

        for label, args in (  # writes: each run adds a row (and a journal entry) to the network
            ("log", ["log"]),
            ("write: note", ["note", handle, "a benchmark note"]),
            ("write: give", ["give", handle, "a benchmark lead"]),
            ("write: meet", ["meet", handle]),
            ("write: touch", ["touch", handle, "--via", "call"]),
            ("write: receive", ["receive", handle, "a benchmark job"]),
            ("write: thank", ["thank", handle]),
        ):
            results.append(measure(label, [*base, *args], env, runs, size))
        results.append(measure("write: outcome", outcome, env, runs, size, before=open_referral))
        done = [*base, "done", "thank-0"]

        def owed_thanks(argv: list[str] = done, db: Path = db) -> None:
            """The newest thank-you still owed (the benchmark's receives leave some)."""
            conn = sqlite3.connect(db)
            owed = "SELECT max(id) FROM referral WHERE direction = 'received' AND thanked_on IS NULL"
            argv[-1] = f"thank-{conn.execute(owed).fetchone()[0]}"
            conn.close()

        results.append(measure("write: done", done, env, runs, size, before=owed_thanks))
        results.append(measure("write: undo", [*base, "undo", "--yes"], env, runs, size))
        results += every_command(ref, db, env, runs, size)
        out = workdir / "backup.json"
        results.append(measure("export --format backup", [*base, "export", "-o", str(out), "--force"], env, runs, size))
        cards = vcard_file(workdir / "import.vcf", min(import_cards, max(size, 1000)))
        scratch = workdir / "import-target.db"
        results.append(
            measure(
                f"import {min(import_cards, max(size, 1000)):,} vCards",
                [*ref, "--db", str(scratch), "import", str(cards)],
                env,
                max(1, min(runs, 2)),
                size,
                before=lambda db=db, scratch=scratch: copy_db(db, scratch),
            )
        )
        messages = min(2 * import_cards, max(2 * size, 1000))
        mail = mail_folder(workdir / "mail", db, messages)
        scratch = workdir / "capture-target.db"
        capture = [*ref, "--db", str(scratch), "capture", str(mail), "--json"]
        copy = partial(copy_db, db, scratch)
        results.append(measure(f"capture {messages:,} messages: first", capture, env, max(1, min(runs, 2)), size,
                               before=copy))  # fmt: skip
        results.append(measure(f"capture {messages:,} messages: again", capture, env, max(1, min(runs, 2)), size))
    return results, floors


# The budgets (ratios to the typer app measured in the same run; seconds where it says so).
VIEW_BUDGET = {10_000: 2.0, 100_000: 3.0}
HEAVY_BUDGET = {10_000: 3.0, 100_000: 4.0}  # stats (a year) and suggest
HEAVY_VIEWS = ("stats", "suggest")
WRITE_BUDGET = 2.5
IMPORT_SECONDS = {10_000: 3.0, 100_000: 4.0}  # import 10k vCards, sync of 10k cards
EXPORT_SECONDS = {10_000: 2.0, 100_000: 5.0}
CAPTURE_SECONDS = 15.0  # a first capture of 20,000 messages (issue 31)
CAPTURE_AGAIN = 2.0  # and a second with nothing new, as a ratio to the typer app
MEMORY_MB = {10_000: 150, 100_000: 200}
MAP_SECONDS = {1000: 1.5, 10_000: 5.0, 100_000: 5.0}  # `ref map` (issue 35): a page of at most 1,000 people
KEPT = "## Measured outside this run"  # a section of RESULTS.md the next run keeps


def budgets(results: list[Timing], floors: dict[str, float]) -> list[tuple[str, str, bool]]:
    """The issue's budgets, checked against this run."""
    typer_floor = floors["typer app"]
    checks = []
    for t in results:
        ratio = t.median / typer_floor
        at = f" @{t.size:,}" if t.size else ""
        if (t.size is None and t.label.startswith(("ref --", "shell"))) or t.label == "complete CONTACT":
            checks.append((t.label + at, f"≤ 1.3× typer app (is {ratio:.2f}×)", ratio <= 1.3))
        if t.label == "view: map" and t.size in MAP_SECONDS:
            most = MAP_SECONDS[t.size]
            checks.append((t.label + at, f"≤ {most} s (is {t.median:.1f} s)", t.median <= most))
        if t.size not in VIEW_BUDGET:
            continue
        assert t.size is not None
        if t.label.startswith("write:"):
            checks.append((t.label + at, f"≤ {WRITE_BUDGET}× typer app (is {ratio:.2f}×)", ratio <= WRITE_BUDGET))
        if t.label.startswith("view:") and t.label != "view: map":  # every other command of the tree, read-only
            most = VIEW_BUDGET[t.size]
            checks.append((t.label + at, f"≤ {most}× typer app (is {ratio:.2f}×)", ratio <= most))
        for views, budget in ((READ_VIEWS, VIEW_BUDGET), (HEAVY_VIEWS, HEAVY_BUDGET)):
            if t.label in views:
                most = budget[t.size]
                checks.append((t.label + at, f"≤ {most}× typer app (is {ratio:.2f}×)", ratio <= most))
        if t.label.startswith("import 10,000"):
            most = IMPORT_SECONDS[t.size]
            checks.append((t.label + at, f"≤ {most} s (is {t.median:.1f} s)", t.median <= most))
        if t.label.startswith("capture 20,000 messages: first"):
            checks.append((t.label + at, f"≤ {CAPTURE_SECONDS} s (is {t.median:.1f} s)", t.median <= CAPTURE_SECONDS))
        if t.label.startswith("capture 20,000 messages: again"):  # nothing new: about a view (capture/seen.py)
            checks.append((t.label + at, f"≤ {CAPTURE_AGAIN}× typer app (is {ratio:.2f}×)", ratio <= CAPTURE_AGAIN))
        if t.label.startswith("export"):
            most = EXPORT_SECONDS[t.size]
            checks.append((t.label + at, f"≤ {most} s (is {t.median:.1f} s)", t.median <= most))
        most_mb = MEMORY_MB[t.size]
        checks.append((f"{t.label} memory{at}", f"≤ {most_mb} MB (is {t.peak_mb:.0f} MB)", t.peak_mb <= most_mb))
    for t in results:
        if t.label.startswith(f"sync {SYNC_CARDS} "):
            most = 15 if t.label.endswith("first") else 5
            ratio = t.median / typer_floor
            checks.append((t.label, f"≤ {most}× typer app (is {ratio:.2f}×)", ratio <= most))
        if t.label.startswith("sync 10000 cards: first"):  # the issue: within the import budget at 10k
            most = IMPORT_SECONDS[10_000]
            checks.append((t.label, f"≤ {most} s (is {t.median:.1f} s)", t.median <= most))
    return checks


def report(results: list[Timing], floors: dict[str, float], sizes: list[int], runs: int,
           checks: list[tuple[str, str, bool]], engine: str = "sqlite") -> str:  # fmt: skip
    typer_floor = floors["typer app"]
    flag = " --engine postgresql" if engine == "postgresql" else ""
    where = "on a local PostgreSQL server" if engine == "postgresql" else f"SQLite {sqlite3.sqlite_version}"
    lines = [
        "# ref benchmark results" + (" on PostgreSQL" if engine == "postgresql" else ""),
        "",
        f"Run on {time.strftime('%Y-%m-%d')} with `python benchmarks/run.py{flag} --sizes {' '.join(map(str, sizes))} "
        f"--runs {runs}`: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{where}. Each figure is the median of {runs} runs after a warm-up, as a whole "
        "process, with peak memory (RSS).",
        "",
        "Floors measured in the same run: "
        + ", ".join(f"{name} {value * 1000:.0f} ms" for name, value in floors.items())
        + ".",
        "",
        "| size | command | median | × typer app | peak memory |",
        "| --- | --- | --- | --- | --- |",
    ]
    for t in results:
        size = "-" if t.size is None else f"{t.size:,}"
        lines.append(
            f"| {size} | {t.label} | {t.median * 1000:.0f} ms | {t.median / typer_floor:.2f}× | {t.peak_mb:.0f} MB |"
        )
    lines += ["", "## Budgets", "", "| budget | target | met |", "| --- | --- | --- |"]
    for name, target, ok in checks:
        lines.append(f"| {name} | {target} | {'yes' if ok else '**no**'} |")
    lines += ["", "## Commands not in the budgets above", "", "| command | why |", "| --- | --- |"]
    lines += [f"| `ref {name}` | {why} |" for name, why in tree.ELSEWHERE.items()]
    lines += [
        "",
        "Synthetic data per contact (benchmarks/generate.py): 2 channels, 3 offerings, a tag, a note, 3 one-on-ones,",
        "about 1 goal and half a family member, 2 acquaintances and 10 referrals with history.",
        "",
    ]
    return "\n".join(lines)


def floors_of(env: dict[str, str], runs: int, workdir: Path) -> dict[str, float]:
    typer_app = workdir / "typer_app.py"
    typer_app.write_text(TYPER_APP)
    return {
        "python -c pass": measure("python -c pass", [sys.executable, "-c", "pass"], env, runs, None).median,
        "typer app": measure("one-command typer app", [sys.executable, str(typer_app)], env, runs, None).median,
    }


def on_server(sizes: list[int], runs: int, workdir: Path) -> tuple[list[Timing], dict[str, float]]:
    """The views and writes on a PostgreSQL server (benchmarks/server.py), with the same floors."""
    env = dict(os.environ, REF_TODAY=BASE.isoformat(), NO_COLOR="1", COLUMNS="120")
    env.pop("REF_DATABASE_URL", None)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    ref = ref_command()
    results: list[Timing] = []
    with server.server() as url:
        say("floors")
        floors = floors_of(env, runs, workdir)
        for size in sizes:
            say(f"{size:,} contacts on the server")
            db = workdir / f"bench-{size}.db"
            if not db.exists():
                subprocess.run([sys.executable, str(HERE / "generate.py"), "--contacts", str(size), "--out", str(db)],
                               check=True, stdout=subprocess.DEVNULL)  # fmt: skip
            results += server.bench(url, db, size, ref, env, runs, workdir, measure, say)
    return results, floors


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10_000, 100_000])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--import-cards", type=int, default=10_000)
    parser.add_argument("--workdir", type=Path, default=None, help="keep generated databases here")
    parser.add_argument("--output", type=Path, default=None, help="default RESULTS.md (RESULTS-postgresql.md)")
    parser.add_argument("--engine", choices=("sqlite", "postgresql"), default="sqlite")
    args = parser.parse_args()
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="ref-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    if args.engine == "postgresql":
        args.output = args.output or HERE / "RESULTS-postgresql.md"
        results, floors = on_server(args.sizes, args.runs, workdir)
        checks = server.budgets(results, floors["typer app"])
    else:
        args.output = args.output or HERE / "RESULTS.md"
        results, floors = bench(args.sizes, args.runs, workdir, args.import_cards)
        checks = budgets(results, floors)
    text = report(results, floors, args.sizes, args.runs, checks, args.engine)
    if args.output.exists():  # what was measured outside the run (by hand, by the tests) stays
        before = args.output.read_text()
        if KEPT in before:
            text += "\n" + before[before.index(KEPT) :]
    args.output.write_text(text)
    say(f"wrote {args.output}")
    for name, target, ok in checks:
        say(f"  {'ok  ' if ok else 'MISS'} {name}: {target}")


if __name__ == "__main__":
    main()
