"""The judgement layer: followups, done, snooze, remind, balance, talked, stats, suggest,
and config for the thresholds behind them."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from refcli.cli.common import (
    DATA,
    SUGGEST,
    TRACK,
    AsOfOpt,
    Contact,
    ForceOpt,
    JsonOption,
    parse_date,
    reading,
    resolved,
    resolved_or_none,
    writing_rows,
)

if TYPE_CHECKING:
    from refcli.money import Amount
    from refcli.referrals.balance import BalanceWithHistory

ChartOpt = Annotated[bool, typer.Option("--chart", metavar="", help="Draw it as an SVG picture (-o FILE).")]
ChartFileOpt = Annotated[Path, typer.Option("--output", "-o", metavar="FILE", help="With --chart: the SVG file.")]


def _write_chart(output: Path, picture: str, force: bool, as_json: bool, what: str) -> None:
    """An SVG chart to its file (private, written whole or not at all)."""
    from refcli import render
    from refcli.files import write_new_file

    write_new_file(output, picture.encode("utf-8"), force=force)
    if as_json:
        render.emit_json({"file": str(output), "bytes": output.stat().st_size})
        return
    render.message(f"wrote {output}: {what}")


def balance(
    ctx: typer.Context,
    who: Annotated[str | None, typer.Argument(metavar="CONTACT", help="One person's full two-way history.")] = None,
    since: Annotated[str | None, typer.Option("--since", metavar="DATE", help="Only exchanges from this date.")] = None,
    as_of: AsOfOpt = None,
    show_all: Annotated[bool, typer.Option("--all", metavar="", help="Everyone, without a limit.")] = False,
    limit: Annotated[int, typer.Option("--limit", metavar="N", min=1, help="Show at most this many.")] = 50,
    chart: ChartOpt = False,
    output: ChartFileOpt = Path("balance.svg"),
    force: ForceOpt = False,
    as_json: JsonOption = False,
) -> None:
    """Each relationship's give and take, most recent first: a picture, never a score."""
    from refcli import render
    from refcli.money import totals_text
    from refcli.referrals import balance as service

    start, day = parse_date(since, "--since date"), parse_date(as_of, "--as-of date")
    with reading(ctx) as reader:
        if who is not None:
            result = service.one(reader, resolved(reader, who), as_of=day, since=start)
        else:
            rows = service.everyone(reader, as_of=day, since=start, limit=None if show_all else limit)
    if who is not None:
        if as_json:
            render.emit_json(result)
            return
        _render_one(result)
        return
    if chart:
        from refcli.pictures import charts

        _write_chart(output, charts.balance(rows), force, as_json, f"{len(rows)} relationships")
        return
    if as_json:
        render.emit_json(rows)
        return
    if not rows:
        render.message("no referrals either way yet: ref introduce, ref give, ref receive")
        return

    def side(count: int, won: int, values: list[Amount]) -> str:
        worth = totals_text(values)
        text = f"{count}" + (f" ({won} won" + (f", {worth}" if worth else "") + ")" if won else "")
        return text if count or won else ""

    render.table(
        ["who", "given", "received", "last given", "last received", "one-on-ones", "last met", "signal"],
        [
            [
                f"{r['name']} ({r['handle']})",
                side(r["given"], r["given_won"], r["given_values"]),
                side(r["received"], r["received_won"], r["received_values"]),
                r["last_given"] or "",
                r["last_received"] or "",
                r["meetings"] or "",
                r["last_met"] or "",
                r["signal_text"],
            ]
            for r in rows
        ],
        spare=("last received", "last given", "one-on-ones", "last met"),
    )


def _render_one(r: BalanceWithHistory) -> None:
    from refcli import render
    from refcli.money import format_money, totals_text

    def money(minor: int | None, currency: str) -> str:
        return f" {format_money(minor, currency)}" if minor else ""

    def worth(values: list[Amount]) -> str:
        return f" {totals_text(values)}" if values else ""

    render.card(
        f"{r['name']} ({r['handle']}): {r['signal_text']}",
        [
            ("why", r["reason"]),
            ("given", f"{r['given']}, {r['given_won']} won{worth(r['given_values'])}"),
            ("received", f"{r['received']}, {r['received_won']} won{worth(r['received_values'])}"),
            ("one-on-ones", f"{r['meetings']}" + (f", last {r['last_met']}" if r["last_met"] else "")),
        ],
        [
            (
                "Both ways",
                [
                    f"{h['on']}  {'gave' if h['direction'] == 'given' else 'got'} #{h['id']} {h['what']}"
                    f" ({h['with'] or ''}): {h['status'].replace('_', ' ')}{money(h['value_minor'], h['currency'])}"
                    for h in r["history"]
                ],
            ),
            (
                "Conversations about balance",
                [f"[{c['id']}] {c['on']}  {c['notes'] or ''}" for c in r["conversations"]],
            ),
        ],
    )


