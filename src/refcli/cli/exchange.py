"""`ref import` and `ref export`: bring your network in, take it anywhere."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from refcli.cli.common import DATA, JsonOption, location, reading, resolved
from refcli.exchange import formats

PROGRESS_FROM = 300  # records: below this an import is too quick to need a progress bar


def import_(
    ctx: typer.Context,
    files: Annotated[list[Path], typer.Argument(metavar="FILE...", help="vCard (.vcf), CSV, or a ref backup (.json).")],
    fmt: Annotated[
        str, typer.Option("--format", metavar=formats.choices("import"), help="Skip detection (auto: read the file).")
    ] = "auto",
    tag: Annotated[
        list[str] | None, typer.Option("--tag", metavar="TAG", help="Tag everyone imported; repeatable.")
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", metavar="", help="Report what would happen; write nothing.")
    ] = False,
    merge_on: Annotated[
        list[str] | None,
        typer.Option(
            "--merge-on",
            metavar="email|phone|name",
            help="Also treat as one person whoever shares this, whatever the names say; repeatable.",
        ),
    ] = None,
    encoding: Annotated[
        str | None,
        typer.Option(
            "--encoding",
            metavar="NAME",
            help="Read a CSV file in this encoding (windows-1252, iso-8859-2...) instead of ref's guess.",
        ),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Bring people in from your phone (vCard), Google, Outlook, LinkedIn, or a ref backup."""
    from refcli import render
    from refcli.errors import InvalidInput, RefError, StorageError
    from refcli.exchange.importer import LOOSER
    from refcli.store import mask_secrets

    if fmt != "auto":
        formats.get(fmt, "import")
    if encoding:
        import codecs

        try:
            codecs.lookup(encoding)
        except LookupError:
            raise InvalidInput(
                f"unknown encoding {encoding!r}", "name one like utf-8, windows-1252, iso-8859-2 or utf-16"
            ) from None
    looser = frozenset(m.strip().lower() for m in (merge_on or []))
    if looser - set(LOOSER):
        raise InvalidInput(f"--merge-on takes {', '.join(LOOSER)}, not {', '.join(sorted(looser - set(LOOSER)))}")
    loc = location(ctx)
    reports: list[dict[str, Any]] = []
    failures: list[str] = []
    for path in files:
        shown = mask_secrets(str(path))  # a database URL given here by mistake: never its password
        try:
            data = path.read_bytes()
        except IsADirectoryError:
            failures.append(f"{shown}: is a folder")
            continue
        except OSError as exc:
            failures.append(f"{shown}: cannot read it ({exc.strerror})")
            continue
        try:
            kind = formats.detect(data) if fmt == "auto" else fmt
            if kind == "backup":
                reports.append(_restore(loc, path, data, dry_run))
                continue
            result, people, expected = formats.read_ahead(data, kind, encoding)
            report = _import_one(loc, path, (result, people, expected), tag or [], dry_run, looser)
        except StorageError:
            raise
        except RefError as exc:
            failures.append(f"{shown}: {exc.line()}")
            continue
        reports.append(report.as_json())
    if as_json:
        render.emit_json({"dry_run": dry_run, "files": reports, "failed": failures})
    else:
        for r in reports:
            _say(r, dry_run)
    for failure in failures:
        render.message(f"error: {failure}")
    if failures:
        raise typer.Exit(3)


def _import_one(loc: Any, path: Path, read: Any, tags: list[str], dry_run: bool, merge_on: frozenset[str]) -> Any:
    """One file's people (`read`: the reader's result, the people as they come, how many) in one
    write."""
    from refcli.exchange import importer
    from refcli.store import write_transaction

    result, people, total = read
    with write_transaction(loc, commit=not dry_run) as writer:
        if total >= PROGRESS_FROM and sys.stderr.isatty():
            from rich.progress import Progress

            with Progress(transient=True) as bar:
                task = bar.add_task(f"importing {path.name}", total=total)
                return importer.import_records(
                    writer,
                    result,
                    source=path.name,
                    tags=tags,
                    progress=lambda n: bar.advance(task, n),
                    merge_on=merge_on,
                    records=people,
                )
        return importer.import_records(writer, result, source=path.name, tags=tags, merge_on=merge_on, records=people)


def _restore(loc: Any, path: Path, data: bytes, dry_run: bool) -> dict[str, Any]:
    import json

    from refcli.errors import InvalidInput
    from refcli.exchange import backup
    from refcli.store import write_transaction

    try:
        parsed = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InvalidInput(f"not valid JSON ({exc})") from None
    except RecursionError:
        raise InvalidInput("the JSON nests deeper than any backup does", "the file is damaged or crafted") from None
    from refcli.store import KNOWN_REVISIONS, SCHEMA_HEAD

    schema = parsed.get("schema") if isinstance(parsed, dict) else None
    older = schema in KNOWN_REVISIONS and schema != SCHEMA_HEAD and parsed.get("format") == backup.FORMAT
    if older:  # a backup of an earlier release: upgraded by the migrations, then restored as today's
        from refcli.exchange import backup_upgrade

        parsed = backup_upgrade.upgraded(parsed)
    converted = backup.validate(parsed)
    with write_transaction(loc, commit=not dry_run, journal=False) as writer:  # the backup brings its journal
        counts = backup.load(writer, converted)
    return {"file": str(path), "format": "backup", "restored": counts, "created": counts.get("contact", 0),
            "schema": schema, "upgraded_to": SCHEMA_HEAD if older else None}  # fmt: skip


