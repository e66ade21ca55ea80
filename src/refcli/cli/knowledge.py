"""Commands for what you know about a person: offer, family, goal, trait, knows,
network, and depth (the 14 points of a deep referral relationship)."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from refcli.cli.common import KNOWING, Contact, JsonOption, reading, writing

Action = Annotated[
    str | None,
    typer.Argument(metavar="ACTION", help="One of the actions above; without one, list them.", show_default=False),
]


def _need(value: str | None, usage: str) -> str:
    from refcli.errors import InvalidInput

    if value is None or not value.strip():
        raise InvalidInput("missing text", f"usage: {usage}")
    return value


def _id(value: str | None, usage: str) -> int:
    from refcli.errors import InvalidInput

    text = _need(value, usage).lstrip("#")
    if not text.isdigit():
        raise InvalidInput(f"{value!r} is not an id number", f"usage: {usage}; ids are shown in brackets")
    return int(text)


def _bad_action(action: str, allowed: str) -> None:
    from refcli.errors import InvalidInput

    raise InvalidInput(f"unknown action {action!r}", f"use one of: {allowed}")


def offer(
    ctx: typer.Context,
    who: Contact,
    action: Action = None,
    text: Annotated[str | None, typer.Argument(metavar="TEXT", help="The product or service.")] = None,
    as_json: JsonOption = False,
) -> None:
    """Their products and services: `ref offer fred add "deck building"`, `remove TEXT`; alone, list them."""
    from refcli import render
    from refcli.people import profiles

    usage = f"ref offer {who} add|remove TEXT"
    if action is None:
        with reading(ctx) as reader:
            offers = profiles.show(reader, who)["offerings"]
        if as_json:
            render.emit_json(offers)
            return
        for item in offers:
            render.line(item)
        if not offers:
            render.message(f"no offerings recorded: {usage}")
        return
    from refcli.people import knowledge

    with writing(ctx) as session:
        if action == "add":
            person, added = knowledge.add_offering(session, who, _need(text, usage))
            render_text = f"{person.name} offers: {', '.join(added)}" if added else f"{person.name} already offers that"
        elif action == "remove":
            person = knowledge.remove_offering(session, who, _need(text, usage))
            render_text = f"removed {text!r} from {person.name}'s offerings"
        else:
            _bad_action(action, "add, remove")
    if as_json:
        render.emit_json({"contact": person.handle, "name": person.name, "action": action, "done": render_text})
        return
    render.line(render_text)


def family(
    ctx: typer.Context,
    who: Contact,
    action: Action = None,
    name: Annotated[str | None, typer.Argument(metavar="NAME", help="The family member's name.")] = None,
    relation: Annotated[
        str | None, typer.Option("--relation", metavar="TEXT", help="Who they are: wife, son, brother...")
    ] = None,
    met: Annotated[bool, typer.Option("--met", metavar="", help="You have met them in person.")] = False,
    rename: Annotated[str | None, typer.Option("--rename", metavar="NAME", help="With edit: their right name.")] = None,
    as_json: JsonOption = False,
) -> None:
    """Their family: `add NAME [--relation] [--met]`, `met NAME`, `edit NAME [--rename] [--relation]`,
    `remove NAME`; alone, list them."""
    from refcli import render
    from refcli.people import profiles

    usage = f"ref family {who} add|met|edit|remove NAME"
    if action is None:
        with reading(ctx) as reader:
            person = _resolve(reader, who)
            members = profiles.family(reader, person.id)
        if as_json:
            render.emit_json(members)
            return
        for m in members:
            relation_text = f" ({m['relation']})" if m["relation"] else ""
            render.line(f"{m['name']}{relation_text}{'  met' if m['met'] else '  not met yet'}")
        if not members:
            render.message(f"no family recorded for {person.name}: {usage}")
        return
    from refcli.people import knowledge

    with writing(ctx) as session:
        if action == "add":
            person = knowledge.add_family(session, who, _need(name, usage), relation, met)
            done = f"added {name} to {person.name}'s family"
        elif action == "met":
            person = knowledge.family_met(session, who, _need(name, usage))
            done = f"you have met {name} ({person.name}'s family)"
        elif action == "edit":
            person = knowledge.edit_family(
                session, who, _need(name, usage), rename=rename, relation=relation, met=True if met else None
            )
            done = f"corrected {rename or name} ({person.name}'s family)"
        elif action == "remove":
            person = knowledge.remove_family(session, who, _need(name, usage))
            done = f"removed {name} from {person.name}'s family"
        else:
            _bad_action(action, "add, met, edit, remove")
    if as_json:
        render.emit_json({"contact": person.handle, "name": person.name, "action": action, "done": done})
        return
    render.line(done)


def goal(
    ctx: typer.Context,
    who: Contact,
    action: Action = None,
    what: Annotated[str | None, typer.Argument(metavar="TEXT|ID", help="The goal, or its id.")] = None,
    year: Annotated[int | None, typer.Option("--year", metavar="YEAR", help="The year (default this year).")] = None,
    personal: Annotated[
        bool | None, typer.Option("--personal/--business", help="A personal or a business goal (default business).")
    ] = None,
    all_years: Annotated[bool, typer.Option("--all", metavar="", help="List goals of every year.")] = False,
    new_text: Annotated[
        str | None, typer.Option("--text", metavar="TEXT", help="With edit: the corrected goal.")
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Their goals for the year: `add TEXT [--year] [--personal]`, `done ID`, `edit ID [--text] [--year]
    [--personal/--business]`, `remove ID`; alone, list them."""
    from refcli import dates, render
    from refcli.people import profiles

    usage = f"ref goal {who} add TEXT | done ID | edit ID --text TEXT | remove ID"
    if action is None:
        with reading(ctx) as reader:
            person = _resolve(reader, who)
            rows = profiles.goals(reader, person.id, None if all_years else dates.check_year(year))
        if as_json:
            render.emit_json(rows)
            return
        for g in rows:
            state = f"  achieved {g['achieved_on']}" if g["achieved_on"] else ""
            render.line(f"[{g['id']}] {g['year']} {g['kind']}: {g['text']}{state}")
        if not rows:
            render.message(f"no goals recorded for {person.name} in {year or dates.today().year}: {usage}")
        return
    from refcli.people import knowledge

    with writing(ctx) as session:
        if action == "add":
            person, goal_id = knowledge.add_goal(
                session, who, _need(what, usage), year, "personal" if personal else "business"
            )
            done = f"added goal [{goal_id}] for {person.name}"
        elif action == "done":
            person = knowledge.goal_done(session, who, _id(what, usage))
            done = f"marked {person.name}'s goal [{what}] achieved: tell them congratulations"
        elif action == "edit":
            kind = None if personal is None else ("personal" if personal else "business")
            person = knowledge.edit_goal(session, who, _id(what, usage), text=new_text, year=year, kind=kind)
            done = f"corrected {person.name}'s goal [{what}]"
        elif action == "remove":
            person = knowledge.remove_goal(session, who, _id(what, usage))
            done = f"removed {person.name}'s goal [{what}]"
        else:
            _bad_action(action, "add, done, edit, remove")
    if as_json:
        record = goal_id if action == "add" else _id(what, usage)
        render.emit_json({"contact": person.handle, "name": person.name, "action": action, "id": record, "done": done})
        return
    render.line(done)


