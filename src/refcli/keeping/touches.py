"""Light touches (`ref touch`): a call, an email, a message, an event you both attended. Each
restarts the person's rhythm; each can be corrected or removed by its id."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from refcli import dates
from refcli.errors import InvalidInput
from refcli.keeping import keeping_sql as q
from refcli.people.resolve import Person
from refcli.store import Reader, records

if TYPE_CHECKING:
    from refcli.store.writer import Writer

VIA = ("call", "email", "message", "event", "other")
LISTING = "ref touch list CONTACT"


def check_via(text: str) -> str:
    via = text.strip().lower()
    if via not in VIA:
        raise InvalidInput(f"--via {text!r} is not a kind of touch", f"use one of: {', '.join(VIA)}")
    return via


class TouchRecord(records.Whose):
    """A touch as listings and corrections give it."""

    id: int
    on: str
    via: str
    note: str | None
    source: str | None  # mail, calendar, calls, messages: captured (`ref capture`); None when typed
    direction: str | None  # in, out, when the source says


def _data(writer: Writer, touch: dict[str, Any]) -> TouchRecord:
    return {
        "id": touch["id"],
        "on": dates.iso(touch["day"]),
        "via": touch["via"],
        "note": touch["note"],
        "source": touch.get("source"),
        "direction": touch.get("direction"),
        **records.whose(writer, touch["contact_id"]),
    }


def _touch(writer: Writer, touch_id: int) -> dict[str, Any]:
    return records.row(writer, "touch", touch_id, "touch", LISTING)


def add(writer: Writer, person: Person, via: str, on: date | None, note: str | None) -> TouchRecord:
    """Record a touch (today by default; a touch is something that happened)."""
    kind = check_via(via)
    day = dates.check_tense(on or dates.today(), "past", "--on date")
    row = {"contact_id": person.id, "day": day, "via": kind, "note": (note or "").strip() or None}
    return _data(writer, _touch(writer, writer.insert("touch", row)))


def edit(
    writer: Writer, touch_id: int, *, on: date | None = None, via: str | None = None, note: str | None = None
) -> TouchRecord:
    """Correct a touch's day, kind or note ("" clears the note)."""
    _touch(writer, touch_id)
    if on is None and via is None and note is None:
        raise InvalidInput("nothing to change", f"e.g. ref touch edit {touch_id} --on DATE --via call --note TEXT")
    changes: dict[str, Any] = {}
    if on is not None:
        changes["day"] = dates.check_tense(on, "past", "--on date")
    if via is not None:
        changes["via"] = check_via(via)
    if note is not None:
        changes["note"] = note.strip() or None
    writer.update("touch", touch_id, changes)
    return _data(writer, _touch(writer, touch_id))


def remove(writer: Writer, touch_id: int) -> TouchRecord:
    return records.remove(writer, "touch", touch_id, _data(writer, _touch(writer, touch_id)))


def listing(reader: Reader, person: Person | None, limit: int | None) -> list[TouchRecord]:
    """Touches, most recent first: one person's, or everyone's."""
    params = {"all_people": 0 if person else 1, "id": person.id if person else 0, "limit": limit or 2**62}
    return [
        {"id": r["id"], "on": dates.iso(r["day"]), "via": r["via"], "note": r["note"], "contact": r["handle"],
         "name": r["name"], "source": r["source"], "direction": r["direction"]}
        for r in reader.rows(q.TOUCHES, params)
    ]  # fmt: skip
