"""One-on-ones: logging what happened, scheduling the next, and reading them back.

A one-on-one is held (in the past or today) or scheduled (today or later). Logging
a meeting on or near a scheduled date turns that scheduled one into the held one,
so a plan and its record are one row.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING, Any, TypedDict

from refcli import dates
from refcli.errors import InvalidInput
from refcli.meetings import oneonones_sql as q
from refcli.names import optional_block
from refcli.people.resolve import Person
from refcli.store import Reader

if TYPE_CHECKING:
    from sqlmodel import Session

NEAR_DAYS = 7  # a meeting logged within a week of a scheduled one is that one
UNLIMITED = 2**62


def log_meeting(
    session: Session,
    person: Person,
    *,
    on: date | None = None,
    place: str | None = None,
    notes: str | None = None,
    learned: str | None = None,
    they_asked: bool | None = None,
    i_asked: bool | None = None,
    next_on: date | None = None,
) -> dict[str, Any]:
    today = dates.today()
    day = on or today
    if day > today:
        raise InvalidInput(
            f"{day.isoformat()} is in the future: a held one-on-one has already happened",
            f"to plan one, use `ref schedule {person.handle} {day.isoformat()}`",
        )
    if next_on is not None and next_on <= day:
        raise InvalidInput(
            f"--next {next_on.isoformat()} is not after the meeting on {day.isoformat()}",
            "give a later date, e.g. --next +4w",
        )
    from sqlalchemy import select
    from sqlmodel import col

    from refcli.models import Meeting

    scheduled = session.execute(
        select(Meeting)
        .where(
            col(Meeting.contact_id) == person.id,
            col(Meeting.status) == "scheduled",
            col(Meeting.day) >= day - timedelta(days=NEAR_DAYS),
            col(Meeting.day) <= day + timedelta(days=NEAR_DAYS),
        )
        .order_by(col(Meeting.day))
    ).scalars()
    planned = min(scheduled, key=lambda m: abs((m.day - day).days), default=None)
    same_day = session.execute(
        select(col(Meeting.id)).where(
            col(Meeting.contact_id) == person.id, col(Meeting.status) == "held", col(Meeting.day) == day
        )
    ).first()
    meeting = planned or Meeting(contact_id=person.id, day=day, status="held")
    meeting.day, meeting.status = day, "held"
    meeting.place = optional_block(place) or meeting.place
    meeting.notes, meeting.learned = optional_block(notes), optional_block(learned)
    meeting.they_asked, meeting.i_asked = they_asked, i_asked
    session.add(meeting)
    if next_on is not None:
        _schedule(session, person, next_on, None)
    session.flush()
    return {
        "id": meeting.id,
        "already_held_that_day": same_day[0] if same_day else None,
        "contact": person.handle,
        "name": person.name,
        "on": day.isoformat(),
        "was_scheduled": planned is not None,
        "next_on": next_on.isoformat() if next_on else None,
    }


def _schedule(session: Session, person: Person, day: date, place: str | None) -> tuple[int, bool]:
    """Add a scheduled meeting unless one is already planned that day; returns its id and
    whether it was added."""
    from sqlalchemy import select
    from sqlmodel import col

    from refcli.models import Meeting

    exists = session.execute(
        select(col(Meeting.id)).where(
            col(Meeting.contact_id) == person.id, col(Meeting.status) == "scheduled", col(Meeting.day) == day
        )
    ).first()
    if exists:
        return int(exists[0]), False
    meeting = Meeting(contact_id=person.id, day=day, status="scheduled", place=optional_block(place))
    session.add(meeting)
    session.flush()
    assert meeting.id is not None
    return meeting.id, True


class Scheduled(TypedDict):
    """A one-on-one `ref schedule` planned (added: False when one was already there)."""

    id: int
    contact: str
    name: str
    on: str
    added: bool


class Nearby(TypedDict):
    id: int
    on: str
    contact: str
    name: str


class Meeting(TypedDict):
    """A one-on-one as `ref meetings` lists it."""

    id: int
    on: Any  # a day: text from SQLite, a date from a server
    status: str
    contact: str
    name: str
    where: str | None
    notes: str | None
    learned: str | None
    they_asked: bool | None
    i_asked: bool | None


class Summary(TypedDict):
    """One person's one-on-ones in short, for `show`."""

    held: int
    last_met: Any
    next_on: Any
    last: dict[str, Any] | None
    they_asked: int
    asked_recorded: int
    reciprocity: str | None


