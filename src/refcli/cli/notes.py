"""Notes on a person: `ref note` writes one (or corrects one by id), `ref notes` lists them with their ids."""

from __future__ import annotations

from typing import Annotated

import typer

from refcli.cli.common import PEOPLE, Contact, JsonOption, parse_date, reading, resolved, writing_rows


def note(
    ctx: typer.Context,
    who: Annotated[
        str | None, typer.Argument(metavar="CONTACT", help="Who the note is about.", show_default=False)
    ] = None,
    text: Annotated[
        str | None, typer.Argument(metavar="TEXT", help="What you want to remember.", show_default=False)
    ] = None,
    on: Annotated[str | None, typer.Option("--on", metavar="DATE", help="When (default today).")] = None,
    edit: Annotated[
        int | None, typer.Option("--edit", metavar="ID", help='Correct note ID instead: ref note --edit 31 "TEXT".')
    ] = None,
    delete: Annotated[int | None, typer.Option("--delete", metavar="ID", help="Delete note ID instead.")] = None,
    as_json: JsonOption = False,
) -> None:
    """Write down something about someone; `--edit ID` or `--delete ID` corrects one (ids: `ref notes CONTACT`)."""
    from refcli import render
    from refcli.errors import InvalidInput

    when = parse_date(on, "--on date", "past")
    if edit is not None or delete is not None:
        from refcli.people import notes as note_records

        if edit is not None and delete is not None:
            raise InvalidInput("give --edit or --delete, not both")
        if delete is not None and (who is not None or text is not None or when is not None):
            raise InvalidInput("--delete takes only the note's id", f"ref note --delete {delete}")
        if edit is not None and who is not None and text is not None:
            raise InvalidInput("with --edit, give only the new text", f'ref note --edit {edit} "TEXT"')
        with writing_rows(ctx) as writer:
            if delete is not None:
                result = note_records.delete_note(writer, delete)
            else:
                result = note_records.edit_note(writer, edit or 0, text=text if text is not None else who, on=when)
        if as_json:
            render.emit_json(result)
            return
        verb = "deleted" if delete is not None else "corrected"
        render.line(f"{verb} note #{result['id']} about {result['name']} ({result['contact']})")
        return
    if who is None or text is None:
        raise InvalidInput("say who the note is about and what it says", 'e.g. ref note fred "likes golf"')
    from refcli.people import contacts

    with writing_rows(ctx) as writer:
        person = contacts.add_note(writer, resolved(writer, who), text, when)
        note_id = writer.info.get("last_note")
    if as_json:
        render.emit_json({"id": note_id, "contact": person.handle, "name": person.name, "text": text.strip()})
        return
    render.line(f"noted for {person.name} ({person.handle})" + (f" (note #{note_id})" if note_id else ""))


def notes(ctx: typer.Context, who: Contact, as_json: JsonOption = False) -> None:
    """Every note about someone, newest first, with the ids `ref note --edit/--delete` take."""
    from refcli import render
    from refcli.people import notes as note_records

    with reading(ctx) as reader:
        found = note_records.list_notes(reader, resolved(reader, who))
    if as_json:
        render.emit_json(found)
        return
    if not found["notes"]:
        render.message(f"no notes about {found['name']} yet: ref note {found['contact']} TEXT")
        return
    render.table(["id", "on", "note"], [(n["id"], n["on"], n["text"]) for n in found["notes"]])


def register(app: typer.Typer) -> None:
    app.command("note", rich_help_panel=PEOPLE)(note)
    app.command("notes", rich_help_panel=PEOPLE)(notes)
