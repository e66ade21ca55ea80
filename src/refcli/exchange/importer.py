"""Bringing people in from other programs, without losing a field or overwriting yours.

Matching never merges different people silently. An incoming person is the same as a contact
(in the database, or earlier in the same file) when they share an email or a phone (by digits)
and their names are compatible: the same words, or one name's words all within the other's
("Fred" and "Fred Okafor", "Mustermann, Heiko" and "Heiko Mustermann"), or the card has no
name of its own. The same full name alone matches only when nothing contradicts it (either side
has no email or phone). A shared number or address under a different name keeps both people and
is reported as kept apart (`ref merge` joins them if they are one); `--merge-on email|phone|name`
loosens a rule knowingly. An update only fills empty fields and adds missing channels, tags and
notes: nothing you wrote is overwritten. Whatever ref has no column for is kept, with its field
name, in a note `imported from <file>`. Importing the same file twice changes nothing.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from refcli.errors import RefError
from refcli.exchange import filling
from refcli.exchange.batch import Batch
from refcli.exchange.records import Incoming, ReadResult, Skipped
from refcli.names import (
    check_email,
    check_phone,
    clean_name,
    collapse,
    compatible,
    name_key,
    name_words,
    phone_digits,
    tag_name,
)

if TYPE_CHECKING:
    from refcli.store.writer import Writer


MIN_PHONE_DIGITS = 7  # shorter numbers are extensions or junk: never used to match people
MATCH_DIGITS = 10  # compare the last ten digits, so +1 555 010 2030 is (555) 010-2030


def _phone_key(value: str) -> str | None:
    digits = phone_digits(value)
    return digits[-MATCH_DIGITS:] if len(digits) >= MIN_PHONE_DIGITS else None


@dataclass
class KeptApart:
    """An incoming person who shares an email or phone with someone of another name."""

    where: str
    contact: str  # the incoming person's handle
    name: str
    shares: str
    handle: str  # who they were kept apart from
    other: str

    def as_json(self) -> dict[str, str]:
        return {"where": self.where, "contact": self.contact, "name": self.name, "shares": self.shares,
                "with": self.handle, "with_name": self.other}  # fmt: skip


@dataclass
class FileReport:
    file: str
    format: str
    dialect: str | None = None
    encoding: str | None = None
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    photos_skipped: int = 0
    people: list[dict[str, str]] = field(default_factory=list)
    kept_apart: list[KeptApart] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "format": self.format,
            "dialect": self.dialect,
            "encoding": self.encoding,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "skipped": [{"where": s.where, "reason": s.reason} for s in self.skipped],
            "warnings": self.warnings,
            "photos_skipped": self.photos_skipped,
            "people": self.people,
            "kept_apart": [k.as_json() for k in self.kept_apart],
        }


LOOSER = ("email", "phone", "name")  # what `--merge-on` can make enough on its own


class _Matcher:
    """Email, phone, name and UID lookups for one import. What the database holds is looked up
    for the file's own UIDs, emails and names at once, over the indexes (a phone, matched by its
    last digits, which no index holds, is loaded once), so a small import into a large network
    reads little and keeps little; who this import has added is kept in memory as it goes."""

    def __init__(self, writer: Writer, merge_on: frozenset[str]) -> None:
        self.reader = reader = writer  # the write's own connection: many small lookups
        self.merge_on = merge_on
        self.phone: dict[str, list[int]] = {}
        for contact_id, value_key in reader.stream("SELECT contact_id, value_key FROM channel WHERE kind = 'phone'"):
            if key := _phone_key(str(value_key)):
                _add(self.phone, key, int(contact_id))
        self.added: dict[str, dict[str, list[int]]] = {"email": {}, "name": {}}  # by this import
        self.added_uid: dict[str, int] = {}
        self.words: dict[int, frozenset[str]] = {}  # folded only when a shared email or phone asks
        self.former: dict[int, list[frozenset[str]]] = {}  # names had before a rename, when asked
        self.known: dict[int, tuple[str, str]] = {}  # id -> (handle, name), for reports
        self.reachable_now: set[int] = set()  # given an email or phone by this import
        self.file_uid: dict[int, str] = {}  # the UID of the card that brought each person, in this import
        self.in_db: dict[str, dict[str, list[int]]] = {"uid": {}, "email": {}, "name": {}}  # read by look_up
        self.looked_up: dict[str, set[str]] = {"uid": set(), "email": set(), "name": set()}

    def look_up(self, records: list[Incoming]) -> None:
        """Read at once who in the database has any of these cards' UIDs, emails or names (over
        the indexes, a chunk of keys per query): one query a card for each cost a 10k-card import
        30,000 queries. Who this import adds is kept as it goes (`remember`)."""
        wanted: dict[str, set[str]] = {"uid": set(), "email": set(), "name": set()}
        for rec in records:
            if rec.uid:
                wanted["uid"].add(rec.uid)
            wanted["email"].update(value.lower() for _, value in rec.emails)
            if rec.name:
                wanted["name"].add(name_key(rec.name))
        for kind, keys in wanted.items():
            found = self.in_db[kind]
            ordered = sorted(keys)
            for start in range(0, len(ordered), LOOKUP_CHUNK):
                for key, contact_id in self.reader.stream(
                    _LOOKUPS[kind], {"keys": ordered[start : start + LOOKUP_CHUNK]}
                ):
                    _add(found, str(key), int(contact_id))
            self.looked_up[kind] |= keys

    def _in_db(self, kind: str, key: str) -> list[int]:
        if key in self.looked_up[kind]:
            return self.in_db[kind].get(key, [])
        return [int(r[1]) for r in self.reader.stream(_LOOKUPS[kind].replace("IN :keys", "= :keys"), {"keys": key})]

    def _ids(self, kind: str, key: str) -> list[int]:
        found = self._in_db(kind, key) if key else []
        return found + [c for c in self.added[kind].get(key, []) if c not in found]

    def _uid(self, uid: str) -> int | None:
        if uid in self.added_uid:
            return self.added_uid[uid]
        found = self._in_db("uid", uid)
        return found[0] if found else None

    def _reachable(self, contact_id: int) -> bool:
        if contact_id in self.reachable_now:
            return True
        sql = "SELECT 1 AS reachable FROM channel WHERE contact_id = :c AND kind IN ('email', 'phone') LIMIT 1"
        return self.reader.row(sql, {"c": contact_id}) is not None

    def who(self, contact_id: int) -> tuple[str, str]:
        """The handle and name of a person (for reports)."""
        if contact_id not in self.known:
            row = self.reader.row("SELECT handle, name FROM contact WHERE id = :c", {"c": contact_id}) or {}
            self.known[contact_id] = (str(row.get("handle")), str(row.get("name")))
        return self.known[contact_id]

    def _words(self, contact_id: int) -> frozenset[str]:
        if contact_id not in self.words:
            self.words[contact_id] = name_words(self.who(contact_id)[1])
        return self.words[contact_id]

    def _was_called(self, contact_id: int, words: frozenset[str]) -> bool:
        """Whether a name that fits `words` is one this person had before a rename in ref (the
        journal keeps each old row): a phone's old copy of a card, or last year's export, still
        carries the old name with the same email."""
        if contact_id not in self.former:
            sql = ("SELECT before FROM journal_row WHERE table_name = 'contact' AND row_key = :key "
                   "AND op = 'update' ORDER BY id")  # fmt: skip
            olds = [
                json.loads(b) if isinstance(b, str) else b for (b,) in self.reader.stream(sql, {"key": str(contact_id)})
            ]
            names = {str(o["name"]) for o in olds if isinstance(o, dict) and o.get("name")}
            self.former[contact_id] = [name_words(n) for n in names]
        return any(compatible(words, old) for old in self.former[contact_id])

    def find(self, rec: Incoming, named: bool) -> tuple[int | None, list[tuple[int, str]]]:
        """The contact this person is, if any, and those kept apart from them (id, what is shared)."""
        if rec.uid and (by_uid := self._uid(rec.uid)) is not None:  # the card ref (or a sync) gave this person
            return by_uid, []
        words: frozenset[str] | None = None  # folded only if someone shares an email or phone
        shared: list[tuple[int, str]] = []
        for kind, keys in (
            ("email", [(value, value.lower()) for _, value in rec.emails]),
            ("phone", [(value, _phone_key(value)) for _, value in rec.phones]),
        ):
            for shown, key in keys:
                matches = self._ids("email", key or "") if kind == "email" else self.phone.get(key or "", [])
                for contact_id in matches:
                    if words is None:
                        words = name_words(rec.name or "")
                    if not named or kind in self.merge_on or compatible(words, self._words(contact_id)):
                        return contact_id, []
                    if self._was_called(contact_id, words):
                        return contact_id, []
                    if all(contact_id != c for c, _ in shared):
                        shared.append((contact_id, shown))
        reachable = bool(rec.emails or rec.phones)
        for contact_id in self._ids("name", name_key(rec.name)) if rec.name and named else []:
            if rec.uid and self.file_uid.get(contact_id, rec.uid) != rec.uid:
                continue  # two cards of one file with their own UIDs: two people who share a name
            if "name" in self.merge_on or not reachable or not self._reachable(contact_id):
                return contact_id, []
            if all(contact_id != c for c, _ in shared):
                shared.append((contact_id, "the name, with other emails and phones,"))
        return None, shared

    def remember(self, contact_id: int, handle: str, name: str, rec: Incoming) -> None:
        for _, value in rec.emails:
            _add(self.added["email"], value.lower(), contact_id)
        for _, value in rec.phones:
            if key := _phone_key(value):
                _add(self.phone, key, contact_id)
        if rec.emails or rec.phones:
            self.reachable_now.add(contact_id)
        if contact_id not in self.known:
            self.known[contact_id] = (handle, name)
            _add(self.added["name"], name_key(name), contact_id)
        if rec.uid and self._uid(rec.uid) is None:
            self.added_uid[rec.uid] = contact_id
        if rec.uid:
            self.file_uid.setdefault(contact_id, rec.uid)


LOOKUP_CHUNK = 500
_LOOKUPS = {
    "uid": "SELECT uid, id FROM contact WHERE uid IN :keys ORDER BY id",
    "email": "SELECT value_key, contact_id FROM channel WHERE kind = 'email' AND value_key IN :keys ORDER BY id",
    "name": "SELECT name_key, id FROM contact WHERE name_key IN :keys ORDER BY id",
}


def _add(index: dict[str, list[int]], key: str, contact_id: int) -> None:
    found = index.setdefault(key, [])
    if contact_id not in found:
        found.append(contact_id)


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
    writer: Writer,
    result: ReadResult,
    *,
    source: str,
    tags: list[str] | None = None,
    progress: Callable[[int], None] | None = None,
    merge_on: frozenset[str] = frozenset(),
    records: Iterable[Incoming] | None = None,
) -> FileReport:
    """Match, create or fill in each incoming person; all inside the caller's one transaction.
    A person already known is read and filled in with SQL through the Writer, as the new ones
    are written (`filling`). `records`, if given, are the people as a reader
    makes them (read ahead): `result` then holds what it skipped and warned of once they are all in."""
    from refcli.people.contacts import clean_tag

    report = FileReport(source, result.format, result.dialect, result.encoding)
    extra_tags = [clean_tag(t) for t in (tags or [])]
    matcher = _Matcher(writer, merge_on)
    from refcli.people.handles import HandleAllocator

    handles = HandleAllocator(writer)
    batch = Batch(writer)
    for rec in _looked_up(matcher, result.records if records is None else records):
        _clean(rec)
        try:
            name = clean_name(rec.name or "")
        except RefError:
            report.skipped.append(Skipped(rec.where, "no usable name"))
            continue
        found, apart = matcher.find(rec, rec.named)
        contact: filling.NewContact | filling.Known
        if found is None:
            contact = filling.create(batch, rec, name, handles.allocate(name, rec.handle))
        else:
            batch.flush()  # they may have come earlier in this file: their rows first
            contact = filling.load(batch, found)
        if found is not None and rec.named and name_key(name) != contact.name_key:
            rec.extra.insert(0, f"name: {name}")  # the same person under another spelling: keep both
            if rec.name_parts:  # and the parts of that spelling, which do not spell theirs
                rec.extra.insert(1, "name parts: " + "; ".join(f"{k} {v}" for k, v in rec.name_parts.items()))
        for other, shares in apart:
            handle, other_name = matcher.who(other)
            report.kept_apart.append(KeptApart(rec.where, contact.handle, contact.name, shares, handle, other_name))
        changed = isinstance(contact, filling.NewContact) or filling.fill(contact, rec, name)
        assert contact.id is not None
        fresh = found is None  # nothing to compare against: skip the lookups
        changed = filling.add_channels(batch, contact.id, rec, fresh) or changed
        changed = filling.add_tags(batch, contact.id, [tag_name(t) for t in rec.tags] + extra_tags, fresh) or changed
        notes = list(rec.notes)
        if rec.extra:
            notes.append(f"imported from {source} ({rec.where}):\n" + "\n".join(rec.extra))
        offerings = [collapse(t)[:500] for t in rec.offerings]
        changed = filling.add_offerings(batch, contact.id, offerings, fresh) or changed
        changed = filling.add_notes(batch, contact.id, notes, fresh) or changed
        if changed and not isinstance(contact, filling.NewContact):
            filling.touch(batch, contact)
        matcher.remember(contact.id, contact.handle, contact.name, rec)
        action = "created" if found is None else "updated" if changed else "unchanged"
        setattr(report, action, getattr(report, action) + 1)
        report.people.append({"where": rec.where, "action": action, "handle": contact.handle, "name": contact.name})
        if progress:
            progress(1)
    batch.flush()
    report.skipped[:0] = result.skipped  # what the reader skipped first, as the file has it
    report.warnings[:0] = result.warnings
    report.photos_skipped = result.photos_skipped
    return report


def _looked_up(matcher: _Matcher, records: Iterable[Incoming]) -> Iterator[Incoming]:
    """The records, each LOOKUP_CHUNK of them looked up at once as they come."""
    group: list[Incoming] = []
    for rec in records:
        group.append(rec)
        if len(group) == LOOKUP_CHUNK:
            matcher.look_up(group)
            yield from group
            group = []
    matcher.look_up(group)
    yield from group
