"""What an incoming person writes into a contact (`ref import` and `ref sync`): a new contact, or
only the empty fields and missing channels, tags, offerings and notes of one already known, so
nothing the user wrote is overwritten."""

from __future__ import annotations

from typing import TYPE_CHECKING

from refcli import dates
from refcli.exchange.records import Incoming
from refcli.names import collapse, name_key, pack_parts
from refcli.people.contacts import channel_key

if TYPE_CHECKING:
    from sqlmodel import Session

    from refcli.models import Contact


def _fields(rec: Incoming, name: str) -> dict[str, object]:
    """The contact's own columns an incoming person can give."""
    return {
        "company": _short(rec.company), "title": _short(rec.title), "business": _short(rec.business),
        "ideal_referral": _short(rec.ideal_referral), "met_on": rec.met_on, "met_at": _short(rec.met_at),
        "trust": rec.trust if rec.trust in range(1, 6) else None, "birthday": rec.birthday,
        "anniversary": rec.anniversary, "name_parts": pack_parts(rec.name_parts, name),
        "cadence_days": rec.cadence_days if (rec.cadence_days or 0) <= dates.MAX_INTERVAL_DAYS else None,
    }  # fmt: skip


def create(session: Session, rec: Incoming, name: str, handle: str) -> Contact:
    from refcli.models import Contact, utcnow
    from refcli.people.contacts import refresh_keys

    contact = Contact(handle=handle, name=name, name_key="", name_fold="", search_fold="")
    for attr, value in _fields(rec, name).items():
        setattr(contact, attr, value)
    if rec.uid:
        contact.uid = rec.uid[:200]
    if rec.archived:
        contact.archived_at = utcnow()
    refresh_keys(contact)
    session.add(contact)
    session.flush()
    return contact


def load(session: Session, contact_id: int) -> Contact:
    from refcli.models import Contact

    contact = session.get(Contact, contact_id)
    assert contact is not None
    return contact


def fill(contact: Contact, rec: Incoming, name: str) -> bool:
    """Fill only empty fields: what the user wrote is never overwritten. A name's parts come only
    with the same spelling of the name (another spelling's parts would not spell this one)."""
    changed = False
    for attr, value in _fields(rec, name).items():
        if attr == "name_parts" and name_key(name) != contact.name_key:
            continue
        if value not in (None, "") and getattr(contact, attr) in (None, ""):
            setattr(contact, attr, value)
            changed = True
    return changed


def add_channels(session: Session, contact_id: int, rec: Incoming, fresh: bool = False) -> bool:
    from sqlalchemy import select
    from sqlmodel import col

    from refcli.models import Channel

    have: set[tuple[str, str]] = set()
    if not fresh:
        query = select(Channel).where(col(Channel.contact_id) == contact_id)
        have = {(c.kind, c.value_key) for c in session.execute(query).scalars()}
    changed = False
    for kind, items in (("email", rec.emails), ("phone", rec.phones), ("url", rec.urls), ("address", rec.addresses)):
        for label, value in items:
            key = channel_key(kind, value)
            if not key or (kind, key) in have:
                continue
            have.add((kind, key))
            session.add(
                Channel(contact_id=contact_id, kind=kind, label=_label(label), value=value.strip(), value_key=key)
            )
            changed = True
    return changed


def add_tags(session: Session, contact_id: int, tags: list[str], fresh: bool = False) -> bool:
    from sqlalchemy import select
    from sqlmodel import col

    from refcli.models import Tag

    have: set[str] = set()
    if not fresh:
        have = {t.name for t in session.execute(select(Tag).where(col(Tag.contact_id) == contact_id)).scalars()}
    changed = False
    for tag in tags:
        if tag and tag not in have:
            have.add(tag)
            session.add(Tag(contact_id=contact_id, name=tag))
            changed = True
    return changed


def add_notes(session: Session, contact_id: int, texts: list[str], fresh: bool = False) -> bool:
    """Each note the person does not already have as many times: a card holding the same note
    twice keeps both, and importing it again adds neither."""
    from collections import Counter

    from sqlalchemy import select
    from sqlmodel import col

    from refcli.models import Note

    have: Counter[str] = Counter()
    if not fresh:
        have.update(n.text for n in session.execute(select(Note).where(col(Note.contact_id) == contact_id)).scalars())
    changed = False
    for text in texts:
        body = text.strip()
        if not body:
            continue
        if have[body]:
            have[body] -= 1
            continue
        session.add(Note(contact_id=contact_id, noted_on=dates.today(), text=body))
        changed = True
    return changed


def touch(session: Session, contact: Contact) -> None:
    from refcli.models import utcnow
    from refcli.people.contacts import refresh_keys

    contact.updated_at = utcnow()
    refresh_keys(contact)
    session.add(contact)


def _short(value: str | None) -> str | None:
    return collapse(value)[:500] or None if value else None


def _label(label: str | None) -> str | None:
    if not label:
        return None
    cleaned = collapse(label).lower()[:30]
    return cleaned or None
