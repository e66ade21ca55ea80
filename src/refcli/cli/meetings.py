"""Commands for one-on-ones: meet (log one), schedule (plan one), meetings (list them)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer

from refcli.cli.common import (
    MEETINGS,
    Contact,
    JsonOption,
    parse_date,
    reading,
    resolved,
    resolved_or_none,
    writing_rows,
)

if TYPE_CHECKING:
    from refcli.meetings.oneonones import Meeting


def meet(
    ctx: typer.Context,
    who: Contact,
    on: Annotated[str | None, typer.Option("--on", metavar="DATE", help="When it was held (default today).")] = None,
    where: Annotated[str | None, typer.Option("--where", metavar="TEXT", help="Where you met.")] = None,
    notes: Annotated[
        str | None, typer.Option("--notes", metavar="TEXT", help="How it went, anything to remember.")
    ] = None,
    learned: Annotated[
        str | None, typer.Option("--learned", metavar="TEXT", help="What you learned about their business.")
    ] = None,
    they_asked: Annotated[
        bool | None,
        typer.Option("--they-asked/--they-did-not-ask", help="Did they ask about your business?"),
    ] = None,
    i_asked: Annotated[
        bool | None,
        typer.Option("--i-asked/--i-did-not-ask", help="Did you ask how you can help them?"),
    ] = None,
    next_on: Annotated[str | None, typer.Option("--next", metavar="DATE", help="Schedule the next one-on-one.")] = None,
    as_json: JsonOption = False,
) -> None:
    """Log a one-on-one you held, two minutes after the coffee."""
    from refcli import render
    from refcli.meetings import oneonones as meetings

    day = parse_date(on, "--on date", "past", check=False)
    following = parse_date(next_on, "--next date", "future", check=False)
    with writing_rows(ctx) as writer:
        result = meetings.log_meeting(
            writer, resolved(writer, who), on=day, place=where, notes=notes, learned=learned,
            they_asked=they_asked, i_asked=i_asked, next_on=following,
        )  # fmt: skip
    if as_json:
        render.emit_json(result)
        return
    text = f"logged a one-on-one with {result['name']} ({result['contact']}) on {result['on']}"
    if result["was_scheduled"]:
        text += " (it was on your schedule)"
    if result["next_on"]:
        text += f"; next one scheduled for {result['next_on']}"
    render.line(f"{text} (#{result['id']})")
    if result["already_held_that_day"] and not result["was_scheduled"]:
        render.warn(
            f"you had already logged a one-on-one with them that day (#{result['already_held_that_day']}); "
            "if this is the same one, `ref undo` takes this one back"
        )
    if they_asked is False:
        render.message("they did not ask about your business this time: worth noticing if it keeps happening")


def schedule(
    ctx: typer.Context,
    who: Contact,
    day: Annotated[str, typer.Argument(metavar="DATE", help="When (friday, +2w, 2026-04-01...).", show_default=False)],
    where: Annotated[str | None, typer.Option("--where", metavar="TEXT", help="Where you will meet.")] = None,
    move: Annotated[
        bool | None,
        typer.Option(
            "--move/--add", help="If one is already scheduled that week (or was missed): move it, or add another."
        ),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Schedule a one-on-one; `ref meet` turns it into a held one when it happens.

    If one with them is already scheduled within a week, or was missed, it offers to move that
    one instead of adding another (asks in a terminal; --move or --add decide)."""
    import sys

    from refcli import render
    from refcli.errors import InvalidInput
    from refcli.meetings import corrections as meeting_corrections
    from refcli.meetings import oneonones as meetings

    when = parse_date(day, "date", "future", check=False)
    assert when is not None
    with reading(ctx) as reader:
        nearby = meetings.nearby_scheduled(reader, resolved(reader, who), when)
    if nearby is not None and move is None and not as_json and sys.stdin.isatty():
        move = typer.confirm(
            f"#{nearby['id']} with {nearby['name']} is already scheduled for {nearby['on']}: move it to {when}?",
            default=True,
            err=True,
        )
    with writing_rows(ctx) as writer:
        if nearby is not None and move:
            person = resolved(writer, who)
            there = writer.row(meetings.SCHEDULED_ON, {"id": person.id, "day": when})
            if there is not None:  # moving #1 onto the day #2 already holds would make two that day
                raise InvalidInput(
                    f"one-on-one #{there['id']} with {person.name} is already scheduled for {when.isoformat()}",
                    f"keep that one and cancel the other: ref meeting {nearby['id']} --cancel",
                )
            moved = meeting_corrections.edit_meeting(writer, nearby["id"], on=when, place=where)
            result: dict[str, Any] = {"id": moved["id"], "contact": moved["contact"], "name": moved["name"],
                                      "on": moved["on"], "added": False, "moved_from": nearby["on"]}  # fmt: skip
        else:
            result = {**meetings.schedule(writer, resolved(writer, who), when, where), "moved_from": None}
    if as_json:
        render.emit_json(result)
        return
    if result["moved_from"]:
        render.line(f"moved the one-on-one with {result['name']} ({result['contact']}) from {result['moved_from']} "
                    f"to {result['on']}")  # fmt: skip
        return
    verb = "scheduled" if result["added"] else "already scheduled"
    render.line(f"{verb} one-on-one #{result['id']} with {result['name']} ({result['contact']}) on {result['on']}")
    if nearby is not None and result["added"]:
        render.warn(
            f"#{nearby['id']} with them is also scheduled, for {nearby['on']}: "
            f"`ref meeting {nearby['id']} --cancel` if it is replaced"
        )


