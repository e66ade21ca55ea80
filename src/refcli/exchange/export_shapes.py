"""What an export's writer is given: the options of `ref export` and the database as a writer
may ask of it. Apart from the format registry, so each codec can name them without importing it
(and the registry, which imports the codecs, without a circle)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from refcli.meetings.oneonones import Meeting
    from refcli.people.shapes import ContactWithNotes


class ExportSource(Protocol):
    """What a writer may ask of the database (given by `exchange/exporter.py`)."""

    location: Any

    def contacts(self) -> list[ContactWithNotes]: ...

    def open_followups(self) -> list[Any]: ...

    def upcoming_meetings(self) -> list[Meeting]: ...

    def rows(self, sql: str) -> list[dict[str, Any]]: ...


@dataclass(frozen=True)
class ExportOptions:
    vcard_version: int = 4
    people: tuple[str, ...] = ()  # only these handles (the CLI resolved the names), for a format that `selects`
    tag: str | None = None  # only the people with this tag
    with_notes: bool = False  # a selection carries what you wrote about them too (notes, trust, tags...)

    @property
    def shares(self) -> bool:
        """A selection of people, written to send to someone: only what is theirs to share."""
        return bool(self.people or self.tag) and not self.with_notes
