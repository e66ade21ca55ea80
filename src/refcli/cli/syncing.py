"""`ref sync [FOLDER]`: two-way sync with an address book kept as a vdir (see sync/engine.py)."""

from __future__ import annotations

import sys
from typing import Annotated, Any

import typer

from refcli.cli.common import DATA, JsonOption, location

PROGRESS_FROM = 300  # cards: fewer sync too quickly to need a progress bar


def sync(
    ctx: typer.Context,
    folder: Annotated[
        str | None,
        typer.Argument(
            metavar="[FOLDER]",
            help="The address book's folder: one .vcf per card, as vdirsyncer keeps it (default: `ref config "
            "sync_folder`).",
            show_default=False,
        ),
    ] = None,
    prefer: Annotated[
        str | None,
        typer.Option(
            "--prefer", metavar="ref|vdir", help="Who wins a field changed on both sides (default: the later)."
        ),
    ] = None,
    remove_cards: Annotated[
        bool,
        typer.Option("--remove-cards", metavar="", help="Also remove the cards of people deleted or archived in ref."),
    ] = False,
    merge_cards: Annotated[
        bool,
        typer.Option(
            "--merge-cards", metavar="", help="Fold the phone's second card for someone into their first (one card)."
        ),
    ] = False,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", metavar="", help="Say what would change; change nothing.")
    ] = False,
    as_json: JsonOption = False,
) -> None:
    """Sync with your address book, both ways: new people, changed fields, deleted cards."""
    from pathlib import Path

    from refcli import render, settings
    from refcli.errors import InvalidInput
    from refcli.store import open_reader, write_transaction
    from refcli.sync import engine, vdir

    if prefer is not None and prefer not in ("ref", "vdir"):
        raise InvalidInput(f"--prefer {prefer!r}", "use --prefer ref or --prefer vdir")
    loc = location(ctx)
    if folder is None:
        with open_reader(loc) as reader:
            folder = settings.load(reader).sync_folder or None
    if not folder:
        raise InvalidInput("which address-book folder?", "ref sync FOLDER, or once: ref config sync_folder FOLDER")
    path = vdir.check(Path(folder).expanduser())
    with write_transaction(loc, commit=not dry_run) as writer:
        cards = vdir.count(path) if sys.stderr.isatty() else 0
        if cards >= PROGRESS_FROM:  # a first sync of a big address book
            from rich.progress import Progress

            with Progress(transient=True) as bar:
                task = bar.add_task(f"syncing {path.name}", total=cards)
                report = engine.run(
                    writer, path, prefer=prefer, remove_cards=remove_cards, merge_cards=merge_cards,
                    progress=lambda n: bar.advance(task, n),
                )  # fmt: skip
        else:
            report = engine.run(writer, path, prefer=prefer, remove_cards=remove_cards, merge_cards=merge_cards)
        if not dry_run:
            engine.write_cards(path, report)
    if as_json:
        render.emit_json({**report.as_json(), "dry_run": dry_run})
        return
    _say(report, dry_run)


def _say(report: Any, dry_run: bool) -> None:
    from refcli import render

    counts = [
        (len(report.created_in_ref), "new in ref"), (len(report.linked), "linked to people in ref"),
        (len(report.updated_in_ref), "updated in ref"),
        (len(report.created_cards), "new cards"), (len(report.updated_cards), "cards updated"),
        (len(report.archived), "archived (card deleted)"), (len(report.removed_cards), "cards removed"),
        (len(report.conflicts), "conflicts"), (report.unchanged, "unchanged"),
        (len(report.notes_from_cards), "notes from the phone"), (len(report.merged_cards), "cards merged"),
        (len(report.skipped), "left alone"),
    ]  # fmt: skip
    verb = "would sync" if dry_run else "synced"
    said = ", ".join(f"{n} {what}" for n, what in counts if n) or "nothing to do"
    render.line(f"{verb} {report.folder}: {said}")
    for skipped in report.skipped:
        render.line(f"  left alone: {skipped['card']}: {skipped['reason']}")
    for merged in report.merged_cards:
        render.line(f"  merged: {merged['card']} into {merged['into']} (the address book has one card again)")
    for c in report.conflicts:
        kept = "ref's" if c["kept"] == "ref" else "the address book's"
        render.line(
            f"  conflict: {c['contact']} {c['field']}: ref had {c['ref']!r}, the address book {c['address_book']!r}; "
            f"kept {kept}, the other is in a note"
        )


def register(app: typer.Typer) -> None:
    app.command("sync", rich_help_panel=DATA)(sync)