def list_meetings(
    ctx: typer.Context,
    who: Annotated[
        str | None, typer.Argument(metavar="CONTACT", help="Only one-on-ones with this person.", show_default=False)
    ] = None,
    upcoming: Annotated[
        bool, typer.Option("--upcoming", metavar="", help="Only scheduled ones, soonest first.")
    ] = False,
    since: Annotated[str | None, typer.Option("--since", metavar="DATE", help="Only from this date on.")] = None,
    limit: Annotated[int, typer.Option("--limit", metavar="N", min=1, help="Show at most this many.")] = 50,
    show_all: Annotated[bool, typer.Option("--all", metavar="", help="Show all of them.")] = False,
    as_json: JsonOption = False,
) -> None:
    """List one-on-ones, most recent first (or upcoming ones, soonest first)."""
    from refcli import dates, render
    from refcli.meetings import oneonones as meetings

    start = parse_date(since, "--since date")
    with reading(ctx) as reader:
        rows = meetings.list_meetings(
            reader, resolved_or_none(reader, who), upcoming=upcoming, since=start, limit=None if show_all else limit
        )
    if as_json:
        render.emit_json(rows)
        return
    if not rows:
        render.message("no one-on-ones yet: log one with `ref meet CONTACT`" if not upcoming else "nothing scheduled")
        return
    today = dates.today().isoformat()

    def status(row: Meeting) -> str:
        if row["status"] == "scheduled" and str(row["on"]) < today:
            return "scheduled, not logged"
        return str(row["status"])

    render.table(
        ["id", "on", "with", "status", "where", "learned / notes", "they asked"],
        [
            [
                r["id"],
                r["on"],
                f"{r['name']} ({r['contact']})",
                status(r),
                r["where"],
                r["learned"] or r["notes"],  # whole: a terminal wraps it, piped output keeps it all
                {True: "yes", False: "no", None: ""}[r["they_asked"]],
            ]
            for r in rows
        ],
        spare=("they asked", "where"),
    )


