"""How often to be in touch with each person, and when they are next due.

A person's own rhythm (`ref cadence fred 2w`, or `off`) beats their tags' (the shortest wins
among tags), which beat the default (`meeting_cadence_days`). A rhythm restarts from the latest
contact of any kind (`keeping_sql.last_touches`). Reads are a constant number of queries
whatever the size of the network.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any, NamedTuple, TypedDict

from refcli import dates, settings
from refcli.errors import InvalidInput
from refcli.keeping import keeping_sql as q
from refcli.people.resolve import Person
from refcli.store import Reader, summaries

if TYPE_CHECKING:
    from refcli.store.writer import Writer

OFF_WORDS = ("off", "never", "none")
DEFAULT_WORDS = ("default", "clear", "inherit")


@dataclass(frozen=True)
class Rhythm:
    days: int  # 0: off
    source: str  # "own", "tag" or "default"
    tag: str | None = None

    def every(self) -> str:
        return dates.say_interval(self.days) if self.days else "off"

    def as_json(self) -> RhythmJson:
        return {"days": self.days, "every": self.every(), "from": self.source, "tag": self.tag}


# A rhythm in JSON: every N days, in words, where it comes from (own, tag, default) and which
# tag. "from" is a Python keyword, so the functional form of TypedDict spells it.
RhythmJson = TypedDict("RhythmJson", {"days": int, "every": str, "from": str, "tag": str | None})


class Keeping(TypedDict):
    """One person's rhythm, latest contact and next due day (`show`, `cadence X`)."""

    rhythm: RhythmJson
    last_in_touch: str | None
    last_how: str | None
    next_due: str | None
    next_one_on_one: str | None


class WithRhythm(TypedDict):
    contact: str
    name: str
    archived: bool
    rhythm: RhythmJson
    last_in_touch: str | None
    last_how: str | None
    next_due: str | None


class TagRhythm(TypedDict):
    tag: str
    days: int
    every: str
    people: int


class Rhythms(TypedDict):
    """`ref cadence`: the default, each tag's rhythm, and everyone with a rhythm."""

    default: RhythmJson
    tags: list[TagRhythm]
    people: list[WithRhythm]
    more: int  # people with a rhythm not listed (beyond --limit)


class LastContact(NamedTuple):
    on: str  # ISO day
    how: str  # call, email, ..., one-on-one, referral, introduction, thank-you, talk


def origin(rhythm: RhythmJson, own: str = "their own", tag: str = "tag") -> str:
    """Where a rhythm (as `Rhythm.as_json` gives it) comes from, in words: the one wording of
    `show`, `cadence`, `followups` and `--why`."""
    return {"own": own, "tag": f"{tag} {rhythm['tag']}", "default": "the default"}[rhythm["from"]]


def rhythm_of(personal: int | None, tags: Iterable[tuple[str, int]], default: int) -> Rhythm:
    """The one rule: their own, else the shortest of their tags' (a tag set to off counts only
    when no tag sets a rhythm), else the default."""
    if personal is not None:
        return Rhythm(personal, "own")
    tagged = sorted(tags)
    on = sorted((days, tag) for tag, days in tagged if days > 0)
    if on:
        return Rhythm(on[0][0], "tag", on[0][1])
    if tagged:
        return Rhythm(0, "tag", tagged[0][0])
    return Rhythm(default, "default")


def last_contacts(reader: Reader, as_of: date, person: int | None = None) -> dict[int, LastContact]:
    """Everyone's (or one person's) latest contact of any kind, on or before `as_of`."""
    params: dict[str, Any] = {"as_of": as_of.isoformat(), "yes": True}
    if person is not None:
        params["id"] = person
    if person is None and summaries.valid_on(reader, params["as_of"]):  # one row each, kept current
        rows = summaries.last_contacts(reader)
    else:
        rows = reader.stream(q.last_touches(person is not None), params)
    return last_contacts_of(rows)


def last_contacts_of(rows: Iterable[tuple[Any, ...]]) -> dict[int, LastContact]:
    """(contact id, "YYYY-MM-DD how") rows as each person's LastContact."""
    found: dict[int, LastContact] = {}
    for cid, latest in rows:
        day, _, how = str(latest).partition(" ")
        found[int(cid)] = LastContact(day, how)
    return found


def explicit(reader: Reader, ids: list[int] | None = None) -> tuple[dict[int, int], dict[int, list[tuple[str, int]]]]:
    """Everyone (or these people) with a rhythm of their own, and whose tags set one."""
    only = {"ids": ids} if ids is not None else {}
    personal_sql = q.PERSONAL + (" AND id IN :ids" if ids is not None else "")
    tagged_sql = q.TAGGED + (" WHERE t.contact_id IN :ids" if ids is not None else "")
    personal = {cid: int(days) for cid, days in reader.stream(personal_sql, only)}
    tagged: dict[int, list[tuple[str, int]]] = {}
    for cid, tag, days in reader.stream(tagged_sql, only):
        tagged.setdefault(cid, []).append((str(tag), int(days)))
    return personal, tagged


def due_on(rhythm: Rhythm, last: LastContact | None, as_of: date) -> date | None:
    """When they are next due: the latest contact plus the rhythm; today if never in touch."""
    if not rhythm.days:
        return None
    return dates.day(last.on) + timedelta(days=rhythm.days) if last else as_of


