"""`ref sync FOLDER`: one two-way pass between the database and a vdir, in one transaction (one
journal entry). The rules, also in the guide:

- a card new in the folder becomes a person, matched first by its UID, then as `ref import`
  matches (email, phone, name), so a first sync of an existing network duplicates no one;
- a person new in ref (not archived) becomes a card;
- a change on one side since the last sync is carried to the other, field by field; the same
  field changed on both sides is a conflict: `prefer` (or, by default, the side changed last)
  wins and the other value is kept as a note on the person, never dropped;
- a card deleted from the folder archives the person (their history stays); a person deleted or
  archived in ref loses their card only with `remove_cards`.

Files are written only after every change is worked out, each atomically; a dry run writes
nothing and rolls the database back.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from refcli.people.contacts import set_archived
from refcli.people.notes import add_note_row
from refcli.people.resolve import Person
from refcli.sync import cards, fields, merging, vdir
from refcli.sync import sync_sql as q
from refcli.sync.links import Link, Links
from refcli.sync.writes import CardWrite

if TYPE_CHECKING:
    from refcli.exchange.read_ahead import Ahead
    from refcli.store.writer import Writer


DUPLICATE = (
    "a second card for {name} ({handle}), who is synced with {first}: keep one of the two in your "
    "address book, or `ref sync --merge-cards` to fold it into the first (ref leaves it alone until then)"
)
ORPHAN = (
    "its person was deleted or merged in ref: left alone in the address book "
    "(`ref sync --remove-cards` removes it; `ref undo` of the delete or merge links it again)"
)


@dataclass
class Report:
    folder: str
    links: Links  # the card links this sync changes, written once it has worked them out
    created_in_ref: list[str] = field(default_factory=list)
    linked: list[str] = field(default_factory=list)  # new cards of people already in ref
    updated_in_ref: list[str] = field(default_factory=list)
    created_cards: list[str] = field(default_factory=list)
    updated_cards: list[str] = field(default_factory=list)
    archived: list[str] = field(default_factory=list)
    removed_cards: list[str] = field(default_factory=list)
    conflicts: list[dict[str, Any]] = field(default_factory=list)
    skipped: list[dict[str, str]] = field(default_factory=list)  # cards that are not a person, left alone
    duplicates: list[dict[str, str]] = field(default_factory=list)  # second cards of someone linked to one
    notes_from_cards: list[str] = field(default_factory=list)  # people given a note the phone added
    merged_cards: list[dict[str, str]] = field(default_factory=list)  # second cards folded into the first
    unchanged: int = 0
    writes: list[CardWrite] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if k not in ("writes", "links")}


def run(
    writer: Writer,
    folder: Path,
    *,
    prefer: str | None = None,
    remove_cards: bool = False,
    merge_cards: bool = False,
    progress: Callable[[int], None] | None = None,
) -> Report:
    """Work out and apply the sync, in SQL through the Writer; the caller writes `report.writes`
    before committing."""
    from refcli.exchange.read_ahead import Ahead

    place = str(folder)
    links = Links(writer, place)
    report = Report(place, links)
    linked = links.read()
    reader = Ahead(vdir.count(folder) - len(linked))  # new cards to parse: starting while the folder is read
    try:
        return _run(writer, folder, report, linked, reader, prefer, remove_cards, merge_cards, progress)
    finally:
        reader.close()


def _run(
    writer: Writer, folder: Path, report: Report, linked: dict[str, Link], reader: Ahead, prefer: str | None,
    remove_cards: bool, merge_cards: bool, progress: Callable[[int], None] | None,
) -> Report:  # fmt: skip
    place, links = report.folder, report.links
    files, left_alone = vdir.read(folder)
    report.skipped += [{"card": href, "reason": why} for href, why in left_alone]
    people = _people(writer)
    unread = {href for href, _ in left_alone}  # still there, just not read: not deleted
    orphans: dict[str, Link] = {}  # cards whose person was deleted or merged away
    for href, link in linked.items():
        if href in unread:
            continue
        person = people.get(link.contact_id) if link.contact_id is not None else None
        if href not in files:
            if person is not None and not person["archived"]:
                set_archived(writer, Person(person["id"], person["handle"], person["fields"]["name"], False), True)
                report.archived.append(person["handle"])
            links.remove(link)
            continue
        if person is None or (person["archived"] and remove_cards):
            if remove_cards:
                report.writes.append(CardWrite(href, None, files[href].etag, partial(links.restore, link)))
                report.removed_cards.append(href)
                links.remove(link)
            elif person is None:  # deleted, or merged into someone who has a card of their own
                orphans[href] = link
            continue
        _reconcile(writer, link, files[href], person, prefer, report)
    taken = set(files)
    card_of: dict[int, str] = {}  # each linked person's card
    for href, link in sorted(linked.items()):
        if link.contact_id is not None:
            card_of.setdefault(link.contact_id, href)
    with_cards = set(card_of)
    for href, link in orphans.items():  # a merged-away person's card folds into the kept one's, if asked
        into = merging.merged_into(writer, files[href].data, card_of) if merge_cards else None
        if into is not None and merging.fold(report.writes, report.merged_cards, files, into, href):
            links.remove(link)
        else:
            report.skipped.append({"card": href, "reason": ORPHAN})
    uids = {people[k.contact_id]["uid"]: h for h, k in linked.items() if k.contact_id in people}
    read: dict[str, dict[str, Any]] = {}  # each new card's fields, from the one reading of it
    new = [files[h] for h in sorted(set(files) - set(linked))]
    adopted = _adopt(writer, new, reader, place, progress, uids, read)
    fresh = _people(writer) if adopted else people
    for href, found in adopted.items():
        if isinstance(found, str):
            report.skipped.append({"card": href, "reason": found})
            continue
        if found[0] in with_cards:  # a second card for someone who has one: never a second link
            owner = fresh[found[0]]
            first = card_of.get(found[0], "another card")
            report.duplicates.append({"card": href, "contact": owner["handle"], "linked": first})
            if merge_cards and merging.fold(report.writes, report.merged_cards, files, first, href):
                continue
            report.skipped.append({"card": href, "reason": DUPLICATE.format(
                name=owner["fields"]["name"], handle=owner["handle"], first=first)})  # fmt: skip
            continue
        if found[1]:
            report.created_in_ref.append(fresh[found[0]]["handle"])
        else:  # a card for someone already in ref (matched by email, phone, name): linked, not made
            report.linked.append(fresh[found[0]]["handle"])
        with_cards.add(found[0])
        card_of[found[0]] = href
        link = links.new(found[0], href, "", "{}")
        _reconcile(writer, link, files[href], fresh[found[0]], prefer, report, first=True, theirs=read.get(href))
    people = fresh
    for cid, person in people.items():
        if cid in with_cards or person["archived"]:
            continue
        uid = person["uid"] or f"ref-{cid}"
        href = vdir.new_href(uid, taken)
        taken.add(href)
        data = cards.new_card(person["fields"], uid, person["labels"]).encode("utf-8")
        report.created_cards.append(person["handle"])
        made = links.new(cid, href, vdir.etag(data), json.dumps(person["fields"]))
        report.writes.append(CardWrite(href, data, None, partial(links.remove, made)))
    links.flush()
    return report


def _reconcile(
    writer: Writer, link: Link, card: vdir.CardFile, person: dict[str, Any], prefer: str | None, report: Report,
    first: bool = False, theirs: dict[str, Any] | None = None,
) -> None:  # fmt: skip
    """Carry each side's changes since the last sync to the other (`theirs`: the card's fields, if
    already read)."""
    base = fields.normal(json.loads(link.base)) if link.base != "{}" else fields.empty()
    ours = person["fields"]
    card_labels: dict[tuple[str, str], str] = {}
    if theirs is None:
        if card.etag == link.etag:
            theirs = base
        else:
            theirs, rec = cards.read_fields(card.data)
            card_labels = cards.labels_of(rec)
            _new_notes(writer, person, rec, report)
    if theirs == base and ours == base and not first:
        report.unchanged += 1
        return
    merged = fields.merge(base, ours, theirs, prefer or ("ref" if ours == theirs else _newer(card, person)))
    changed_ref = merged.fields != ours and not fields.all_same(merged.fields, ours)
    changed_card = merged.fields != theirs and not fields.all_same(merged.fields, theirs)
    if changed_ref:
        _apply(writer, person["id"], ours, merged.fields, card_labels)
        if not first:
            report.updated_in_ref.append(person["handle"])
    data = card.data
    if changed_card:
        text = data.decode("utf-8", errors="surrogateescape")
        data = cards.patch(text, theirs, merged.fields, person["labels"]).encode("utf-8", errors="surrogateescape")
        was = (link.etag, link.base)
        report.writes.append(CardWrite(link.href, data, card.etag, partial(_put_back, report.links, link, was)))
        report.updated_cards.append(person["handle"])
    for c in merged.conflicts:
        lost = c.theirs if c.kept == "ref" else c.ours
        report.conflicts.append(
            {"contact": person["handle"], "field": c.field, "ref": c.ours, "address_book": c.theirs, "kept": c.kept}
        )
        where = "the address book" if c.kept == "ref" else "ref"
        kept = _shown(merged.fields[c.field])
        add_note_row(writer, person["id"], f"sync: {c.field} was {_shown(lost)} in {where}; kept {kept}")
    link.etag = vdir.etag(data)
    link.base = json.dumps(merged.fields)
    report.links.save(link)


NOTE_FROM_CARD = "from the address book: "


def _new_notes(writer: Writer, person: dict[str, Any], rec: Any, report: Report) -> None:
    """A NOTE written on the phone after the first sync becomes a note in ref (once: a text ref
    already has, as a note or as one taken from the card before, is not added again)."""
    texts = [str(t).strip() for t in (rec.notes if rec is not None else []) if str(t).strip()]
    if not texts:
        return
    have = {str(r["text"]) for r in writer.rows("SELECT text FROM note WHERE contact_id = :id", {"id": person["id"]})}
    for text in texts:
        if text in have or NOTE_FROM_CARD + text in have:
            continue
        add_note_row(writer, person["id"], NOTE_FROM_CARD + text)
        report.notes_from_cards.append(person["handle"])


def _newer(card: vdir.CardFile, person: dict[str, Any]) -> str:
    """The side changed last, which wins a conflict unless the user said which: "vdir" or "ref".
    The card's time is its REV when it has one (when the phone or server changed it), else when
    its file was written (which may be when vdirsyncer fetched it); ref's is the person's last
    change."""
    from refcli import dates

    card_time = cards.revision(card.data) or datetime.fromtimestamp(card.mtime, UTC)
    return "vdir" if card_time > dates.utc_moment(person["updated_at"]) else "ref"


def _put_back(links: Links, link: Link, was: tuple[str, str]) -> None:
    link.etag, link.base = was
    links.save(link)


def write_cards(folder: Path, report: Report) -> None:
    """Write the cards worked out, inside the sync's transaction (before its commit), each only
    if its file is still as it was read: one that changed meanwhile (vdirsyncer fetched a newer
    version) is left for the next sync, which then merges both sides' changes."""
    for w in report.writes:
        if vdir.current_etag(folder, w.href) != w.expected:
            w.restore()
            report.skipped.append({"card": w.href, "reason": "changed while ref synced it: synced next time"})
        elif w.data is None:
            vdir.remove(folder, w.href)
        else:
            vdir.write(folder, w.href, w.data)
    report.links.flush()


