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
    birthday: str | None = None  # as stored: YYYY-MM-DD or --MM-DD (dates.yearly)
    anniversary: str | None = None
    uid: str | None = None  # the card's own identity (vCard UID)
    extra: list[str] = field(default_factory=list)  # "FIELD: value" lines ref has no column for
    named: bool = True  # False when the name stands in for a missing one (the company, an email)
    nickname: str | None = None
    name_parts: dict[str, str] = field(default_factory=dict)  # family, given... as the file had them
    # What ref's own exports carry besides (X-REF-* in a vCard, ref's CSV columns):
    handle: str | None = None  # the handle to keep when it is free
    business: str | None = None
    ideal_referral: str | None = None
    offerings: list[str] = field(default_factory=list)
    met_at: str | None = None
    trust: int | None = None
    cadence_days: int | None = None
    archived: bool = False

    def has_content(self) -> bool:
        return bool(self.name or self.emails or self.phones or self.company or self.nickname)

    def stand_in_name(self) -> None:
        """No name in the file: go by the nickname, the company, an email or a phone, and say it
        is a stand-in (matching then treats the card as nameless)."""
        if not self.name:
            first = self.emails[0][1] if self.emails else self.phones[0][1] if self.phones else None
            self.name = self.nickname or self.company or first
            self.named = False


def channel_label(where: str | None, used_for: str | None) -> str | None:
    """A number's label from where it rings ("home") and what it is for ("fax"): "home fax"; a
    mobile is a mobile wherever it is. The one rule for every reader (vCard TYPEs, CSV headers)."""
    if used_for is None:
        return where
    return used_for if used_for == "mobile" or not where else f"{where} {used_for}"


@dataclass
class Skipped:
    where: str
    reason: str


@dataclass
class ReadResult:
    """What a reader got out of a file."""

    format: str
    dialect: str | None = None  # the program that wrote a CSV file, as the report says it
    encoding: str | None = None  # how the file's bytes were read
    records: list[Incoming] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    photos_skipped: int = 0

    def absorb(self, part: ReadResult) -> None:
        """Take in what a reader got from the next part of the same file."""
        self.records += part.records
        self.skipped += part.skipped
        self.warnings += part.warnings
        self.photos_skipped += part.photos_skipped