def _say(r: dict[str, Any], dry_run: bool) -> None:
    from refcli import render

    prefix = "dry run, nothing written: " if dry_run else ""
    if r["format"] == "backup":
        total = sum(r["restored"].values())
        upgraded = f" (a backup of schema {r['schema']}, upgraded to {r['upgraded_to']})" if r["upgraded_to"] else ""
        render.line(f"{prefix}{r['file']} (backup): restored {total} rows, {r['created']} people{upgraded}")
        return
    read_as = ", ".join(x for x in (r.get("dialect"), r.get("encoding")) if x)
    text = (
        f"{prefix}{r['file']} ({r['format']}{': ' + read_as if read_as else ''}): "
        f"{r['created']} created, {r['updated']} updated, "
        f"{r['unchanged']} unchanged, {len(r['skipped'])} skipped"
    )
    if r["photos_skipped"]:
        text += f"; {r['photos_skipped']} photo{'s' if r['photos_skipped'] != 1 else ''} not kept"
    render.line(text)
    for s in r["skipped"]:
        render.line(f"  skipped {s['where']}: {s['reason']}")
    for w in r["warnings"]:
        render.message(f"  note: {w}")
    for k in r.get("kept_apart", []):
        render.message(
            f"  kept apart: {k['name']} ({k['where']}) shares {k['shares']} with {k['with_name']} ({k['with']}); "
            f"if they are one person: ref merge {k['with']} {k['contact']}"
        )


def export(
    ctx: typer.Context,
    people: Annotated[
        list[str] | None,
        typer.Argument(metavar="[CONTACT]...", help="Only these people (vcard, csv): send Fred's card to Sally."),
    ] = None,
    tag: Annotated[str | None, typer.Option("--tag", metavar="TAG", help="Only the people with this tag.")] = None,
    fmt: Annotated[
        str, typer.Option("--format", metavar=formats.choices("export"), help="What to write (default backup).")
    ] = "backup",
    output: Annotated[
        Path | None, typer.Option("--output", "-o", metavar="FILE", help="Write to this file (default: stdout).")
    ] = None,
    force: Annotated[bool, typer.Option("--force", metavar="", help="Replace FILE if it exists.")] = False,
    vcard_version: Annotated[int, typer.Option("--vcard-version", metavar="3|4", help="vCard version.")] = 4,
    with_notes: Annotated[
        bool,
        typer.Option(
            "--with-notes",
            metavar="",
            help="With named people or --tag: also what you wrote about them (notes, trust, tags, where you met).",
        ),
    ] = False,
    as_json: Annotated[
        bool, typer.Option("--json", metavar="", help="With -o: print what was written as JSON.")
    ] = False,
) -> None:
    """Take your network anywhere: a complete backup, CSV, vCard, a calendar of follow-ups, a graph.

    Name people (or give --tag) to export just them as vCard or CSV, to send on:
    `ref export --format vcard fred`. That carries only what is theirs to share (name,
    channels, company, title, business, offerings); `--with-notes` adds what you wrote about them.
    """
    from refcli import render
    from refcli.errors import InvalidInput
    from refcli.exchange import exporter
    from refcli.files import write_new_file

    formats.get(fmt, "export")
    if vcard_version not in (3, 4):
        raise InvalidInput("--vcard-version is 3 or 4")
    if output is not None and output.exists() and not force:
        from refcli.errors import Conflict

        raise Conflict(f"{output} already exists", "give another name, or --force to replace it")
    chosen: tuple[str, ...] = ()
    if people:
        with reading(ctx) as reader:
            chosen = tuple(resolved(reader, who).handle for who in people)
    options = formats.ExportOptions(vcard_version=vcard_version, people=chosen, tag=tag, with_notes=with_notes)
    if options.shares and fmt in ("vcard", "csv"):
        render.message(
            "sharing only what is theirs to share (name, channels, company, title, business, offerings); "
            "--with-notes adds what you wrote about them"
        )
    chunks = exporter.export(location(ctx), fmt, options)
    if output is None:
        shown = render.terminal_text if render.to_terminal() else str  # a person's screen gets no escapes
        for chunk in chunks:
            sys.stdout.write(shown(chunk))
        return
    write_new_file(output, (chunk.encode("utf-8") for chunk in chunks), force=force)
    if as_json:
        render.emit_json({"file": str(output), "format": fmt, "bytes": output.stat().st_size})
        return
    render.message(f"wrote {output} ({fmt}, {output.stat().st_size:,} bytes)")


def register(app: typer.Typer) -> None:
    app.command("import", rich_help_panel=DATA)(import_)
    app.command("export", rich_help_panel=DATA)(export)
