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
from refcli.store import session_reader as reader_for

if TYPE_CHECKING:
    from sqlmodel import Session

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


def _data(session: Session, touch: Any) -> TouchRecord:
    return {
        "id": touch.id,
        "on": dates.iso(touch.day),
        "via": touch.via,
        "note": touch.note,
        **records.whose(reader_for(session), touch.contact_id),
    }


def add(session: Session, person: Person, via: str, on: date | None, note: str | None) -> TouchRecord:
    """Record a touch (today by default; a touch is something that happened)."""
    from refcli.models import Touch

    kind = check_via(via)
    day = dates.check_tense(on or dates.today(), "past", "--on date")
    touch = Touch(contact_id=person.id, day=day, via=kind, note=(note or "").strip() or None)
    session.add(touch)
    session.flush()
    return _data(session, touch)


def edit(
    session: Session, touch_id: int, *, on: date | None = None, via: str | None = None, note: str | None = None
) -> TouchRecord:
    """Correct a touch's day, kind or note ("" clears the note)."""
    from refcli.models import Touch

    touch = records.get(session, Touch, touch_id, "touch", LISTING)
    if on is None and via is None and note is None:
        raise InvalidInput("nothing to change", f"e.g. ref touch edit {touch_id} --on DATE --via call --note TEXT")
    if on is not None:
        touch.day = dates.check_tense(on, "past", "--on date")
    if via is not None:
        touch.via = check_via(via)
    if note is not None:
        touch.note = note.strip() or None
    session.add(touch)
    session.flush()
    return _data(session, touch)


def remove(session: Session, touch_id: int) -> TouchRecord:
    from refcli.models import Touch

    return records.delete(session, records.get(session, Touch, touch_id, "touch", LISTING), _data)


def listing(reader: Reader, person: Person | None, limit: int | None) -> list[TouchRecord]:
    """Touches, most recent first: one person's, or everyone's."""
    params = {"all_people": 0 if person else 1, "id": person.id if person else 0, "limit": limit or 2**62}
    return [
        {"id": r["id"], "on": dates.iso(r["day"]), "via": r["via"], "note": r["note"], "contact": r["handle"],
         "name": r["name"]}
        for r in reader.rows(q.TOUCHES, params)
    ]  # fmt: skip