def trait(
    ctx: typer.Context,
    who: Contact,
    action: Action = None,
    what: Annotated[
        str | None, typer.Argument(metavar="TEXT|ID", help="The trait, or its id to edit or remove.")
    ] = None,
    new_text: Annotated[
        str | None, typer.Option("--text", metavar="TEXT", help="With edit: the corrected trait.")
    ] = None,
    kind: Annotated[
        str | None, typer.Option("--kind", metavar="plus|minus|dealbreaker", help="With edit: what kind it is.")
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Character: `plus TEXT`, `minus TEXT`, `dealbreaker TEXT`, `edit ID [--text] [--kind]`, `remove ID`;
    alone, list them."""
    from refcli import render
    from refcli.people import profiles

    usage = f"ref trait {who} plus|minus|dealbreaker TEXT | edit ID --text TEXT | remove ID"
    if action is None:
        with reading(ctx) as reader:
            person = _resolve(reader, who)
            rows = profiles.traits(reader, person.id)
        if as_json:
            render.emit_json(rows)
            return
        for t in rows:
            render.line(f"[{t['id']}] {t['kind']}: {t['text']}")
        if not rows:
            render.message(f"no traits recorded for {person.name}: {usage}")
        return
    from refcli.people import knowledge

    with writing(ctx) as session:
        if action in knowledge.TRAIT_KINDS:
            person, trait_id = knowledge.add_trait(session, who, action, _need(what, usage))
            done = f"noted a {action} [{trait_id}] for {person.name}"
        elif action == "edit":
            person = knowledge.edit_trait(session, who, _id(what, usage), text=new_text, kind=kind)
            done = f"corrected {person.name}'s trait [{what}]"
        elif action == "remove":
            person = knowledge.remove_trait(session, who, _id(what, usage))
            done = f"removed {person.name}'s trait [{what}]"
        else:
            _bad_action(action, "plus, minus, dealbreaker, edit, remove")
    if as_json:
        record = trait_id if action in knowledge.TRAIT_KINDS else _id(what, usage)
        render.emit_json({"contact": person.handle, "name": person.name, "action": action, "id": record, "done": done})
        return
    render.line(done)
    if action == "dealbreaker":
        render.message("a deal-breaker: decide consciously whether you can accept it before you refer anyone to them")


def knows(
    ctx: typer.Context,
    who: Contact,
    other: Annotated[str, typer.Argument(metavar="OTHER", help="The person they know.", show_default=False)],
    note: Annotated[str | None, typer.Option("--note", metavar="TEXT", help="How they know each other.")] = None,
    remove: Annotated[bool, typer.Option("--remove", metavar="", help="Forget this link (a mistake).")] = False,
    as_json: JsonOption = False,
) -> None:
    """Record that CONTACT knows OTHER: each person knows about 250 people you don't."""
    from refcli import render
    from refcli.people import knowledge

    with writing(ctx) as session:
        if remove:
            person, known = knowledge.remove_knows(session, who, other)
        else:
            person, known = knowledge.add_knows(session, who, other, note)
    if as_json:
        render.emit_json(
            {"contact": person.handle, "name": person.name, "knows": known.handle, "note": note, "removed": remove}
        )
        return
    render.line(f"{person.name} {'no longer recorded as knowing' if remove else 'knows'} {known.name}")


def network(ctx: typer.Context, who: Contact, as_json: JsonOption = False) -> None:
    """Who they know, who knows them, and whom you know only through them."""
    from refcli import render
    from refcli.people import profiles

    with reading(ctx) as reader:
        person = _resolve(reader, who)
        web = profiles.network(reader, person.id)
    if as_json:
        render.emit_json({"handle": person.handle, "name": person.name, **web})
        return

    def people(rows: list[dict[str, Any]], extra: str) -> list[str]:
        return [f"{r['name']} ({r['handle']})" + (f": {r[extra]}" if r.get(extra) else "") for r in rows]

    render.card(
        f"{person.name} ({person.handle}): their network",
        [],
        [
            ("They know", people(web["they_know"], "note")),
            ("Known by", people(web["known_by"], "note")),
            ("You know through them", people(web["through_them"], "how")),
        ],
    )
    if not any(web.values()):
        render.message(f"nothing recorded yet: ref knows {person.handle} OTHER")


def _resolve(reader: Any, who: str) -> Any:
    from refcli.people.resolve import resolve

    return resolve(reader, who)


def register(app: typer.Typer) -> None:
    for func, name in (
        (offer, "offer"),
        (family, "family"),
        (goal, "goal"),
        (trait, "trait"),
        (knows, "knows"),
        (network, "network"),
    ):
        app.command(name, rich_help_panel=KNOWING)(func)
