"""Writing what you know about people: add, edit, note, tag, archive, delete, merge.

Every function takes an open Session inside `store.write_session` (one transaction)
and returns plain data; none of them prints.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import delete, select
from sqlmodel import Session, col

from refcli import dates
from refcli.errors import Conflict, InvalidInput, NotFound
from refcli.models import Channel, Contact, Note, Offering, Tag, utcnow
from refcli.names import (
    check_email,
    check_handle,
    check_phone,
    clean_name,
    collapse,
    fold,
    match_fold,
    name_key,
    optional_text,
    parts_after,
    phone_digits,
    split_label,
    tag_name,
)
from refcli.people import contacts_sql as q
from refcli.people.handles import assign_handle, check_handle_free
from refcli.people.resolve import Person
from refcli.store import Reader
from refcli.store import session_reader as reader_for

TEXT_FIELDS = ("company", "title", "business", "ideal_referral", "met_at")
NOTE_LIMIT = 100_000


@dataclass
class ContactFields:
    """What `add-contact` and `edit` may set. None means "not given"; "" clears a text field."""

    name: str | None = None
    handle: str | None = None
    company: str | None = None
    title: str | None = None
    business: str | None = None
    ideal_referral: str | None = None
    met_on: date | None = None
    met_at: str | None = None
    via: Person | None = None  # who introduced you, resolved by the caller
    clear_via: bool = False  # edit --via "": nobody introduced you after all
    trust: int | None = None
    birthday: str | None = None  # as typed: YYYY-MM-DD, MM-DD, --MM-DD, April 15; "" clears
    anniversary: str | None = None
    given: str | None = None  # the name's parts, for address books; "" clears one
    family: str | None = None
    emails: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    websites: list[str] = field(default_factory=list)
    addresses: list[str] = field(default_factory=list)  # label:text, like emails and phones
    offers: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    note: str | None = None
    remove_emails: list[str] = field(default_factory=list)
    remove_phones: list[str] = field(default_factory=list)
    remove_addresses: list[str] = field(default_factory=list)
    remove_offers: list[str] = field(default_factory=list)
    untag: list[str] = field(default_factory=list)


def split_offers(values: list[str]) -> list[str]:
    """`--offers "kitchens, baths"` (repeatable) -> one offering each."""
    return [collapse(part) for value in values for part in value.split(",") if collapse(part)]


def clean_tag(tag: str) -> str:
    cleaned = tag_name(tag)
    if not cleaned:
        raise InvalidInput("a tag cannot be empty", "e.g. --tag bni")
    return cleaned


def yearly_or_none(text: str | None, what: str) -> str | None:
    """A birthday or anniversary as stored (dates.yearly), or None for nothing or ""."""
    return dates.yearly(text, what) if text and text.strip() else None


def check_trust(trust: int | None) -> int | None:
    if trust is not None and not 1 <= trust <= 5:
        raise InvalidInput(f"trust {trust} is out of range", "use 1 (low) to 5 (complete)")
    return trust


def refresh_keys(contact: Contact) -> None:
    keys = contact_keys(contact.name, contact.handle, {f: getattr(contact, f) for f in TEXT_FIELDS})
    for key, value in keys.items():
        setattr(contact, key, value)


def contact_keys(name: str, handle: str, fields: Mapping[str, object]) -> dict[str, str]:
    """The folded forms a person is found by: `name_key`, `name_fold` and `search_fold` (over the
    name, the handle and the text fields)."""
    parts = [name, handle] + [str(fields.get(f) or "") for f in TEXT_FIELDS]
    return {"name_key": name_key(name), "name_fold": match_fold(name), "search_fold": match_fold(" ".join(parts))}


def load(session: Session, person: Person) -> Contact:
    contact = session.get(Contact, person.id)
    if contact is None:  # resolved a moment ago inside this transaction: cannot happen
        raise NotFound(f"{person.label()} no longer exists")
    return contact


def channel_key(kind: str, value: str) -> str:
    """What makes two channels of a kind the same (`channel.value_key`): a phone's digits, any
    other value's lower case with its spaces collapsed. Typed, imported or synced alike."""
    return phone_digits(value) if kind == "phone" else collapse(value).lower()


def _parse_channel(kind: str, raw: str) -> tuple[str | None, str]:
    label, value = split_label(raw) if kind in ("email", "phone", "address") else (None, raw.strip())
    if kind == "email":
        value = check_email(value)
    elif kind == "phone":
        value = check_phone(value)
    elif kind == "address":
        if not value:
            raise InvalidInput(f"address {raw!r} is empty", 'e.g. --address "home:1 Main St, Springfield"')
    elif not value or " " in value:
        raise InvalidInput(f"website {raw!r} is not an address", "e.g. https://example.com")
    return label, value


