"""`ref export`: hands each format's writer (in exchange/, chosen through exchange/formats.py) what
it asks for from the database. `cli/exchange.py` writes the chunks to a file atomically (temp
file and rename, 0600) or to stdout."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from refcli import dates
from refcli.exchange import formats
from refcli.people import profiles
from refcli.people.shapes import ContactWithNotes

if TYPE_CHECKING:
    from refcli.meetings.oneonones import Meeting
from refcli.store import Location, Reader, open_reader
from refcli.tracking import followups


class _Source:
    """The database as the writers see it (formats.ExportSource)."""

    def __init__(self, location: Location, reader: Reader | None, options: formats.ExportOptions) -> None:
        self.location = location
        self._reader = reader
        self._options = options

    @property
    def reader(self) -> Reader:
        assert self._reader is not None, "a streaming format reads its own snapshot"
        return self._reader

    def contacts(self) -> list[ContactWithNotes]:
        """Everyone (archived too), or only the people and the tag asked for."""
        tag = self._options.tag
        found = profiles.list_contacts(self.reader, tag=tag, limit=None)
        found += profiles.list_contacts(self.reader, tag=tag, archived=True, limit=None)
        if self._options.people:
            found = [c for c in found if c["handle"] in self._options.people]
        if self._options.shares:
            return [shareable(c) for c in found]
        return profiles.with_notes(self.reader, found)

    def open_followups(self) -> list[Any]:
        items = followups.due(self.reader, as_of=dates.today(), everything=True, limit=None)
        return [item for item in items if item.kind != "oneonone"]

    def upcoming_meetings(self) -> list[Meeting]:
        from refcli.meetings import oneonones as meetings

        return meetings.list_meetings(self.reader, upcoming=True, limit=None)

    def rows(self, sql: str) -> list[dict[str, Any]]:
        return self.reader.rows(sql)


# What a card or row sent to someone else carries of a person: what is theirs to share. The
# rest is what you know or wrote about them (notes, trust, tags, where you met, who introduced
# you, rhythms, birthdays), which `ref export ... --with-notes` adds when you mean to send it.
SHARED = frozenset(
    {"id", "handle", "uid", "name", "name_parts", "company", "title", "business", "offerings"}
    | {"emails", "phones", "websites", "channels"}
)


def shareable(contact: Any) -> ContactWithNotes:
    """`contact` with only what is theirs to share: every other field empty, no notes."""
    shared: dict[str, Any] = {}
    for key, value in contact.items():
        if key in SHARED:
            shared[key] = value
        else:
            shared[key] = [] if isinstance(value, list) else False if isinstance(value, bool) else None
    shared["notes"] = []
    shared["archived"] = False
    return shared  # type: ignore[return-value]


def export(loc: Location, fmt: str, options: formats.ExportOptions) -> Iterator[str]:
    """The export as chunks of text (the backup streams; the others are built whole)."""
    chosen = formats.get(fmt, "export")
    if chosen.streams:
        return formats.export(fmt, _Source(loc, None, options), options)
    with open_reader(loc) as reader:
        return iter(list(formats.export(fmt, _Source(loc, reader, options), options)))
