"""The follow-ups of keeping in touch: people due by their rhythm, and birthdays and
anniversaries coming up (with their family's)."""

from __future__ import annotations

import heapq
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from refcli import dates
from refcli.keeping import keeping_sql as kq
from refcli.keeping import rhythms
from refcli.referrals import balance_sql as bq
from refcli.store import Reader, summaries
from refcli.tracking import followups_sql as q
from refcli.tracking.items import UNLIMITED, Item

if TYPE_CHECKING:
    from refcli.settings import Settings


def cadence(
    reader: Reader,
    params: dict[str, Any],
    config: Settings,
    horizon: date,
    first: int | None = None,
) -> list[Item]:
    """People due for contact by their rhythm (keeping/rhythms.py): everyone you were ever in
    touch with, on the default rhythm unless they or their tags have one, and everyone with a
    rhythm never yet in touch; not those with a one-on-one planned. One pass over plain tuples;
    only the `first` longest untouched become items."""
    default = config.meeting_cadence_days
    if summaries.valid_on(reader, params["as_of"]):
        due, last = _due_from_summaries(reader, params, default, horizon, first)
    else:
        due, last = _due_from_rows(reader, params, default, horizon, first)
    if first is not None:
        due = heapq.nsmallest(first, due, key=lambda d: (d[0], d[1]))
    items = []
    for when, cid, rhythm in due:
        seen = last.get(cid)
        stamp = f"{seen.on if seen else 'never'}|{rhythm.days}"
        why = {
            "rhythm": rhythm.as_json(),
            "last_in_touch": seen.on if seen else None,
            "last_how": seen.how if seen else None,
        }
        items.append(Item("meet", "meet", dates.day(when), [], "", stamp, [cid], why=why))
    return items


Due = tuple[str, int, rhythms.Rhythm]  # the day (ISO text), who, by which rhythm


def _due_from_summaries(
    reader: Reader, params: dict[str, Any], default: int, horizon: date, first: int | None
) -> tuple[list[Due], dict[int, rhythms.LastContact]]:
    """The rule of `_due_from_rows`, in SQL over one summary row each: only the `first` soonest
    of each kind of rhythm are read."""
    limit = {**params, "first": UNLIMITED if first is None else first}
    after = (horizon - timedelta(days=default - 1)).isoformat()  # the day after `before` below
    plain = rhythms.Rhythm(default, "default")
    overdue = summaries.default_overdue(reader, {**limit, "day_after": after})
    last = rhythms.last_contacts_of(overdue)
    due = [((dates.day(last[cid].on) + timedelta(days=default)).isoformat(), cid, plain) for cid, _ in overdue]
    explicit = summaries.explicit_due(reader, {**limit, "horizon": horizon.isoformat()})
    last |= rhythms.last_contacts_of((cid, seen) for cid, _, seen in explicit if seen is not None)
    personal, tagged = rhythms.explicit(reader, [cid for cid, _, _ in explicit])
    for cid, when, _ in explicit:
        due.append((when, cid, rhythms.rhythm_of(personal.get(cid), tagged.get(cid, []), default)))
    return due, last


def _due_from_rows(
    reader: Reader, params: dict[str, Any], default: int, horizon: date, first: int | None
) -> tuple[list[Due], dict[int, rhythms.LastContact]]:
    """Who is due by `horizon` (not archived, no one-on-one planned), from everyone's latest
    contact: on the default rhythm once their last contact is `default` days before the horizon
    (compared as ISO text, so the pass over everyone builds no dates); on their own or their
    tags' rhythm by `rhythms.due_on`."""
    as_of = dates.day(params["as_of"])
    last = rhythms.last_contacts(reader, as_of)
    personal, tagged = rhythms.explicit(reader)
    skip = {cid for cid, _ in reader.stream(q.NEXT_SCHEDULED, params)}
    skip.update(cid for (cid,) in reader.stream(bq.ARCHIVED))
    plain = rhythms.Rhythm(default, "default")
    before = (horizon - timedelta(days=default)).isoformat()
    overdue = [(seen.on, cid) for cid, seen in last.items()
               if seen.on <= before and cid not in skip and cid not in personal and cid not in tagged]  # fmt: skip
    if first is not None:
        overdue = heapq.nsmallest(first, overdue)
    step = timedelta(days=default)
    due = [((dates.day(on) + step).isoformat(), cid, plain) for on, cid in overdue]
    cutoff = horizon.isoformat()
    for cid in set(personal) | set(tagged):
        if cid in skip:
            continue
        rhythm = rhythms.rhythm_of(personal.get(cid), tagged.get(cid, []), default)
        next_on = rhythms.due_on(rhythm, last.get(cid), as_of)
        if next_on is not None and next_on.isoformat() <= cutoff:
            due.append((next_on.isoformat(), cid, rhythm))
    return due, last