def _add_channels(session: Session, contact_id: int, kind: str, raws: list[str]) -> int:
    existing = {
        c.value_key
        for c in session.execute(
            select(Channel).where(col(Channel.contact_id) == contact_id, col(Channel.kind) == kind)
        ).scalars()
    }
    added = 0
    for raw in raws:
        label, value = _parse_channel(kind, raw)
        key = channel_key(kind, value)
        if key in existing:
            continue
        existing.add(key)
        session.add(Channel(contact_id=contact_id, kind=kind, label=label, value=value, value_key=key))
        added += 1
    return added


def _remove_channels(session: Session, contact: Contact, kind: str, raws: list[str]) -> None:
    for raw in raws:
        key = channel_key(kind, split_label(raw)[1])
        result = session.execute(
            delete(Channel).where(
                col(Channel.contact_id) == contact.id, col(Channel.kind) == kind, col(Channel.value_key) == key
            )
        )
        if not result.rowcount:  # type: ignore[attr-defined]
            raise NotFound(f"{contact.name} has no {kind} {raw!r}", f"see `ref show {contact.handle}`")


def add_offerings(session: Session, contact_id: int, texts: list[str], fresh: bool = False) -> bool:
    """Each offering the person lacks (folded); `fresh`: none to compare."""
    existing: set[str] = set()
    if not fresh:
        query = select(Offering).where(col(Offering.contact_id) == contact_id)
        existing = {o.text_key for o in session.execute(query).scalars()}
    added = new_offerings(existing, texts)
    for text, key in added:
        session.add(Offering(contact_id=contact_id, text=text, text_key=key))
    return bool(added)


def new_offerings(existing: set[str], texts: list[str]) -> list[tuple[str, str]]:
    """The offerings (text, folded key) among `texts` that a person with `existing` keys lacks:
    one rule for typed and imported offerings."""
    added = []
    for offer in texts:
        key = fold(offer)
        if key and key not in existing:
            existing.add(key)
            added.append((offer, key))
    return added


def _add_tags(session: Session, contact_id: int, tags: list[str]) -> list[str]:
    existing = {t.name for t in session.execute(select(Tag).where(col(Tag.contact_id) == contact_id)).scalars()}
    added = []
    for raw in tags:
        tag = clean_tag(raw)
        if tag not in existing:
            existing.add(tag)
            session.add(Tag(contact_id=contact_id, name=tag))
            added.append(tag)
    return added


def check_note(body: str, hint: str | None = None) -> str:
    """A note's text as stored: trimmed, not empty, within NOTE_LIMIT (adding and correcting)."""
    body = body.strip()
    if not body:
        raise InvalidInput("a note cannot be empty", hint)
    if len(body) > NOTE_LIMIT:
        raise InvalidInput(f"a note is limited to {NOTE_LIMIT:,} characters (this one has {len(body):,})")
    return body


def add_note_row(session: Session, contact_id: int, body: str, on: date | None = None) -> None:
    body = check_note(body)
    note = Note(contact_id=contact_id, noted_on=on or dates.today(), text=body)
    session.add(note)
    session.flush()
    session.info["last_note"] = note.id


def known_as(reader: Reader, name: str, f: ContactFields) -> list[str]:
    """Who already has this email, phone or (accent-folded) name: usually the same person."""
    found: list[str] = []
    for kind, raws in (("email", f.emails), ("phone", f.phones)):
        for raw in raws:
            _, value = _parse_channel(kind, raw)
            row = reader.row(q.CHANNEL_OWNER, {"kind": kind, "key": channel_key(kind, value)})
            if row:
                found.append(f"{kind} {value} already belongs to {row['name']} ({row['handle']})")
    row = reader.row(q.SAME_FOLDED_NAME, {"fold": match_fold(name)})
    if row and row["name_key"] != name_key(name):
        who = f"{row['name']} ({row['handle']})"
        found.append(f"{who} is already in your network under that name, accents and apostrophes aside")
    return found


