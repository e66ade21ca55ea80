"""Every test gets its own database: no test can touch a real one."""

from __future__ import annotations

import os
import sqlite3
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from hypothesis import settings
from typer.testing import CliRunner

from refcli import store
from refcli.cli.app import app, command

settings.register_profile("ci", max_examples=60, deadline=None)
settings.register_profile("dev", max_examples=20, deadline=None)
# `pytest --hypothesis-profile thorough`: many more random cases (the oracle of test_counting.py
# then checks 2,000 histories); minutes, not for every run.
settings.register_profile("thorough", max_examples=2000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

TODAY = "2026-03-14"

# Set REF_TEST_POSTGRES to a server URL (any database on it, e.g. .../postgres) and every test
# gets its own fresh database there instead of a SQLite file; tests that are about SQLite
# itself are marked `sqlite_only` and skipped in that run.
POSTGRES = os.environ.get("REF_TEST_POSTGRES", "")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "sqlite_only(reason): the test is about SQLite files themselves")
    config.addinivalue_line("markers", "postgres_only(reason): the test needs the PostgreSQL server")
    config.addinivalue_line(
        "markers", "blank_database: on the server, start from an empty database, not the current schema"
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        marker = item.get_closest_marker("sqlite_only" if POSTGRES else "postgres_only")
        if marker is not None:
            reason = marker.kwargs.get("reason") or (marker.args[0] if marker.args else "SQLite only")
            kind = "SQLite" if POSTGRES else "PostgreSQL"
            item.add_marker(pytest.mark.skip(reason=f"{kind} only: {reason}"))


def psycopg_dsn(url: str | None = None) -> str:
    """The test database's URL (or `url`) as plain psycopg takes it, for reaching around ref."""
    from sqlalchemy.engine import make_url

    target = make_url(url or os.environ["REF_DATABASE_URL"]).set(drivername="postgresql")
    return target.render_as_string(hide_password=False)


def _recreate(name: str, template: str | None = None) -> None:
    """Drop `name` (even if connections linger) and create it again: blank, or as a copy of
    `template`."""
    import psycopg

    with psycopg.connect(psycopg_dsn(POSTGRES), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))


@contextmanager
def postgres_database(name: str, template: str | None = None) -> Iterator[str]:
    """A throwaway database on the test server (blank, or a copy of `template`), dropped
    afterwards even if connections linger."""
    import psycopg
    from sqlalchemy.engine import make_url

    admin = make_url(POSTGRES)
    dsn = psycopg_dsn(POSTGRES)
    _recreate(name, template)
    try:
        yield admin.set(database=name).render_as_string(hide_password=False)
    finally:
        store.dispose_engines()
        with psycopg.connect(dsn, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="session")
def current_template() -> Iterator[str | None]:
    """On the server, one database brought to the current schema once per run: each test starts
    from a copy of it (milliseconds) instead of migrating its own from nothing (half a second).
    Tests about creating or upgrading a database take `@pytest.mark.blank_database`."""
    if not POSTGRES:
        yield None
        return
    with postgres_database(f"ref_template_{os.getpid()}") as url:
        store.ensure_current(store.locate(url))
        store.dispose_engines()
        yield make_url_name(url)


def make_url_name(url: str) -> str:
    from sqlalchemy.engine import make_url

    return str(make_url(url).database)


@pytest.fixture(autouse=True)
def isolated(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest, current_template: str | None
) -> Iterator[Path]:
    path = tmp_path / "data" / "ref.db"
    path.parent.mkdir()
    monkeypatch.setenv("REF_DB", str(path))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("REF_TODAY", TODAY)
    for name in ("REF_DATABASE_URL", "NO_COLOR", "REF_FORCE_TERMINAL", "REF_DEBUG", "REF_BUSY_TIMEOUT_MS"):
        monkeypatch.delenv(name, raising=False)
    if POSTGRES:
        blank = request.node.get_closest_marker("blank_database") is not None
        template = None if blank else current_template
        with postgres_database(f"ref_test_{os.getpid()}", template) as url:
            monkeypatch.setenv("REF_DATABASE_URL", url)
            yield path
    else:
        yield path
    store.dispose_engines()


@dataclass
class Outcome:
    code: int
    out: str
    err: str


class LazyRunner(CliRunner):
    """typer's runner, running the `ref` that the console script runs (`command()`, whose
    sub-commands are built when named) rather than typer's eagerly built tree."""

    def invoke(self, app: Any, *args: Any, **kw: Any) -> Any:
        import typer.testing

        with mock.patch.object(typer.testing, "_get_command", lambda _: command()):
            return super().invoke(app, *args, **kw)


class Ref:
    """Drive the real CLI in-process: `ref("add-contact", "Fred")`."""

    def __init__(self) -> None:
        self.runner = LazyRunner()

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


def wipe_all(query: Any) -> None:
    """Empty every table and the derived ones (the search index, the summaries), so a generated
    example starts from nothing on either engine."""
    from refcli.models import metadata
    from refcli.store import summaries

    for table in reversed(metadata.sorted_tables):
        query(f"DELETE FROM {table.name}")
    query("DELETE FROM search_index")
    for table in summaries.TABLES:
        query(f"DELETE FROM {table}")


def squash(text: str) -> str:
    """Collapse runs of spaces so card layouts can be asserted on content, not alignment."""
    return "\n".join(" ".join(line.split()) for line in text.splitlines())


def make_db_at(isolated: Path, revision: str) -> None:
    """A database exactly as an older ref left it, at `revision`: the test's SQLite file, or
    its PostgreSQL database when the suite runs against a server."""
    from sqlalchemy import create_engine

    if POSTGRES:
        store.dispose_engines()
        _recreate(make_url_name(os.environ["REF_DATABASE_URL"]))  # blank: the test builds it
        engine = create_engine(os.environ["REF_DATABASE_URL"])
    else:
        os.close(store.create_private_file(isolated))
        engine = create_engine(f"sqlite:///{isolated}")
    with engine.begin() as conn:
        store.upgrade_connection(conn, revision)
    engine.dispose()


@pytest.fixture
def query(isolated: Path) -> Any:
    """Run SQL straight against the test's own database (SQLite file or PostgreSQL) to check
    what really landed, bypassing ref."""

    def run(sql: str) -> list[tuple[Any, ...]]:
        if POSTGRES:
            import psycopg

            with psycopg.connect(psycopg_dsn()) as conn:
                cursor = conn.execute(sql)
                return [tuple(r) for r in cursor.fetchall()] if cursor.description else []
        conn = sqlite3.connect(isolated)
        try:
            with conn:
                return [tuple(r) for r in conn.execute(sql).fetchall()]
        finally:
            conn.close()

    return run


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