def describe(item: Item, name: str, handle: str) -> None:
    """The words of a rhythm's follow-up, once the person's name is known."""
    rhythm, seen = item.why["rhythm"], item.why["last_in_touch"]
    origin = rhythms.origin(rhythm, own="their rhythm")
    since = f"last in touch {seen} ({item.why['last_how']})" if seen else "no contact recorded yet"
    item.text = f"Time to be in touch with {name}, {rhythm['every']} ({origin}): {since}"
    item.command = f"ref touch {handle} --via call  or  ref schedule {handle} DATE"


def occasions(reader: Reader, as_of: date, horizon: date, config: Settings) -> list[Item]:
    """Birthdays and anniversaries (theirs and their family's) coming up within
    `birthday_notice_days` (and the window asked for), each on the day it falls this year."""
    last = min(horizon, as_of + timedelta(days=config.birthday_notice_days))
    if last < as_of:
        return []
    end = min(last + timedelta(days=1), as_of + timedelta(days=364))  # Feb 29 falls on Feb 28
    params = {"start": as_of.strftime("%m-%d"), "end": end.strftime("%m-%d")}
    items = []
    for r in reader.rows(kq.yearly_days(params["end"] < params["start"]), params):
        for kind in ("birthday", "anniversary"):
            stored = r[kind]
            if not stored:
                continue
            when = dates.next_yearly(stored, as_of)
            if when > last:
                continue
            items.append(_occasion(r, kind, stored, when, as_of))
    return _unwished(reader, items, as_of, config.birthday_notice_days)


def _unwished(reader: Reader, items: list[Item], as_of: date, notice: int) -> list[Item]:
    """The occasions no one has marked yet: being in touch with the person (a touch, a one-on-one)
    from the day its notice began is the wishes it asks for, and clears it."""
    if not items:
        return items
    low = min(i.due_on for i in items) - timedelta(days=notice)
    params = {"ids": sorted({cid for i in items for cid in i.contact_ids}), "low": low, "as_of": as_of}
    seen = {int(r["contact_id"]): dates.day(r["day"]) for r in reader.rows(kq.IN_TOUCH_SINCE, params)}
    return [
        i
        for i in items
        if not any(seen.get(cid, date.min) >= i.due_on - timedelta(days=notice) for cid in i.contact_ids)
    ]


def _occasion(r: dict[str, Any], kind: str, stored: str, when: date, as_of: date) -> Item:
    first = r["name"].split()[0] if r["name"].split() else r["name"]
    years = dates.years_on(stored, when)
    if r["member_id"] is None:
        whose, key = f"{first}'s {kind}", f"{kind}-{r['handle']}"
    else:
        relation = f"{r['relation']} " if r["relation"] else ""
        whose, key = f"{first}'s {relation}{r['member']}: {kind}", f"{kind}-{r['handle']}-{r['member_id']}"
    day = "today" if when == as_of else f"on {when:%A} {when.isoformat()}"
    extra = "" if years is None else f" (turns {years})" if kind == "birthday" else f" ({years} years)"
    return Item(
        key,
        kind,
        when,
        [r["handle"]],
        f"{whose} {day}{extra}",
        when.isoformat(),
        [int(r["contact_id"])],
        command=f'ref touch {r["handle"]} --via message --note "{kind} wishes"',
        why={"kind": kind, "on": when.isoformat(), "stored": stored, "years": years},
    )
