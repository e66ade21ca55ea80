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
    from refcli.store.writer import Writer

NEAR_DAYS = 7  # a meeting logged within a week of a scheduled one is that one
UNLIMITED = 2**62


def log_meeting(
    writer: Writer,
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
    near = {"id": person.id, "low": day - timedelta(days=NEAR_DAYS), "high": day + timedelta(days=NEAR_DAYS)}
    scheduled = writer.rows(SCHEDULED_NEAR, near)
    planned = min(scheduled, key=lambda m: abs((date.fromisoformat(str(m["day"])[:10]) - day).days), default=None)
    same_day = writer.row(HELD_ON, {"id": person.id, "day": day})
    held = {
        "day": day,
        "status": "held",
        "notes": optional_block(notes),
        "learned": optional_block(learned),
        "they_asked": they_asked,
        "i_asked": i_asked,
    }
    if planned is None:
        meeting_id = writer.insert("meeting", {**held, "contact_id": person.id, "place": optional_block(place)})
    else:
        meeting_id = planned["id"]
        writer.update("meeting", meeting_id, {**held, "place": optional_block(place) or planned["place"]})
    if next_on is not None:
        _schedule(writer, person, next_on, None)
    return {
        "id": meeting_id,
        "already_held_that_day": same_day["id"] if same_day else None,
        "contact": person.handle,
        "name": person.name,
        "on": day.isoformat(),
        "was_scheduled": planned is not None,
        "next_on": next_on.isoformat() if next_on else None,
    }


SCHEDULED_NEAR = """
SELECT id, day, place FROM meeting
WHERE contact_id = :id AND status = 'scheduled' AND day >= :low AND day <= :high ORDER BY day, id
"""
HELD_ON = "SELECT id FROM meeting WHERE contact_id = :id AND status = 'held' AND day = :day"
SCHEDULED_ON = "SELECT id FROM meeting WHERE contact_id = :id AND status = 'scheduled' AND day = :day"


def _schedule(writer: Writer, person: Person, day: date, place: str | None) -> tuple[int, bool]:
    """Add a scheduled meeting unless one is already planned that day; returns its id and
    whether it was added."""
    exists = writer.row(SCHEDULED_ON, {"id": person.id, "day": day})
    if exists:
        return int(exists["id"]), False
    row = {"contact_id": person.id, "day": day, "status": "scheduled", "place": optional_block(place)}
    return writer.insert("meeting", row), True


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


def schedule(writer: Writer, person: Person, day: date, place: str | None = None) -> Scheduled:
    if day < dates.today():
        raise InvalidInput(
            f"{day.isoformat()} has passed: a scheduled one-on-one is in the future",
            f"to record one that happened, use `ref meet {person.handle} --on {day.isoformat()}`",
        )
    dates.check_tense(day, "future", "date")  # and not decades away (a year typed wrong)
    meeting_id, added = _schedule(writer, person, day, place)
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
    return [record(r, r["handle"], r["name"]) for r in reader.rows(sql, params)]


def record(row: dict[str, Any], contact: str | None, name: str | None) -> Meeting:
    """A meeting row as listings and corrections give it (whose it is read by the caller)."""
    return {
        "id": int(row["id"]),
        "on": row["day"],
        "status": row["status"],
        "contact": contact,  # type: ignore[typeddict-item]  # a meeting always has its person
        "name": name,  # type: ignore[typeddict-item]
        "where": row["place"],
        "notes": row["notes"],
        "learned": row["learned"],
        "they_asked": _bool(row["they_asked"]),
        "i_asked": _bool(row["i_asked"]),
    }


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