def _shown(value: Any) -> str:
    return "nothing" if value in (None, []) else f'"{value}"'


def _people(reader: Any, only: int | None = None) -> dict[int, dict[str, Any]]:
    """Everyone (or one person) with their synced fields, in three queries (read as tuples: a
    first sync reads everyone it created)."""
    params = {"id": only or 0, "all_people": 0 if only else 1}
    found: dict[int, dict[str, Any]] = {}
    lists: dict[int, dict[str, list[str]]] = {}
    for cid, handle, uid, *synced, archived_at, updated_at in reader.all(q.PEOPLE, params):
        mine: dict[str, list[str]] = {"emails": [], "phones": [], "urls": [], "tags": []}
        lists[int(cid)] = mine
        found[int(cid)] = {
            "id": int(cid), "handle": handle, "uid": uid, "archived": archived_at is not None, "labels": {},
            "updated_at": updated_at,  # as stored: `dates.utc_moment` where it decides a conflict
            "fields": {**dict(zip(fields.SCALARS, synced, strict=True)), **mine},  # contact_fields.SYNCED's order
        }  # fmt: skip
    kinds = {"email": "emails", "phone": "phones", "url": "urls"}
    for cid, kind, value, label in reader.all(q.CHANNELS, params):
        if (theirs := lists.get(int(cid))) is not None:
            theirs[kinds[kind]].append(value)
            if label:
                found[int(cid)]["labels"][(kinds[kind], fields.key(kinds[kind], value))] = label
    for cid, name in reader.all(q.TAGS, params):
        if (theirs := lists.get(int(cid))) is not None:
            theirs["tags"].append(name)
    for person in found.values():
        person["fields"] = fields.normal(person["fields"])
    return found


