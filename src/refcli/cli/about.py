"""What you know about a person, as sub-commands: `ref offer add|remove|list`, `ref family
add|met|edit|remove|list`, `ref goal add|done|edit|remove|list`, `ref trait plus|minus|dealbreaker|
edit|remove|list`, each taking the person first (`ref goal add fred "Open a second showroom"`)."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from refcli.cli.common import Contact, JsonOption, reading, resolved, writing_rows
from refcli.cli.internals import TyperGroup


class RecordGroup(TyperGroup):
    """`ref goal add CONTACT TEXT`, with the older order `ref goal CONTACT add TEXT` (and `ref goal
    CONTACT` to list) still understood: the person first is moved after the action, and a person
    alone means the `alone` action."""

    alone, says = "list", "lists them"

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        if args and not args[0].startswith("-") and args[0] not in self.commands:
            who, rest = args[0], args[1:]
            if rest and not rest[0].startswith("-") and rest[0] not in self.commands:
                from refcli.errors import InvalidInput

                actions = ", ".join(name for name in self.commands if name != self.alone)
                raise InvalidInput(
                    f"unknown action {rest[0]!r}",
                    f"use one of: {actions}; alone, ref {ctx.info_name} {who} {self.says}",
                )
            args = [rest[0], who, *rest[1:]] if rest and rest[0] in self.commands else [self.alone, who, *rest]
        parsed: list[str] = super().parse_args(ctx, args)
        return parsed


def _group(name: str, what: str) -> typer.Typer:
    return typer.Typer(
        name=name, cls=RecordGroup, help=what, no_args_is_help=True, rich_markup_mode="rich",
        context_settings={"help_option_names": ["-h", "--help"]},
    )  # fmt: skip


offer_app = _group("offer", 'Their products and services: `ref offer add fred "deck building"`.')
family_app = _group("family", "Their family: names, who they are, whether you have met them.")
goal_app = _group("goal", "Their goals for the year, business and personal.")
trait_app = _group("trait", "Their character: what you value, what bothers you, deal-breakers.")

Text = Annotated[str, typer.Argument(metavar="TEXT", help="What it says.", show_default=False)]
Name = Annotated[str, typer.Argument(metavar="NAME", help="The family member's name.", show_default=False)]
Id = Annotated[int, typer.Argument(metavar="ID", help="Its id, shown in brackets by `list`.", show_default=False)]


def _said(person: Any, action: str, done: str, as_json: bool, record: int | None = None) -> None:
    from refcli import render

    if as_json:
        data: dict[str, Any] = {"contact": person.handle, "name": person.name, "action": action}
        render.emit_json({**data, **({"id": record} if record is not None else {}), "done": done})
        return
    render.line(done)


# --- offer ---------------------------------------------------------------------------------


@offer_app.command("list")
def offer_list(ctx: typer.Context, who: Contact, as_json: JsonOption = False) -> None:
    """List what they offer."""
    from refcli import render
    from refcli.people import profiles

    with reading(ctx) as reader:
        offers = profiles.card(reader, resolved(reader, who).id)["offerings"]
    if as_json:
        render.emit_json(offers)
        return
    for item in offers:
        render.line(item)
    if not offers:
        render.message(f'no offerings recorded: ref offer add {who} "TEXT"')


@offer_app.command("add")
def offer_add(ctx: typer.Context, who: Contact, text: Text, as_json: JsonOption = False) -> None:
    """Add a product or service they offer."""
    from refcli.people import knowledge

    with writing_rows(ctx) as writer:
        person, added = knowledge.add_offering(writer, resolved(writer, who), text)
    _said(person, "add", f"{person.name} offers: {', '.join(added)}" if added else f"{person.name} already offers that",
          as_json)  # fmt: skip


@offer_app.command("remove")
def offer_remove(ctx: typer.Context, who: Contact, text: Text, as_json: JsonOption = False) -> None:
    """Remove one of their offerings."""
    from refcli.people import knowledge

    with writing_rows(ctx) as writer:
        person = knowledge.remove_offering(writer, resolved(writer, who), text)
    _said(person, "remove", f"removed {text!r} from {person.name}'s offerings", as_json)


# --- family --------------------------------------------------------------------------------

Relation = Annotated[str | None, typer.Option("--relation", metavar="TEXT", help="Who they are: wife, son, brother...")]
Met = Annotated[bool, typer.Option("--met", metavar="", help="You have met them in person.")]


Birthday = Annotated[
    str | None, typer.Option("--birthday", metavar="DAY", help="Their birthday: 2014-06-02, or 06-02 without the year.")
]
Anniversary = Annotated[str | None, typer.Option("--anniversary", metavar="DAY", help="An anniversary, same forms.")]


@family_app.command("list")
def family_list(ctx: typer.Context, who: Contact, as_json: JsonOption = False) -> None:
    """List their family, and whom you have met."""
    from refcli import render
    from refcli.people import profiles

    with reading(ctx) as reader:
        person = resolved(reader, who)
        members = profiles.family(reader, person.id)
    if as_json:
        render.emit_json(members)
        return
    for m in members:
        relation_text = f" ({m['relation']})" if m["relation"] else ""
        days = "".join(f"  {k} {day.removeprefix('--')}" for k in ("birthday", "anniversary") if (day := m[k]))
        render.line(f"{m['name']}{relation_text}{'  met' if m['met'] else '  not met yet'}{days}")
    if not members:
        render.message(f"no family recorded for {person.name}: ref family add {person.handle} NAME")


@family_app.command("add")
def family_add(
    ctx: typer.Context,
    who: Contact,
    name: Name,
    relation: Relation = None,
    met: Met = False,
    birthday: Birthday = None,
    anniversary: Anniversary = None,
    as_json: JsonOption = False,
) -> None:
    """Add a family member."""
    from refcli.people import knowledge

    with writing_rows(ctx) as writer:
        person = knowledge.add_family(writer, resolved(writer, who), name, relation, met, birthday, anniversary)
    _said(person, "add", f"added {name} to {person.name}'s family", as_json)


@family_app.command("met")
def family_met(ctx: typer.Context, who: Contact, name: Name, as_json: JsonOption = False) -> None:
    """You have now met this family member."""
    from refcli.people import knowledge

    with writing_rows(ctx) as writer:
        person = knowledge.family_met(writer, resolved(writer, who), name)
    _said(person, "met", f"you have met {name} ({person.name}'s family)", as_json)


@family_app.command("edit")
def family_edit(
    ctx: typer.Context,
    who: Contact,
    name: Name,
    rename: Annotated[str | None, typer.Option("--rename", metavar="NAME", help="Their right name.")] = None,
    relation: Relation = None,
    met: Met = False,
    birthday: Birthday = None,
    anniversary: Anniversary = None,
    as_json: JsonOption = False,
) -> None:
    """Correct a family member's name, relation, birthday or anniversary ("" clears one)."""
    from refcli.people import knowledge

    with writing_rows(ctx) as writer:
        person = knowledge.edit_family(
            writer, resolved(writer, who), name, rename=rename, relation=relation, met=True if met else None,
            birthday=birthday, anniversary=anniversary,
        )  # fmt: skip
    _said(person, "edit", f"corrected {rename or name} ({person.name}'s family)", as_json)


