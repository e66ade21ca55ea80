"""Reading people back: the list, the search, and what `ref show` says of them that is theirs
alone (the whole profile, which adds every feature's view, is `refcli.profile`).

Read-only, over the portable SQL in `contacts_sql.py`, so these run on the
stdlib sqlite3 reader without importing SQLAlchemy. A constant number of
queries per call, whatever the size of the network.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from refcli import dates
from refcli.contact_fields import COLUMNS
from refcli.names import like_escape, match_fold, phone_digits, tag_name, unpack_parts
from refcli.people import contacts_sql as q
from refcli.people import knowledge_sql as kq
from refcli.people.shapes import (
    Card,
    Contact,
    ContactWithNotes,
    FamilyMember,
    Goal,
    Network,
    Trait,
    Yearly,
)
from refcli.store import Reader

UNLIMITED = 2**62
RECENT_NOTES = 10


def details(row: dict[str, Any], channels: list[dict[str, Any]], offerings: list[str], tags: list[str]) -> Contact:
    """The stable JSON shape of a contact."""

    def values(kind: str) -> list[str]:
        return [c["value"] for c in channels if c["kind"] == kind]

    shape: dict[str, Any] = {"id": row["id"], **{name: row[name] for name in COLUMNS}}  # every field, as stored
    shape |= {
        "name_parts": unpack_parts(row["name_parts"]) or None,
        "emails": values("email"),
        "phones": values("phone"),
        "websites": values("url"),
        "channels": [{"kind": c["kind"], "label": c["label"], "value": c["value"]} for c in channels],
        "offerings": offerings,
        "tags": tags,
        "introduced_by": row["introduced_by"],
        "archived": row["archived_at"] is not None,
        "dealbreaker": bool(row["dealbreaker"]),
    }
    return shape  # type: ignore[return-value]  # the Contact shape: its field keys are the registry's


def list_contacts(
    reader: Reader, query: str | None = None, *, tag: str | None = None, archived: bool = False, limit: int | None = 50
) -> list[Contact]:
    params: dict[str, Any] = {"limit": UNLIMITED if limit is None else limit}
    key = match_fold(query) if query else ""
    digits = phone_digits(query or "")
    if key:
        params["q"] = "%" + like_escape(key) + "%"
    if len(digits) >= 3:
        params["digits"] = "%" + digits + "%"
    if tag:
        params["tag"] = tag_name(tag)
    ids = q.list_filter(query=bool(key), tag=bool(tag), digits="digits" in params, archived=archived)
    rows = reader.rows(q.LIST.format(filter=ids), params)
    channels: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for c in reader.rows(q.LIST_CHANNELS.format(filter=ids), params):
        channels[c["contact_id"]].append(c)
    offerings: dict[int, list[str]] = defaultdict(list)
    for o in reader.rows(q.LIST_OFFERINGS.format(filter=ids), params):
        offerings[o["contact_id"]].append(o["text"])
    tags: dict[int, list[str]] = defaultdict(list)
    for t in reader.rows(q.LIST_TAGS.format(filter=ids), params):
        tags[t["contact_id"]].append(t["name"])
    return [details(r, channels[r["id"]], offerings[r["id"]], tags[r["id"]]) for r in rows]


def with_notes(reader: Reader, people: list[Contact]) -> list[ContactWithNotes]:
    """The people with the texts of their notes, oldest first (what an export carries)."""
    notes: dict[int, list[str]] = defaultdict(list)
    for n in reader.stream(q.ALL_NOTES):
        notes[int(n[0])].append(str(n[1]))
    return [{**p, "notes": notes.get(p["id"], [])} for p in people]


def yearly_next(stored: str | None, today: Any) -> Yearly | None:
    """When a birthday or anniversary next comes round, and the age or years then if known."""
    if not stored:
        return None
    when = dates.next_yearly(stored, today)
    return {"on": when.isoformat(), "years": dates.years_on(stored, when), "in_days": (when - today).days}


def family(reader: Reader, contact_id: int) -> list[FamilyMember]:
    return [
        {
            "id": r["id"],
            "name": r["name"],
            "relation": r["relation"],
            "met": bool(r["met"]),
            "birthday": r["birthday"],
            "anniversary": r["anniversary"],
        }
        for r in reader.rows(kq.FAMILY, {"id": contact_id})
    ]


def goals(reader: Reader, contact_id: int, year: int | None = None) -> list[Goal]:
    params = {"id": contact_id, "year": year or 0, "all_years": 1 if year is None else 0}
    return [
        {"id": r["id"], "year": r["year"], "kind": r["kind"], "text": r["text"], "achieved_on": r["achieved_on"]}
        for r in reader.rows(kq.GOALS, params)
    ]


def traits(reader: Reader, contact_id: int) -> list[Trait]:
    return [{"id": r["id"], "kind": r["kind"], "text": r["text"]} for r in reader.rows(kq.TRAITS, {"id": contact_id})]


def network(reader: Reader, contact_id: int) -> Network:
    params = {"id": contact_id}
    return {
        "they_know": [
            {"handle": r["handle"], "name": r["name"], "note": r["note"]} for r in reader.rows(kq.THEY_KNOW, params)
        ],
        "known_by": [
            {"handle": r["handle"], "name": r["name"], "note": r["note"]} for r in reader.rows(kq.KNOW_THEM, params)
        ],
        "through_them": [
            {"handle": r["handle"], "name": r["name"], "how": r["how"]} for r in reader.rows(kq.THROUGH_THEM, params)
        ],
    }


def card(reader: Reader, contact_id: int) -> Card:
    """What an introduction needs to say about someone: who, what they do, how to reach them."""
    params = {"id": contact_id}
    row = reader.row(q.ONE, params)
    assert row is not None
    found = details(row, reader.rows(q.CHANNELS, params), [o["text"] for o in reader.rows(q.OFFERINGS, params)], [])
    dealbreakers = [t["text"] for t in traits(reader, contact_id) if t["kind"] == "dealbreaker"]
    return {**found, "id": contact_id, "dealbreakers": dealbreakers}