def _adopt(
    writer: Writer, new: list[vdir.CardFile], reader: Ahead, place: str, progress: Callable[[int], None] | None,
    uids: dict[str, str], read: dict[str, dict[str, Any]],
) -> dict[str, tuple[int, bool] | str]:  # fmt: skip
    """The person each new card is: found (by UID, email, phone, name) or created, all in one
    import as `ref import` does it; or why a card is left alone (a group, an empty card, a UID
    another file of the folder already has: one person is one card). Each card is read once:
    its synced fields go to `read` before the import cleans its record."""
    from refcli.exchange.importer import import_records
    from refcli.exchange.records import Incoming, ReadResult

    found: dict[str, tuple[int, bool] | str] = {}
    if not new:
        return found

    def people() -> Iterator[Incoming]:
        for part in reader.items("refcli.sync.cards:read_new", [(c.href, c.data) for c in new]):
            for href, one, fields_read in part:
                read[href] = fields_read
                if len(one.records) != 1:
                    several = f"holds {len(one.records)} cards (a vdir keeps one per file)"
                    found[href] = several if one.records else one.skipped[0].reason if one.skipped else "not a person"
                    continue
                uid = one.records[0].uid
                if uid and uid in uids:
                    found[href] = f"the same UID as {uids[uid]}: one person is one card"
                    continue
                if uid:
                    uids[uid] = href
                one.records[0].where = href
                yield one.records[0]

    done = import_records(writer, ReadResult(format="vcard"), source=place, progress=progress, records=people())
    for skipped in done.skipped:
        found[skipped.where] = skipped.reason
    handles = {p["handle"] for p in done.people}
    ids = {r["handle"]: int(r["id"]) for r in writer.rows(q.IDS) if r["handle"] in handles}
    for p in done.people:
        found[p["where"]] = (ids[p["handle"]], p["action"] == "created")
    return dict(sorted(found.items()))


