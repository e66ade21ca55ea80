"""Calendar events as touches: an .ics file or a folder of them (a vdirsyncer CalDAV folder),
read with `icalendar`; a recurring event is expanded (dateutil's rrule) within the window. An
event counts for the people on it (organiser and attendees); a cancelled one, or one you
declined, never counts."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from refcli.capture.items import Item, Skip

MAX_OCCURRENCES = 1000  # of one recurring event within the window: a guard against a runaway rule


def ics_files(path: Path) -> list[Path]:
    if path.is_file():
        return [path]
    return sorted(p for p in path.rglob("*.ics") if p.is_file())


def is_calendar(data: bytes) -> bool:
    return b"BEGIN:VCALENDAR" in data[:4096].upper()


def _day(value: Any) -> date | None:
    moment = getattr(value, "dt", value)
    if isinstance(moment, datetime):
        return moment.date()
    return moment if isinstance(moment, date) else None


def _address(value: Any) -> str | None:
    text = str(value).strip()
    if text.lower().startswith("mailto:"):
        text = text[7:]
    return text if "@" in text else None


def _people(event: Any) -> tuple[list[str], list[str], str | None, dict[str, str]]:
    """Everyone on an event, who declined, the organiser, and their display names."""
    attendees = event.get("ATTENDEE") or []
    if not isinstance(attendees, list):
        attendees = [attendees]
    everyone: list[str] = []
    declined: list[str] = []
    names: dict[str, str] = {}
    organiser = _address(event.get("ORGANIZER")) if event.get("ORGANIZER") is not None else None
    for one in [event.get("ORGANIZER"), *attendees]:
        if one is None:
            continue
        address = _address(one)
        if address is None:
            continue
        everyone.append(address)
        params = getattr(one, "params", {})
        if str(params.get("PARTSTAT", "")).upper() == "DECLINED":
            declined.append(address)
        if params.get("CN"):
            names[address.lower()] = str(params["CN"])
    return list(dict.fromkeys(everyone)), declined, organiser, names


def _occurrences(event: Any, start: date, low: date, high: date) -> list[date]:
    """The days an event happens within [low, high]: its own, or its rule's."""
    rule = event.get("RRULE")
    if rule is None:
        return [start] if low <= start <= high else []
    from dateutil.rrule import rrulestr

    text = rule.to_ical().decode("ascii", "replace")
    expanded = rrulestr(text, dtstart=datetime(start.year, start.month, start.day))
    skipped = set()
    for ex in event.get("EXDATE") or []:
        for one in getattr(ex, "dts", [ex]) if not isinstance(ex, list) else ex:
            found = _day(one)
            if found:
                skipped.add(found)
    days = []
    for moment in expanded.between(datetime(low.year, low.month, low.day), datetime(high.year, high.month, high.day)
                                   + timedelta(days=1), inc=True):  # fmt: skip
        if moment.date() not in skipped:
            days.append(moment.date())
        if len(days) >= MAX_OCCURRENCES:
            break
    return days


def items(path: Path, low: date, high: date) -> Iterator[Item | Skip]:
    """Every event occurrence of the calendars at `path` between `low` and `high`."""
    from icalendar import Calendar

    for file in ics_files(path):
        try:
            calendars = Calendar.from_ical(file.read_bytes(), multiple=True)
        except Exception as exc:  # icalendar raises many kinds on a broken file: one file skipped
            yield Skip(str(file), f"not a readable calendar ({type(exc).__name__})")
            continue
        for calendar in calendars:
            yield from _events(calendar, str(file), low, high)


def _events(calendar: Any, where: str, low: date, high: date) -> Iterator[Item | Skip]:
    events = list(calendar.walk("VEVENT"))
    moved = {(str(e.get("UID")), _day(e.get("RECURRENCE-ID"))) for e in events if e.get("RECURRENCE-ID") is not None}
    for event in events:
        uid = str(event.get("UID") or "")
        label = f"{where} event {uid or event.get('SUMMARY') or '?'}"
        if str(event.get("STATUS", "")).upper() == "CANCELLED":
            yield Skip(label, "cancelled")
            continue
        start = _day(event.get("DTSTART"))
        if start is None:
            yield Skip(label, "no DTSTART")
            continue
        try:
            days = _occurrences(event, start, low, high) if event.get("RECURRENCE-ID") is None else (
                [start] if low <= start <= high else [])  # fmt: skip
        except (ValueError, TypeError, OverflowError) as exc:
            yield Skip(label, f"a rule ref cannot read ({exc})")
            continue
        everyone, declined, organiser, names = _people(event)
        if not everyone:
            continue  # an event with nobody on it: yours alone, nothing to count
        for day in days:
            if event.get("RECURRENCE-ID") is None and (uid, day) in moved:
                continue  # this occurrence was moved: its own VEVENT counts instead
            yield Item(
                key=f"ics:{uid or label}:{day.isoformat()}",
                day=day,
                via="event",
                source="calendar",
                emails=tuple(everyone),
                sender=organiser,
                subject=str(event.get("SUMMARY") or "") or None,
                crowd=len(everyone),
                names=names,
                declined=tuple(declined),
            )
