"""Bringing people in from other programs, without losing a field or overwriting yours.

An incoming person updates an existing contact when an email, a phone (by digits)
or the normalised full name matches; otherwise a contact is created. An update
only fills empty fields and adds missing channels, tags and notes: nothing you
wrote is overwritten. Whatever ref has no column for is kept, with its field name,
in a note `imported from <file>`. Importing the same file twice changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from refcli import dates
from refcli.errors import RefError
from refcli.exchange.records import Incoming, ReadResult, Skipped
from refcli.names import check_email, check_phone, clean_name, collapse, fold, name_key, phone_digits
from refcli.store import session_reader

if TYPE_CHECKING:
    from sqlmodel import Session

    from refcli.models import Contact

MIN_PHONE_DIGITS = 7  # shorter numbers are extensions or junk: never used to match people
MATCH_DIGITS = 10  # compare the last ten digits, so +1 555 010 2030 is (555) 010-2030


def _phone_key(value: str) -> str | None:
    digits = phone_digits(value)
    return digits[-MATCH_DIGITS:] if len(digits) >= MIN_PHONE_DIGITS else None


@dataclass
class FileReport:
    file: str
    format: str
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    photos_skipped: int = 0
    people: list[dict[str, str]] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "format": self.format,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "skipped": [{"where": s.where, "reason": s.reason} for s in self.skipped],
            "warnings": self.warnings,
            "photos_skipped": self.photos_skipped,
            "people": self.people,
        }


class _Matcher:
    """Email, phone and name lookups for one import, loaded once and kept current."""

    def __init__(self, session: Session) -> None:
        reader = session_reader(session)
        self.email: dict[str, int] = {}
        self.phone: dict[str, int] = {}
        self.name: dict[str, int] = {}
        for contact_id, kind, value_key in reader.stream(
            "SELECT contact_id, kind, value_key FROM channel WHERE kind IN ('email', 'phone')"
        ):
            if kind == "email":
                self.email.setdefault(str(value_key), int(contact_id))
            elif key := _phone_key(str(value_key)):
                self.phone.setdefault(key, int(contact_id))
        for contact_id, key in reader.stream("SELECT id, name_key FROM contact"):
            self.name.setdefault(str(key), int(contact_id))

    def find(self, rec: Incoming) -> int | None:
        for _, value in rec.emails:
            if value.lower() in self.email:
                return self.email[value.lower()]
        for _, value in rec.phones:
            key = _phone_key(value)
            if key and key in self.phone:
                return self.phone[key]
        if rec.name and name_key(rec.name) in self.name:
            return self.name[name_key(rec.name)]
        return None

    def remember(self, contact_id: int, rec: Incoming) -> None:
        for _, value in rec.emails:
            self.email.setdefault(value.lower(), contact_id)
        for _, value in rec.phones:
            if key := _phone_key(value):
                self.phone.setdefault(key, contact_id)
        if rec.name:
            self.name.setdefault(name_key(rec.name), contact_id)


def _clean(rec: Incoming) -> None:
    """Keep valid emails and phones as channels; anything else goes to the extras, never away."""
    emails, phones = [], []
    for label, value in rec.emails:
        try:
            emails.append((label, check_email(value)))
        except RefError:
            rec.extra.append(f"email{f' ({label})' if label else ''}: {value}")
    for label, value in rec.phones:
        try:
            phones.append((label, check_phone(value)))
        except RefError:
            rec.extra.append(f"phone{f' ({label})' if label else ''}: {value}")
    rec.emails, rec.phones = emails, phones


def import_records(
    session: Session,
    result: ReadResult,
    *,
    source: str,
    tags: list[str] | None = None,
    progress: Callable[[int], None] | None = None,
) -> FileReport:
    """Match, create or fill in each incoming person; all inside the caller's one transaction."""
    from refcli.people.contacts import clean_tag

    report = FileReport(source, result.format, skipped=list(result.skipped), warnings=list(result.warnings))
    report.photos_skipped = result.photos_skipped
    extra_tags = [clean_tag(t) for t in (tags or [])]
    matcher = _Matcher(session)
    from refcli.people.contacts import HandleAllocator

    handles = HandleAllocator(session_reader(session))
    for rec in result.records:
        _clean(rec)
        try:
            name = clean_name(rec.name or "")
        except RefError:
            report.skipped.append(Skipped(rec.where, "no usable name"))
            continue
        found = matcher.find(rec)
        contact = _create(session, rec, name, handles.allocate(name)) if found is None else _load(session, found)
        if found is not None and name_key(name) != contact.name_key:
            rec.extra.insert(0, f"name: {name}")  # matched by email or phone under another name: keep both
        changed = found is None or _fill(contact, rec)
        assert contact.id is not None
        fresh = found is None  # nothing to compare against: skip the lookups
        changed = _add_channels(session, contact.id, rec, fresh) or changed
        changed = _add_tags(session, contact.id, [fold(t) for t in rec.tags] + extra_tags, fresh) or changed
        notes = list(rec.notes)
        if rec.extra:
            notes.append(f"imported from {source} ({rec.where}):\n" + "\n".join(rec.extra))
        changed = _add_notes(session, contact.id, notes, fresh) or changed
        if changed and found is not None:
            _touch(session, contact)
        matcher.remember(contact.id, rec)
        action = "created" if found is None else "updated" if changed else "unchanged"
        setattr(report, action, getattr(report, action) + 1)
        report.people.append({"where": rec.where, "action": action, "handle": contact.handle, "name": contact.name})
        if progress:
            progress(1)
    session.flush()
    return report


