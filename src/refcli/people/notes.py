"""Notes on a person: writing one, listing them with their ids, correcting and deleting one.
Every change is one journal entry, so `ref undo` takes it back."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any, TypedDict

from refcli import dates
from refcli.errors import InvalidInput
from refcli.people.resolve import Person
from refcli.people.shapes import NoteLine
from refcli.store import Reader, records

if TYPE_CHECKING:
    from refcli.store.writer import Writer

NOTE_LIMIT = 100_000

NOTES = """
SELECT n.id, n.noted_on, n.text FROM note n WHERE n.contact_id = :id
ORDER BY n.noted_on DESC, n.id DESC
"""


class PersonsNotes(TypedDict):
    contact: str
    name: str
    notes: list[NoteLine]


class NoteRecord(NoteLine, records.Whose):
    """One note as a correction prints it: with whose it is."""


def check_note(body: str, hint: str | None = None) -> str:
    """A note's text as stored: trimmed, not empty, within NOTE_LIMIT (adding and correcting)."""
    body = body.strip()
    if not body:
        raise InvalidInput("a note cannot be empty", hint)
    if len(body) > NOTE_LIMIT:
        raise InvalidInput(f"a note is limited to {NOTE_LIMIT:,} characters (this one has {len(body):,})")
    return body


def add_note_row(writer: Writer, contact_id: int, body: str, on: date | None = None) -> int:
    """Write a note down; its id (also left in writer.info["last_note"] for the CLI)."""
    row = {"contact_id": contact_id, "noted_on": on or dates.today(), "text": check_note(body)}
    writer.info["last_note"] = note_id = writer.insert("note", row)
    return note_id


def list_notes(reader: Reader, person: Person) -> PersonsNotes:
    notes: list[NoteLine] = [
        {"id": r["id"], "on": dates.iso(r["noted_on"]), "text": r["text"]}
        for r in reader.rows(NOTES, {"id": person.id})
    ]
    return {"contact": person.handle, "name": person.name, "notes": notes}


def _note(writer: Writer, note_id: int) -> dict[str, Any]:
    return records.row(writer, "note", note_id, "note", "ref notes CONTACT")


def _note_data(writer: Writer, note: dict[str, Any]) -> NoteRecord:
    return {
        "id": note["id"],
        "on": dates.iso(note["noted_on"]),
        "text": note["text"],
        **records.whose(writer, note["contact_id"]),
    }


def edit_note(writer: Writer, note_id: int, *, text: str | None = None, on: date | None = None) -> NoteRecord:
    _note(writer, note_id)  # it exists, or say which listing shows the ids
    if text is None and on is None:
        raise InvalidInput("nothing to change", f'give the new text, or --on DATE: ref note --edit {note_id} "TEXT"')
    changes: dict[str, Any] = {}
    if text is not None:
        changes["text"] = check_note(text, f"to remove it: ref note --delete {note_id}")
    if on is not None:
        changes["noted_on"] = dates.check_tense(on, "past", "--on date")
    writer.update("note", note_id, changes)
    return _note_data(writer, _note(writer, note_id))


def delete_note(writer: Writer, note_id: int) -> NoteRecord:
    return records.remove(writer, "note", note_id, _note_data(writer, _note(writer, note_id)))
