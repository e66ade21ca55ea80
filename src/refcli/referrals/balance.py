"""Keep track, don't keep score: each relationship's give and take as a picture.

The balance is never a net score and never sorted by who owes whom: rows come
most recent exchange first, and a signal in words says what a thoughtful
partner would notice: a thank-you owed, a favour to pay forward, an imbalance
that has become worth one friendly conversation, and what happened after it.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING, Any, TypedDict

from refcli import dates, money, settings
from refcli.errors import InvalidInput
from refcli.people.resolve import Person
from refcli.referrals import balance_sql as q
from refcli.referrals.signals import SIGNAL_TEXT, signal
from refcli.store import Reader

if TYPE_CHECKING:
    from refcli.settings import Settings
    from refcli.store.writer import Writer


CHUNK = 500  # ids per IN list when fetching details


SUMMED = ("given", "given_won", "given_value", "received", "received_won", "received_value", "unthanked", "foreign_")
EPOCH = "0001-01-01"  # `since` when no --since is given: from the beginning


def _merge(into: dict[str, Any], row: dict[str, Any]) -> None:
    for key in SUMMED:
        into[key] = int(into.get(key) or 0) + int(row[key] or 0)
    for key, pick in (("first_given", min), ("oldest_unthanked", min), ("last_given", max), ("last_received", max)):
        values = [str(v) for v in (into.get(key), row[key]) if v]
        into[key] = pick(values) if values else None


def totals(
    reader: Reader,
    params: dict[str, Any],
    *,
    contact_id: int | None = None,
    only: list[int] | None = None,
) -> dict[int, dict[str, Any]]:
    """Per person: everything that went each way (docs/counting.md). Two aggregate queries,
    merged: for everyone, for one person, or for `only` these people. Archived people, and
    people with nothing made in the window, are left out unless one person is asked for."""
    one = contact_id is not None
    if one:
        params = {**params, "contact_id": contact_id}
    count = 0
    if only is not None:
        count = len(only)
        params = {**params, **{f"c{i}": cid for i, cid in enumerate(only)}}
        if not count:
            return {}
    found: dict[int, dict[str, Any]] = {}
    queries = (q.partner_totals(contact=one, count=count), q.mutual_totals(contact=one, count=count))
    for n, sql in enumerate(queries):
        for row in reader.rows(sql, params):
            cid = int(row["cid"])
            if n == 0:  # the first query has one row per person: take it as it is
                found[cid] = {**row, "id": cid}
            else:
                _merge(found.setdefault(cid, {"id": cid}), row)
    talked = {int(r["contact_id"]): r["talked_on"] for r in reader.rows(q.TALKED, params)}
    archived = set() if one else {int(r["id"]) for r in reader.rows(q.ARCHIVED)}
    for cid in list(found):
        row = found[cid]
        if cid in archived or (not one and not int(row["given"] or 0) + int(row["received"] or 0)):
            del found[cid]
            continue
        row["talked_on"] = talked.get(cid)
        recent = [d for d in (row["last_given"], row["last_received"]) if d]
        row["last_exchange"] = max(recent) if recent else None
        row["foreign"] = []
    _foreign_values(reader, params, found)
    return found


def _foreign_values(reader: Reader, params: dict[str, Any], found: dict[int, dict[str, Any]]) -> None:
    """Won values in other currencies, for the few people that have any (`foreign_` > 0)."""
    ids = [cid for cid, row in found.items() if int(row.get("foreign_") or 0)]
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        chunk_params = {**params, **{f"f{i}": cid for i, cid in enumerate(chunk)}}
        names = ", ".join(f":f{i}" for i in range(len(chunk)))
        for sql in (q.FOREIGN_PARTNER, q.FOREIGN_MUTUAL):
            for r in reader.rows(sql.format(ids=names), chunk_params):
                found[int(r["cid"])]["foreign"].append((r["direction"], r["currency"], int(r["value_minor"] or 0)))


NO_SIGNALS: dict[str, Any] = {
    "given": 0,
    "given_won": 0,
    "first_given": None,
    "last_given": None,
    "last_received": None,
    "talked_on": None,
    "last_exchange": None,
}


def signal_totals(reader: Reader, params: dict[str, Any]) -> dict[int, dict[str, Any]]:
    """Per person, only what the signals read (given, given_won, first_given, last_given,
    last_received, talked_on, last_exchange, days as ISO text): the same answers as `totals`
    for those keys, from two narrower aggregates read as plain tuples, for `ref followups`
    at any size. Given the follow-ups' cut-offs (`talk_before`, `forward_before`, `least`,
    `first`) and current summaries, only the people a follow-up can be due for, from SQL."""
    from refcli.store import summaries

    iso = dates.iso
    if "talk_before" in params and summaries.valid_on(reader, str(params["as_of"])):
        # only the candidates for a follow-up, the figures computed in SQL over the summaries
        return {int(r["id"]): {**r, "last_exchange": None} for r in summaries.signal_candidates(reader, params)}
    found: dict[int, dict[str, Any]] = {}
    partners, mutuals, talks = _signal_rows(reader, params)
    for cid, given, won, first, last_given, last_received in partners:
        last_given, last_received = iso(last_given), iso(last_received)
        found[cid] = {
            "given": given or 0,
            "given_won": won or 0,
            "first_given": iso(first),
            "last_given": last_given,
            "last_received": last_received,
            "talked_on": None,
            "last_exchange": max(last_given, last_received)
            if last_given and last_received
            else last_given or last_received,
        }
    for cid, given, won, first, last in mutuals:
        first, last = str(first), str(last)  # ISO text (str of a date is ISO); never None here
        row = found.get(cid) or found.setdefault(cid, dict(NO_SIGNALS))
        row["given"] += given
        row["given_won"] += won or 0
        row["first_given"] = min(first, row["first_given"] or first)
        row["last_given"] = max(last, row["last_given"] or last)
        row["last_exchange"] = max(last, row["last_exchange"] or last)
    for (cid,) in reader.stream(q.ARCHIVED):
        found.pop(cid, None)
    for cid, talked_on in talks:
        if cid in found:
            found[cid]["talked_on"] = iso(talked_on)
    return found


def _signal_rows(reader: Reader, params: dict[str, Any]) -> tuple[Iterable[Any], Iterable[Any], Iterable[Any]]:
    """The rows of the three signal aggregates: from the per-person summaries when they answer as
    of this day (nothing later recorded), else computed from the referrals and talks."""
    from refcli.store import summaries

    if not summaries.valid_on(reader, str(params["as_of"])):
        return (reader.stream(q.PARTNER_SIGNALS, params), reader.stream(q.MUTUAL_SIGNALS, params),
                reader.stream(q.TALKED, params))  # fmt: skip
    return summaries.signal_rows(reader, str(params["since"]))


SCAN = 2000  # exchanges read per step when looking for the most recent partners


def _most_recent(reader: Reader, params: dict[str, Any], limit: int) -> list[int]:
    """The `limit` people with the most recent exchanges, reading exchanges newest first until
    enough distinct (not archived) people are found: flat cost at any size."""
    archived = {int(r["id"]) for r in reader.rows(q.ARCHIVED)}
    found: list[int] = []
    seen: set[int] = set()
    skip = 0
    while len(found) < limit:
        rows = reader.rows(q.recent(), {**params, "scan": SCAN, "skip": skip})
        for r in rows:
            people = [r["partner_id"]] + ([r["prospect_id"]] if r["mutual"] and r["prospect_id"] is not None else [])
            for cid in (int(p) for p in people):
                if cid not in seen and cid not in archived:
                    seen.add(cid)
                    found.append(cid)
        if len(rows) < SCAN:
            break
        skip += SCAN
    return found[:limit]


def details(reader: Reader, ids: list[int], window: dict[str, Any]) -> dict[int, dict[str, Any]]:
    """Names and one-on-ones (held in the window) for just these people (chunked IN lists)."""
    found: dict[int, dict[str, Any]] = {}
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        params: dict[str, Any] = {f"c{i}": cid for i, cid in enumerate(chunk)}
        params.update(as_of=window["as_of"], since=window["since"])
        for row in reader.rows(q.people(len(chunk)), params):
            found[int(row["id"])] = row
    return found


class Balance(TypedDict):
    """One person's balance: what passed each way, worth what, one-on-ones, and the signal."""

    handle: str
    name: str
    given: int
    given_won: int
    given_values: list[money.Amount]
    received: int
    received_won: int
    received_values: list[money.Amount]
    currency: str
    last_given: Any  # a day: text from SQLite, a date from a server
    last_received: Any
    meetings: int
    last_met: Any
    signal: str
    signal_text: str
    reason: str


