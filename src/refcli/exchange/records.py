"""The shape every importer produces: one incoming person, whatever the source format."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass
class Incoming:
    """A person read from a file, before it is matched against your network."""

    where: str  # "card 3", "line 12": for reports
    name: str | None = None
    company: str | None = None
    title: str | None = None
    emails: list[tuple[str | None, str]] = field(default_factory=list)  # (label, value)
    phones: list[tuple[str | None, str]] = field(default_factory=list)
    urls: list[tuple[str | None, str]] = field(default_factory=list)
    addresses: list[tuple[str | None, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    met_on: date | None = None
    extra: list[str] = field(default_factory=list)  # "FIELD: value" lines ref has no column for
    named: bool = True  # False when the name stands in for a missing one (the company, an email)

    def has_content(self) -> bool:
        return bool(self.name or self.emails or self.phones or self.company)


@dataclass
class Skipped:
    where: str
    reason: str


@dataclass
class ReadResult:
    """What a reader got out of a file."""

    format: str
    records: list[Incoming] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    photos_skipped: int = 0
