"""Correcting a one-on-one by its id: show it, move it, correct what was said, cancel or delete
it, with the same checks as recording it."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from refcli import dates
from refcli.errors import InvalidInput
from refcli.people.resolve import Person
from refcli.store import records
from refcli.store import session_reader as reader_for

if TYPE_CHECKING:
    from sqlmodel import Session


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


def _meeting_data(session: Session, meeting: Any) -> MeetingRecord:
    return {
        "id": meeting.id,
        "on": meeting.day.isoformat(),
        "status": meeting.status,
        **records.whose(reader_for(session), meeting.contact_id),
        "where": meeting.place,
        "notes": meeting.notes,
        "learned": meeting.learned,
        "they_asked": meeting.they_asked,
        "i_asked": meeting.i_asked,
    }


def get_meeting(session: Session, meeting_id: int) -> MeetingRecord:
    from refcli.models import Meeting

    return _meeting_data(session, records.get(session, Meeting, meeting_id, "one-on-one", "ref meetings"))


def edit_meeting(
    session: Session,
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
    from refcli.models import Meeting

    meeting = records.get(session, Meeting, meeting_id, "one-on-one", "ref meetings")
    if on is not None:
        if meeting.status == "held" and on > dates.today():
            raise InvalidInput(f"{on.isoformat()} is in the future: a held one-on-one has already happened")
        if meeting.status == "scheduled" and on < dates.today():
            raise InvalidInput(
                f"{on.isoformat()} has passed: a scheduled one-on-one is in the future",
                "if it happened, record it: ref meet CONTACT --on DATE",
            )
        meeting.day = on
    if person is not None:
        meeting.contact_id = person.id
    for name, value in (("place", place), ("notes", notes), ("learned", learned)):
        if value is not None:
            setattr(meeting, name, value.strip() or None)
    if they_asked is not None:
        meeting.they_asked = they_asked
    if i_asked is not None:
        meeting.i_asked = i_asked
    session.add(meeting)
    session.flush()
    return _meeting_data(session, meeting)


def delete_meeting(session: Session, meeting_id: int, *, cancel: bool = False) -> MeetingRecord:
    """Delete a one-on-one; `cancel` is for a scheduled one only (a held one happened)."""
    from refcli.models import Meeting

    meeting = records.get(session, Meeting, meeting_id, "one-on-one", "ref meetings")
    if cancel and meeting.status != "scheduled":
        raise InvalidInput(
            f"one-on-one #{meeting_id} was held on {meeting.day.isoformat()}: there is nothing to cancel",
            f"to remove the record of it: ref meeting {meeting_id} --delete",
        )
    return records.delete(session, meeting, _meeting_data)