def schedule(session: Session, person: Person, day: date, place: str | None = None) -> Scheduled:
    if day < dates.today():
        raise InvalidInput(
            f"{day.isoformat()} has passed: a scheduled one-on-one is in the future",
            f"to record one that happened, use `ref meet {person.handle} --on {day.isoformat()}`",
        )
    meeting_id, added = _schedule(session, person, day, place)
    return {"id": meeting_id, "contact": person.handle, "name": person.name, "on": day.isoformat(), "added": added}


NEARBY_SCHEDULED = """
SELECT id, day FROM meeting
WHERE contact_id = :id AND status = 'scheduled' AND day <> :day AND (day < :today OR (day >= :low AND day <= :high))
ORDER BY day LIMIT 1
"""


def nearby_scheduled(reader: Reader, person: Person, day: date) -> Nearby | None:
    """A one-on-one already scheduled with them within a week of `day`, or one that was missed
    (its date passed without `ref meet`): `ref schedule` offers to move it instead."""
    params = {
        "id": person.id,
        "day": day.isoformat(),
        "today": dates.today().isoformat(),
        "low": (day - timedelta(days=NEAR_DAYS)).isoformat(),
        "high": (day + timedelta(days=NEAR_DAYS)).isoformat(),
    }
    row = reader.row(NEARBY_SCHEDULED, params)
    return {"id": row["id"], "on": str(row["day"]), "contact": person.handle, "name": person.name} if row else None


def list_meetings(
    reader: Reader,
    person: Person | None = None,
    *,
    upcoming: bool = False,
    since: date | None = None,
    limit: int | None = 50,
) -> list[Meeting]:
    params: dict[str, Any] = {"today": dates.today().isoformat(), "limit": UNLIMITED if limit is None else limit}
    if person:
        params["contact_id"] = person.id
    if since:
        params["since"] = since.isoformat()
    sql = q.list_meetings(contact=person is not None, upcoming=upcoming, since=since is not None)
    return [
        {
            "id": r["id"],
            "on": r["day"],
            "status": r["status"],
            "contact": r["handle"],
            "name": r["name"],
            "where": r["place"],
            "notes": r["notes"],
            "learned": r["learned"],
            "they_asked": _bool(r["they_asked"]),
            "i_asked": _bool(r["i_asked"]),
        }
        for r in reader.rows(sql, params)
    ]


def _bool(value: object) -> bool | None:
    return None if value is None else bool(value)


def summary(reader: Reader, contact_id: int) -> Summary:
    """Held count, last and next meeting, and reciprocity, for one person."""
    row = reader.row(q.SUMMARY, {"id": contact_id, "today": dates.today().isoformat(), "yes": True}) or {}
    last = reader.row(q.LAST_HELD, {"id": contact_id})
    recorded, asked = int(row.get("asked_recorded") or 0), int(row.get("they_asked") or 0)
    return {
        "held": int(row.get("held") or 0),
        "last_met": row.get("last_met"),
        "next_on": row.get("next_on"),
        "last": {k: last[k] for k in ("day", "place", "notes", "learned")} if last else None,
        "they_asked": asked,
        "asked_recorded": recorded,
        "reciprocity": (
            f"asked about your business in {asked} of {recorded} one-on-one{'s' if recorded != 1 else ''}"
            if recorded
            else None
        ),
    }
