"""Commands for one-on-ones: meet (log one), schedule (plan one), meetings (list them)."""

from __future__ import annotations

from typing import Annotated

import typer

from refcli.cli.common import MEETINGS, Contact, JsonOption, parse_date, reading, writing


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
) -> None:
    """Log a one-on-one you held, two minutes after the coffee."""
    from refcli import render
    from refcli.services import meetings

    day = parse_date(on, "--on date")
    following = parse_date(next_on, "--next date")
    with writing(ctx) as session:
        result = meetings.log_meeting(
            session, who, on=day, place=where, notes=notes, learned=learned,
            they_asked=they_asked, i_asked=i_asked, next_on=following,
        )  # fmt: skip
    text = f"logged a one-on-one with {result['name']} ({result['contact']}) on {result['on']}"
    if result["was_scheduled"]:
        text += " (it was on your schedule)"
    if result["next_on"]:
        text += f"; next one scheduled for {result['next_on']}"
    render.line(text)
    if they_asked is False:
        render.message("they did not ask about your business this time: worth noticing if it keeps happening")


def schedule(
    ctx: typer.Context,
    who: Contact,
    day: Annotated[str, typer.Argument(metavar="DATE", help="When (friday, +2w, 2026-04-01...).", show_default=False)],
    where: Annotated[str | None, typer.Option("--where", metavar="TEXT", help="Where you will meet.")] = None,
) -> None:
    """Schedule a one-on-one; `ref meet` turns it into a held one when it happens."""
    from refcli import render
    from refcli.services import meetings

    when = parse_date(day, "date")
    assert when is not None
    with writing(ctx) as session:
        result = meetings.schedule(session, who, when, where)
    verb = "scheduled" if result["added"] else "already scheduled"
    render.line(f"{verb} a one-on-one with {result['name']} ({result['contact']}) on {result['on']}")


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
    from refcli.services import meetings

    start = parse_date(since, "--since date")
    with reading(ctx) as reader:
        rows = meetings.list_meetings(reader, who, upcoming=upcoming, since=start, limit=None if show_all else limit)
    if as_json:
        render.emit_json(rows)
        return
    if not rows:
        render.message("no one-on-ones yet: log one with `ref meet CONTACT`" if not upcoming else "nothing scheduled")
        return
    today = dates.today().isoformat()

    def status(row: dict[str, object]) -> str:
        if row["status"] == "scheduled" and str(row["on"]) < today:
            return "scheduled, not logged"
        return str(row["status"])

    render.table(
        ["on", "with", "status", "where", "learned / notes", "they asked"],
        [
            [
                r["on"],
                f"{r['name']} ({r['contact']})",
                status(r),
                r["where"],
                meetings.one_line(r["learned"] or r["notes"]),
                {True: "yes", False: "no", None: ""}[r["they_asked"]],
            ]
            for r in rows
        ],
    )


def register(app: typer.Typer) -> None:
    app.command("meet", rich_help_panel=MEETINGS)(meet)
    app.command("schedule", rich_help_panel=MEETINGS)(schedule)
    app.command("meetings", rich_help_panel=MEETINGS)(list_meetings)
