"""Fixing mistakes: `ref log` (every change, newest first) and `ref undo`."""

from __future__ import annotations

import shlex
import sys
from datetime import date
from typing import Annotated

import typer

from refcli.cli.common import FIXING, JsonOption, confirm_or_stop, parse_date, reading, resolved, writing_rows


def log(
    ctx: typer.Context,
    who: Annotated[
        str | None, typer.Argument(metavar="[CONTACT]", help="Only changes to this person.", show_default=False)
    ] = None,
    since: Annotated[str | None, typer.Option("--since", metavar="DATE", help="Only changes from this day on.")] = None,
    limit: Annotated[int, typer.Option("--limit", metavar="N", help="How many changes to show.")] = 20,
    prune: Annotated[
        str | None,
        typer.Option(
            "--prune", metavar="DATE", help="Forget the changes made before DATE (they can no longer be undone)."
        ),
    ] = None,
    yes: Annotated[bool, typer.Option("--yes", "-y", metavar="", help="Prune without asking.")] = False,
    as_json: JsonOption = False,
) -> None:
    """Every change you made, newest first: what ran, when, and what it changed."""
    from refcli import render
    from refcli.store import history

    if prune is not None:
        _prune(ctx, parse_date(prune, "--prune date", "past"), yes, as_json)
        return

    with reading(ctx) as reader:
        contact = resolved(reader, who).id if who else None
        found = history.entries(reader, contact=contact, since=parse_date(since, "--since"), limit=max(limit, 0))
    if as_json:
        render.emit_json([e.as_json() for e in found])
        return
    if not found:
        render.message("no changes recorded" + (" for them" if who else ""))
        return
    rows = []
    for e in found:
        status = f"undone by #{e.undone_by}" if e.undone_by else (f"undid #{e.undoes}" if e.undoes else "")
        command = shlex.join(e.command[1:]) if e.command else "(no command recorded)"  # pasteable, quotes and all
        rows.append((f"#{e.id}", e.at.astimezone().strftime("%Y-%m-%d %H:%M"), command, e.summary(), status))
    render.table(["#", "when", "command", "changes", ""], rows)


def _prune(ctx: typer.Context, before: date | None, yes: bool, as_json: bool) -> None:
    from refcli import render
    from refcli.store import retention

    assert before is not None  # parse_date gives None only for no value
    if not yes and not as_json and sys.stdin.isatty():
        render.message(f"this forgets every change made before {before}: they can no longer be undone")
        confirm_or_stop("prune?", "nothing pruned", "answer y, or pass --yes")
    with writing_rows(ctx) as writer:
        pruned = retention.prune(writer, before)
    if as_json:
        render.emit_json(pruned.as_json())
    else:
        render.line(f"pruned {pruned.entries} changes made before {before} ({pruned.rows} row images)")


def undo(
    ctx: typer.Context,
    entry: Annotated[
        int | None,
        typer.Argument(
            metavar="[N]", help="The change to reverse (its # in `ref log`); default the latest.", show_default=False
        ),
    ] = None,
    yes: Annotated[bool, typer.Option("--yes", "-y", metavar="", help="Do not ask for confirmation.")] = False,
    as_json: JsonOption = False,
) -> None:
    """Reverse a change exactly, rows and all (`ref undo` again redoes it).

    Refuses, changing nothing, when a later change touched the same records: undo that first."""
    from refcli import render
    from refcli.store import undo as undoing

    if not yes and not as_json and sys.stdin.isatty():
        from refcli.store import history

        with reading(ctx) as reader:
            plan = history.one(reader, entry)
        render.message(f"this will reverse #{plan.id}: {shlex.join(plan.command[1:])} ({plan.summary()})")
        confirm_or_stop("undo?", "nothing undone", "answer y, or pass --yes")
        entry = plan.id
    with writing_rows(ctx) as writer:
        done = undoing.undo(writer, entry)
    done.undo_entry = writer.info.get("journal_entry")
    if as_json:
        render.emit_json(done.as_json())
        return
    render.line(
        f"undid #{done.entry}: {shlex.join(done.command[1:])} ({done.changes} row changes; `ref undo` redoes it)"
    )


def register(app: typer.Typer) -> None:
    app.command("log", rich_help_panel=FIXING)(log)
    app.command("undo", rich_help_panel=FIXING)(undo)
