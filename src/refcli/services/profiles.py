"""Reading people back: the list, the search and the profile card.

Read-only, over the portable SQL in `queries/contacts.py`, so these run on the
stdlib sqlite3 reader without importing SQLAlchemy. A constant number of
queries per call, whatever the size of the network.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from refcli.db import Reader
from refcli.names import fold, like_escape, phone_digits
from refcli.queries import contacts as q
from refcli.services.resolve import resolve

UNLIMITED = 2**62
RECENT_NOTES = 10


def _details(
    row: dict[str, Any], channels: list[dict[str, Any]], offerings: list[str], tags: list[str]
) -> dict[str, Any]:
    """The stable JSON shape of a contact."""

    def values(kind: str) -> list[str]:
        return [c["value"] for c in channels if c["kind"] == kind]

    return {
        "handle": row["handle"],
        "name": row["name"],
        "company": row["company"],
        "title": row["title"],
        "business": row["business"],
        "ideal_referral": row["ideal_referral"],
        "emails": values("email"),
        "phones": values("phone"),
        "websites": values("url"),
        "channels": [{"kind": c["kind"], "label": c["label"], "value": c["value"]} for c in channels],
        "offerings": offerings,
        "tags": tags,
        "met_on": row["met_on"],
        "met_at": row["met_at"],
        "introduced_by": row["introduced_by"],
        "trust": row["trust"],
        "archived": row["archived_at"] is not None,
    }


def list_contacts(
    reader: Reader, query: str | None = None, *, tag: str | None = None, archived: bool = False, limit: int | None = 50
) -> list[dict[str, Any]]:
    params: dict[str, Any] = {"limit": UNLIMITED if limit is None else limit}
    key = fold(query) if query else ""
    digits = phone_digits(query or "")
    if key:
        params["q"] = "%" + like_escape(key) + "%"
    if len(digits) >= 3:
        params["digits"] = "%" + digits + "%"
    if tag:
        params["tag"] = fold(tag).lstrip("#")
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
    return [_details(r, channels[r["id"]], offerings[r["id"]], tags[r["id"]]) for r in rows]


def show(reader: Reader, who: str) -> dict[str, Any]:
    person = resolve(reader, who)
    params = {"id": person.id}
    row = reader.row(q.ONE, params)
    assert row is not None
    profile = _details(
        row,
        reader.rows(q.CHANNELS, params),
        [o["text"] for o in reader.rows(q.OFFERINGS, params)],
        [t["name"] for t in reader.rows(q.TAGS, params)],
    )
    profile["introduced_by_name"] = row["introduced_by_name"]
    profile["created_at"] = row["created_at"]
    profile["notes"] = [
        {"id": n["id"], "on": n["noted_on"], "text": n["text"]}
        for n in reader.rows(q.NOTES, {"id": person.id, "limit": RECENT_NOTES})
    ]
    profile["note_count"] = int(reader.scalar(q.NOTE_COUNT, params) or 0)
    profile["introduced_you_to"] = [
        {"handle": r["handle"], "name": r["name"]} for r in reader.rows(q.INTRODUCED, params)
    ]
    return profile