# One referral in a balance's history ("with" is a Python keyword: the functional form).
Exchange = TypedDict(
    "Exchange",
    {"id": int, "on": Any, "direction": str, "what": str, "with": str | None, "status": str,
     "value_minor": int | None, "currency": str, "thanked_on": Any},
)  # fmt: skip


class Talk(TypedDict):
    id: int
    on: Any
    notes: str | None


class BalanceWithHistory(Balance):
    """`ref balance X`: the balance, every referral in the window, and your talks about it."""

    history: list[Exchange]
    conversations: list[Talk]


def _shape(row: dict[str, Any], person: dict[str, Any], config: Settings, as_of: date) -> Balance:
    code, reason = signal({**row, "name": person["name"]}, config, as_of)
    return {
        "handle": person["handle"],
        "name": person["name"],
        "given": int(row["given"] or 0),
        "given_won": int(row["given_won"] or 0),
        "given_values": _values(row, "given", config.currency),
        "received": int(row["received"] or 0),
        "received_won": int(row["received_won"] or 0),
        "received_values": _values(row, "received", config.currency),
        "currency": config.currency,
        "last_given": row["last_given"],
        "last_received": row["last_received"],
        "meetings": int(person["meetings"] or 0),
        "last_met": person["last_met"],
        "signal": code,
        "signal_text": SIGNAL_TEXT[code].format(talked_on=row["talked_on"]),
        "reason": reason,
    }


