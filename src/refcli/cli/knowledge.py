"""Who knows whom: `ref knows` and `ref network`; and the help panel of what you know about a
person, whose offerings, family, goals and traits live in `cli/about.py`."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Annotated, Any

import typer

from refcli.cli.common import KNOWING, Contact, JsonOption, reading, resolved, writing_rows


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

    with writing_rows(ctx) as writer:
        if remove:
            person, known = knowledge.remove_knows(writer, resolved(writer, who), resolved(writer, other))
        else:
            person, known = knowledge.add_knows(writer, resolved(writer, who), resolved(writer, other), note)
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
        person = resolved(reader, who)
        web = profiles.network(reader, person.id)
    if as_json:
        render.emit_json({"handle": person.handle, "name": person.name, **web})
        return

    def people(rows: Sequence[Mapping[str, Any]], extra: str) -> list[str]:
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


def register(app: typer.Typer) -> None:
    from refcli.cli import about

    for group in (about.offer_app, about.family_app, about.goal_app, about.trait_app):
        app.add_typer(group, rich_help_panel=KNOWING)
    for func, name in ((knows, "knows"), (network, "network")):
        app.command(name, rich_help_panel=KNOWING)(func)
