"""Every morning: `ref followups` and what you do about them (`done`, `snooze`), and the
reminders you set yourself (`remind`, `reminders`, `reminder`)."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import typer

from refcli.cli.common import MORNING, AsOfOpt, JsonOption, parse_date, reading, resolved_or_none, writing_rows


def followups(
    ctx: typer.Context,
    as_of: AsOfOpt = None,
    within: Annotated[int, typer.Option("--within", metavar="DAYS", help="Look this many days ahead.")] = 7,
    show_all: Annotated[
        bool, typer.Option("--all", metavar="", help="Everything coming up, however far ahead, without a limit.")
    ] = False,
    limit: Annotated[int, typer.Option("--limit", metavar="N", min=1, help="Show at most this many.")] = 50,
    show_snoozed: Annotated[
        bool, typer.Option("--snoozed", metavar="", help="Only the ones you put off, with when they come back.")
    ] = False,
    why: Annotated[
        bool, typer.Option("--why", metavar="", help="Say how each item's place was reached (day, kind, facts).")
    ] = False,
    as_json: JsonOption = False,
) -> None:
    """What a thoughtful partner would do today, most urgent first. Start every morning here.

    Items come by the day they are due, earliest first; on the same day by kind: thank-yous,
    introductions and leads, one-on-ones, reminders, birthdays and anniversaries, talks about
    balance, balances that did not change, referrals to pay forward, then rhythms. `--why` says
    so for each item."""
    from refcli import dates, render
    from refcli.tracking import followups as service

    day = parse_date(as_of, "--as-of date") or dates.today()
    if show_snoozed:
        _snoozed(ctx, day, as_json)
        return
    with reading(ctx) as reader:
        items = service.due(reader, as_of=day, within=within, everything=show_all, limit=limit)
    if as_json:
        render.emit_json([i.as_json(day) for i in items])
        return
    if not items:
        render.message(f"nothing to follow up in the next {within} days: a good day to give a referral")
        return
    for item in items:
        data = item.as_json(day)
        when = {"overdue": f"{data['days_overdue']}d late", "due": "today"}.get(
            data["urgency"], item.due_on.isoformat()
        )
        render.item(f"[{item.id}] {when}: {item.text}", hang=4)
        if item.context:
            render.item(item.context, indent=4, hang=2)
        if why:
            render.item(f"why: {item.explain(day)}", indent=4, hang=5)
        render.item(f"-> {item.command}", indent=4, hang=3)
    render.message("mark one done: ref done ID    put one off: ref snooze ID DATE")


def _snoozed(ctx: typer.Context, day: date, as_json: bool) -> None:
    from refcli import render
    from refcli.tracking import followups as service

    with reading(ctx) as reader:
        found = service.snoozed(reader, as_of=day)
    if as_json:
        render.emit_json([{**item.as_json(day), "snoozed_until": until.isoformat()} for item, until in found])
        return
    if not found:
        render.message("nothing snoozed")
        return
    for item, until in found:
        render.item(f"[{item.id}] back on {until.isoformat()}: {item.text}", hang=4)
    render.message("bring one back now: ref unsnooze ID")


def unsnooze(
    ctx: typer.Context,
    item_id: Annotated[str, typer.Argument(metavar="ID", help="The follow-up's id.")],
    as_json: JsonOption = False,
) -> None:
    """Bring a snoozed follow-up back today (ids: `ref followups --snoozed`)."""
    from refcli import dates, render
    from refcli.tracking import done as done_service

    with writing_rows(ctx) as writer:
        item = done_service.unsnooze(writer, item_id)
    if as_json:
        render.emit_json(item.as_json(dates.today()))
        return
    render.line(f"back in your follow-ups: [{item.id}] {item.text}")


def done(
    ctx: typer.Context,
    item_id: Annotated[
        str, typer.Argument(metavar="ID", help="The follow-up's id, e.g. intro-12.", show_default=False)
    ],
    notes: Annotated[str | None, typer.Option("--notes", metavar="TEXT", help="What you did.")] = None,
    as_json: JsonOption = False,
) -> None:
    """Mark a follow-up done; it comes back only if its facts change."""
    from refcli import dates, render
    from refcli.tracking import done as done_service

    with writing_rows(ctx) as writer:
        item = done_service.mark_done(writer, item_id, notes)
    if as_json:
        render.emit_json({**item.as_json(dates.today()), "done_on": dates.today().isoformat()})
        return
    render.line(f"done: {item.text}")
    if item.kind == "thank":
        render.message("recorded as a thank-you (the same as `ref thank`): the balance no longer says thank them")


def snooze(
    ctx: typer.Context,
    item_id: Annotated[str, typer.Argument(metavar="ID", help="The follow-up's id.", show_default=False)],
    until: Annotated[str, typer.Argument(metavar="DATE", help="When to see it again (+3d, monday...).")],
    as_json: JsonOption = False,
) -> None:
    """Put a follow-up off until a later date."""
    from refcli import dates, render
    from refcli.tracking import done as done_service

    day = parse_date(until, "date", "future", check=False)
    assert day is not None
    with writing_rows(ctx) as writer:
        item = done_service.snooze(writer, item_id, day)
    if as_json:
        render.emit_json({**item.as_json(dates.today()), "snoozed_until": day.isoformat()})
        return
    render.line(f"snoozed until {day.isoformat()}: {item.text}")


def remind(
    ctx: typer.Context,
    args: Annotated[
        list[str], typer.Argument(metavar="[CONTACT] TEXT", help="Optionally who it is about, then what to do.")
    ],
    on: Annotated[str | None, typer.Option("--on", metavar="DATE", help="When (default today).")] = None,
    as_json: JsonOption = False,
) -> None:
    """Set yourself a reminder; it shows in `ref followups` when due."""
    from refcli import dates, render
    from refcli.errors import InvalidInput
    from refcli.tracking import reminders as reminder_service

    if len(args) > 2:
        raise InvalidInput("too many words", 'quote the text: ref remind fred "send the article" --on friday')
    who, text = (args[0], args[1]) if len(args) == 2 else (None, args[0])
    day = parse_date(on, "--on date", "future") or dates.today()
    if who is None:
        with reading(ctx) as reader:  # `ref remind kenji`: a person, with nothing to be reminded of
            if reader.row("SELECT 1 AS found FROM contact WHERE handle = :h", {"h": text.strip().lower()}):
                raise InvalidInput(
                    f"{text.strip()!r} is someone in ref: what should ref remind you of?",
                    f'ref remind {text.strip()} "TEXT" --on DATE',
                )
    with writing_rows(ctx) as writer:
        rid = reminder_service.remind(writer, resolved_or_none(writer, who), text, day)
    if as_json:
        render.emit_json({"id": rid, "followup": f"remind-{rid}", "text": text.strip(), "due_on": day.isoformat()})
        return
    render.line(f"reminder remind-{rid} set for {day.isoformat()}")


def register(app: typer.Typer) -> None:
    """The commands of the day's first minute come first in `ref --help`."""
    negative_dates = {"ignore_unknown_options": True}  # `ref snooze ID -3d` is a date, not an option
    for func, name in ((followups, "followups"), (done, "done"), (snooze, "snooze"), (remind, "remind")):
        app.command(name, rich_help_panel=MORNING, context_settings=negative_dates if name == "snooze" else None)(func)
    app.command("unsnooze", rich_help_panel=MORNING)(unsnooze)
    app.command("reminders", rich_help_panel=MORNING)(reminders)
    app.command("reminder", rich_help_panel=MORNING)(reminder)


