"""The JSON shapes of a person, as `contacts`, `show`, `family`, `goal`, `trait`, `network` and an
introduction's card give them: typed, so a key cannot be misspelt or silently dropped."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypedDict

if TYPE_CHECKING:
    from refcli.keeping.rhythms import Keeping
    from refcli.meetings.depth import Depth
    from refcli.meetings.oneonones import Summary as MeetingSummary
    from refcli.referrals.views import Quality, TimelineEvent


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


class Profile(Contact):
    """Everything `ref show` gives about one person."""

    introduced_by_name: str | None
    birthday_next: Yearly | None
    anniversary_next: Yearly | None
    keeping: Keeping
    created_at: Any
    notes: list[NoteLine]
    note_count: int
    introduced_you_to: list[Named]
    family: list[FamilyMember]
    goals: list[Goal]
    traits: list[Trait]
    meetings: MeetingSummary
    depth: Depth
    network: Network
    referrals: Quality
    timeline: list[TimelineEvent]


class Card(Contact):
    """What an introduction says about someone."""

    dealbreakers: list[str]


class ContactWithNotes(Contact):
    """A contact as an export carries it: with the texts of their notes."""

    notes: list[str]