def meeting(
    ctx: typer.Context,
    meeting_id: Annotated[int, typer.Argument(metavar="ID", help="The one-on-one's # (see `ref meetings`).")],
    on: Annotated[str | None, typer.Option("--on", metavar="DATE", help="Move it to this date.")] = None,
    with_: Annotated[
        str | None, typer.Option("--with", metavar="CONTACT", help="It was (or is) with someone else.")
    ] = None,
    where: Annotated[str | None, typer.Option("--where", metavar="TEXT", help='Where ("" clears it).')] = None,
    notes: Annotated[str | None, typer.Option("--notes", metavar="TEXT", help='How it went ("" clears it).')] = None,
    learned: Annotated[
        str | None, typer.Option("--learned", metavar="TEXT", help='What you learned ("" clears it).')
    ] = None,
    they_asked: Annotated[
        bool | None, typer.Option("--they-asked/--they-did-not-ask", help="Did they ask about your business?")
    ] = None,
    i_asked: Annotated[
        bool | None, typer.Option("--i-asked/--i-did-not-ask", help="Did you ask how you can help them?")
    ] = None,
    cancel: Annotated[bool, typer.Option("--cancel", metavar="", help="Cancel this scheduled one-on-one.")] = False,
    delete: Annotated[bool, typer.Option("--delete", metavar="", help="Delete the record of it.")] = False,
    as_json: JsonOption = False,
) -> None:
    """Show one one-on-one; with options, correct it, move it, cancel it or delete it."""
    from refcli import render
    from refcli.errors import InvalidInput
    from refcli.meetings import corrections as meeting_corrections

    day = parse_date(on, "--on date")
    was: dict[str, Any] | None = None  # the one-on-one before a correction, to say what changed
    edits = (day, with_, where, notes, learned, they_asked, i_asked)
    if (cancel or delete) and any(value is not None for value in edits):
        raise InvalidInput("--cancel and --delete take no other changes", f"ref meeting {meeting_id} --cancel")
    if not (cancel or delete or any(value is not None for value in edits)):
        with reading(ctx) as reader:  # showing one writes nothing: the read door
            result = meeting_corrections.get_meeting(reader, meeting_id)
    else:
        with writing_rows(ctx) as writer:
            if cancel or delete:
                result = meeting_corrections.delete_meeting(writer, meeting_id, cancel=cancel)
            else:
                was = dict(meeting_corrections.get_meeting(writer, meeting_id))
                result = meeting_corrections.edit_meeting(
                    writer, meeting_id, on=day, person=resolved_or_none(writer, with_), place=where, notes=notes,
                    learned=learned, they_asked=they_asked, i_asked=i_asked,
                )  # fmt: skip
    if as_json:
        render.emit_json(result)
        return
    said = f"one-on-one #{result['id']} with {result['name']} ({result['contact']}) on {result['on']}"
    if cancel or delete:
        render.line(("cancelled " if cancel else "deleted ") + said + " (`ref undo` brings it back)")
        return
    asked = {True: "yes", False: "no", None: None}
    if was is not None:
        now: dict[str, Any] = dict(result)
        moved = [f"{what} {was[key] or '(none)'} -> {now[key] or '(none)'}"
                 for key, what in (("on", "moved from"), ("contact", "with"), ("where", "where"))
                 if was[key] != now[key]]  # fmt: skip
        if moved:
            render.line("corrected: " + "; ".join(moved))
    render.card(
        said[0].upper() + said[1:],
        [
            ("status", result["status"]),
            ("where", result["where"]),
            ("learned", result["learned"]),
            ("notes", result["notes"]),
            ("they asked", asked[result["they_asked"]]),
            ("you asked", asked[result["i_asked"]]),
        ],
        [],
    )


def register(app: typer.Typer) -> None:
    app.command("meet", rich_help_panel=MEETINGS)(meet)
    # A negative offset is a date, not an option: `ref schedule fred -3w` gets a date error.
    app.command("schedule", rich_help_panel=MEETINGS, context_settings={"ignore_unknown_options": True})(schedule)
    app.command("meetings", rich_help_panel=MEETINGS)(list_meetings)
    app.command("meeting", rich_help_panel=MEETINGS)(meeting)
