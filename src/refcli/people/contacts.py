"""Writing what you know about people: add, edit, note, tag, archive.

Every function takes the Writer of one write transaction (`store.write_transaction`), speaks
SQL (no ORM: these are the writes people make all day) and returns plain data; none prints.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from datetime import date
from typing import TYPE_CHECKING, Any

from refcli import contact_fields as registry
from refcli import dates
from refcli.errors import Conflict, InvalidInput, NotFound
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
from refcli.people.notes import add_note_row
from refcli.people.resolve import Person
from refcli.store import Reader

if TYPE_CHECKING:
    from refcli.store.writer import Writer

TEXT_FIELDS = registry.TEXT_FIELDS  # from the one list of a contact's fields (contact_fields.py)
NOTE_LIMIT = 100_000


@dataclass
class ContactFields:
    """What `add-contact` and `edit` may set. None means "not given"; "" clears a text field."""

    name: str | None = None
    handle: str | None = None
    texts: dict[str, str | None] = field(default_factory=dict)  # a typed text field (TEXT_FIELDS) -> its text
    met_on: date | None = None
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


def contact_keys(name: str, handle: str, fields: Mapping[str, object]) -> dict[str, str]:
    """The folded forms a person is found by: `name_key`, `name_fold` and `search_fold` (over the
    name, the handle and the text fields)."""
    parts = [name, handle] + [str(fields.get(f) or "") for f in TEXT_FIELDS]
    return {"name_key": name_key(name), "name_fold": match_fold(name), "search_fold": match_fold(" ".join(parts))}


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


def _add_channels(writer: Writer, contact_id: int, kind: str, raws: list[str]) -> int:
    mine = "SELECT value_key FROM channel WHERE contact_id = :id AND kind = :kind"
    existing = {r["value_key"] for r in writer.rows(mine, {"id": contact_id, "kind": kind})} if raws else set()
    added = 0
    for raw in raws:
        label, value = _parse_channel(kind, raw)
        key = channel_key(kind, value)
        if key in existing:
            continue
        existing.add(key)
        writer.insert("channel", {"contact_id": contact_id, "kind": kind, "label": label, "value": value,
                                  "value_key": key})  # fmt: skip
        added += 1
    return added


def _remove_channels(writer: Writer, contact: Mapping[str, Any], kind: str, raws: list[str]) -> None:
    for raw in raws:
        key = channel_key(kind, split_label(raw)[1])
        gone = writer.execute(
            "DELETE FROM channel WHERE contact_id = :id AND kind = :kind AND value_key = :key",
            {"id": contact["id"], "kind": kind, "key": key},
        )
        if not gone:
            raise NotFound(f"{contact['name']} has no {kind} {raw!r}", f"see `ref show {contact['handle']}`")


def add_offerings(writer: Writer, contact_id: int, texts: list[str], fresh: bool = False) -> list[str]:
    """Add each offering the person lacks (folded; `fresh`: none to compare); the ones added."""
    existing: set[str] = set()
    if texts and not fresh:
        mine = "SELECT text_key FROM offering WHERE contact_id = :id"
        existing = {r["text_key"] for r in writer.rows(mine, {"id": contact_id})}
    added = new_offerings(existing, texts)
    for text, key in added:
        writer.insert("offering", {"contact_id": contact_id, "text": text, "text_key": key})
    return [text for text, _ in added]


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


def _add_tags(writer: Writer, contact_id: int, tags: list[str]) -> list[str]:
    mine = "SELECT name FROM tag WHERE contact_id = :id"
    existing = {r["name"] for r in writer.rows(mine, {"id": contact_id})} if tags else set()
    added = []
    for raw in tags:
        tag = clean_tag(raw)
        if tag not in existing:
            existing.add(tag)
            writer.insert("tag", {"contact_id": contact_id, "name": tag})
            added.append(tag)
    return added


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


def add_contact(writer: Writer, f: ContactFields) -> Person:
    """Add a person. What they share with someone already known (an email, a phone, a name
    accents and apostrophes aside) is left in writer.info["known_as"] for the CLI to warn about."""
    name = clean_name(f.name or "")
    writer.info["known_as"] = known_as(writer, name, f)
    if f.handle:
        handle = check_handle(f.handle)
        check_handle_free(writer, handle)
    else:
        same = writer.rows(q.SAME_NAME, {"key": name_key(name), "exclude": -1})
        if same:
            raise Conflict(
                f"{name} is already in your network as {same[0]['handle']}",
                "to add a different person with the same name, give them their own --handle",
            )
        handle = assign_handle(writer, name)
    contact: dict[str, Any] = {
        "handle": handle,
        "name": name,
        **{name: optional_text(f.texts.get(name)) for name in TEXT_FIELDS},
        "met_on": f.met_on,
        "trust": check_trust(f.trust),
        "birthday": yearly_or_none(f.birthday, "--birthday"),
        "anniversary": yearly_or_none(f.anniversary, "--anniversary"),
        "name_parts": parts_after(None, name, f.given, f.family),
        "introduced_by_id": f.via.id if f.via else None,
    }
    contact.update(contact_keys(name, handle, contact))
    contact_id = writer.insert("contact", contact)
    _fill_children(writer, contact_id, f)
    return Person(contact_id, handle, name, False)


def _fill_children(writer: Writer, contact_id: int, f: ContactFields) -> None:
    _add_channels(writer, contact_id, "email", f.emails)
    _add_channels(writer, contact_id, "phone", f.phones)
    _add_channels(writer, contact_id, "url", f.websites)
    _add_channels(writer, contact_id, "address", f.addresses)
    add_offerings(writer, contact_id, split_offers(f.offers))
    _add_tags(writer, contact_id, f.tags)
    if f.note is not None:
        add_note_row(writer, contact_id, f.note)


CONTACT_ROW = f"SELECT id, {registry.columns()}, introduced_by_id, archived_at FROM contact WHERE id = :id"


def _row(writer: Writer, person: Person) -> dict[str, Any]:
    found = writer.row(CONTACT_ROW, {"id": person.id})
    if found is None:  # resolved a moment ago inside this transaction: cannot happen
        raise NotFound(f"{person.label()} no longer exists")
    return found


def _asks_nothing(f: ContactFields) -> bool:
    """No option given at all (every field left at "not given")."""
    given = [getattr(f, name.name) for name in fields(f) if name.name != "texts"] + list(f.texts.values())
    return all(value in (None, [], False) for value in given)


SAID = ("name", "handle", *TEXT_FIELDS, "met_on", "trust", "birthday", "anniversary")  # what `edit` reports


def edit_contact(writer: Writer, person: Person, f: ContactFields) -> tuple[Person, list[str]]:
    """Apply an edit; the person, and what changed from what ("birthday 05-01 -> 05-02")."""
    if _asks_nothing(f):
        raise InvalidInput("nothing to change", f"give what to change, e.g. ref edit {person.handle} --company NAME")
    before = _row(writer, person)
    contact = dict(before)
    renamed = f.name is not None and clean_name(f.name) != contact["name"]
    if f.name is not None:
        contact["name"] = clean_name(f.name)
    contact["name_parts"] = parts_after(contact["name_parts"], contact["name"], f.given, f.family, renamed)
    if f.handle is not None:
        handle = check_handle(f.handle)
        check_handle_free(writer, handle, exclude=person.id)
        contact["handle"] = handle
    for name in TEXT_FIELDS:
        value = f.texts.get(name)
        if value is not None:
            contact[name] = optional_text(value)
    if f.met_on is not None:
        contact["met_on"] = f.met_on
    if f.trust is not None:
        contact["trust"] = check_trust(f.trust)
    if f.birthday is not None:
        contact["birthday"] = yearly_or_none(f.birthday, "--birthday")
    if f.anniversary is not None:
        contact["anniversary"] = yearly_or_none(f.anniversary, "--anniversary")
    if f.clear_via:
        contact["introduced_by_id"] = None
    if f.via is not None:
        if f.via.id == person.id:
            raise InvalidInput(f"{contact['name']} cannot have introduced themselves")
        contact["introduced_by_id"] = f.via.id
    _remove_channels(writer, contact, "email", f.remove_emails)
    _remove_channels(writer, contact, "phone", f.remove_phones)
    _remove_channels(writer, contact, "address", f.remove_addresses)
    for offer in split_offers(f.remove_offers):
        gone = "DELETE FROM offering WHERE contact_id = :id AND text_key = :key"
        if not writer.execute(gone, {"id": person.id, "key": fold(offer)}):
            raise NotFound(f"{contact['name']} has no offering {offer!r}", f"see `ref show {contact['handle']}`")
    for tag in f.untag:
        if not writer.execute("DELETE FROM tag WHERE contact_id = :id AND name = :tag",
                              {"id": person.id, "tag": clean_tag(tag)}):  # fmt: skip
            raise NotFound(f"{contact['name']} is not tagged {tag!r}")
    _fill_children(writer, person.id, f)
    changed = {k: v for k, v in contact.items() if v != before[k]}
    said = [f"{k.replace('_', ' ')} {_shown(k, before[k])} -> {_shown(k, changed[k])}" for k in SAID if k in changed]
    changed.update(contact_keys(contact["name"], contact["handle"], contact), updated_at=dates.utcnow())
    writer.update("contact", person.id, changed)
    return Person(person.id, contact["handle"], contact["name"], contact["archived_at"] is not None), said


def _shown(key: str, value: object) -> str:
    if value is None or value == "":
        return "(none)"
    if key in ("birthday", "anniversary"):
        return str(value).removeprefix("--")  # a day without a year is stored as --MM-DD
    return f"'{value}'" if isinstance(value, str) else str(value)


def add_note(writer: Writer, person: Person, body: str, on: date | None = None) -> Person:
    add_note_row(writer, person.id, body, on)
    return person


def add_tags(writer: Writer, person: Person, tags: list[str]) -> tuple[Person, list[str]]:
    if not tags:
        raise InvalidInput("no tag given", "e.g. ref tag fred bni")
    return person, _add_tags(writer, person.id, tags)


def set_archived(writer: Writer, person: Person, archived: bool) -> tuple[Person, bool]:
    """Archive or unarchive; returns whether anything changed."""
    if (_row(writer, person)["archived_at"] is not None) == archived:
        return person, False
    now = dates.utcnow()
    writer.update("contact", person.id, {"archived_at": now if archived else None, "updated_at": now})
    return person, True
