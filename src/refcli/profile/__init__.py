"""The whole profile `ref show` gives: a person's own card (`people`) with what every feature
knows of them: their rhythm (`keeping`), one-on-ones and depth (`meetings`), referrals and their
timeline (`referrals`). It sits above the features, so none of them imports another to compose
it (the people package stays below them all)."""

from __future__ import annotations

from typing import Any

from refcli import dates
from refcli.keeping import rhythms
from refcli.keeping.rhythms import Keeping
from refcli.meetings import depth
from refcli.meetings.depth import Depth
from refcli.meetings.oneonones import Summary as MeetingSummary
from refcli.meetings.oneonones import summary as meeting_summary
from refcli.people import contacts_sql as q
from refcli.people import profiles
from refcli.people.resolve import Person
from refcli.people.shapes import Contact, FamilyMember, Goal, Named, Network, NoteLine, Trait, Yearly
from refcli.referrals import views as referral_views
from refcli.referrals.views import Quality, TimelineEvent
from refcli.store import Reader

__all__ = ["Profile", "show"]


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


def show(reader: Reader, person: Person) -> Profile:
    params = {"id": person.id}
    row = reader.row(q.ONE, params)
    assert row is not None
    today = dates.today()
    events: list[TimelineEvent] = [
        {
            "on": r["on_day"],
            "kind": r["kind"],
            "text": " / ".join(str(t) for t in (r["text1"], r["text2"], r["text3"]) if t),
        }
        for r in reader.rows(q.TIMELINE, {"id": person.id, "limit": profiles.RECENT_NOTES})
    ]
    events += referral_views.timeline(reader, person.id, profiles.RECENT_NOTES)
    return {
        **profiles.details(
            row,
            reader.rows(q.CHANNELS, params),
            [o["text"] for o in reader.rows(q.OFFERINGS, params)],
            [t["name"] for t in reader.rows(q.TAGS, params)],
        ),
        "introduced_by_name": row["introduced_by_name"],
        "birthday_next": profiles.yearly_next(row["birthday"], today),
        "anniversary_next": profiles.yearly_next(row["anniversary"], today),
        "keeping": rhythms.for_person(reader, person.id, today),
        "created_at": dates.moment(row["created_at"]),
        "notes": [
            {"id": n["id"], "on": n["noted_on"], "text": n["text"]}
            for n in reader.rows(q.NOTES, {"id": person.id, "limit": profiles.RECENT_NOTES})
        ],
        "note_count": int(reader.scalar(q.NOTE_COUNT, params) or 0),
        "introduced_you_to": [{"handle": r["handle"], "name": r["name"]} for r in reader.rows(q.INTRODUCED, params)],
        "family": profiles.family(reader, person.id),
        "goals": profiles.goals(reader, person.id, today.year),
        "traits": profiles.traits(reader, person.id),
        "meetings": meeting_summary(reader, person.id),
        "depth": depth.for_id(reader, person.id),
        "network": profiles.network(reader, person.id),
        "referrals": referral_views.quality(reader, person.id),
        "timeline": sorted(events, key=lambda e: str(e["on"]), reverse=True)[: profiles.RECENT_NOTES],
    }
