"""The app as a whole: packaging, start-up cost, help, docs, schema and the demo."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import refcli
from conftest import Ref, run_installed, squash
from refcli.cli.app import app

ROOT = Path(__file__).resolve().parent.parent


def test_version(ref: Ref) -> None:
    assert ref.ok("--version").strip() == f"ref {refcli.__version__}"
    code, out, _ = run_installed("--version")
    assert code == 0 and out.strip() == f"ref {refcli.__version__}"


def test_importing_the_cli_stays_light() -> None:
    code = (
        "import sys, refcli.cli.app; "
        "heavy = sorted({m.split('.')[0] for m in sys.modules} & {'sqlalchemy', 'sqlmodel', 'alembic', 'pydantic'}); "
        "print(','.join(heavy))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == ""


def test_help_and_usage_errors_skip_the_renderers_ref_never_uses() -> None:
    """`ref --help` and a usage error in a real process load neither Markdown (markdown-it) nor
    rich tracebacks (pygments): typer imports them, ref's stand-ins keep them unloaded."""
    code = (
        "import sys, runpy; sys.argv = ['ref'] + sys.argv[1:]\n"
        "try: runpy.run_module('refcli', run_name='__main__')\n"
        "except SystemExit: pass\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'markdown_it', 'pygments'}), file=sys.stderr)"
    )
    for args in (["--help"], ["add-contact", "--bogus"]):
        done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True)
        assert done.stderr.strip().endswith("[]"), (args, done.stderr)
        assert ("Usage: ref" in done.stdout + done.stderr) and "Traceback" not in done.stderr