def reminders(
    ctx: typer.Context,
    show_all: Annotated[bool, typer.Option("--all", metavar="", help="Include the ones you have done.")] = False,
    as_json: JsonOption = False,
) -> None:
    """Your reminders, soonest first, with the ids `ref reminder ID` and `ref done remind-ID` take."""
    from refcli import render
    from refcli.tracking import reminders

    with reading(ctx) as reader:
        rows = reminders.list_reminders(reader, done_too=show_all)
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
    from refcli.tracking import reminders

    raw = reminder_id.removeprefix("remind-").lstrip("#")
    if not raw.isdecimal():
        raise InvalidInput(f"{reminder_id!r} is not a reminder id", "see `ref reminders`: e.g. 12 or remind-12")
    day = parse_date(on, "--on date", "future")
    if delete and any(x is not None for x in (text, day, about)):
        raise InvalidInput("--delete takes no other changes")
    if not delete and all(x is None for x in (text, day, about)):
        raise InvalidInput("nothing to change", f"e.g. ref reminder {raw} --on friday, or --delete")
    with writing_rows(ctx) as writer:
        if delete:
            result = reminders.delete_reminder(writer, int(raw))
        else:
            result = reminders.edit_reminder(
                writer, int(raw), text=text, on=day, person=resolved_or_none(writer, about), nobody=about == ""
            )
    if as_json:
        render.emit_json(result)
        return
    verb = "deleted" if delete else "updated"
    render.line(f"{verb} reminder remind-{result['id']} ({result['due_on']}): {result['text']}")
