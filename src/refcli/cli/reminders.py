"""Commands for the reminders you set yourself: list them (`ref reminders`) and correct or
delete one (`ref reminder ID`). `ref remind` sets one; `ref done remind-N` ticks it off."""

from __future__ import annotations

from typing import Annotated

import typer

from refcli.cli.common import MORNING, JsonOption, parse_date, reading, writing


def reminders(
    ctx: typer.Context,
    show_all: Annotated[bool, typer.Option("--all", metavar="", help="Include the ones you have done.")] = False,
    as_json: JsonOption = False,
) -> None:
    """Your reminders, soonest first, with the ids `ref reminder ID` and `ref done remind-ID` take."""
    from refcli import render
    from refcli.services import corrections

    with reading(ctx) as reader:
        rows = corrections.list_reminders(reader, done_too=show_all)
    if as_json:
        render.emit_json(rows)
        return
    if not rows:
        render.message('no reminders: ref remind [CONTACT] "TEXT" --on DATE')
        return
    render.table(
        ["#", "due", "about", "reminder", "done"],
        [(f"remind-{r['id']}", r["due_on"], f"{r['name']} ({r['contact']})" if r["contact"] else "", r["text"],
          r["done_on"] or "") for r in rows],
    )  # fmt: skip


def reminder(
    ctx: typer.Context,
    reminder_id: Annotated[str, typer.Argument(metavar="ID", help="The reminder's id: 12 or remind-12.")],
    text: Annotated[str | None, typer.Option("--text", metavar="TEXT", help="Correct what it says.")] = None,
    on: Annotated[str | None, typer.Option("--on", metavar="DATE", help="Move it to this date.")] = None,
    about: Annotated[
        str | None, typer.Option("--about", metavar="CONTACT", help='Who it is about ("" for no one).')
    ] = None,
    delete: Annotated[bool, typer.Option("--delete", metavar="", help="Delete it.")] = False,
    as_json: JsonOption = False,
) -> None:
    """Correct a reminder, move it, or delete it."""
    from refcli import render
    from refcli.errors import InvalidInput
    from refcli.services import corrections

    raw = reminder_id.removeprefix("remind-").lstrip("#")
    if not raw.isdigit():
        raise InvalidInput(f"{reminder_id!r} is not a reminder id", "see `ref reminders`: e.g. 12 or remind-12")
    day = parse_date(on, "--on date", "future")
    if delete and any(x is not None for x in (text, day, about)):
        raise InvalidInput("--delete takes no other changes")
    if not delete and all(x is None for x in (text, day, about)):
        raise InvalidInput("nothing to change", f"e.g. ref reminder {raw} --on friday, or --delete")
    with writing(ctx) as session:
        if delete:
            result = corrections.delete_reminder(session, int(raw))
        else:
            result = corrections.edit_reminder(session, int(raw), text=text, on=day, who=about)
    if as_json:
        render.emit_json(result)
        return
    verb = "deleted" if delete else "updated"
    render.line(f"{verb} reminder remind-{result['id']} ({result['due_on']}): {result['text']}")


def register(app: typer.Typer) -> None:
    app.command("reminders", rich_help_panel=MORNING)(reminders)
    app.command("reminder", rich_help_panel=MORNING)(reminder)