def test_the_stand_ins_become_the_real_modules_when_used() -> None:
    """Whatever uses Markdown or Traceback after the stand-ins are in gets the real thing."""
    code = (
        "import io, sys; from refcli.cli import standins; standins.install()\n"
        "from rich.markdown import Markdown; from rich.traceback import Traceback\n"
        "from rich.console import Console\n"
        "out = io.StringIO(); console = Console(file=out, width=60)\n"
        "console.print(Markdown('# Title'))\n"
        "try: 1 / 0\n"
        "except ZeroDivisionError as exc: console.print(Traceback.from_exception(type(exc), exc, exc.__traceback__))\n"
        "text = out.getvalue()\n"
        "print('Title' in text, 'ZeroDivisionError' in text, type(sys.modules['rich.markdown']).__name__)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["True", "True", "module"], out


def orm_loaded_by(commands: list[list[str]]) -> list[str]:
    """Run these commands in one fresh interpreter (each must succeed) and say which of SQLAlchemy,
    SQLModel and Alembic they imported."""
    code = (
        "import sys, json; from refcli.cli.app import app\n"
        f"for args in {commands!r}:\n"
        "    try: app(args, prog_name='ref')\n"
        "    except SystemExit as e: assert e.code in (0, None), (args, e.code)\n"
        "print(json.dumps(sorted({m.split('.')[0] for m in sys.modules} & {'sqlalchemy','sqlmodel','alembic'})))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    return list(json.loads(out.strip().splitlines()[-1]))


@pytest.mark.sqlite_only(reason="reads of a server go through SQLAlchemy by design")
def test_reads_do_not_import_the_orm(ref: Ref) -> None:
    ref.ok("add-contact", "Fred")
    ref.ok("meet", "fred", "--on", "2026-03-01")
    views = [["show", "fred"], ["contacts", "fr"], ["meetings"], ["depth"], ["depth", "fred", "--json"],
             ["network", "fred"], ["family", "fred"], ["goal", "fred"], ["trait", "fred"], ["offer", "fred"],
             ["referrals"], ["referrals", "--with", "fred"], ["balance"], ["balance", "fred"], ["followups"],
             ["stats"], ["suggest"], ["config"], ["meeting", "1"], ["touch", "list"]]  # fmt: skip
    assert orm_loaded_by(views) == []


@pytest.mark.sqlite_only(reason="a server is reached through SQLAlchemy, for reads and writes alike")
def test_everyday_writes_do_not_import_the_orm(ref: Ref) -> None:
    """The writes people make all day run on the write path's own SQL: they import neither
    SQLAlchemy nor SQLModel (pydantic comes with typer itself), so a write costs what a read does."""
    ref.ok("add-contact", "Fred")
    writes = [
        ["add-contact", "Sally", "--email", "s@example.org", "--tag", "bni", "--offers", "kitchens"],
        ["edit", "sally", "--company", "Acme", "--phone", "555 0100"],
        ["note", "fred", "likes golf"],
        ["meet", "fred", "--notes", "coffee", "--next", "+2w"],
        ["touch", "fred", "--via", "call"],
        ["give", "fred", "sally"],
        ["outcome", "1", "won", "--value", "500"],
        ["receive", "fred", "a job"],
        ["thank", "fred"],
        ["introduce", "fred", "sally", "--why", "both build"],
        ["remind", "fred", "call"],
        ["done", "remind-1"],
        ["undo", "--yes"],
        ["tag", "fred", "golf"],
        ["archive", "sally"],
        ["unarchive", "sally"],
        ["heard", "3", "fred"],
        ["schedule", "sally", "+3w"],
        ["meeting", "1", "--notes", "it went well", "--they-asked"],
        ["meeting", "3", "--cancel"],
        ["referral", "1", "--why", "both build kitchens", "--value", "600"],
        ["config", "followup_days", "10"],
        ["config", "followup_days", "--reset"],
        ["cadence", "fred", "2w"],
        ["cadence", "--tag", "golf", "1m"],
        ["cadence", "--tag", "golf", "default"],
        ["offer", "fred", "add", "decks"],
        ["family", "fred", "add", "Ada", "--met"],
        ["goal", "fred", "add", "Open a showroom"],
        ["trait", "fred", "plus", "on time"],
        ["knows", "fred", "sally"],
        ["depth", "fred", "--set", "1=yes"],
        ["goal", "fred", "edit", "1", "--text", "Open two showrooms"],
        ["knows", "fred", "sally", "--remove"],
        ["talked", "fred", "--notes", "he will send some back"],
        ["log", "--prune", "2026-01-01", "--yes"],
        ["add-contact", "Fred Two", "--handle", "fred2", "--email", "f2@example.org"],
        ["merge", "fred", "fred2", "--yes"],
        ["add-contact", "Temp Person", "--handle", "temp"],
        ["delete", "temp", "--yes"],
    ]
    assert orm_loaded_by(writes) == []
    assert "sally" in ref.ok("contacts") and "likes golf" in ref.ok("notes", "fred")


@pytest.mark.sqlite_only(reason="a server is reached through SQLAlchemy, for reads and writes alike")
def test_importing_and_syncing_new_people_do_not_import_the_orm(ref: Ref, tmp_path: Path) -> None:
    """A big import or a first sync is mostly new people: created, linked and indexed on the write
    path's own SQL. Only filling in someone already known uses the models."""
    card = "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:u{n}\r\nFN:Person {n}\r\nEMAIL:p{n}@example.org\r\nEND:VCARD\r\n"
    (tmp_path / "people.vcf").write_text("".join(card.format(n=n) for n in range(3)))
    book = tmp_path / "book"
    book.mkdir()
    for n in range(3, 6):
        (book / f"p{n}.vcf").write_text(card.format(n=n))
    ref.ok("add-contact", "Fred")  # the file exists (making one runs the migrations)
    runs = [["import", str(tmp_path / "people.vcf")], ["sync", str(book)], ["sync", str(book)]]
    assert orm_loaded_by(runs) == []
    assert len(ref.json("contacts")) == 7 and len(list(book.glob("*.vcf"))) == 7  # type: ignore[arg-type]
    assert ref.json("sync", str(book))["unchanged"] == 7  # type: ignore[index]


def test_help_groups_commands_by_job(ref: Ref) -> None:
    out = ref.ok("--help", env={"COLUMNS": "120"})
    assert "Adding and finding the people you meet" in out and "Your data" in out


def _commands() -> list[tuple[str, object]]:
    import typer

    root = typer.main.get_command(app)
    found = []
    for name, cmd in root.commands.items():  # type: ignore[attr-defined]
        found.append((name, cmd))
        for sub, subcmd in getattr(cmd, "commands", {}).items():
            found.append((f"{name} {sub}", subcmd))
    return found


def test_help_reads_like_a_manual(ref: Ref) -> None:
    """No Python type names, no braces in usage lines, on any command's help."""
    for name, _ in [("", None), *_commands()]:
        out = ref.ok(*name.split(), "--help", env={"COLUMNS": "200"})
        for leak in ("<str>", "<int>", "<bool>", "<path>", "list[", "{", "(see below)", "[["):
            assert leak not in out, (name or "ref", leak)
        usage = next(line for line in out.splitlines() if "Usage:" in line)
        assert not re.search(r"\b[a-z]+\b", usage.split("[OPTIONS]")[-1]), usage  # arguments in upper case
    assert "Usage: ref meet [OPTIONS] CONTACT" in ref.ok("meet", "--help", env={"COLUMNS": "200"})
    assert "[CONTACT] TEXT..." in ref.ok("remind", "--help", env={"COLUMNS": "200"})


def test_every_command_has_help_and_is_in_the_reference() -> None:
    reference = (ROOT / "docs" / "reference.md").read_text()
    for name, cmd in _commands():
        assert (getattr(cmd, "help", None) or "").strip(), f"{name} has no help text"
        assert f"`ref {name}`" in reference, f"{name} is missing from docs/reference.md"


def test_reference_is_current() -> None:
    from refcli.cli.reference import render_reference

    committed = (ROOT / "docs" / "reference.md").read_text()
    assert committed == render_reference(), "regenerate: python -m refcli.cli.reference > docs/reference.md"


def test_command_manifest_is_current_and_every_command_builds_alone() -> None:
    """`ref` builds only the command it runs, found through the generated manifest: a command
    added to a module but not to the manifest would be missing from `ref` itself."""
    from refcli.cli import app as cli
    from refcli.cli import tree
    from refcli.cli.manifest import COMMANDS

    assert (ROOT / "src" / "refcli" / "cli" / "manifest.py").read_text() == tree.manifest(), (
        "regenerate: python -m refcli.cli.reference --manifest > src/refcli/cli/manifest.py"
    )
    import typer

    whole = typer.main.get_command(cli.app).commands  # type: ignore[attr-defined]
    assert list(whole) == list(COMMANDS)
    for name, feature in COMMANDS.items():
        alone = tree.build(feature, name, cli.root)
        assert alone.name == whole[name].name and [p.name for p in alone.params] == [p.name for p in whole[name].params]


def test_root_help_lists_every_command_with_its_first_line(ref: Ref) -> None:
    """The root help reads each command's line without building it; it must say what the
    built command says."""
    import typer

    from refcli.cli import app as cli

    out = squash(ref.ok("--help", env={"COLUMNS": "200"}))
    for name, command in typer.main.get_command(cli.app).commands.items():  # type: ignore[attr-defined]
        first = (command.short_help or command.help or "").split("\n")[0].strip()
        assert f"{name} {first}"[:60] in out, name


def test_migrations_build_exactly_the_models() -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.config import Config
    from alembic.migration import MigrationContext
    from alembic.script import ScriptDirectory
    from sqlalchemy import inspect

    from refcli import store
    from refcli.models import metadata

    config = Config()
    config.set_main_option("script_location", "refcli:migrations")
    revisions = [r.revision for r in ScriptDirectory.from_config(config).walk_revisions()]
    assert tuple(reversed(revisions)) == store.KNOWN_REVISIONS
    loc = store.locate(None)  # the test database: a SQLite file, or the PostgreSQL server in that run
    engine = store.ensure_current(loc)
    from refcli.store.derived import is_derived

    def modelled(name: str | None, kind: str, parent: object) -> bool:  # the index and summaries are derived
        return not (kind == "table" and name is not None and is_derived(name))

    with engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn, opts={"include_name": modelled}), metadata) == []
        assert sum(is_derived(t) for t in inspect(conn).get_table_names()) >= 2


