"""iCalendar out: open follow-ups as VTODOs on their due date, scheduled one-on-ones as all-day
VEVENTs, and birthdays and anniversaries (theirs and their family's) as all-day events every
year. UIDs come from the items' stable ids, so importing again updates instead of duplicating."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from refcli import dates

if TYPE_CHECKING:
    from refcli.exchange.export_shapes import ExportOptions, ExportSource


def export(source: ExportSource, options: ExportOptions) -> Iterator[str]:
    from icalendar import Calendar, Event, Todo

    cal = Calendar()
    cal.add("prodid", "-//ref//keep track, don't keep score//EN")
    cal.add("version", "2.0")
    stamp = datetime.now(UTC).replace(microsecond=0)
    for item in source.open_followups():
        todo = Todo()
        todo.add("uid", f"{item.id}@ref")
        todo.add("summary", item.text)
        todo.add("due", item.due_on)
        todo.add("dtstamp", stamp)
        if item.context:
            todo.add("description", item.context + "\n" + item.command)
        cal.add_component(todo)
    for m in source.upcoming_meetings():
        event = Event()
        day = dates.day(m["on"])
        event.add("uid", f"meeting-{m['id']}@ref")
        event.add("summary", f"One-on-one with {m['name']}")
        event.add("dtstart", day)
        event.add("dtend", day + timedelta(days=1))
        event.add("dtstamp", stamp)
        if m["where"]:
            event.add("location", m["where"])
        cal.add_component(event)
    from refcli.keeping.keeping_sql import ALL_YEARLY

    for row in source.rows(ALL_YEARLY):
        for kind in ("birthday", "anniversary"):
            if row[kind]:
                cal.add_component(_yearly(Event(), row, kind, stamp))
    yield cal.to_ical().decode("utf-8")


def _yearly(event: Any, row: dict[str, Any], kind: str, stamp: datetime) -> Any:
    """An all-day event every year on the day (from the year it began, where known). February 29
    recurs on the last day of February, so it is not skipped in the years without one."""
    stored = str(row[kind])
    month, day = int(stored[-5:-3]), int(stored[-2:])
    start = date(int(stored[:4]) if not stored.startswith("--") else 2000, month, day)
    who = (
        row["name"] if row["member_id"] is None else f"{row['member']} ({row['name']}'s {row['relation'] or 'family'})"
    )
    member = "" if row["member_id"] is None else f"-{row['member_id']}"
    event.add("uid", f"{kind}-{str(row['uid'] or row['handle']).removeprefix('urn:uuid:')}{member}@ref")
    event.add("summary", f"{who}: {kind}")
    event.add("dtstart", start)
    event.add("dtend", start + timedelta(days=1))
    event.add("dtstamp", stamp)
    rule: dict[str, Any] = {"freq": "yearly"}
    if (month, day) == (2, 29):
        rule.update(bymonth=2, bymonthday=-1)
    event.add("rrule", rule)
    event.add("transp", "TRANSPARENT")
    return event
