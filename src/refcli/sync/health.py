"""What `ref db check` verifies of the sync state, and how `ref db check --repair` mends it: a
person linked to two cards of one folder (one person is one card), and a link whose fields of
the last sync cannot be read. Mending keeps the first link of each person and makes an
unreadable link compare as on a first sync (nothing is lost: the next sync merges, matching by
UID)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from refcli.sync import sync_sql as q

if TYPE_CHECKING:
    from refcli.store import Reader
    from refcli.store.writer import Writer


def _unreadable(reader: Reader) -> list[dict[str, object]]:
    bad = []
    for row in reader.rows(q.BASES):
        try:
            ok = isinstance(json.loads(str(row["base"])), dict)
        except ValueError:
            ok = False
        if not ok:
            bad.append(row)
    return bad


def problems(reader: Reader) -> list[str]:
    found = [
        f"sync: {r['folder']}: contact {r['contact_id']} is linked to {r['n']} cards (one person is one card)"
        for r in reader.rows(q.DOUBLE_LINKS)
    ]
    found += [f"sync: {r['folder']}/{r['href']}: its last sync's fields cannot be read" for r in _unreadable(reader)]
    return found


def repair(writer: Writer) -> int:
    """Mend what `problems` finds, in this write; returns how many links were mended."""
    mended = 0
    for r in writer.rows(q.DOUBLE_LINKS):
        mended += writer.execute(q.DROP_LATER_LINKS, {"folder": r["folder"], "contact": r["contact_id"]})
    for r in _unreadable(writer):
        writer.execute(q.FORGET_BASE, {"id": r["id"]})
        mended += 1
    return mended
