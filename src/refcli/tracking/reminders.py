"""Reminders you set yourself: listing them with their ids, correcting or deleting one. Setting
one is `remind`; a due reminder shows in `ref followups`."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from refcli import dates
from refcli.errors import InvalidInput
from refcli.names import collapse
from refcli.people.resolve import Person
from refcli.store import Reader, records

if TYPE_CHECKING:
    from refcli.store.writer import Writer


REMINDERS = """
SELECT r.id, r.text, r.due_on, r.done_on, c.handle, c.name FROM reminder r
LEFT JOIN contact c ON c.id = r.contact_id
WHERE (:all OR r.done_on IS NULL) ORDER BY r.due_on, r.id
"""


class ReminderRecord(records.Whose):
    """A reminder as listings and corrections give it (`contact` is None for nobody's)."""

    id: int
    text: str
    due_on: str
    done_on: str | None


def list_reminders(reader: Reader, *, done_too: bool = False) -> list[ReminderRecord]:
    """Your reminders, soonest first (open ones only, unless `done_too`)."""
    return [
        {"id": r["id"], "text": r["text"], "due_on": dates.iso(r["due_on"]), "done_on": dates.iso(r["done_on"]),
         "contact": r["handle"], "name": r["name"]}
        for r in reader.rows(REMINDERS, {"all": done_too})
    ]  # fmt: skip


def _reminder_data(writer: Writer, reminder_id: int) -> ReminderRecord:
    reminder = records.row(writer, "reminder", reminder_id, "reminder", "ref reminders")
    return {
        "id": reminder["id"],
        "text": reminder["text"],
        "due_on": dates.iso(reminder["due_on"]),
        "done_on": dates.iso(reminder["done_on"]),
        **records.whose(writer, reminder["contact_id"]),
    }


def edit_reminder(
    writer: Writer,
    reminder_id: int,
    *,
    text: str | None = None,
    on: date | None = None,
    person: Person | None = None,
    nobody: bool = False,
) -> ReminderRecord:
    """Correct a reminder: its text, its day, who it is about (`person`), or about no one (`nobody`)."""
    _reminder_data(writer, reminder_id)  # it exists, or say which listing shows the ids
    changes: dict[str, Any] = {}
    if text is not None:
        if not text.strip():
            raise InvalidInput("a reminder needs some text", f"to remove it: ref reminder {reminder_id} --delete")
        changes["text"] = collapse(text)
    if on is not None:
        changes["due_on"] = on
    if person is not None or nobody:
        changes["contact_id"] = person.id if person else None
    if changes:
        writer.update("reminder", reminder_id, changes)
    return _reminder_data(writer, reminder_id)


def delete_reminder(writer: Writer, reminder_id: int) -> ReminderRecord:
    return records.remove(writer, "reminder", reminder_id, _reminder_data(writer, reminder_id))


def remind(writer: Writer, person: Person | None, text: str, on: date) -> int:
    body = " ".join(text.split())
    if not body:
        raise InvalidInput("a reminder needs some text", 'e.g. ref remind fred "send the article" --on friday')
    return writer.insert("reminder", {"contact_id": person.id if person else None, "text": body, "due_on": on})