def _create(session: Session, rec: Incoming, name: str, handle: str) -> Contact:
    from refcli.models import Contact
    from refcli.people.contacts import refresh_keys

    contact = Contact(
        handle=handle,
        name=name,
        name_key="",
        name_fold="",
        search_fold="",
        company=_short(rec.company),
        title=_short(rec.title),
        met_on=rec.met_on,
    )
    refresh_keys(contact)
    session.add(contact)
    session.flush()
    return contact


def _load(session: Session, contact_id: int) -> Contact:
    from refcli.models import Contact

    contact = session.get(Contact, contact_id)
    assert contact is not None
    return contact


def _fill(contact: Contact, rec: Incoming) -> bool:
    """Fill only empty fields: what the user wrote is never overwritten."""
    changed = False
    for attr, value in (("company", _short(rec.company)), ("title", _short(rec.title)), ("met_on", rec.met_on)):
        if value and not getattr(contact, attr):
            setattr(contact, attr, value)
            changed = True
    return changed


def _add_channels(session: Session, contact_id: int, rec: Incoming, fresh: bool = False) -> bool:
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
            key = phone_digits(value) if kind == "phone" else collapse(value).lower()
            if not key or (kind, key) in have:
                continue
            have.add((kind, key))
            session.add(
                Channel(contact_id=contact_id, kind=kind, label=_label(label), value=value.strip(), value_key=key)
            )
            changed = True
    return changed


def _add_tags(session: Session, contact_id: int, tags: list[str], fresh: bool = False) -> bool:
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


def _add_notes(session: Session, contact_id: int, texts: list[str], fresh: bool = False) -> bool:
    from sqlalchemy import select
    from sqlmodel import col

    from refcli.models import Note

    have: set[str] = set()
    if not fresh:
        have = {n.text for n in session.execute(select(Note).where(col(Note.contact_id) == contact_id)).scalars()}
    changed = False
    for text in texts:
        body = text.strip()
        if body and body not in have:
            have.add(body)
            session.add(Note(contact_id=contact_id, noted_on=dates.today(), text=body))
            changed = True
    return changed


def _touch(session: Session, contact: Contact) -> None:
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
