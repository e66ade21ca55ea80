"""Correcting a one-on-one by its id: show it, move it, correct what was said, cancel or delete
it, with the same checks as recording it. Written in SQL through the Writer (showing one reads
through the read door: it writes nothing)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from refcli import dates
from refcli.errors import InvalidInput
from refcli.meetings import oneonones
from refcli.people.resolve import Person
from refcli.store import Reader, records

if TYPE_CHECKING:
    from refcli.store.writer import Writer

LISTING = "ref meetings"


class MeetingRecord(records.Whose):
    """A one-on-one as `ref meeting ID` shows it and a correction prints it."""

    id: int
    on: str
    status: str
    where: str | None
    notes: str | None
    learned: str | None
    they_asked: bool | None
    i_asked: bool | None


def _meeting_data(reader: Reader, meeting: dict[str, Any]) -> MeetingRecord:
    """The one shape of a meeting (`oneonones.record`), its day as ISO text."""
    whose = records.whose(reader, meeting["contact_id"])
    found = oneonones.record(meeting, whose["contact"], whose["name"])
    return {**found, "on": dates.iso(meeting["day"])}


def get_meeting(reader: Reader, meeting_id: int) -> MeetingRecord:
    return _meeting_data(reader, records.row(reader, "meeting", meeting_id, "one-on-one", LISTING))


def edit_meeting(
    writer: Writer,
    meeting_id: int,
    *,
    on: date | None = None,
    person: Person | None = None,
    place: str | None = None,
    notes: str | None = None,
    learned: str | None = None,
    they_asked: bool | None = None,
    i_asked: bool | None = None,
) -> MeetingRecord:
    """Move or correct a one-on-one; "" clears a text. A held one stays in the past, a scheduled
    one in the future (to record that a scheduled one happened, `ref meet` it)."""
    meeting = records.row(writer, "meeting", meeting_id, "one-on-one", LISTING)
    changes: dict[str, Any] = {}
    if on is not None:
        if meeting["status"] == "held" and on > dates.today():
            raise InvalidInput(f"{on.isoformat()} is in the future: a held one-on-one has already happened")
        if meeting["status"] == "scheduled" and on < dates.today():
            raise InvalidInput(
                f"{on.isoformat()} has passed: a scheduled one-on-one is in the future",
                "if it happened, record it: ref meet CONTACT --on DATE",
            )
        changes["day"] = on
    if person is not None:
        changes["contact_id"] = person.id
    for column, value in (("place", place), ("notes", notes), ("learned", learned)):
        if value is not None:
            changes[column] = value.strip() or None
    if they_asked is not None:
        changes["they_asked"] = they_asked
    if i_asked is not None:
        changes["i_asked"] = i_asked
    if changes:
        writer.update("meeting", meeting_id, changes)
    return get_meeting(writer, meeting_id)


def delete_meeting(writer: Writer, meeting_id: int, *, cancel: bool = False) -> MeetingRecord:
    """Delete a one-on-one; `cancel` is for a scheduled one only (a held one happened)."""
    meeting = records.row(writer, "meeting", meeting_id, "one-on-one", LISTING)
    if cancel and meeting["status"] != "scheduled":
        raise InvalidInput(
            f"one-on-one #{meeting_id} was held on {dates.iso(meeting['day'])}: there is nothing to cancel",
            f"to remove the record of it: ref meeting {meeting_id} --delete",
        )
    return records.remove(writer, "meeting", meeting_id, _meeting_data(writer, meeting))
