"""`ref map`'s picture of the network, as data: who is drawn, what passes between you and each,
and the links among them (introductions you made, who knows whom).

At most `MOST` people are drawn, those you were in touch with most recently; everyone else is
counted in their group (their first tag), so a network of 100,000 people is a readable picture
of its thousand nearest and a count of the rest, never 100,000 labels.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from refcli import dates, settings
from refcli.pictures import network_sql as q
from refcli.store import Reader

MOST = 1000  # people drawn; the rest are counted in their group
OVERDUE_DAYS = 30  # due more than this long ago: overdue


@dataclass
class Person:
    id: int
    handle: str
    name: str
    business: str
    group: str  # their first tag ('' for none)
    state: str  # on rhythm, due, overdue, no rhythm
    last: str | None  # last in touch (ISO day)
    archived: bool
    given: int = 0  # referrals you gave them
    received: int = 0  # referrals they gave you
    won_given: int = 0
    won_received: int = 0
    lost_given: int = 0
    lost_received: int = 0
    meetings: int = 0

    @property
    def weight(self) -> int:
        """How much passes between you: referrals both ways and one-on-ones held."""
        return self.given + self.received + self.meetings


@dataclass
class Network:
    people: list[Person]  # most important first: in touch most recently, then the most active
    introductions: list[tuple[int, int, int]]  # (a, b, how many)
    knows: list[tuple[int, int]]
    groups: dict[str, int]  # every group's size, the people not drawn included
    focus: int | None = None
    hidden: int = 0  # people not drawn
    filters: dict[str, Any] = field(default_factory=dict)


def read(
    reader: Reader, *, focus: int | None = None, tag: str | None = None, since: date | None = None,
    archived: bool = False,
) -> Network:  # fmt: skip
    """The network to draw; `focus` draws one person's circle (them and whom they are linked to)."""
    params: dict[str, Any] = {"most": MOST, "tag": tag, "yes": True}
    params["since"] = since.isoformat() if since else "0001-01-01"
    ids: list[int] | None = None
    if focus is not None:
        ids = sorted({focus} | {int(i) for (i,) in reader.all(q.CIRCLE, {"id": focus}) if i is not None})
        params["ids"] = ids
    condition = q.where(archived or focus is not None, tag is not None, since is not None, ids is not None)
    today = dates.today()
    default = timedelta(days=settings.load(reader).meeting_cadence_days)
    people = [_person(row, today, default) for row in reader.rows(q.people(condition), params)]
    drawn = [p.id for p in people]
    by_id = {p.id: p for p in people}
    counted = {str(r["tag"]): int(r["n"]) for r in reader.rows(q.groups(condition), params)}
    introductions: list[tuple[int, int, int]] = []
    knows: list[tuple[int, int]] = []
    for start in range(0, len(drawn), 500):
        chunk = {**params, "ids": drawn[start : start + 500]}
        for r in reader.rows(q.EXCHANGES, chunk):
            _exchange(by_id[int(r["id"])], r)
        for r in reader.rows(q.MEETINGS, chunk):
            by_id[int(r["id"])].meetings = int(r["n"])
    everyone = {**params, "ids": drawn}
    if drawn:
        introductions = [(int(r["a"]), int(r["b"]), int(r["n"])) for r in reader.rows(q.INTRODUCTIONS, everyone)]
        knows = [(int(r["a"]), int(r["b"])) for r in reader.rows(q.KNOWS, everyone)]
    people.sort(key=lambda p: (p.last is None, _ago(p.last, today), -p.weight, p.name.casefold(), p.id))
    if focus is not None and focus in by_id:  # the person asked about first: always labelled
        people.remove(by_id[focus])
        people.insert(0, by_id[focus])
    filters = {"tag": tag, "since": params["since"] if since else None, "archived": archived}
    hidden = sum(counted.values()) - len(people)
    return Network(people, sorted(introductions), sorted(knows), counted, focus, hidden, filters)


def _ago(last: str | None, today: date) -> int:
    return (today - date.fromisoformat(last)).days if last else 0


def _person(row: dict[str, Any], today: date, default: timedelta) -> Person:
    # person_summary.last_contact is "DAY KIND" (the day first): the day is what a map shows
    last = str(row["last_contact"])[:10] if row["last_contact"] else None
    # Due by their own or their tags' rhythm (rhythm_due), else by the default from the last contact
    due = dates.day(row["due_on"]) if row["due_on"] else date.fromisoformat(last) + default if last else None
    return Person(
        id=int(row["id"]),
        handle=str(row["handle"]),
        name=str(row["name"]),
        business=str(row["business"] or row["company"] or ""),
        group=str(row["tag"] or ""),
        state=state(due, today),
        last=last,
        archived=row["archived_at"] is not None,
    )


def state(due: date | None, today: date) -> str:
    """Where a person stands against their rhythm (docs/counting.md, `ref map`)."""
    if due is None:
        return "no rhythm"
    if due > today:
        return "on rhythm"
    return "due" if due > today - timedelta(days=OVERDUE_DAYS) else "overdue"


def _exchange(person: Person, row: dict[str, Any]) -> None:
    n, won, lost = int(row["n"]), int(row["won"] or 0), int(row["lost"] or 0)
    if row["direction"] == "given":
        person.given, person.won_given, person.lost_given = n, won, lost
    else:
        person.received, person.won_received, person.lost_received = n, won, lost