def add_contact(session: Session, f: ContactFields) -> Person:
    """Add a person. What they share with someone already known (an email, a phone, a name
    accents and apostrophes aside) is left in session.info["known_as"] for the CLI to warn about."""
    reader = reader_for(session)
    name = clean_name(f.name or "")
    session.info["known_as"] = known_as(reader, name, f)
    if f.handle:
        handle = check_handle(f.handle)
        check_handle_free(reader, handle)
    else:
        same = reader.rows(q.SAME_NAME, {"key": name_key(name), "exclude": -1})
        if same:
            raise Conflict(
                f"{name} is already in your network as {same[0]['handle']}",
                "to add a different person with the same name, give them their own --handle",
            )
        handle = assign_handle(reader, name)
    contact = Contact(
        handle=handle,
        name=name,
        company=optional_text(f.company),
        title=optional_text(f.title),
        business=optional_text(f.business),
        ideal_referral=optional_text(f.ideal_referral),
        met_on=f.met_on,
        met_at=optional_text(f.met_at),
        trust=check_trust(f.trust),
        birthday=yearly_or_none(f.birthday, "--birthday"),
        anniversary=yearly_or_none(f.anniversary, "--anniversary"),
        name_parts=parts_after(None, name, f.given, f.family),
        introduced_by_id=f.via.id if f.via else None,
        name_key="",
        name_fold="",
        search_fold="",
    )
    refresh_keys(contact)
    session.add(contact)
    session.flush()
    assert contact.id is not None
    _fill_children(session, contact, f)
    return Person(contact.id, contact.handle, contact.name, False)


def _fill_children(session: Session, contact: Contact, f: ContactFields) -> None:
    assert contact.id is not None
    _add_channels(session, contact.id, "email", f.emails)
    _add_channels(session, contact.id, "phone", f.phones)
    _add_channels(session, contact.id, "url", f.websites)
    _add_channels(session, contact.id, "address", f.addresses)
    add_offerings(session, contact.id, split_offers(f.offers))
    _add_tags(session, contact.id, f.tags)
    if f.note is not None:
        add_note_row(session, contact.id, f.note)


def edit_contact(session: Session, person: Person, f: ContactFields) -> Person:
    reader = reader_for(session)
    contact = load(session, person)
    renamed = f.name is not None and clean_name(f.name) != contact.name
    if f.name is not None:
        contact.name = clean_name(f.name)
    contact.name_parts = parts_after(contact.name_parts, contact.name, f.given, f.family, renamed)
    if f.handle is not None:
        handle = check_handle(f.handle)
        check_handle_free(reader, handle, exclude=contact.id)
        contact.handle = handle
    for name in TEXT_FIELDS:
        value = getattr(f, name)
        if value is not None:
            setattr(contact, name, optional_text(value))
    if f.met_on is not None:
        contact.met_on = f.met_on
    if f.trust is not None:
        contact.trust = check_trust(f.trust)
    if f.birthday is not None:
        contact.birthday = yearly_or_none(f.birthday, "--birthday")
    if f.anniversary is not None:
        contact.anniversary = yearly_or_none(f.anniversary, "--anniversary")
    if f.clear_via:
        contact.introduced_by_id = None
    if f.via is not None:
        if f.via.id == contact.id:
            raise InvalidInput(f"{contact.name} cannot have introduced themselves")
        contact.introduced_by_id = f.via.id
    _remove_channels(session, contact, "email", f.remove_emails)
    _remove_channels(session, contact, "phone", f.remove_phones)
    _remove_channels(session, contact, "address", f.remove_addresses)
    for offer in split_offers(f.remove_offers):
        gone = session.execute(
            delete(Offering).where(col(Offering.contact_id) == contact.id, col(Offering.text_key) == fold(offer))
        )
        if not gone.rowcount:  # type: ignore[attr-defined]
            raise NotFound(f"{contact.name} has no offering {offer!r}", f"see `ref show {contact.handle}`")
    for tag in f.untag:
        gone = session.execute(delete(Tag).where(col(Tag.contact_id) == contact.id, col(Tag.name) == clean_tag(tag)))
        if not gone.rowcount:  # type: ignore[attr-defined]
            raise NotFound(f"{contact.name} is not tagged {tag!r}")
    _fill_children(session, contact, f)
    contact.updated_at = utcnow()
    refresh_keys(contact)
    session.add(contact)
    return Person(person.id, contact.handle, contact.name, contact.archived_at is not None)


def add_note(session: Session, person: Person, body: str, on: date | None = None) -> Person:
    add_note_row(session, person.id, body, on)
    return person


def add_tags(session: Session, person: Person, tags: list[str]) -> tuple[Person, list[str]]:
    if not tags:
        raise InvalidInput("no tag given", "e.g. ref tag fred bni")
    return person, _add_tags(session, person.id, tags)


def set_archived(session: Session, person: Person, archived: bool) -> tuple[Person, bool]:
    """Archive or unarchive; returns whether anything changed."""
    contact = load(session, person)
    if (contact.archived_at is not None) == archived:
        return person, False
    contact.archived_at = utcnow() if archived else None
    contact.updated_at = utcnow()
    session.add(contact)
    return person, True