def test_demo_builds_its_own_database_and_walks_through(ref: Ref, isolated: Path) -> None:
    out = ref.ok("demo")
    assert "a sample network of 12 people" in out
    assert "$ ref show sally" in out and "Sally Chen (sally)" in out
    assert "Fred Okafor" in out and "María González (maria)" in out
    assert "$ ref depth" in out and "Sally Chen (sally)\t14/14\tdeep" in out
    assert "$ ref meetings --upcoming" in out and "yes/no/skip" not in out
    assert "$ ref referral 1" in out and "status: won ($18,500)" in out
    assert "[thank-" in out and "[talk-dave]" in out  # the owed thank-you and the imbalance
    tail = out[out.index("$ ref followups") :]
    assert "$ ref balance" in tail and "worth a conversation" in tail and "thank them" in tail
    assert not isolated.exists(), "the demo must never touch the user's database"
    demo_db = next(line.split(" in ", 1)[1] for line in out.splitlines() if "sample network" in line)
    assert Path(demo_db).exists() and "ref-demo-" in demo_db


def test_ctrl_c_exits_130_with_one_line(ref: Ref, monkeypatch: object) -> None:
    from refcli.people import profiles

    def interrupted(*_: object, **__: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(profiles, "list_contacts", interrupted)  # type: ignore[attr-defined]
    err = ref.fails(130, "contacts")
    assert "interrupted" in err


def test_unexpected_errors_are_one_line_without_locals(ref: Ref, monkeypatch: object) -> None:
    from refcli.people import profiles

    def broken(*_: object, **__: object) -> None:
        secret = "family-name-Mei"  # noqa: F841 - a local that must never be printed
        raise ValueError("boom")

    monkeypatch.setattr(profiles, "list_contacts", broken)  # type: ignore[attr-defined]
    outcome = ref("contacts")
    assert outcome.code == 1 and outcome.err.startswith("error: unexpected ValueError: boom")
    assert "family-name-Mei" not in outcome.err + outcome.out


def test_piping_into_head_is_quiet() -> None:
    proc = subprocess.run(
        f"{sys.executable} -m refcli --help | head -1", shell=True, capture_output=True, text=True, check=False
    )
    assert "error" not in proc.stderr and "Traceback" not in proc.stderr


def test_data_model_doc_is_generated_from_the_models() -> None:
    from refcli.models import metadata
    from refcli.store import datamodel

    path = ROOT / "docs" / "data-model.md"
    assert path.read_text() == datamodel.rewrite(path), "regenerate: python -m refcli.store.datamodel"
    prose = path.read_text().partition(datamodel.START)[0]
    for table in metadata.tables:
        assert f"| `{table}`" in prose, f"docs/data-model.md does not say what {table} is for"


def walk_commands() -> list[tuple[str, Any]]:
    from typer.main import get_command

    found: list[tuple[str, Any]] = []

    def walk(command: Any, path: list[str]) -> None:
        subcommands = getattr(command, "commands", None)
        if subcommands:
            for name, sub in subcommands.items():
                walk(sub, [*path, name])
        else:
            found.append((" ".join(path), command))

    walk(get_command(app), [])
    return found


def test_every_command_speaks_json() -> None:
    missing = [name for name, command in walk_commands() if not any("--json" in p.opts for p in command.params)]
    assert not missing, f"commands without --json: {missing}"


def test_with_json_an_error_is_a_json_object_with_the_exit_code(ref: Ref) -> None:
    import json

    outcome = ref("show", "nobody", "--json")
    assert outcome.code == 3 and outcome.out == ""
    error = json.loads(outcome.err)
    assert error["code"] == 3 and "no one called 'nobody'" in error["error"]
    assert ref.fails(3, "show", "nobody").startswith("error: no one called")


def test_json_moments_are_iso_with_a_zone(ref: Ref) -> None:
    from datetime import datetime

    shown: Any = ref.json("add-contact", "Fred Okafor")
    stamp = datetime.fromisoformat(shown["created_at"])
    assert "T" in shown["created_at"] and stamp.utcoffset() is not None