def for_person(reader: Reader, person_id: int, as_of: date) -> Keeping:
    """One person's rhythm, their latest contact, and when they are next due (`show`, `cadence X`)."""
    default = settings.load(reader).meeting_cadence_days
    personal = reader.scalar(q.ONE_PERSONAL, {"id": person_id})
    tags = [(str(r["tag"]), int(r["days"])) for r in reader.rows(q.ONE_TAGGED, {"id": person_id})]
    rhythm = rhythm_of(None if personal is None else int(personal), tags, default)
    last = last_contacts(reader, as_of, person_id).get(person_id)
    scheduled = reader.scalar(q.NEXT_SCHEDULED_ONE, {"id": person_id, "as_of": as_of.isoformat()})
    # The default applies only from a first contact; a rhythm you set is due at once.
    due = None if last is None and rhythm.source == "default" else due_on(rhythm, last, as_of)
    return {
        "rhythm": rhythm.as_json(),
        "last_in_touch": last.on if last else None,
        "last_how": last.how if last else None,
        "next_due": due.isoformat() if due else None,
        "next_one_on_one": dates.iso(scheduled),
    }


def listing(reader: Reader, as_of: date, limit: int | None = None) -> Rhythms:
    """`ref cadence`: the default, each tag's rhythm, and everyone with a rhythm of their own or
    from a tag, soonest due first (the first `limit` of them; `more`: how many are left out)."""
    default = settings.load(reader).meeting_cadence_days
    counted = {str(r["tag"]): int(r["people"]) for r in reader.rows(q.TAG_PEOPLE)}
    total = int(reader.scalar(q.WITH_RHYTHMS_COUNT) or 0)
    if limit is not None and summaries.valid_on(reader, as_of.isoformat()):  # the soonest, in SQL
        soonest = summaries.rhythms_soonest(reader, as_of.isoformat(), limit)
        ids = [cid for cid, _, _ in soonest]
        last = last_contacts_of((cid, seen) for cid, _, seen in soonest if seen is not None)
    else:
        last = last_contacts(reader, as_of)
        ids = None
    personal, tagged = explicit(reader, ids)
    people: list[WithRhythm] = []
    rows = reader.rows(q.with_rhythms(ids is not None), {"ids": ids} if ids is not None else {})
    if limit is None:  # everyone: those on the default rhythm too (anyone you have been in touch with)
        listed = {int(r["id"]) for r in rows}
        rest = sorted(cid for cid in last if cid not in listed)
        rows += reader.rows(q.PEOPLE_BY_ID, {"ids": rest}) if rest else []
        total = len(rows)
    for row in rows:
        cid = int(row["id"])
        rhythm = rhythm_of(personal.get(cid), tagged.get(cid, []), default)
        due = due_on(rhythm, last.get(cid), as_of)
        people.append(
            {
                "contact": row["handle"],
                "name": row["name"],
                "archived": row["archived_at"] is not None,
                "rhythm": rhythm.as_json(),
                "last_in_touch": last[cid].on if cid in last else None,
                "last_how": last[cid].how if cid in last else None,
                "next_due": due.isoformat() if due else None,
            }
        )
    people.sort(key=lambda p: (p["next_due"] is None, p["next_due"] or "", p["contact"]))
    people = people if limit is None else people[:limit]
    tag_rows: list[TagRhythm] = [
        {"tag": r["tag"], "days": int(r["days"]), "every": Rhythm(int(r["days"]), "tag").every(),
         "people": counted.get(str(r["tag"]), 0)}
        for r in reader.rows(q.TAG_RHYTHMS)
    ]  # fmt: skip
    return {"default": Rhythm(default, "default").as_json(), "tags": tag_rows, "people": people,
            "more": total - len(people)}  # fmt: skip


# --- writes ------------------------------------------------------------------------------------


def parse_every(text: str) -> int | None:
    """`2w`, `30d`, `3m`, `1y`, a number of days, `off` (0), or `default` (None: no rhythm of
    its own)."""
    word = text.strip().lower()
    if word in OFF_WORDS:
        return 0
    if word in DEFAULT_WORDS:
        return None
    try:
        return dates.interval(word)
    except InvalidInput as exc:
        raise InvalidInput(str(exc.args[0]), f"{dates.EVERY_FORMS}, off, or default; at most 10 years") from None


def set_person(writer: Writer, person: Person, every: str) -> tuple[Person, int | None]:
    """Give a person their own rhythm (`off` stops it; `default` goes back to their tags' or the
    default)."""
    days = parse_every(every)
    writer.update("contact", person.id, {"cadence_days": days})
    return person, days


def set_tag(writer: Writer, tag: str, every: str) -> tuple[str, int | None, int]:
    """Give everyone tagged `tag` a rhythm (`default` removes the tag's rhythm). Returns the tag
    as stored, the days, and how many people carry it."""
    from refcli.people.contacts import clean_tag

    name = clean_tag(tag)
    days = parse_every(every)
    found = writer.row("SELECT id FROM tag_cadence WHERE tag = :tag", {"tag": name})
    if days is None:
        if found is not None:
            writer.execute("DELETE FROM tag_cadence WHERE id = :id", {"id": found["id"]})
    elif found is None:
        writer.insert("tag_cadence", {"tag": name, "days": days})
    else:
        writer.update("tag_cadence", found["id"], {"days": days})
    people = writer.scalar("SELECT count(*) FROM tag WHERE name = :name", {"name": name})
    return name, days, int(people or 0)
