"""The JSON shapes of a person, as `contacts`, `family`, `goal`, `trait`, `network` and an
introduction's card give them: typed, so a key cannot be misspelt or silently dropped (the whole
profile `ref show` gives is `refcli.profile.Profile`)."""

from __future__ import annotations

from typing import Any, TypedDict


class Channel(TypedDict):
    kind: str
    label: str | None
    value: str


class Contact(TypedDict):
    """The stable shape of a contact in every listing."""

    id: int
    handle: str
    name: str
    name_parts: dict[str, str] | None
    company: str | None
    title: str | None
    business: str | None
    ideal_referral: str | None
    emails: list[str]
    phones: list[str]
    websites: list[str]
    channels: list[Channel]
    offerings: list[str]
    tags: list[str]
    met_on: Any  # a day: text from SQLite, a date from a server's driver (JSON writes both as ISO)
    met_at: str | None
    introduced_by: str | None
    trust: int | None
    birthday: str | None
    anniversary: str | None
    uid: str | None
    cadence_days: int | None
    archived: bool
    dealbreaker: bool


class Yearly(TypedDict):
    """When a birthday or anniversary next comes round."""

    on: str
    years: int | None
    in_days: int


class FamilyMember(TypedDict):
    id: int
    name: str
    relation: str | None
    met: bool
    birthday: str | None
    anniversary: str | None


class Goal(TypedDict):
    id: int
    year: int
    kind: str
    text: str
    achieved_on: Any  # a day, as `met_on`


class Trait(TypedDict):
    id: int
    kind: str
    text: str


class Known(TypedDict):
    handle: str
    name: str
    note: str | None


class Through(TypedDict):
    handle: str
    name: str
    how: str | None


class Network(TypedDict):
    they_know: list[Known]
    known_by: list[Known]
    through_them: list[Through]


class NoteLine(TypedDict):
    """A note in `show` and `ref notes`."""

    id: int
    on: Any  # a day, as `met_on`
    text: str


class Named(TypedDict):
    handle: str
    name: str


class Card(Contact):
    """What an introduction says about someone."""

    dealbreakers: list[str]


class ContactWithNotes(Contact):
    """A contact as an export carries it: with the texts of their notes."""

    notes: list[str]