def _apply(
    writer: Writer, contact_id: int, ours: dict[str, Any], want: dict[str, Any], labels: dict[tuple[str, str], str]
) -> None:
    """Bring a person's synced fields to `want` (a new email or phone with the card's label), in SQL."""
    from refcli import dates
    from refcli.people.contacts import TEXT_FIELDS, channel_key, contact_keys

    contact = writer.row("SELECT * FROM contact WHERE id = :id", {"id": contact_id})
    assert contact is not None
    changes = {
        name: want[name] for name in fields.SCALARS if want[name] != ours[name] and (name != "name" or want[name])
    }
    now = {**contact, **changes}
    changes.update(
        contact_keys(now["name"], now["handle"], {f: now[f] for f in TEXT_FIELDS}), updated_at=dates.utcnow()
    )
    writer.update("contact", contact_id, changes)
    for kind, channel in (("emails", "email"), ("phones", "phone"), ("urls", "url")):
        keep = {fields.key(kind, v) for v in want[kind]}
        have = {fields.key(kind, v) for v in ours[kind]}
        mine = "SELECT id, value FROM channel WHERE contact_id = :c AND kind = :k"
        for row in writer.rows(mine, {"c": contact_id, "k": channel}):
            if fields.key(kind, row["value"]) not in keep:
                writer.execute("DELETE FROM channel WHERE id = :id", {"id": row["id"]})
        for value in want[kind]:
            if fields.key(kind, value) not in have:
                stored = value.strip()
                label = labels.get((kind, fields.key(kind, value)))
                writer.insert("channel", {"contact_id": contact_id, "kind": channel, "value": stored,
                                          "value_key": channel_key(channel, stored), "label": label})  # fmt: skip
    keep_tags = {fields.key("tags", t) for t in want["tags"]}
    have_tags = {fields.key("tags", t) for t in ours["tags"]}
    if gone := sorted(have_tags - keep_tags):
        writer.execute("DELETE FROM tag WHERE contact_id = :c AND name IN :gone", {"c": contact_id, "gone": gone})
    for tag in sorted(keep_tags - have_tags):
        writer.insert("tag", {"contact_id": contact_id, "name": tag})
