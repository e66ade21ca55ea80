"""What an incoming person writes into a contact (`ref import` and `ref sync`): a new contact, or
only the empty fields and missing channels, tags, offerings and notes of one already known, so
nothing the user wrote is overwritten."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from refcli import dates
from refcli.contact_fields import TEXT_FIELDS
from refcli.exchange.records import Incoming
from refcli.names import collapse, name_key, pack_parts
from refcli.people.contacts import channel_key, contact_keys

if TYPE_CHECKING:
    from refcli.exchange.batch import Batch


def _fields(rec: Incoming, name: str) -> dict[str, object]:
    """The contact's own columns an incoming person can give."""
    return {
        **{field: _short(getattr(rec, field)) for field in TEXT_FIELDS},  # the typed texts (contact_fields.py)
        "met_on": rec.met_on, "trust": rec.trust if rec.trust in range(1, 6) else None, "birthday": rec.birthday,
        "anniversary": rec.anniversary, "name_parts": pack_parts(rec.name_parts, name),
        "cadence_days": rec.cadence_days if (rec.cadence_days or 0) <= dates.MAX_INTERVAL_DAYS else None,
    }  # fmt: skip


@dataclass(frozen=True)
class NewContact:
    """A person an import has just created: what the rest of the import needs of them."""

    id: int
    handle: str
    name: str
    name_key: str


def create(batch: Batch, rec: Incoming, name: str, handle: str) -> NewContact:
    """The person, with the id the rows that follow need (their row goes in with those rows)."""
    values = _fields(rec, name)
    if rec.uid:
        values["uid"] = rec.uid[:200]
    if rec.archived:
        values["archived_at"] = dates.utcnow()
    keys = contact_keys(name, handle, values)
    contact_id = batch.add_with_id("contact", handle=handle, name=name, **keys, **values)
    return NewContact(contact_id, handle, name, keys["name_key"])


@dataclass
class Known:
    """A person already in ref, as an import fills them in: their row, and what it changes."""

    id: int
    handle: str
    name: str
    name_key: str
    row: dict[str, Any]
    changes: dict[str, object] = field(default_factory=dict)


def load(batch: Batch, contact_id: int) -> Known:
    row = batch.writer.row("SELECT * FROM contact WHERE id = :id", {"id": contact_id})
    assert row is not None  # matched a moment ago in this transaction
    return Known(contact_id, str(row["handle"]), str(row["name"]), str(row["name_key"]), row)


def fill(contact: Known, rec: Incoming, name: str) -> bool:
    """Fill only empty fields: what the user wrote is never overwritten. A name's parts come only
    with the same spelling of the name (another spelling's parts would not spell this one)."""
    changed = False
    for attr, value in _fields(rec, name).items():
        if attr == "name_parts" and name_key(name) != contact.name_key:
            continue
        if value not in (None, "") and contact.row[attr] in (None, ""):
            contact.changes[attr] = value
            changed = True
    return changed


def add_channels(batch: Batch, contact_id: int, rec: Incoming, fresh: bool = False) -> bool:
    """Each email, phone, website and address the person lacks (by its match key)."""

    have: set[tuple[str, str]] = set()
    if not fresh:
        rows = _known(batch, "SELECT kind, value_key FROM channel WHERE contact_id = :c", contact_id)
        have = {(str(kind), str(key)) for kind, key in rows}
    changed = False
    for kind, items in (("email", rec.emails), ("phone", rec.phones), ("url", rec.urls), ("address", rec.addresses)):
        for label, value in items:
            key = channel_key(kind, value)
            if not key or (kind, key) in have:
                continue
            have.add((kind, key))
            batch.add(
                "channel", contact_id=contact_id, kind=kind, label=_label(label), value=value.strip(), value_key=key
            )
            changed = True
    return changed


def add_tags(batch: Batch, contact_id: int, tags: list[str], fresh: bool = False) -> bool:

    have: set[str] = set()
    if not fresh:
        have = {str(name) for (name,) in _known(batch, "SELECT name FROM tag WHERE contact_id = :c", contact_id)}
    changed = False
    for tag in tags:
        if tag and tag not in have:
            have.add(tag)
            batch.add("tag", contact_id=contact_id, name=tag)
            changed = True
    return changed


def add_notes(batch: Batch, contact_id: int, texts: list[str], fresh: bool = False) -> bool:
    """Each note the person does not already have as many times: a card holding the same note
    twice keeps both, and importing it again adds neither."""
    have: Counter[str] = Counter()
    if not fresh:
        have.update(str(text) for (text,) in _known(batch, "SELECT text FROM note WHERE contact_id = :c", contact_id))
    changed = False
    for text in texts:
        body = text.strip()
        if not body:
            continue
        if have[body]:
            have[body] -= 1
            continue
        batch.add("note", contact_id=contact_id, noted_on=dates.today(), text=body)
        changed = True
    return changed


def add_offerings(batch: Batch, contact_id: int, texts: list[str], fresh: bool = False) -> bool:
    """Each offering the person lacks (folded), as typed ones are checked (people.contacts)."""
    from refcli.people.contacts import new_offerings

    have: set[str] = set()
    if not fresh:
        have = {str(k) for (k,) in _known(batch, "SELECT text_key FROM offering WHERE contact_id = :c", contact_id)}
    added = new_offerings(have, texts)
    for text, key in added:
        batch.add("offering", contact_id=contact_id, text=text, text_key=key)
    return bool(added)


def _known(batch: Batch, sql: str, contact_id: int) -> list[Any]:
    """What a known person already has, after the rows waiting in the batch have landed."""
    batch.flush()
    return list(batch.writer.stream(sql, {"c": contact_id}))


def touch(batch: Batch, contact: Known) -> None:
    """Write what the import changed of a known person, with the keys they are found by."""
    merged = {**contact.row, **contact.changes}
    keys = contact_keys(contact.name, contact.handle, merged)
    batch.writer.update("contact", contact.id, {**contact.changes, **keys, "updated_at": dates.utcnow()})


def _short(value: str | None) -> str | None:
    return collapse(value)[:500] or None if value else None


def _label(label: str | None) -> str | None:
    if not label:
        return None
    cleaned = collapse(label).lower()[:30]
    return cleaned or None