def talked(
    ctx: typer.Context,
    who: Contact,
    on: Annotated[str | None, typer.Option("--on", metavar="DATE", help="When (default today).")] = None,
    notes: Annotated[str | None, typer.Option("--notes", metavar="TEXT", help="How they answered.")] = None,
    as_json: JsonOption = False,
) -> None:
    """Record the friendly conversation about balance ("what would it take?"); ref watches what follows."""
    from refcli import dates, render
    from refcli.referrals import balance as service
    from refcli.referrals.signals import TAKER_MONTHS

    day = parse_date(on, "--on date", "past", check=False)
    with writing_rows(ctx) as writer:
        person = service.talked(writer, resolved(writer, who), day, notes)
    if as_json:
        on_day = (day or dates.today()).isoformat()
        render.emit_json({"contact": person.handle, "name": person.name, "talked_on": on_day, "notes": notes})
        return
    render.line(f"recorded your talk with {person.name}; ref will look again in {TAKER_MONTHS} months")


def conversation(
    ctx: typer.Context,
    talk_id: Annotated[int, typer.Argument(metavar="ID", help="The talk's id (in `ref balance CONTACT`).")],
    on: Annotated[str | None, typer.Option("--on", metavar="DATE", help="Correct when you talked.")] = None,
    notes: Annotated[
        str | None, typer.Option("--notes", metavar="TEXT", help='Correct how they answered ("" clears).')
    ] = None,
    delete: Annotated[bool, typer.Option("--delete", metavar="", help="Delete it.")] = False,
    as_json: JsonOption = False,
) -> None:
    """Correct or delete a recorded talk about balance (`ref talked`)."""
    from refcli import render
    from refcli.errors import InvalidInput
    from refcli.referrals import corrections as referral_corrections

    day = parse_date(on, "--on date", "past", check=False)
    if delete and (day is not None or notes is not None):
        raise InvalidInput("--delete takes no other changes")
    with writing_rows(ctx) as writer:
        if delete:
            result = referral_corrections.delete_conversation(writer, talk_id)
        else:
            result = referral_corrections.edit_conversation(writer, talk_id, on=day, notes=notes)
    if as_json:
        render.emit_json(result)
        return
    verb = "deleted" if delete else "corrected"
    render.line(f"{verb} your talk with {result['name']} ({result['contact']}) on {result['on']}")


def stats(
    ctx: typer.Context,
    year: Annotated[int | None, typer.Option("--year", metavar="YEAR", help="Which year (default this one).")] = None,
    chart: ChartOpt = False,
    output: ChartFileOpt = Path("givers-gain.svg"),
    force: ForceOpt = False,
    as_json: JsonOption = False,
) -> None:
    """The givers-gain report: referrals, closed business, one-on-ones and introductions by month."""
    from refcli import render
    from refcli.tracking import stats as service

    with reading(ctx) as reader:
        report = service.year_report(reader, year)
    if chart:
        from refcli.pictures import charts

        _write_chart(output, charts.givers_gain(report), force, as_json, f"the year {report['year']}")
        return
    if as_json:
        render.emit_json(report)
        return
    from refcli.cli import stats_view

    stats_view.show(report)