@family_app.command("remove")
def family_remove(ctx: typer.Context, who: Contact, name: Name, as_json: JsonOption = False) -> None:
    """Remove a family member (a mistake)."""
    from refcli.people import knowledge

    with writing_rows(ctx) as writer:
        person = knowledge.remove_family(writer, resolved(writer, who), name)
    _said(person, "remove", f"removed {name} from {person.name}'s family", as_json)


# --- goal ----------------------------------------------------------------------------------

Year = Annotated[int | None, typer.Option("--year", metavar="YEAR", help="The year (default this year).")]
Personal = Annotated[
    bool | None, typer.Option("--personal/--business", help="A personal or a business goal (default business).")
]


@goal_app.command("list")
def goal_list(
    ctx: typer.Context,
    who: Contact,
    year: Year = None,
    all_years: Annotated[bool, typer.Option("--all", metavar="", help="Goals of every year.")] = False,
    as_json: JsonOption = False,
) -> None:
    """List their goals for the year, with their ids."""
    from refcli import dates, render
    from refcli.people import profiles

    with reading(ctx) as reader:
        person = resolved(reader, who)
        rows = profiles.goals(reader, person.id, None if all_years else dates.check_year(year))
    if as_json:
        render.emit_json(rows)
        return
    for g in rows:
        state = f"  achieved {g['achieved_on']}" if g["achieved_on"] else ""
        render.line(f"[{g['id']}] {g['year']} {g['kind']}: {g['text']}{state}")
    if not rows:
        render.message(
            f"no goals recorded for {person.name} in {year or dates.today().year}: ref goal add {person.handle} TEXT"
        )


@goal_app.command("add")
def goal_add(
    ctx: typer.Context,
    who: Contact,
    text: Text,
    year: Year = None,
    personal: Personal = None,
    as_json: JsonOption = False,
) -> None:
    """Add a goal of theirs."""
    from refcli.people import knowledge

    with writing_rows(ctx) as writer:
        person, goal_id = knowledge.add_goal(
            writer, resolved(writer, who), text, year, "personal" if personal else "business"
        )
    _said(person, "add", f"added goal [{goal_id}] for {person.name}", as_json, goal_id)


