"""Every test gets its own database: no test can touch a real one."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import settings
from typer.testing import CliRunner

from refcli import db
from refcli.cli.app import app

settings.register_profile("ci", max_examples=60, deadline=None)
settings.register_profile("dev", max_examples=20, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

TODAY = "2026-03-14"


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    path = tmp_path / "data" / "ref.db"
    path.parent.mkdir()
    monkeypatch.setenv("REF_DB", str(path))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("REF_TODAY", TODAY)
    for name in ("REF_DATABASE_URL", "NO_COLOR", "REF_FORCE_TERMINAL", "REF_DEBUG", "REF_BUSY_TIMEOUT_MS"):
        monkeypatch.delenv(name, raising=False)
    yield path
    db.dispose_engines()


@dataclass
class Outcome:
    code: int
    out: str
    err: str


class Ref:
    """Drive the real CLI in-process: `ref("add-contact", "Fred")`."""

    def __init__(self) -> None:
        self.runner = CliRunner()

    def __call__(self, *args: str, input: str | None = None, env: dict[str, str] | None = None) -> Outcome:
        result = self.runner.invoke(app, list(args), input=input, env=env, catch_exceptions=False)
        outcome = Outcome(result.exit_code, result.stdout, result.stderr)
        assert "Traceback" not in outcome.err + outcome.out, outcome
        return outcome

    def ok(self, *args: str, **kw: object) -> str:
        outcome = self(*args, **kw)  # type: ignore[arg-type]
        assert outcome.code == 0, outcome
        return outcome.out

    def fails(self, code: int, *args: str, **kw: object) -> str:
        outcome = self(*args, **kw)  # type: ignore[arg-type]
        assert outcome.code == code, outcome
        assert outcome.err.startswith("error: ") or code == 2, outcome
        if code != 2:
            assert outcome.err.count("\n") == 1, f"error should be one line: {outcome.err!r}"
        return outcome.err

    def json(self, *args: str, env: dict[str, str] | None = None) -> object:
        import json

        return json.loads(self.ok(*args, "--json", env=env))


def squash(text: str) -> str:
    """Collapse runs of spaces so card layouts can be asserted on content, not alignment."""
    return "\n".join(" ".join(line.split()) for line in text.splitlines())


@pytest.fixture
def ref() -> Ref:
    return Ref()


def run_installed(*args: str, env: dict[str, str] | None = None, timeout: float = 60) -> tuple[int, str, str]:
    """Run `python -m refcli` in a real subprocess (same interpreter as the tests)."""
    import subprocess

    proc = subprocess.run(
        [sys.executable, "-m", "refcli", *args],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=timeout,
    )
    return proc.returncode, proc.stdout, proc.stderr
