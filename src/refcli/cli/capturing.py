"""`ref capture`: touches from the mail, calendars and phone logs on this machine."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Annotated, Any

import typer

from refcli.cli.common import KEEPING, JsonOption, location, parse_date

if TYPE_CHECKING:
    from refcli.capture.capture import Report

PROGRESS_FROM = 2000  # items: fewer are read too quickly to need a progress bar
BACK_DAYS = 730  # without --since, how far back a recurring event is expanded
SHOWN = 10  # people not in ref listed in the text (--json lists every one)
AHEAD_DAYS = 90  # how far ahead a calendar is read, to schedule one-to-one events as one-on-ones


def capture(
    ctx: typer.Context,
    sources: Annotated[
        list[str],
        typer.Argument(
            metavar="SOURCE...",
            help="A maildir (or a tree of them), an mbox file, an IMAP account (imaps://USER@HOST/FOLDER), "
            "an .ics file or a folder of them, or an SMS Backup & Restore calls.xml / sms.xml.",
            show_default=False,
        ),
    ],
    since: Annotated[
        str | None, typer.Option("--since", metavar="DATE", help="Only what happened on or after DATE.")
    ] = None,
    keep_subjects: Annotated[
        bool, typer.Option("--keep-subjects", metavar="", help="Keep each message's subject as the touch's note.")
    ] = False,
    dry_run: Annotated[bool, typer.Option("--dry-run", metavar="", help="Show what would be recorded.")] = False,
    verbose: Annotated[bool, typer.Option("--verbose", metavar="", help="List what was skipped, and why.")] = False,
    as_json: JsonOption = False,
) -> None:
    """Record when you were in touch, from the mail, calendars and phone logs on this machine.

    A message to or from a contact (at most 10 people on it) is a touch by email; a past event with a
    contact a touch by event (a one-to-one event a one-on-one; one ahead is scheduled); a call or a text
    with their number a touch by call or message. Mailing lists, bulk mail, cancelled or declined events
    and missed calls never count. Only the day, the channel and the direction are kept (the subject with
    --keep-subjects), never a body, and nothing leaves this machine. Capturing again adds nothing twice;
    `ref undo` takes a whole capture back.
    """
    from datetime import timedelta

    from refcli import dates, render, settings
    from refcli.capture import capture as capturing
    from refcli.capture import seen
    from refcli.capture import sources as found_sources
    from refcli.store import open_reader, write_transaction

    start = parse_date(since, "--since date", "past")
    chosen = [found_sources.detect(text) for text in sources]  # every source checked before any is read
    today = dates.today()
    low = start or today - timedelta(days=BACK_DAYS)
    options = f"since={start} subjects={keep_subjects} back={BACK_DAYS} ahead={AHEAD_DAYS}"
    loc = location(ctx)
    with open_reader(loc) as reader:
        prints = {s.key(): seen.full_print(reader, seen.source_print(s, today, options)) for s in chosen}
        fresh = dry_run or verbose  # a dry run, or a look at what is skipped, reads everything
        unchanged = [] if fresh else [s for s in chosen if seen.unchanged(reader, s.key(), prints[s.key()])]
    if chosen and len(unchanged) == len(chosen):
        _nothing_new([s.label() for s in chosen], as_json)
        return
    items: list[Any] = []
    counts: dict[str, int] = {}
    for source in chosen:
        if source not in unchanged:
            found = list(found_sources.items(source, low, today + timedelta(days=AHEAD_DAYS), start))
            counts[source.key()] = len(found)
            items += found
    with open_reader(loc) as reader:
        mine = capturing.my_addresses(settings.load(reader).my_addresses, items)
    window = capturing.Window(start, today)
    with write_transaction(loc, commit=not dry_run) as writer:
        for key, count in counts.items():
            seen.remember(writer, key, prints[key], count)
        if len(items) >= PROGRESS_FROM and sys.stderr.isatty():
            from rich.progress import Progress

            with Progress(transient=True) as bar:
                task = bar.add_task("capturing", total=len(items))
                report = capturing.record(writer, items, window, mine, keep_subjects=keep_subjects,
                                          progress=lambda n: bar.advance(task, n))  # fmt: skip
        else:
            report = capturing.record(writer, items, window, mine, keep_subjects=keep_subjects)
    if as_json:
        unread = [s.label() for s in unchanged]
        render.emit_json({**report.as_json(), "sources": [s.label() for s in chosen], "unchanged": unread,
                          "dry_run": dry_run})  # fmt: skip
        return
    _say(report, [s.label() for s in chosen], dry_run, verbose)


def _nothing_new(labels: list[str], as_json: bool) -> None:
    """Every source is as the last capture left it, and so are your people: nothing to read."""
    from refcli import render

    if as_json:
        from refcli.capture.capture import Report

        render.emit_json({**Report().as_json(), "sources": labels, "unchanged": labels, "dry_run": False})
        return
    render.line(f"nothing new in {', '.join(labels)} since the last capture (read again after a change to them "
                "or to your people's addresses and numbers)")  # fmt: skip


def _n(count: int, one: str, many: str | None = None) -> str:
    return f"{count:,} {one if count == 1 else many or one + 's'}"


def report_skipped(report: Report, verbose: bool) -> str:
    return f"{len(report.skipped):,}" + ("" if verbose or not report.skipped else " (see --verbose)")


def _say(report: Report, labels: list[str], dry_run: bool, verbose: bool) -> None:
    from refcli import render

    prefix = "dry run, nothing recorded: " if dry_run else ""
    people = len({t["contact"] for t in report.touches})
    render.line(
        f"{prefix}read {report.read:,} from {', '.join(labels)}: {_n(len(report.touches), 'touch', 'touches')} with "
        f"{_n(people, 'person', 'people')}, {_n(len(report.meetings), 'one-on-one')}; {report.already:,} already "
        f"recorded, {report.not_counted:,} with nobody in ref, skipped {report_skipped(report, verbose)}"
    )
    for meeting in report.meetings:
        render.line(
            f"  one-on-one {meeting['status']} with {meeting['name']} ({meeting['contact']}) on {meeting['on']}"
        )
    if verbose:
        for skip in report.skipped:
            render.line(f"  skipped {skip.where}: {skip.why}")
    if report.unknown:
        render.line(f"{_n(len(report.unknown), 'person', 'people')} you write to, not in ref:")
        for who in report.unknown[:SHOWN]:
            name = who.name or who.address.split("@")[0].title()
            render.line(f'  {who.messages} messages with {who.address}: ref add-contact "{name}" --email {who.address}')
        if len(report.unknown) > SHOWN:
            render.line(f"  ... and {len(report.unknown) - SHOWN:,} more (--json lists them all)")
    if report.likely_mine:
        mine = ", ".join(report.likely_mine)
        render.message(f"tip: {mine} is on most of this mail, so ref took it for yours: ref config my_addresses {mine}")
    elif not report.mine:
        render.message("tip: ref config my_addresses you@example.com tells ref which mail you sent")


def register(app: typer.Typer) -> None:
    app.command("capture", rich_help_panel=KEEPING)(capture)