@goal_app.command("done")
def goal_done(ctx: typer.Context, who: Contact, goal_id: Id, as_json: JsonOption = False) -> None:
    """They achieved it."""
    from refcli.people import knowledge

    with writing_rows(ctx) as writer:
        person = knowledge.goal_done(writer, resolved(writer, who), goal_id)
    _said(
        person, "done", f"marked {person.name}'s goal [{goal_id}] achieved: tell them congratulations", as_json, goal_id
    )


@goal_app.command("edit")
def goal_edit(
    ctx: typer.Context,
    who: Contact,
    goal_id: Id,
    new_text: Annotated[str | None, typer.Option("--text", metavar="TEXT", help="The corrected goal.")] = None,
    year: Year = None,
    personal: Personal = None,
    as_json: JsonOption = False,
) -> None:
    """Correct a goal: its text, year or kind."""
    from refcli.people import knowledge

    kind = None if personal is None else ("personal" if personal else "business")
    with writing_rows(ctx) as writer:
        person = knowledge.edit_goal(writer, resolved(writer, who), goal_id, text=new_text, year=year, kind=kind)
    _said(person, "edit", f"corrected {person.name}'s goal [{goal_id}]", as_json, goal_id)


@goal_app.command("remove")
def goal_remove(ctx: typer.Context, who: Contact, goal_id: Id, as_json: JsonOption = False) -> None:
    """Remove a goal (a mistake)."""
    from refcli.people import knowledge

    with writing_rows(ctx) as writer:
        person = knowledge.remove_goal(writer, resolved(writer, who), goal_id)
    _said(person, "remove", f"removed {person.name}'s goal [{goal_id}]", as_json, goal_id)


# --- trait ---------------------------------------------------------------------------------


@trait_app.command("list")
def trait_list(ctx: typer.Context, who: Contact, as_json: JsonOption = False) -> None:
    """List their traits, with their ids."""
    from refcli import render
    from refcli.people import profiles

    with reading(ctx) as reader:
        person = resolved(reader, who)
        rows = profiles.traits(reader, person.id)
    if as_json:
        render.emit_json(rows)
        return
    for t in rows:
        render.line(f"[{t['id']}] {t['kind']}: {t['text']}")
    if not rows:
        render.message(f"no traits recorded for {person.name}: ref trait plus|minus|dealbreaker {person.handle} TEXT")


def _add_trait(kind: str, help_text: str) -> None:
    def add(ctx: typer.Context, who: Contact, text: Text, as_json: JsonOption = False) -> None:
        from refcli import render
        from refcli.people import knowledge

        with writing_rows(ctx) as writer:
            person, trait_id = knowledge.add_trait(writer, resolved(writer, who), kind, text)
        _said(person, kind, f"noted a {kind} [{trait_id}] for {person.name}", as_json, trait_id)
        if kind == "dealbreaker" and not as_json:
            render.message(
                "a deal-breaker: decide consciously whether you can accept it before you refer anyone to them"
            )

    add.__doc__ = help_text
    trait_app.command(kind)(add)


_add_trait("plus", "Something you value in them.")
_add_trait("minus", "Something that bothers you about them.")
_add_trait("dealbreaker", "Something that would stop you referring anyone to them.")


@trait_app.command("edit")
def trait_edit(
    ctx: typer.Context,
    who: Contact,
    trait_id: Id,
    new_text: Annotated[str | None, typer.Option("--text", metavar="TEXT", help="The corrected trait.")] = None,
    kind: Annotated[
        str | None, typer.Option("--kind", metavar="plus|minus|dealbreaker", help="What kind it is.")
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Correct a trait: its text or kind."""
    from refcli.people import knowledge

    with writing_rows(ctx) as writer:
        person = knowledge.edit_trait(writer, resolved(writer, who), trait_id, text=new_text, kind=kind)
    _said(person, "edit", f"corrected {person.name}'s trait [{trait_id}]", as_json, trait_id)


@trait_app.command("remove")
def trait_remove(ctx: typer.Context, who: Contact, trait_id: Id, as_json: JsonOption = False) -> None:
    """Remove a trait (a mistake)."""
    from refcli.people import knowledge

    with writing_rows(ctx) as writer:
        person = knowledge.remove_trait(writer, resolved(writer, who), trait_id)
    _said(person, "remove", f"removed {person.name}'s trait [{trait_id}]", as_json, trait_id)
