"""The pictures panel: `ref map`, the network as one self-contained page."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from refcli.cli.common import TRACK, FileOpt, ForceOpt, JsonOption, parse_date, reading, resolved_or_none


def map_(
    ctx: typer.Context,
    who: Annotated[
        str | None, typer.Argument(metavar="CONTACT", help="Only their circle: whom they are linked to.")
    ] = None,
    output: FileOpt = Path("network.html"),
    tag: Annotated[str | None, typer.Option("--tag", metavar="TAG", help="Only the people with this tag.")] = None,
    since: Annotated[
        str | None,
        typer.Option("--since", metavar="DATE", help="Only people in touch since then, and what passed since."),
    ] = None,
    archived: Annotated[bool, typer.Option("--archived", metavar="", help="Archived people too.")] = False,
    colour: Annotated[
        str, typer.Option("--color", metavar="rhythm|tag", help="Colour people by keeping in touch, or by tag.")
    ] = "rhythm",
    force: ForceOpt = False,
    as_json: JsonOption = False,
) -> None:
    """See your network: one page you open in any browser, drawn from the ledger, nothing online."""
    from refcli import render
    from refcli.errors import Conflict, InvalidInput
    from refcli.files import write_new_file
    from refcli.people.contacts import clean_tag
    from refcli.pictures import network, page

    if colour not in ("rhythm", "tag"):
        raise InvalidInput(f"--color {colour!r} is not a way to colour", "use --color rhythm or --color tag")
    if output.exists() and not force:
        raise Conflict(f"{output} already exists", "give another name, or --force to replace it")
    day = parse_date(since, "--since date", "past")
    with reading(ctx) as reader:
        person = resolved_or_none(reader, who)
        drawn = network.read(
            reader,
            focus=person.id if person else None,
            tag=clean_tag(tag) if tag else None,
            since=day,
            archived=archived,
        )
    title = f"{person.name}'s circle" if person else f"Your network: {tag}" if tag else "Your network"
    html = page.render(drawn, colour_by=colour, title=title)
    write_new_file(output, html.encode("utf-8"), force=force)
    summary = {
        "file": str(output), "people": len(drawn.people), "not_drawn": drawn.hidden,
        "introductions": len(drawn.introductions), "knows": len(drawn.knows), "bytes": output.stat().st_size,
    }  # fmt: skip
    if as_json:
        render.emit_json(summary)
        return
    more = f" ({drawn.hidden:,} more counted in their groups)" if drawn.hidden else ""
    render.message(f"wrote {output}: {len(drawn.people):,} people{more}; open it in your browser")


def register(app: typer.Typer) -> None:
    app.command("map", rich_help_panel=TRACK)(map_)
