"""Deleting and merging people: `ref delete` (after showing everything that goes with them)
and `ref merge` (after showing what moves)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from refcli.cli.common import PEOPLE, Contact, JsonOption, confirm_or_stop, counted, reading, resolved, writing_rows

if TYPE_CHECKING:
    pass


def delete(
    ctx: typer.Context,
    who: Contact,
    yes: Annotated[bool, typer.Option("--yes", "-y", metavar="", help="Do not ask for confirmation.")] = False,
    as_json: JsonOption = False,
) -> None:
    """Delete someone and everything that is only theirs. Prefer `ref archive` to keep history."""
    from refcli import render
    from refcli.people import merge as merging

    with reading(ctx) as reader:
        person = resolved(reader, who)
        found = merging.footprint(reader, person)
    parts = [counted(n, label) for label, n in found.owned.items() if n]
    what = f"{person.name} ({person.handle})" + (f" with {', '.join(parts)}" if parts else "")
    for n, meaning in found.cleared:
        if n:
            what += f"; {n} {meaning}"
    if not yes:
        render.message(f"this will delete {what}")
        from refcli.errors import InvalidInput

        if found.has_referrals:
            raise InvalidInput(
                "nothing deleted: they are part of your referral history",
                f"to delete anyway, add --yes; `ref archive {person.handle}` keeps the history",
            )
        confirm_or_stop("delete?", "nothing deleted", "answer y, or pass --yes; `ref archive` keeps their history")
    with writing_rows(ctx) as writer:
        person = merging.delete_contact(writer, person)
    if as_json:
        render.emit_json(
            {"contact": person.handle, "name": person.name, "deleted": found.owned, "deleted_contact": True}
        )
        return
    render.line(f"deleted {what} (`ref undo` brings them back)")


def merge(
    ctx: typer.Context,
    keep: Annotated[str, typer.Argument(metavar="KEEP", help="The person to keep.", show_default=False)],
    drop: Annotated[str, typer.Argument(metavar="DROP", help="The duplicate to fold into KEEP.", show_default=False)],
    yes: Annotated[bool, typer.Option("--yes", "-y", metavar="", help="Do not ask for confirmation.")] = False,
    as_json: JsonOption = False,
) -> None:
    """Fold a duplicate into another person: everything of theirs moves over; nothing lost.

    Shows what will move and asks first (warning when the two share no name, email or
    phone); `ref undo` reverses a merge completely."""
    from refcli import render
    from refcli.people import merge as merging

    with reading(ctx) as reader:
        plan = merging.preview_merge(reader, resolved(reader, keep), resolved(reader, drop))
    if not yes:
        moving = ", ".join(counted(n, label) for label, n in plan.moving.items())
        render.message(
            f"this will fold {plan.drop.label()} into {plan.keep.label()}" + (f", moving {moving}" if moving else "")
        )
        if not plan.shared:
            render.message("careful: they share no name, email or phone; are they really one person?")
        confirm_or_stop("merge?", "nothing merged", "answer y, or pass --yes")
    with writing_rows(ctx) as writer:
        report = merging.merge_contacts(writer, plan.keep, plan.drop)
    if as_json:
        render.emit_json({**report, "shared": plan.shared})  # what made them look like one person
        return
    moved = ", ".join(counted(n, kind) for kind, n in report["moved"].items() if n) or "nothing to move"
    render.line(f"merged {report['dropped']} into {report['kept']}: {moved}")
    for conflict in report["conflicts"]:
        render.line(f"  kept as a note: {conflict}")


def register(app: typer.Typer) -> None:
    app.command("delete", rich_help_panel=PEOPLE)(delete)
    app.command("merge", rich_help_panel=PEOPLE)(merge)
