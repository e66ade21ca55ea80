"""Commands about the data itself: `ref db path|migrate|check` and `ref demo`."""

from __future__ import annotations

from typing import Annotated

import typer

from refcli.cli.common import DATA, JsonOption, location

db_app = typer.Typer(
    help="Where your data lives, upgrading it, and checking it is healthy.",
    no_args_is_help=True,
    rich_markup_mode="rich",
)


@db_app.command("path")
def db_path(ctx: typer.Context, as_json: JsonOption = False) -> None:
    """Print where your data lives (passwords masked) and what chose it."""
    from refcli import render

    loc = location(ctx)
    if as_json:
        render.emit_json({"location": loc.display(), "source": loc.source, "sqlite": loc.is_sqlite})
        return
    render.line(loc.display())
    render.message(f"(chosen by {loc.source})" if loc.source != "default" else "(the default location)")


@db_app.command("migrate")
def db_migrate(ctx: typer.Context, as_json: JsonOption = False) -> None:
    """Create the database or upgrade it to this version's schema (backing it up first)."""
    from refcli import render, store

    report = store.migrate(location(ctx))
    if as_json:
        render.emit_json(report)
        return
    if report["from"] == report["to"]:
        render.line(f"already current (schema {report['to']})")
    elif report["from"] is None:
        render.line(f"created a new database at schema {report['to']}")
    else:
        where = (
            f"backup at {report['backup']}"
            if report["backup"]
            else "in one transaction (back a server up with its own tools)"
        )
        render.line(f"upgraded schema {report['from']} -> {report['to']}; {where}")


@db_app.command("check")
def db_check(
    ctx: typer.Context,
    repair: Annotated[
        bool,
        typer.Option(
            "--repair",
            metavar="",
            help="Rebuild the search index and the summaries and mend the sync links first (nothing is lost).",
        ),
    ] = False,
    as_json: JsonOption = False,
) -> None:
    """Check integrity, foreign keys, schema version, the search index, the summaries behind
    followups and the sync links; exit 4 if anything is wrong."""
    from refcli import render, store
    from refcli.errors import StorageError
    from refcli.sync import health as sync_health

    loc = location(ctx)
    if repair:
        store.reindex(loc)
        with store.write_transaction(loc) as writer:
            mended = sync_health.repair(writer)
        if not as_json:
            render.message(f"search index rebuilt; {mended} sync link(s) mended")
    problems = store.check(loc)
    if not problems:
        with store.open_reader(loc) as reader:
            problems = sync_health.problems(reader)
    version = None if problems else store.schema_version(loc)
    if as_json:
        render.emit_json({"ok": not problems, "schema": version, "problems": problems})
    else:
        for problem in problems:
            render.line(problem)
        if not problems:
            checked = "integrity ok, foreign keys ok" if loc.is_sqlite else "all tables present, constraints enforced"
            render.line(f"ok: schema {version}, {checked} ({loc.display()})")
    if problems:
        raise StorageError(f"{len(problems)} problem(s) found in {loc.display()}", "restore a backup or report it")


@db_app.command("reindex")
def db_reindex(ctx: typer.Context, as_json: JsonOption = False) -> None:
    """Build the search index and the summaries again from your data (if `ref db check` says they are out of step)."""
    from refcli import render, store

    entries = store.reindex(location(ctx))
    if as_json:
        render.emit_json({"entries": entries})
        return
    render.line(f"search index rebuilt: {entries} entries")


def demo(
    ctx: typer.Context,
    steps: Annotated[bool, typer.Option("--steps/--no-steps", help="Walk through it, or only build it.")] = True,
    as_json: JsonOption = False,
) -> None:
    """Build a sample network in its own database (never yours) and walk through it."""
    from refcli.cli import demo as tour

    tour.run(steps=steps and not as_json, as_json=as_json)


def register(app: typer.Typer) -> None:
    app.add_typer(db_app, name="db", rich_help_panel=DATA)
    app.command("demo", rich_help_panel=DATA)(demo)
