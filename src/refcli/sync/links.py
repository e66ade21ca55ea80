"""The links between a folder's cards and people (`sync_card`), as plain rows written in bulk on
the sync's own connection. ORM objects for them cost a first sync of 10,000 cards about 1 s to
build and flush, and the ORM's import besides.

A link is named by its folder and card (`href`, unique in a folder), so a change worked out
before the cards are written (a card that changed meanwhile puts its link back) needs no id."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from refcli import dates
from refcli.store import journal
from refcli.sync import sync_sql as q

if TYPE_CHECKING:
    from refcli.store.writer import Writer


@dataclass(eq=False)
class Link:
    """One card's link: the person it is, and what both sides held at the last sync."""

    contact_id: int | None
    href: str
    etag: str  # sha256 of the file as ref last read or wrote it
    base: str  # JSON: the synced fields both sides held after the last sync
    stored: bool = False  # a row already (as of the last flush)
    live: bool = True  # False: the row is to go


class Links:
    """The links of one folder, read once; changes wait for `flush` (deletions, then new rows,
    then changed ones), which a sync calls once it has worked everything out and again after
    the cards are written (a card that changed meanwhile puts its link back)."""

    def __init__(self, writer: Writer, folder: str) -> None:
        self.writer = writer
        self.folder = folder
        self.pending: dict[int, Link] = {}

    def read(self) -> dict[str, Link]:
        rows = self.writer.rows(q.LINKED, {"folder": self.folder})
        return {r["href"]: Link(r["contact_id"], r["href"], r["etag"], r["base"], stored=True) for r in rows}

    def new(self, contact_id: int, href: str, etag: str, base: str) -> Link:
        return self.save(Link(contact_id, href, etag, base))

    def save(self, link: Link) -> Link:
        self.pending[id(link)] = link
        return link

    def remove(self, link: Link) -> None:
        link.live = False
        self.save(link)

    def restore(self, link: Link) -> None:
        """Keep a link whose removal was worked out but whose card could not be removed."""
        link.live = True
        self.save(link)

    def flush(self) -> None:
        links = list(self.pending.values())
        self.pending.clear()
        gone = [{"folder": self.folder, "href": k.href} for k in links if not k.live and k.stored]
        if gone:
            self.writer.executemany(q.UNLINK, gone)
        now = dates.utcnow()
        live = [k for k in links if k.live]
        if new := [self._row(k, now) for k in live if not k.stored]:
            journal.insert_many(self.writer, "sync_card", q.LINK, new)
        if changed := [self._row(k, now) for k in live if k.stored]:
            self.writer.executemany(q.RELINK, changed)
        for k in links:
            k.stored = k.live

    def _row(self, link: Link, now: Any) -> dict[str, Any]:
        return {"contact_id": link.contact_id, "folder": self.folder, "href": link.href, "etag": link.etag,
                "base": link.base, "synced_at": now}  # fmt: skip
