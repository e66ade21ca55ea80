"""Reading referrals: `ref referrals` lists them, `ref referral ID` shows one and corrects or deletes it."""

from __future__ import annotations

from typing import Annotated

import typer

from refcli.cli.common import REFERRALS, JsonOption, RefId, parse_date, reading, resolved_or_none, writing_rows


def list_referrals(
    ctx: typer.Context,
    given: Annotated[bool, typer.Option("--given", metavar="", help="Only referrals you gave.")] = False,
    received: Annotated[bool, typer.Option("--received", metavar="", help="Only referrals you received.")] = False,
    open_: Annotated[bool, typer.Option("--open", metavar="", help="Only those still in progress.")] = False,
    won: Annotated[bool, typer.Option("--won", metavar="", help="Only those that closed.")] = False,
    lost: Annotated[bool, typer.Option("--lost", metavar="", help="Only lost or no-response.")] = False,
    with_: Annotated[
        str | None, typer.Option("--with", metavar="CONTACT", help="Only those involving this person.")
    ] = None,
    since: Annotated[
        str | None, typer.Option("--since", metavar="DATE", help="Only made on or after this date.")
    ] = None,
    limit: Annotated[int, typer.Option("--limit", metavar="N", min=1, help="Show at most this many.")] = 50,
    show_all: Annotated[bool, typer.Option("--all", metavar="", help="Show all of them.")] = False,
    as_json: JsonOption = False,
) -> None:
    """List referrals and introductions, newest first."""
    from refcli import render
    from refcli.errors import InvalidInput
    from refcli.money import format_money
    from refcli.referrals import views as referral_views

    if given and received:
        raise InvalidInput("--given and --received exclude each other", "give one, or neither for both")
    statuses = [name for name, flag in (("open", open_), ("won", won), ("lost", lost)) if flag]
    if len(statuses) > 1:
        raise InvalidInput("choose one of --open, --won, --lost")
    start = parse_date(since, "--since date")
    with reading(ctx) as reader:
        partner = resolved_or_none(reader, with_)
        rows = referral_views.list_referrals(
            reader,
            direction="given" if given else "received" if received else None,
            status=statuses[0] if statuses else None,
            with_contact=partner,
            since=start,
            limit=None if show_all else limit,
        )
        qual = referral_views.quality(reader, partner.id) if partner else None
    if as_json:
        render.emit_json(rows)
        return
    if rows:
        render.table(
            ["id", "made", "", "partner", "prospect", "kind", "status", "value", "thanked"],
            [
                [
                    r["id"],
                    r["made_on"],
                    "gave" if r["direction"] == "given" else "got",
                    r["partner_name"],
                    r["prospect_name"] or "",
                    ("intro" if r["is_introduction"] else "lead") + (" (mutual)" if r["mutual"] else ""),
                    r["status"].replace("_", " "),
                    format_money(r["value_minor"], r["currency"]) if r["value_minor"] is not None else "",
                    r["thanked_on"] or ("no" if r["direction"] == "received" else ""),
                ]
                for r in rows
            ],
            spare=("kind", "value", "thanked"),
        )
    else:
        render.message("no referrals match" if (given or received or statuses or with_ or since) else
                       "no referrals yet: ref introduce A B, ref give, ref receive")  # fmt: skip
    if qual is not None:
        for text in referral_views.quality_lines(qual):
            render.message(text)


def show_referral(
    ctx: typer.Context,
    referral_id: RefId,
    partner: Annotated[
        str | None, typer.Option("--partner", metavar="CONTACT", help="Correct who it was given to or received from.")
    ] = None,
    prospect: Annotated[
        str | None, typer.Option("--prospect", metavar="NAME", help="Correct the prospect (a contact or text).")
    ] = None,
    why: Annotated[str | None, typer.Option("--why", metavar="TEXT", help="Correct why / what it is.")] = None,
    temperature: Annotated[
        str | None, typer.Option("--temperature", metavar="hot|warm|cold", help="Correct how hot it is.")
    ] = None,
    on: Annotated[str | None, typer.Option("--on", metavar="DATE", help="Correct when it was made.")] = None,
    value: Annotated[
        str | None, typer.Option("--value", metavar="AMOUNT", help="Correct its value (the status date stays).")
    ] = None,
    currency: Annotated[str | None, typer.Option("--currency", metavar="CODE", help="Correct its currency.")] = None,
    delete: Annotated[bool, typer.Option("--delete", metavar="", help="Delete it and its history.")] = False,
    as_json: JsonOption = False,
) -> None:
    """Show one referral with its whole history; with options, correct it or delete it."""
    from refcli import render
    from refcli.money import format_money
    from refcli.referrals import views as referral_views

    made = parse_date(on, "--on date", "past", check=False)
    edits = (partner, prospect, why, temperature, made, value, currency)
    if delete or any(x is not None for x in edits):
        from refcli.errors import InvalidInput
        from refcli.referrals import corrections as referral_corrections

        if delete and any(x is not None for x in edits):
            raise InvalidInput("--delete takes no other changes", f"ref referral {referral_id} --delete")
        with writing_rows(ctx) as writer:
            if delete:
                gone = referral_corrections.delete_referral(writer, referral_id)
            else:
                changed = referral_corrections.edit_referral(
                    writer, referral_id, partner=resolved_or_none(writer, partner), prospect=prospect, why=why,
                    temperature=temperature, on=made, value=value, currency=currency,
                )  # fmt: skip
        if delete:
            if as_json:
                render.emit_json({**gone, "deleted": True})
            else:
                render.line(f"deleted referral #{referral_id} (`ref undo` brings it back)")
            return
        if not as_json:
            render.line(f"corrected referral #{referral_id}: {'; '.join(changed)}")
            return
    with reading(ctx) as reader:
        r = referral_views.one(reader, referral_id)
    if as_json:
        render.emit_json(r)
        return
    kind = ("introduction" if r["is_introduction"] else "lead") + (", mutual" if r["mutual"] else "")
    direction = f"given to {r['partner_name']} ({r['partner']})" if r["direction"] == "given" else (
        f"received from {r['partner_name']} ({r['partner']})"
    )  # fmt: skip
    render.card(
        f"Referral #{r['id']}: {kind}, {direction}",
        [
            ("prospect", r["prospect_name"]),
            ("why", r["reason"]),
            ("temperature", r["temperature"]),
            ("made", r["made_on"]),
            ("status", f"{r['status'].replace('_', ' ')}" + (f" on {r['status_on']}" if r["status_on"] else "")),
            (
                "value",
                format_money(r["value_minor"], r["currency"]) + (" (repeat)" if r["repeat"] else "")
                if r["value_minor"] is not None
                else None,
            ),
            ("what went wrong", r["lost_reason"]),
            ("treated", f"{r['treated']}/5" if r["treated"] else None),
            ("follow up", r["follow_up_on"]),
            (
                "reported back",
                ", ".join(
                    x
                    for x in (
                        f"{r['partner_name']} {r['partner_reported_on']}" if r["partner_reported_on"] else "",
                        f"{r['prospect_name']} {r['prospect_reported_on']}" if r["prospect_reported_on"] else "",
                    )
                    if x
                ),
            ),
            ("thanked", " ".join(x for x in (r["thanked_on"], r["thanked_how"]) if x)),
        ],
        [("History", [f"{e['on']}  {e['kind']}: {e['detail']}" for e in r["history"]])],
    )


def register(app: typer.Typer) -> None:
    app.command("referrals", rich_help_panel=REFERRALS)(list_referrals)
    app.command("referral", rich_help_panel=REFERRALS)(show_referral)
