"""Notes on a person: listing them with their ids, correcting and deleting one. Adding a note
is `contacts.add_note`; every change is one journal entry, so `ref undo` takes it back."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any, TypedDict

from refcli import dates
from refcli.errors import InvalidInput
from refcli.people.contacts import check_note
from refcli.people.resolve import Person
from refcli.people.shapes import NoteLine
from refcli.store import Reader, records
from refcli.store import session_reader as reader_for

if TYPE_CHECKING:
    from sqlmodel import Session


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


def list_notes(reader: Reader, person: Person) -> PersonsNotes:
    notes: list[NoteLine] = [
        {"id": r["id"], "on": dates.iso(r["noted_on"]), "text": r["text"]}
        for r in reader.rows(NOTES, {"id": person.id})
    ]
    return {"contact": person.handle, "name": person.name, "notes": notes}


def _note_data(session: Session, note: Any) -> NoteRecord:
    return {
        "id": note.id,
        "on": note.noted_on.isoformat(),
        "text": note.text,
        **records.whose(reader_for(session), note.contact_id),
    }


def edit_note(session: Session, note_id: int, *, text: str | None = None, on: date | None = None) -> NoteRecord:
    from refcli.models import Note

    note = records.get(session, Note, note_id, "note", "ref notes CONTACT")
    if text is None and on is None:
        raise InvalidInput("nothing to change", f'give the new text, or --on DATE: ref note --edit {note_id} "TEXT"')
    if text is not None:
        note.text = check_note(text, f"to remove it: ref note --delete {note_id}")
    if on is not None:
        note.noted_on = dates.check_tense(on, "past", "--on date")
    session.add(note)
    session.flush()
    return _note_data(session, note)


def delete_note(session: Session, note_id: int) -> NoteRecord:
    from refcli.models import Note

    return records.delete(session, records.get(session, Note, note_id, "note", "ref notes CONTACT"), _note_data)
