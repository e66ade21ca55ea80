"""The benchmark runs (a 1k smoke run: timings are reported, never asserted here)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

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


def test_benchmark_smoke_run_writes_results(tmp_path: Path) -> None:
    out = tmp_path / "RESULTS.md"
    proc = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "run.py"), "--sizes", "1000", "--runs", "1",
         "--import-cards", "300", "--workdir", str(tmp_path / "work"), "--output", str(out)],
        capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    text = out.read_text()
    for label in ("ref --help", "followups", "balance", "contacts QUERY", "show X", "export --format backup"):
        assert f"| {label} |" in text
    assert "## Budgets" in text and "typer app" in proc.stderr + text
