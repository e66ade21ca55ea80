"""`ref depth`: how deep a relationship goes, and the interview that deepens it."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Annotated

import typer

from refcli.cli.common import KNOWING, JsonOption, reading, resolved, writing_rows

if TYPE_CHECKING:
    from refcli.meetings.depth import Depth, PointShown


def depth(
    ctx: typer.Context,
    who: Annotated[
        str | None, typer.Argument(metavar="CONTACT", help="One person; without it, everyone you have met.")
    ] = None,
    settings: Annotated[
        list[str] | None,
        typer.Option(
            "--set", metavar="N=yes|no|clear", help="Answer point N without prompts (clear: forget it); repeatable."
        ),
    ] = None,
    ask: Annotated[
        bool | None,
        typer.Option("--ask/--no-ask", help="Walk the points with prompts (default: when typing at a terminal)."),
    ] = None,
    limit: Annotated[int, typer.Option("--limit", metavar="N", min=1, help="Without CONTACT: at most this many.")] = 50,
    show_all: Annotated[bool, typer.Option("--all", metavar="", help="Without CONTACT: everyone.")] = False,
    as_json: JsonOption = False,
) -> None:
    """How deep is this relationship? The 14 points, derived where ref knows, answered by you."""
    from refcli import render
    from refcli.meetings import depth as depth_service

    if who is None:
        with reading(ctx) as reader:
            rows = depth_service.everyone(reader, None if show_all else limit)
        if as_json:
            render.emit_json(rows)
            return
        if not rows:
            render.message("no relationships yet: log a one-on-one with `ref meet CONTACT`")
            return
        render.table(
            ["who", "depth", "level", "next step"],
            [[f"{r['name']} ({r['handle']})", f"{r['score']}/14", r["level"], r["next_step"] or ""] for r in rows],
        )
        return
    if settings:
        answers = depth_service.parse_settings(settings)
        with writing_rows(ctx) as writer:
            depth_service.save_answers(writer, resolved(writer, who), answers)
    elif ask or (ask is None and not as_json and sys.stdin.isatty()):
        _interview(ctx, who)
    with reading(ctx) as reader:
        result = depth_service.for_contact(reader, resolved(reader, who))
    if as_json:
        render.emit_json(result)
        return
    _render_depth(result)


def _current(point: PointShown) -> str:
    answer = {True: "yes", False: "no", None: "not answered"}[point["answer"]]
    if point["source"] == "data":
        return f"{answer} (from data: {point['reason']})"
    if point["source"] == "you" and point["derived"] is not None:
        return f"{answer} (your answer; data says {'yes' if point['derived'] else 'no'}: {point['reason']})"
    return f"{answer} (your answer)" if point["source"] == "you" else answer


def _interview(ctx: typer.Context, who: str) -> None:
    """Walk the 14 points: yes / no / skip. Answers are saved together at the end."""
    from refcli import render
    from refcli.errors import RefError
    from refcli.meetings import depth as depth_service

    with reading(ctx) as reader:
        current = depth_service.for_contact(reader, resolved(reader, who))
    render.message(f"How deep is your relationship with {current['name']}? Answer yes, no, or press Enter to skip.")
    answers: dict[int, bool | None] = {}
    for point in current["points"]:
        render.message(f"\n{point['item']:>2}. {point['text']}\n    now: {_current(point)}")
        while True:
            try:
                reply = typer.prompt("    yes/no/skip", default="skip", show_default=False, err=True)
            except typer.Abort:
                reply = None
            if reply is None:
                break
            if reply.strip().lower() in ("", "s", "skip"):
                break
            try:
                answers[point["item"]] = depth_service.parse_answer(reply)
                break
            except RefError as exc:
                render.message(f"    {exc.line()}")
        if reply is None:
            break
    if answers:
        with writing_rows(ctx) as writer:
            depth_service.save_answers(writer, resolved(writer, who), answers)


def _render_depth(result: Depth) -> None:
    from refcli import render

    render.card(
        f"{result['name']} ({result['handle']}): {result['score']}/14, {result['level']}",
        [],
        [
            ("The 14 points", [f"{p['item']:>2}. {_mark(p)} {p['text']}: {_current(p)}" for p in result["points"]]),
            ("Next step", [result["next_step"]] if result["next_step"] else []),
        ],
    )


def _mark(point: PointShown) -> str:
    return {True: "[x]", False: "[ ]", None: "[?]"}[point["answer"]]


def register(app: typer.Typer) -> None:
    app.command("depth", rich_help_panel=KNOWING)(depth)