def _values(row: dict[str, Any], direction: str, home: str) -> list[money.Amount]:
    """What the won referrals one way were worth, per currency (the configured one first)."""
    amounts = [(home, int(row[f"{direction}_value"] or 0))]
    amounts += [(currency, minor) for way, currency, minor in row.get("foreign", []) if way == direction]
    return money.totals(amounts, home)


def params_for(reader: Reader, as_of: date | None, since: date | None = None) -> tuple[dict[str, Any], Settings, date]:
    config = settings.load(reader)
    day = as_of or dates.today()
    if since is not None and since > day:
        raise InvalidInput(
            f"--since {since.isoformat()} is after --as-of {day.isoformat()}", "give a since date on or before it"
        )
    params: dict[str, Any] = {
        "as_of": day.isoformat(),
        "since": since.isoformat() if since else EPOCH,
        "yes": True,
        "currency": config.currency,
    }
    return params, config, day


def everyone(
    reader: Reader, *, as_of: date | None = None, since: date | None = None, limit: int | None = 50
) -> list[Balance]:
    """One row per person with any exchange, most recent exchange first (never by who owes whom)."""
    params, config, day = params_for(reader, as_of, since)
    only = None if limit is None else _most_recent(reader, params, limit)
    rows = sorted(
        totals(reader, params, only=only).values(),
        key=lambda r: (str(r["last_exchange"] or ""), -r["id"]),
        reverse=True,
    )
    shown = rows if limit is None else rows[:limit]
    people = details(reader, [r["id"] for r in shown], params)
    return [_shape(r, people[r["id"]], config, day) for r in shown if r["id"] in people]