def suggest(
    ctx: typer.Context,
    who: Annotated[str | None, typer.Argument(metavar="CONTACT", help="Only introductions involving them.")] = None,
    limit: Annotated[int, typer.Option("--limit", metavar="N", min=1, help="How many.")] = 10,
    no_fit: Annotated[
        tuple[str, str] | None,
        typer.Option("--not", metavar="A B", help="A and B are no fit: never suggest them to each other again."),
    ] = None,
    again: Annotated[
        tuple[str, str] | None,
        typer.Option("--again", metavar="A B", help="Take back a --not: A and B may be suggested again."),
    ] = None,
    declined: Annotated[
        bool, typer.Option("--declined", metavar="", help="List the pairs you said are no fit.")
    ] = False,
    as_json: JsonOption = False,
) -> None:
    """Introductions worth making: one person's needs meaning what another does, with the reason."""
    from refcli import render
    from refcli.errors import InvalidInput

    if sum((no_fit is not None, again is not None, declined, who is not None)) > 1:
        raise InvalidInput("--not, --again, --declined and CONTACT are separate uses", "give one of them")
    if no_fit is not None or again is not None:
        _teach(ctx, no_fit, again, as_json)
        return
    if declined:
        _declined(ctx, as_json)
        return
    from refcli.tracking import suggest as service

    with reading(ctx) as reader:
        found = service.suggest(reader, resolved_or_none(reader, who), limit)
    if as_json:
        render.emit_json(found)
        return
    if not found:
        render.message("no introductions to suggest yet: record ideal referrals, goals and offerings")
        return
    for s in found:
        render.item(f"{s['a']} + {s['b']}: {s['reason']}")
        render.item(f"-> {s['command']}", indent=4)
    render.message("not a fit? `ref suggest --not A B` and it is never suggested again")


def _teach(ctx: typer.Context, no_fit: tuple[str, str] | None, again: tuple[str, str] | None, as_json: bool) -> None:
    """`--not A B` / `--again A B`: one write, journaled (so `ref undo` takes it back)."""
    from refcli import render
    from refcli.tracking import fits

    pair = no_fit or again
    assert pair is not None
    with writing_rows(ctx) as writer:
        a, b = resolved(writer, pair[0]), resolved(writer, pair[1])
        if no_fit is not None:
            new = fits.decline(writer, a, b)
            said = f"{a.name} and {b.name}: no fit, never suggested again" + ("" if new else " (already recorded)")
        else:
            fits.allow(writer, a, b)
            said = f"{a.name} and {b.name} may be suggested again"
    if as_json:
        render.emit_json({"a": a.handle, "b": b.handle, "no_fit": no_fit is not None})
        return
    render.message(said)


def _declined(ctx: typer.Context, as_json: bool) -> None:
    from refcli import render
    from refcli.tracking import fits

    with reading(ctx) as reader:
        found = fits.declined(reader)
    if as_json:
        render.emit_json(found)
        return
    if not found:
        render.message("no pairs recorded as no fit (`ref suggest --not A B` records one)")
        return
    for row in found:
        render.line(f"{row['a']} + {row['b']}: no fit since {row['noted_on']}")


def config(
    ctx: typer.Context,
    key: Annotated[str | None, typer.Argument(metavar="KEY", help="A setting to show or change.")] = None,
    value: Annotated[str | None, typer.Argument(metavar="VALUE", help="Its new value.")] = None,
    reset: Annotated[bool, typer.Option("--reset", metavar="", help="Go back to the default.")] = False,
    as_json: JsonOption = False,
) -> None:
    """Show or set the thresholds behind follow-ups and balance signals."""
    from refcli import render, settings
    from refcli.errors import InvalidInput

    if key is not None and key not in settings.SPECS:
        raise InvalidInput(f"unknown setting {key!r}", "settings: " + ", ".join(settings.SPECS))
    if key is not None and (value is not None or reset):
        if value is not None and reset:
            raise InvalidInput("give a value or --reset, not both")
        with writing_rows(ctx) as writer:
            new = settings.reset(writer, key) if reset else settings.save(writer, key, str(value))
        if as_json:
            render.emit_json({key: new})
        else:
            render.line(f"{key} = {new}")
        return
    with reading(ctx) as reader:
        values = settings.load(reader).as_json()
    shown = {key: values[key]} if key else values
    if as_json:
        render.emit_json(shown)
        return
    render.table(
        ["setting", "value", "default", "what it does"],
        [[k, v, settings.SPECS[k].default, settings.SPECS[k].help] for k, v in shown.items()],
    )


def register(app: typer.Typer) -> None:
    for func, name, panel in (
        (balance, "balance", TRACK),
        (talked, "talked", TRACK),
        (conversation, "conversation", TRACK),
        (stats, "stats", TRACK),
        (suggest, "suggest", SUGGEST),
        (config, "config", DATA),
    ):
        app.command(name, rich_help_panel=panel)(func)
