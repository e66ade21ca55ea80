"""iCalendar out: open follow-ups as VTODOs on their due date, scheduled one-on-ones as all-day
VEVENTs. UIDs come from the items' stable ids, so importing again updates instead of
duplicating."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from refcli import dates

if TYPE_CHECKING:
    from refcli.exchange.formats import ExportOptions, ExportSource


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
    yield cal.to_ical().decode("utf-8")