def one(reader: Reader, person: Person, *, as_of: date | None = None, since: date | None = None) -> BalanceWithHistory:
    params, config, day = params_for(reader, as_of, since)
    found = totals(reader, params, contact_id=person.id)
    info = details(reader, [person.id], params)[person.id]
    row = found.get(person.id)
    result: Balance
    if row is not None and any(int(row[k] or 0) for k in ("given", "received", "given_won", "received_won")):
        result = _shape(row, info, config, day)
    else:
        result = {
            "handle": person.handle, "name": person.name, "given": 0, "given_won": 0, "given_values": [],
            "received": 0, "received_won": 0, "received_values": [], "currency": config.currency,
            "last_given": None, "last_received": None, "meetings": int(info["meetings"] or 0),
            "last_met": info["last_met"], "signal": "balanced", "signal_text": "balanced",
            "reason": "nothing has passed between you" + (" in this window" if since else " yet"),
        }  # fmt: skip
    talks: list[Talk] = [
        {"id": c["id"], "on": c["talked_on"], "notes": c["notes"]}
        for c in reader.rows(q.CONVERSATIONS, {**params, "contact_id": person.id})
    ]
    return {**result, "history": history(reader, person, params), "conversations": talks}


def history(reader: Reader, person: Person, params: dict[str, Any]) -> list[Exchange]:
    """Every referral with them made in the window (or closed in it), newest first, each as it
    stood on the as-of day: a referral won later shows the status it had then, and no value."""
    rows = reader.rows(q.HISTORY, {**params, "contact_id": person.id})
    later = [r["id"] for r in rows if r["status_on"] and str(r["status_on"]) > params["as_of"]]
    then = _statuses_then(reader, later, params["as_of"])
    shown: list[Exchange] = []
    for h in rows:
        status = then.get(h["id"], "open") if h["id"] in later else h["status"]
        shown.append(
            {
                "id": h["id"],
                "on": h["made_on"],
                "direction": "given" if h["direction"] == "given" else "received",
                "what": (
                    "introduction" if h["is_introduction"] else "lead" if h["direction"] == "given" else "referral"
                )
                + (" (mutual)" if h["mutual"] else ""),
                "with": h["prospect_name"] if h["partner_id"] == person.id else h["partner_name"],
                "status": status,
                "value_minor": h["value"] if status == "won" else None,
                "currency": h["currency"],
                "thanked_on": h["thanked_on"] if h["thanked_on"] and str(h["thanked_on"]) <= params["as_of"] else None,
            }
        )
    return shown


def _statuses_then(reader: Reader, ids: list[int], as_of: str) -> dict[int, str]:
    """The status each referral had on `as_of`, from its status events up to that day."""
    from refcli.referrals.rules import status_in_detail

    found: dict[int, str] = {}
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        params: dict[str, Any] = {f"r{i}": rid for i, rid in enumerate(chunk)}
        params["as_of"] = as_of
        names = ", ".join(f":r{i}" for i in range(len(chunk)))
        for e in reader.rows(q.STATUS_EVENTS.format(ids=names), params):
            said = status_in_detail(str(e["detail"]))
            if said is not None:
                found[int(e["referral_id"])] = said
    return found


def talked(writer: Writer, person: Person, on: date | None = None, notes: str | None = None) -> Person:
    """Record the friendly conversation about balance."""
    if not int(writer.scalar(q.ANY_EXCHANGE, {"contact_id": person.id, "yes": True}) or 0):
        raise InvalidInput(
            f"nothing has passed between you and {person.name} yet: there is no balance to talk about",
            f"to remember a conversation, use `ref note {person.handle} TEXT`",
        )
    day = on or dates.today()
    if day > dates.today():
        raise InvalidInput(f"{day.isoformat()} is in the future: record the talk once you have had it")
    writer.insert("conversation", {"contact_id": person.id, "talked_on": day, "notes": (notes or "").strip() or None})
    return person
