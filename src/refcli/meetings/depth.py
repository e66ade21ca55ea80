"""How deep is this relationship? The 14 points of a deep referral relationship.

Six points are derived from what ref already knows (how long you have known them,
offerings, family, reciprocity, goals, regular meetings); the rest only you can
answer. Your explicit answer always overrides a derived one. The score is out of
14, with a level: surface (0-5), growing (6-10), deep (11-14). It is a picture of
one relationship to deepen, never a ranking of people.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any, TypedDict

from refcli import dates
from refcli.errors import InvalidInput
from refcli.meetings import depth_sql as q
from refcli.people.resolve import Person
from refcli.store import Reader

if TYPE_CHECKING:
    from refcli.store.writer import Writer

POINTS: dict[int, str] = {
    1: "You believe they are an expert at what they do",
    2: "You trust them to take great care of the people you refer",
    3: "You have known each other for at least a year",
    4: "You understand at least three of their products or services",
    5: "You know their family members' names and have met them",
    6: "You have both asked how you can help grow each other's business",
    7: "You know at least five of their goals for this year",
    8: "You could call them at 10 at night if you really needed something",
    9: "You would not feel awkward asking them for help",
    10: "You enjoy the time you spend together",
    11: "You have regular appointments scheduled",
    12: "You enjoy seeing them achieve further success",
    13: "They are top of mind every day",
    14: "You talk openly about how to help each other further",
}
DERIVED = (3, 4, 5, 6, 7, 11)
NEXT_STEP_ORDER = (11, 6, 4, 7, 5, 1, 2, 8, 9, 10, 12, 13, 14, 3)


@dataclass(frozen=True)
class Point:
    item: int
    answer: bool | None  # what counts: yours if given, else derived
    source: str | None  # "you", "data" or None (unknown)
    derived: bool | None
    reason: str | None  # why ref derived what it did


def level(score: int) -> str:
    return "deep" if score >= 11 else "growing" if score >= 6 else "surface"


def _params(today: date) -> dict[str, Any]:
    from dateutil.relativedelta import relativedelta

    return {
        "yes": True,
        "today": today.isoformat(),
        "year": today.year,
        "year_ago": (today - relativedelta(years=1)).isoformat(),
    }


def _derive(facts: dict[str, Any], today: date) -> dict[int, tuple[bool | None, str]]:
    from dateutil.relativedelta import relativedelta

    met_on = date.fromisoformat(facts["met_on"]) if facts["met_on"] else None
    offerings, family, family_met = int(facts["offerings"]), int(facts["family"]), int(facts["family_met"])
    goals, recent, scheduled = int(facts["goals"]), int(facts["recent_meetings"]), int(facts["scheduled"])
    known_year = None if met_on is None else met_on <= today - relativedelta(years=1)
    return {
        3: (known_year, f"known since {met_on.isoformat()}" if met_on else "when you met is not recorded"),
        4: (offerings >= 3, f"you know {offerings} of 3 offerings"),
        5: (
            family > 0 and family_met == family,
            f"{family} family name{'s' if family != 1 else ''} known, met {family_met}"
            if family
            else "no family names",
        ),
        6: (int(facts["mutual"]) > 0, "you both asked, in a one-on-one" if facts["mutual"] else "not recorded yet"),
        7: (goals >= 5, f"you know {goals} of 5 goals for {today.year}"),
        11: (
            recent >= 3 and scheduled > 0,
            f"{recent} one-on-one{'s' if recent != 1 else ''} in 12 months, "
            + ("next one scheduled" if scheduled else "none scheduled"),
        ),
    }


class PointShown(TypedDict):
    item: int
    text: str
    answer: bool | None
    source: str | None  # "you", "data", or None when unknown
    derived: bool | None
    reason: str | None


class Depth(TypedDict):
    """How deep a relationship is: the score, its level, each point and the next step."""

    handle: str
    name: str
    score: int
    level: str
    points: list[PointShown]
    next_step: str | None


def evaluate(facts: dict[str, Any], answers: dict[int, bool], today: date) -> Depth:
    derived = _derive(facts, today)
    points = []
    for item in POINTS:
        d_answer, reason = derived.get(item, (None, None))
        if item in answers:
            points.append(Point(item, answers[item], "you", d_answer, reason))
        elif item in derived and d_answer is not None:
            points.append(Point(item, d_answer, "data", d_answer, reason))
        else:
            points.append(Point(item, None, None, d_answer, reason))
    score = sum(1 for p in points if p.answer)
    return {
        "handle": facts["handle"],
        "name": facts["name"],
        "score": score,
        "level": level(score),
        "points": [
            {
                "item": p.item,
                "text": POINTS[p.item],
                "answer": p.answer,
                "source": p.source,
                "derived": p.derived,
                "reason": p.reason,
            }
            for p in points
        ],
        "next_step": next_step(facts, points),
    }


def next_step(facts: dict[str, Any], points: list[Point]) -> str | None:
    """The one most useful thing to do next to deepen this relationship."""
    by_item = {p.item: p for p in points}
    handle = facts["handle"]
    for item in NEXT_STEP_ORDER:
        point = by_item[item]
        if point.answer:
            continue
        if item == 11:
            if not int(facts["scheduled"]):
                return f"schedule your next one-on-one: ref schedule {handle} DATE"
            return f"meet regularly: {facts['recent_meetings']} of 3 one-on-ones in the last 12 months"
        if item == 6:
            return "at your next one-on-one, ask how you can help each other (and notice if they ask too)"
        if item == 4:
            return f"learn what they sell: you know {facts['offerings']} of 3 offerings"
        if item == 7:
            return f"ask about their goals for this year: you know {facts['goals']} of 5"
        if item == 5:
            if not int(facts["family"]):
                return "ask about their family, and write the names down"
            return f"meet their family: you have met {facts['family_met']} of {facts['family']}"
        if item == 3:
            if point.derived is None:
                return f"record when you met: ref edit {handle} --met-on DATE"
            return "keep at it: time builds trust"
        if point.source is None:
            return f"answer the depth questions you can: ref depth {handle}"
    return None


def _answers(rows: list[dict[str, Any]]) -> dict[int, dict[int, bool]]:
    result: dict[int, dict[int, bool]] = defaultdict(dict)
    for r in rows:
        result[int(r["contact_id"])][int(r["item"])] = bool(r["answer"])
    return result


def for_contact(reader: Reader, person: Person) -> Depth:
    return for_id(reader, person.id)


def for_id(reader: Reader, contact_id: int) -> Depth:
    today = dates.today()
    facts = reader.row(q.ONE, {**_params(today), "id": contact_id})
    assert facts is not None
    answers = _answers(reader.rows(q.ANSWERS_ONE, {"id": contact_id}))
    return evaluate(facts, answers[contact_id], today)


def everyone(reader: Reader, limit: int | None = None) -> list[Depth]:
    """Everyone you have met or exchanged referrals with, shallowest first: two queries in all."""
    today = dates.today()
    params = _params(today)
    answers = _answers(reader.rows(q.ANSWERS_EVERYONE, params))
    results = [evaluate(f, answers[int(f["id"])], today) for f in reader.rows(q.EVERYONE, params)]
    ordered = sorted(results, key=lambda r: (r["score"], r["name"].casefold()))
    return ordered if limit is None else ordered[:limit]


def parse_settings(values: list[str]) -> dict[int, bool | None]:
    """`8=yes`, `10=no`, `3=clear` -> {8: True, 10: False, 3: None}."""
    parsed: dict[int, bool | None] = {}
    for value in values:
        item_text, sep, answer = value.partition("=")
        if not sep or not item_text.strip().isdecimal():
            raise InvalidInput(f"cannot read {value!r}", "use ITEM=yes or ITEM=no, e.g. --set 8=yes")
        item = int(item_text)
        if item not in POINTS:
            raise InvalidInput(f"depth point {item} does not exist", "points are numbered 1 to 14")
        parsed[item] = parse_answer(answer)
    return parsed


def parse_answer(text: str) -> bool | None:
    word = text.strip().lower()
    if word in ("y", "yes"):
        return True
    if word in ("n", "no"):
        return False
    if word == "clear":
        return None
    raise InvalidInput(f"answer {text!r} is not yes or no", "answer yes or no (or clear to forget an answer)")


def save_answers(writer: Writer, person: Person, answers: dict[int, bool | None]) -> Person:
    """Record your answers (None forgets one, so ref's derived view shows again)."""
    today = dates.today()
    mine = "SELECT id, item FROM depth_answer WHERE contact_id = :id"
    existing = {int(r["item"]): int(r["id"]) for r in writer.rows(mine, {"id": person.id})}
    for item, answer in answers.items():
        row_id = existing.get(item)
        if answer is None:
            if row_id is not None:
                writer.execute("DELETE FROM depth_answer WHERE id = :id", {"id": row_id})
        elif row_id is None:
            writer.insert(
                "depth_answer", {"contact_id": person.id, "item": item, "answer": answer, "answered_on": today}
            )
        else:
            writer.update("depth_answer", row_id, {"answer": answer, "answered_on": today})
    return person


def for_ids(reader: Reader, ids: list[int]) -> dict[int, Depth]:
    """Depth for a chosen few people, in two queries."""
    if not ids:
        return {}
    today = dates.today()
    params: dict[str, Any] = {**_params(today), **{f"c{i}": cid for i, cid in enumerate(ids)}}
    answers = _answers(reader.rows(q.answers_some(len(ids)), params))
    return {int(f["id"]): evaluate(f, answers[int(f["id"])], today) for f in reader.rows(q.some(len(ids)), params)}
