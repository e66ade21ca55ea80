"""Keeping in touch: `ref cadence` (each relationship's rhythm) and `ref touch add|list|edit|remove`
(light contact that is not a one-on-one: `ref touch fred --via call`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from refcli.cli.about import RecordGroup
from refcli.cli.common import (
    KEEPING,
    JsonOption,
    parse_date,
    reading,
    resolved,
    resolved_or_none,
    writing_rows,
)

if TYPE_CHECKING:
    from refcli.keeping.rhythms import Keeping, Rhythms
    from refcli.keeping.touches import TouchRecord


class TouchGroup(RecordGroup):
    """`ref touch fred --via call` is `ref touch add fred --via call`."""

    alone, says = "add", "records one today"


touch_app = typer.Typer(
    name="touch", cls=TouchGroup, no_args_is_help=True, rich_markup_mode="rich",
    help="Light contact that is not a one-on-one (a call, an email, a message, an event): "
    "`ref touch fred --via call`. It restarts their rhythm (`ref cadence`).",
    context_settings={"help_option_names": ["-h", "--help"]},
)  # fmt: skip

Who = Annotated[
    str, typer.Argument(metavar="CONTACT", help="Handle, full name, or a unique prefix of either.", show_default=False)
]
OptionalWho = Annotated[
    str | None,
    typer.Argument(metavar="[CONTACT]", help="Only this person's (default: everyone's).", show_default=False),
]
TouchId = Annotated[int, typer.Argument(metavar="ID", help="The touch's id (in `ref touch list`).", show_default=False)]
On = Annotated[str | None, typer.Option("--on", metavar="DATE", help="When (default today).")]
Note = Annotated[str | None, typer.Option("--note", metavar="TEXT", help="What it was about.")]
VIA_HELP = "How: call, email, message, event or other."


def _say_touch(t: TouchRecord, verb: str, as_json: bool) -> None:
    from refcli import render

    if as_json:
        render.emit_json(t)
        return
    note = f": {t['note']}" if t["note"] else ""
    render.line(f"{verb} touch [{t['id']}] with {t['name']} ({t['contact']}) on {t['on']} by {t['via']}{note}")


@touch_app.command("add")
def touch_add(
    ctx: typer.Context,
    who: Who,
    via: Annotated[str, typer.Option("--via", metavar="HOW", help=VIA_HELP)] = "other",
    on: On = None,
    note: Note = None,
    as_json: JsonOption = False,
) -> None:
    """Record that you were in touch (today by default)."""
    from refcli.keeping import touches

    day = parse_date(on, "--on date", "past", check=False)
    with writing_rows(ctx) as writer:
        made = touches.add(writer, resolved(writer, who), via, day, note)
    _say_touch(made, "recorded", as_json)


@touch_app.command("list")
def touch_list(
    ctx: typer.Context,
    who: OptionalWho = None,
    limit: Annotated[int, typer.Option("--limit", metavar="N", help="At most N (0: all).")] = 50,
    as_json: JsonOption = False,
) -> None:
    """List touches, most recent first, with their ids."""
    from refcli import render
    from refcli.keeping import touches

    with reading(ctx) as reader:
        rows = touches.listing(reader, resolved_or_none(reader, who), limit or None)
    if as_json:
        render.emit_json(rows)
        return
    render.table(
        ["id", "on", "contact", "via", "from", "note"],
        [[str(t["id"]), t["on"], t["contact"], t["via"], t["source"] or "typed", t["note"] or ""] for t in rows],
        spare=("from", "note"),
    )
    if not rows:
        render.message("no touches recorded yet: ref touch CONTACT --via call")


@touch_app.command("edit")
def touch_edit(
    ctx: typer.Context,
    touch_id: TouchId,
    via: Annotated[str | None, typer.Option("--via", metavar="HOW", help=VIA_HELP)] = None,
    on: On = None,
    note: Annotated[str | None, typer.Option("--note", metavar="TEXT", help='The corrected note ("" clears).')] = None,
    as_json: JsonOption = False,
) -> None:
    """Correct a touch: its day, how, or note."""
    from refcli.keeping import touches

    day = parse_date(on, "--on date", "past", check=False)
    with writing_rows(ctx) as writer:
        changed = touches.edit(writer, touch_id, on=day, via=via, note=note)
    _say_touch(changed, "corrected", as_json)


@touch_app.command("remove")
def touch_remove(ctx: typer.Context, touch_id: TouchId, as_json: JsonOption = False) -> None:
    """Remove a touch (a mistake)."""
    from refcli.keeping import touches

    with writing_rows(ctx) as writer:
        gone = touches.remove(writer, touch_id)
    _say_touch(gone, "removed", as_json)


def cadence(
    ctx: typer.Context,
    who: Annotated[
        str | None,
        typer.Argument(metavar="[CONTACT]", help="Whose rhythm (omit to list every rhythm).", show_default=False),
    ] = None,
    every: Annotated[
        str | None,
        typer.Argument(
            metavar="[EVERY]",
            help="How often: 2w, 30d, 3m, 1y, off, or default (their tags' or the default again).",
            show_default=False,
        ),
    ] = None,
    tag: Annotated[
        str | None, typer.Option("--tag", metavar="TAG", help="Set the rhythm of everyone tagged TAG.")
    ] = None,
    limit: Annotated[int, typer.Option("--limit", metavar="N", min=1, help="List at most this many people.")] = 50,
    show_all: Annotated[bool, typer.Option("--all", metavar="", help="List everyone with a rhythm.")] = False,
    as_json: JsonOption = False,
) -> None:
    """How often to be in touch: per person, per tag, or the default; alone, who is next due."""
    from refcli import dates
    from refcli.errors import InvalidInput
    from refcli.keeping import rhythms

    for given in (who, every):
        if given is not None and given.startswith("-"):
            if given[1:2].isdigit():
                raise InvalidInput(f"a rhythm is how often, never negative: {given!r}", "e.g. ref cadence fred 2w")
            raise InvalidInput(f"no such option: {given}", "see ref cadence -h")
    if tag is not None:
        if every is not None:
            raise InvalidInput("--tag takes one rhythm", f"e.g. ref cadence --tag {tag} 1m")
        if who is None:
            raise InvalidInput(f"how often for tag {tag}?", f"e.g. ref cadence --tag {tag} 1m (or off, default)")
        with writing_rows(ctx) as writer:
            name, days, people = rhythms.set_tag(writer, tag, who)
        _said_tag(name, days, people, as_json)
        return
    if who is not None and every is not None:
        with writing_rows(ctx) as writer:
            person, days = rhythms.set_person(writer, resolved(writer, who), every)
        with reading(ctx) as reader:
            now = rhythms.for_person(reader, person.id, dates.today())
        _said_person(person.handle, person.name, now, as_json, changed=True)
        return
    with reading(ctx) as reader:
        if who is not None:
            person = resolved(reader, who)
            _said_person(person.handle, person.name, rhythms.for_person(reader, person.id, dates.today()), as_json)
            return
        everything = rhythms.listing(reader, dates.today(), None if show_all else limit)
    _list(everything, as_json)


def _said_tag(name: str, days: int | None, people: int, as_json: bool) -> None:
    from refcli import dates, render

    every = None if days is None else dates.say_interval(days) if days else "off"
    if as_json:
        render.emit_json({"tag": name, "days": days, "every": every, "people": people})
        return
    count = _people(people)
    if every is None:
        render.line(f"tag {name} sets no rhythm now: its {count} follow their own or the default")
    else:
        render.line(f"tag {name}: {every} ({count}; a person's own rhythm still comes first)")


def _people(count: int) -> str:
    return "1 person" if count == 1 else f"{count} people"


def _said_person(handle: str, name: str, now: Keeping, as_json: bool, changed: bool = False) -> None:
    from refcli import render

    if as_json:
        render.emit_json({"contact": handle, "name": name, **now})
        return
    from refcli.keeping import rhythms

    r = now["rhythm"]
    head = f"{name} ({handle}): {r['every']} ({rhythms.origin(r, tag='from tag')})"
    if now["last_in_touch"]:
        head += f"; last in touch {now['last_in_touch']} ({now['last_how']})"
    if now["next_due"]:
        head += f"; next due {now['next_due']}"
    render.line(("set " if changed else "") + head)


def _list(everything: Rhythms, as_json: bool) -> None:
    from refcli import render
    from refcli.keeping import rhythms

    if as_json:
        render.emit_json(everything)
        return
    default = everything["default"]
    render.line(f"everyone you have been in touch with: {default['every']} (meeting_cadence_days)")
    for t in everything["tags"]:
        render.line(f"tag {t['tag']}: {t['every']} ({_people(t['people'])})")
    people = everything["people"]
    if people:
        render.table(
            ["contact", "every", "from", "last in touch", "next due"],
            [
                [
                    p["contact"],
                    p["rhythm"]["every"],
                    rhythms.origin(p["rhythm"], own="own", tag="tag").removeprefix("the "),
                    p["last_in_touch"] or "never",
                    p["next_due"] or "-",
                ]
                for p in people
            ],
            spare=("from", "last in touch"),
        )
        if everything["more"]:
            render.message(f"and {_people(everything['more'])} more: ref cadence --all, or --limit N")
    else:
        render.message("no one has a rhythm of their own: ref cadence CONTACT 2w, or ref cadence --tag TAG 1m")


def register(app: typer.Typer) -> None:
    # `ref cadence fred -2w` reaches the command (a click option otherwise) and is told why not
    app.command("cadence", rich_help_panel=KEEPING, context_settings={"ignore_unknown_options": True})(cadence)
    app.add_typer(touch_app, rich_help_panel=KEEPING)
