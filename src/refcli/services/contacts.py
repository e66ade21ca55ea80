"""Writing what you know about people: add, edit, note, tag, archive, delete, merge.

Every function takes an open Session inside `db.write_session` (one transaction)
and returns plain data; none of them prints.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import delete, select, text, update
from sqlmodel import Session, col

from refcli import dates
from refcli.db import Reader
from refcli.db import session_reader as reader_for
from refcli.errors import Conflict, InvalidInput, NotFound
from refcli.models import Channel, Contact, Note, Offering, Tag, utcnow
from refcli.names import (
    check_email,
    check_handle,
    check_phone,
    clean_name,
    collapse,
    fold,
    handle_candidates,
    like_escape,
    name_key,
    phone_digits,
    split_label,
)
from refcli.queries import contacts as q
from refcli.services.resolve import Person, resolve

# Tables whose rows belong to one contact through `contact_id` and move as-is on merge.
# Later features add their tables here (meetings, referrals...).
MOVABLE_TABLES: tuple[str, ...] = ("note", "meeting", "goal", "trait")
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
    via: str | None = None
    trust: int | None = None
    emails: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    websites: list[str] = field(default_factory=list)
    offers: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    note: str | None = None
    remove_emails: list[str] = field(default_factory=list)
    remove_phones: list[str] = field(default_factory=list)
    remove_offers: list[str] = field(default_factory=list)
    untag: list[str] = field(default_factory=list)


def split_offers(values: list[str]) -> list[str]:
    """`--offers "kitchens, baths"` (repeatable) -> one offering each."""
    return [collapse(part) for value in values for part in value.split(",") if collapse(part)]


def clean_tag(tag: str) -> str:
    cleaned = fold(tag).lstrip("#")
    if not cleaned:
        raise InvalidInput("a tag cannot be empty", "e.g. --tag bni")
    return cleaned


def check_trust(trust: int | None) -> int | None:
    if trust is not None and not 1 <= trust <= 5:
        raise InvalidInput(f"trust {trust} is out of range", "use 1 (low) to 5 (complete)")
    return trust


def refresh_keys(contact: Contact) -> None:
    contact.name_key = name_key(contact.name)
    contact.name_fold = fold(contact.name)
    parts = [contact.name, contact.handle] + [getattr(contact, f) or "" for f in TEXT_FIELDS]
    contact.search_fold = fold(" ".join(parts))


def _load(session: Session, person: Person) -> Contact:
    contact = session.get(Contact, person.id)
    if contact is None:  # resolved a moment ago inside this transaction: cannot happen
        raise NotFound(f"{person.label()} no longer exists")
    return contact


def assign_handle(reader: Reader, name: str) -> str:
    """`jose`, then `jose-nunez`, then `jose-nunez-2`...; `contact-N` without Latin letters."""
    candidates = handle_candidates(name)
    for candidate in candidates:
        if reader.row("SELECT 1 AS x FROM contact WHERE handle = :h", {"h": candidate}) is None:
            return candidate
    base = candidates[-1] if candidates else "contact"
    taken = {r["handle"] for r in reader.rows(q.HANDLES_LIKE, {"base": base, "pattern": like_escape(base) + "-%"})}
    n = 2 if candidates else 1
    while f"{base}-{n}" in taken:
        n += 1
    return f"{base}-{n}"


class HandleAllocator:
    """assign_handle for many people at once (imports): all handles loaded once, kept in memory."""

    def __init__(self, reader: Reader) -> None:
        self.taken = {str(handle) for (handle,) in reader.stream("SELECT handle FROM contact")}
        self.next_number: dict[str, int] = {}

    def allocate(self, name: str) -> str:
        candidates = handle_candidates(name)
        for candidate in candidates:
            if candidate not in self.taken:
                self.taken.add(candidate)
                return candidate
        base = candidates[-1] if candidates else "contact"
        n = self.next_number.get(base, 2 if candidates else 1)
        while f"{base}-{n}" in self.taken:
            n += 1
        self.next_number[base] = n + 1
        self.taken.add(f"{base}-{n}")
        return f"{base}-{n}"


def _check_handle_free(reader: Reader, handle: str, exclude: int | None = None) -> None:
    row = reader.row("SELECT id, name FROM contact WHERE handle = :h", {"h": handle})
    if row and row["id"] != exclude:
        raise Conflict(f"handle {handle!r} is already taken by {row['name']}", "choose another --handle")


def _channel_key(kind: str, value: str) -> str:
    return phone_digits(value) if kind == "phone" else value.strip().lower()


def _parse_channel(kind: str, raw: str) -> tuple[str | None, str]:
    label, value = split_label(raw) if kind in ("email", "phone") else (None, raw.strip())
    if kind == "email":
        value = check_email(value)
    elif kind == "phone":
        value = check_phone(value)
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
        key = _channel_key(kind, value)
        if key in existing:
            continue
        existing.add(key)
        session.add(Channel(contact_id=contact_id, kind=kind, label=label, value=value, value_key=key))
        added += 1
    return added


def _remove_channels(session: Session, contact: Contact, kind: str, raws: list[str]) -> None:
    for raw in raws:
        key = _channel_key(kind, split_label(raw)[1])
        result = session.execute(
            delete(Channel).where(
                col(Channel.contact_id) == contact.id, col(Channel.kind) == kind, col(Channel.value_key) == key
            )
        )
        if not result.rowcount:  # type: ignore[attr-defined]
            raise NotFound(f"{contact.name} has no {kind} {raw!r}", f"see `ref show {contact.handle}`")


def _add_offerings(session: Session, contact_id: int, offers: list[str]) -> None:
    existing = {
        o.text_key for o in session.execute(select(Offering).where(col(Offering.contact_id) == contact_id)).scalars()
    }
    for offer in split_offers(offers):
        key = fold(offer)
        if key not in existing:
            existing.add(key)
            session.add(Offering(contact_id=contact_id, text=offer, text_key=key))


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


def _add_note(session: Session, contact_id: int, body: str, on: date | None = None) -> None:
    body = body.strip()
    if not body:
        raise InvalidInput("a note cannot be empty")
    if len(body) > NOTE_LIMIT:
        raise InvalidInput(f"a note is limited to {NOTE_LIMIT:,} characters (this one has {len(body):,})")
    session.add(Note(contact_id=contact_id, noted_on=on or dates.today(), text=body))


def _text(value: str | None) -> str | None:
    return collapse(value) or None if value is not None else None


def add_contact(session: Session, f: ContactFields) -> Person:
    reader = reader_for(session)
    name = clean_name(f.name or "")
    if f.handle:
        handle = check_handle(f.handle)
        _check_handle_free(reader, handle)
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
        company=_text(f.company),
        title=_text(f.title),
        business=_text(f.business),
        ideal_referral=_text(f.ideal_referral),
        met_on=f.met_on,
        met_at=_text(f.met_at),
        trust=check_trust(f.trust),
        introduced_by_id=resolve(reader, f.via).id if f.via else None,
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
    _add_offerings(session, contact.id, f.offers)
    _add_tags(session, contact.id, f.tags)
    if f.note is not None:
        _add_note(session, contact.id, f.note)


def edit_contact(session: Session, who: str, f: ContactFields) -> Person:
    reader = reader_for(session)
    person = resolve(reader, who)
    contact = _load(session, person)
    if f.name is not None:
        contact.name = clean_name(f.name)
    if f.handle is not None:
        handle = check_handle(f.handle)
        _check_handle_free(reader, handle, exclude=contact.id)
        contact.handle = handle
    for name in TEXT_FIELDS:
        value = getattr(f, name)
        if value is not None:
            setattr(contact, name, _text(value))
    if f.met_on is not None:
        contact.met_on = f.met_on
    if f.trust is not None:
        contact.trust = check_trust(f.trust)
    if f.via is not None:
        via = resolve(reader, f.via)
        if via.id == contact.id:
            raise InvalidInput(f"{contact.name} cannot have introduced themselves")
        contact.introduced_by_id = via.id
    _remove_channels(session, contact, "email", f.remove_emails)
    _remove_channels(session, contact, "phone", f.remove_phones)
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


def add_note(session: Session, who: str, body: str, on: date | None = None) -> Person:
    person = resolve(reader_for(session), who)
    _add_note(session, person.id, body, on)
    return person


def add_tags(session: Session, who: str, tags: list[str]) -> tuple[Person, list[str]]:
    person = resolve(reader_for(session), who)
    if not tags:
        raise InvalidInput("no tag given", "e.g. ref tag fred bni")
    return person, _add_tags(session, person.id, tags)


def set_archived(session: Session, who: str, archived: bool) -> tuple[Person, bool]:
    """Archive or unarchive; returns whether anything changed."""
    person = resolve(reader_for(session), who)
    contact = _load(session, person)
    if (contact.archived_at is not None) == archived:
        return person, False
    contact.archived_at = utcnow() if archived else None
    contact.updated_at = utcnow()
    session.add(contact)
    return person, True


def footprint(reader: Reader, person: Person) -> dict[str, int]:
    """What deleting this person would remove (and what would lose its link to them)."""
    row = reader.row(q.FOOTPRINT, {"id": person.id}) or {}
    return {k: int(v or 0) for k, v in row.items()}


def delete_contact(session: Session, person: Person) -> None:
    # Child rows go with the contact (ON DELETE CASCADE); "introduced by" links are cleared.
    session.execute(delete(Contact).where(col(Contact.id) == person.id))


def merge_contacts(session: Session, keep_name: str, drop_name: str) -> dict[str, Any]:
    """Fold DROP into KEEP: nothing lost; differing details are kept as a note on KEEP."""
    reader = reader_for(session)
    keep_p, drop_p = resolve(reader, keep_name), resolve(reader, drop_name)
    if keep_p.id == drop_p.id:
        raise InvalidInput(f"{keep_p.label()} and {drop_name!r} are the same person", "name two different people")
    keep, drop = _load(session, keep_p), _load(session, drop_p)
    conflicts: list[str] = []
    if drop.name_key != keep.name_key:
        conflicts.append(f'name was "{drop.name}"')
    for name in (*TEXT_FIELDS, "met_on", "trust"):
        mine, theirs = getattr(keep, name), getattr(drop, name)
        if mine in (None, "") and theirs not in (None, ""):
            setattr(keep, name, theirs)
        elif theirs not in (None, "") and theirs != mine:
            conflicts.append(f'{name.replace("_", " ")} was "{theirs}"')
    if keep.introduced_by_id is None and drop.introduced_by_id not in (None, keep.id):
        keep.introduced_by_id = drop.introduced_by_id
    moved = {
        "channels": _move_unique(session, "channel", ("kind", "value_key"), keep_p.id, drop_p.id),
        "offerings": _move_unique(session, "offering", ("text_key",), keep_p.id, drop_p.id),
        "tags": _move_unique(session, "tag", ("name",), keep_p.id, drop_p.id),
        "family": _move_unique(session, "family_member", ("name_key",), keep_p.id, drop_p.id),
        # KEEP's own depth answers win over DROP's.
        "depth answers": _move_unique(session, "depth_answer", ("item",), keep_p.id, drop_p.id),
        "acquaintances": _move_acquaintances(session, keep_p.id, drop_p.id),
    }
    for table in MOVABLE_TABLES:
        result = session.execute(
            text(f"UPDATE {table} SET contact_id = :keep WHERE contact_id = :drop"),
            {"keep": keep_p.id, "drop": drop_p.id},
        )
        moved[f"{table}s"] = int(result.rowcount)  # type: ignore[attr-defined]
    session.execute(
        update(Contact).where(col(Contact.introduced_by_id) == drop_p.id).values(introduced_by_id=keep_p.id)
    )
    moved["referrals"] = _move_referrals(session, keep_p.id, drop_p.id)
    if conflicts:
        _add_note(session, keep_p.id, f"merged from {drop.handle}: " + "; ".join(conflicts))
    keep.updated_at = utcnow()
    refresh_keys(keep)
    session.add(keep)
    session.flush()
    session.execute(delete(Contact).where(col(Contact.id) == drop_p.id))
    return {"kept": keep.handle, "dropped": drop_p.handle, "moved": moved, "conflicts": conflicts}


def _move_referrals(session: Session, keep: int, drop: int) -> int:
    """Referrals follow the person, as partner or as prospect; history goes with them."""
    params = {"keep": keep, "drop": drop}
    as_partner = session.execute(text("UPDATE referral SET partner_id = :keep WHERE partner_id = :drop"), params)
    as_prospect = session.execute(text("UPDATE referral SET prospect_id = :keep WHERE prospect_id = :drop"), params)
    # A referral between the two duplicates now points at one person twice: keep it, by name.
    session.execute(text("UPDATE referral SET prospect_id = NULL WHERE prospect_id = partner_id"))
    return int(as_partner.rowcount) + int(as_prospect.rowcount)  # type: ignore[attr-defined]


def _move_acquaintances(session: Session, keep: int, drop: int) -> int:
    """Re-point who-knows-whom links from DROP to KEEP on both sides, dropping self-links and duplicates."""
    params = {"keep": keep, "drop": drop}
    session.execute(
        text(
            "DELETE FROM acquaintance WHERE (contact_id = :drop AND other_id = :keep) "
            "OR (contact_id = :keep AND other_id = :drop)"
        ),
        params,
    )
    session.execute(
        text(
            "DELETE FROM acquaintance WHERE contact_id = :drop AND other_id IN "
            "(SELECT other_id FROM acquaintance WHERE contact_id = :keep)"
        ),
        params,
    )
    session.execute(
        text(
            "DELETE FROM acquaintance WHERE other_id = :drop AND contact_id IN "
            "(SELECT contact_id FROM acquaintance WHERE other_id = :keep)"
        ),
        params,
    )
    moved = session.execute(text("UPDATE acquaintance SET contact_id = :keep WHERE contact_id = :drop"), params)
    known = session.execute(text("UPDATE acquaintance SET other_id = :keep WHERE other_id = :drop"), params)
    return int(moved.rowcount) + int(known.rowcount)  # type: ignore[attr-defined]


def _move_unique(session: Session, table: str, keys: tuple[str, ...], keep: int, drop: int) -> int:
    """Move DROP's rows to KEEP, skipping those KEEP already has (same keys)."""
    same = " AND ".join(f"k.{c} = d.{c}" for c in keys)
    session.execute(
        text(
            f"DELETE FROM {table} WHERE contact_id = :drop AND EXISTS "
            f"(SELECT 1 FROM {table} k WHERE k.contact_id = :keep AND " + same.replace("d.", f"{table}.") + ")"
        ),
        {"keep": keep, "drop": drop},
    )
    result = session.execute(
        text(f"UPDATE {table} SET contact_id = :keep WHERE contact_id = :drop"), {"keep": keep, "drop": drop}
    )
    return int(result.rowcount)  # type: ignore[attr-defined]
