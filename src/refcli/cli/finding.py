"""`ref search`: find anything you wrote, grouped by the person it is about."""

from __future__ import annotations

from typing import Annotated

import typer

from refcli.cli.common import PEOPLE, JsonOption, reading

MORE_SHOWN = 3  # records shown per person on a terminal; --json and piped output give them all


def search(
    ctx: typer.Context,
    query: Annotated[
        list[str],
        typer.Argument(
            metavar="WORDS...",
            help='Words that must all appear; quote a phrase ("photo update"); end a word with * for a prefix (foot*).',
            show_default=False,
        ),
    ],
    limit: Annotated[int, typer.Option("--limit", metavar="N", min=1, help="Show at most N people.")] = 20,
    as_json: JsonOption = False,
) -> None:
    """Search everything written about people: notes, one-on-ones, goals, referrals, reminders..."""
    from refcli import render
    from refcli.finding import search as finder

    with reading(ctx) as reader:
        terms, found, more = finder.search(reader, query, limit)
    if as_json:
        render.emit_json({"query": [str(t) for t in terms], "people": [f.as_json() for f in found], "more": more})
        return
    if not found:
        hint = ""
        if not any(t.prefix for t in terms):
            hint = f"; words that start with it: ref search {' '.join(str(t) + '*' for t in terms)}"
        render.message(f"nothing written matches {' '.join(f'“{t}”' for t in terms)}{hint}")
        return
    if render.plain_output():
        rows = [
            (f.contact or "", f.name or "", h.source, h.id, h.on or "", h.field, h.text) for f in found for h in f.hits
        ]
        render.table(["contact", "name", "where", "id", "on", "field", "text"], rows)
    else:
        groups = []
        for f in found:
            title = f"{f.name} ({f.contact})" if f.contact else "not about anyone"
            items = [_hit_line(h) for h in f.hits[:MORE_SHOWN]]
            if len(f.hits) > MORE_SHOWN:
                items.append(f"… {len(f.hits) - MORE_SHOWN} more: ref search --json")
            groups.append((title + (" [archived]" if f.archived else ""), items))
        render.groups(groups)
    if more:
        render.message(f"showing the first {limit} people: --limit N for more")


def _hit_line(hit: object) -> str:
    from refcli.finding.search import Hit

    assert isinstance(hit, Hit)
    where = hit.source if hit.source == "profile" else f"{hit.source} #{hit.id}"
    when = f" {hit.on}" if hit.on else ""
    return f"{where}{when} · {hit.field}: {hit.snippet}"


def register(app: typer.Typer) -> None:
    app.command("search", rich_help_panel=PEOPLE)(search)
