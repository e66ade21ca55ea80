"""Keep track, don't keep score: each relationship's give and take as a picture.

The balance is never a net score and never sorted by who owes whom: rows come
most recent exchange first, and a signal in words says what a thoughtful
partner would notice: a thank-you owed, a favour to pay forward, an imbalance
that has become worth one friendly conversation, and what happened after it.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from refcli import dates, settings
from refcli.errors import InvalidInput
from refcli.people.resolve import Person, resolve
from refcli.referrals import balance_sql as q
from refcli.store import Reader
from refcli.store import session_reader as reader_for

if TYPE_CHECKING:
    from sqlmodel import Session

TAKER_MONTHS = 6
SIGNAL_TEXT = {
    "thank": "thank them",
    "pay_forward": "pay it forward",
    "conversation": "worth a conversation",
    "watching": "talked {talked_on}, watching",
    "taker": "taker?",
    "balanced": "balanced",
}


def _d(value: object) -> date | None:
    return date.fromisoformat(str(value)) if value else None


def months_before(day: date, months: int) -> date:
    from dateutil.relativedelta import relativedelta

    result: date = day - relativedelta(months=months)
    return result


def unthanked(row: dict[str, Any]) -> int:
    return int(row["unthanked"] or 0)


def taker_due(row: dict[str, Any]) -> date | None:
    """After the talk, nothing came back: six months on, the partner may be a taker."""
    talked, last_received = _d(row["talked_on"]), _d(row["last_received"])
    if talked is None or (last_received and last_received > talked):
        return None
    from dateutil.relativedelta import relativedelta

    result: date = talked + relativedelta(months=TAKER_MONTHS)
    return result


def conversation_due(row: dict[str, Any], config: dict[str, Any]) -> date | None:
    """When giving without receiving becomes worth one friendly conversation, if it does."""
    if int(row["given"] or 0) < int(config["imbalance_min_given"]) or int(row["given_won"] or 0) < 1:
        return None
    first_given, last_received = _d(row["first_given"]), _d(row["last_received"])
    if first_given is None:
        return None
    from dateutil.relativedelta import relativedelta

    start = max(first_given, last_received) if last_received else first_given
    result: date = start + relativedelta(months=int(config["imbalance_months"]))
    return result


def pay_forward_due(row: dict[str, Any], config: dict[str, Any]) -> date | None:
    """They referred you and you have not given back since: when to look for one to give."""
    last_given, last_received = _d(row["last_given"]), _d(row["last_received"])
    if last_received is None or (last_given is not None and last_given >= last_received):
        return None
    return last_received + timedelta(days=int(config["payforward_days"]))


def signal(row: dict[str, Any], config: dict[str, Any], as_of: date) -> tuple[str, str]:
    """The signal's code and the reason behind it, from one aggregated row."""
    name = str(row["name"]).split()[0]
    if unthanked(row):
        n = unthanked(row)
        return "thank", (
            f"{name} sent you {n} referral{'s' if n != 1 else ''} you have not thanked them for "
            f"(the oldest on {row['oldest_unthanked']})"
        )
    talked = _d(row["talked_on"])
    taker = taker_due(row)
    if talked is not None and taker is not None:
        if as_of >= taker:
            return "taker", (
                f"you talked about balance on {talked.isoformat()}; in the {TAKER_MONTHS} months since, "
                "nothing has come back: consider investing your referrals elsewhere"
            )
        return "watching", f"you talked about balance on {talked.isoformat()}; see what comes back"
    talk = conversation_due(row, config)
    if talk is not None and as_of >= talk:
        return "conversation", (
            f"you gave {name} {row['given']} referrals ({row['given_won']} closed) and received nothing back "
            f"in {config['imbalance_months']} months: one friendly question is fair: "
            "what would it take for you to send opportunities my way?"
        )
    forward = pay_forward_due(row, config)
    if forward is not None and as_of >= forward:
        return "pay_forward", (
            f"{name} referred you on {row['last_received']} and you have not given back since: "
            "look for a referral, your own business, or an introduction for them"
        )
    return "balanced", "nothing to do: keep giving"


CHUNK = 500  # ids per IN list when fetching details


def _merge(into: dict[str, Any], row: dict[str, Any]) -> None:
    for key in ("given", "given_won", "given_value", "received", "received_won", "received_value", "unthanked"):
        into[key] = int(into.get(key) or 0) + int(row[key] or 0)
    for key, pick in (("first_given", min), ("oldest_unthanked", min), ("last_given", max), ("last_received", max)):
        values = [str(v) for v in (into.get(key), row[key]) if v]
        into[key] = pick(values) if values else None


def totals(
    reader: Reader,
    params: dict[str, Any],
    *,
    since: bool = False,
    contact_id: int | None = None,
    only: list[int] | None = None,
) -> dict[int, dict[str, Any]]:
    """Per person: everything that went each way. Two aggregate queries, merged: for everyone,
    for one person, or for `only` these people. Archived people are left out, unless one person
    is asked for."""
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
    queries = (
        q.partner_totals(since=since, contact=one, count=count),
        q.mutual_totals(since=since, contact=one, count=count),
    )
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
        if cid in archived:
            del found[cid]
            continue
        row = found[cid]
        row["talked_on"] = talked.get(cid)
        recent = [d for d in (row["last_given"], row["last_received"]) if d]
        row["last_exchange"] = max(recent) if recent else None
    return found


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
    at any size."""
    iso = dates.iso
    found: dict[int, dict[str, Any]] = {}
    for cid, given, won, first, last_given, last_received in reader.stream(q.PARTNER_SIGNALS, params):
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
    for cid, given, won, first, last in reader.stream(q.MUTUAL_SIGNALS, params):
        first, last = str(first), str(last)  # ISO text (str of a date is ISO); never None here
        row = found.get(cid) or found.setdefault(cid, dict(NO_SIGNALS))
        row["given"] += given
        row["given_won"] += won or 0
        row["first_given"] = min(first, row["first_given"] or first)
        row["last_given"] = max(last, row["last_given"] or last)
        row["last_exchange"] = max(last, row["last_exchange"] or last)
    for (cid,) in reader.stream(q.ARCHIVED):
        found.pop(cid, None)
    for cid, talked_on in reader.stream(q.TALKED, params):
        if cid in found:
            found[cid]["talked_on"] = iso(talked_on)
    return found


SCAN = 2000  # exchanges read per step when looking for the most recent partners


def _most_recent(reader: Reader, params: dict[str, Any], since: bool, limit: int) -> list[int]:
    """The `limit` people with the most recent exchanges, reading exchanges newest first until
    enough distinct (not archived) people are found: flat cost at any size."""
    archived = {int(r["id"]) for r in reader.rows(q.ARCHIVED)}
    found: list[int] = []
    seen: set[int] = set()
    skip = 0
    while len(found) < limit:
        rows = reader.rows(q.recent(since=since), {**params, "scan": SCAN, "skip": skip})
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


def details(reader: Reader, ids: list[int], as_of: str) -> dict[int, dict[str, Any]]:
    """Names and one-on-ones for just these people (chunked IN lists)."""
    found: dict[int, dict[str, Any]] = {}
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        params: dict[str, Any] = {f"c{i}": cid for i, cid in enumerate(chunk)}
        params["as_of"] = as_of
        for row in reader.rows(q.people(len(chunk)), params):
            found[int(row["id"])] = row
    return found


def _shape(row: dict[str, Any], person: dict[str, Any], config: dict[str, Any], as_of: date) -> dict[str, Any]:
    code, reason = signal({**row, "name": person["name"]}, config, as_of)
    return {
        "handle": person["handle"],
        "name": person["name"],
        "given": int(row["given"] or 0),
        "given_won": int(row["given_won"] or 0),
        "given_value": int(row["given_value"] or 0),
        "received": int(row["received"] or 0),
        "received_won": int(row["received_won"] or 0),
        "received_value": int(row["received_value"] or 0),
        "currency": config["currency"],
        "last_given": row["last_given"],
        "last_received": row["last_received"],
        "meetings": int(person["meetings"] or 0),
        "last_met": person["last_met"],
        "signal": code,
        "signal_text": SIGNAL_TEXT[code].format(talked_on=row["talked_on"]),
        "reason": reason,
    }


def params_for(
    reader: Reader, as_of: date | None, since: date | None = None
) -> tuple[dict[str, Any], dict[str, Any], date]:
    config = settings.load(reader)
    day = as_of or dates.today()
    params: dict[str, Any] = {"as_of": day.isoformat(), "yes": True, "currency": config["currency"]}
    if since:
        params["since"] = since.isoformat()
    return params, config, day


def everyone(
    reader: Reader, *, as_of: date | None = None, since: date | None = None, limit: int | None = 50
) -> list[dict[str, Any]]:
    """One row per person with any exchange, most recent exchange first (never by who owes whom)."""
    params, config, day = params_for(reader, as_of, since)
    only = None if limit is None else _most_recent(reader, params, since is not None, limit)
    rows = sorted(
        totals(reader, params, since=since is not None, only=only).values(),
        key=lambda r: (str(r["last_exchange"] or ""), -r["id"]),
        reverse=True,
    )
    shown = rows if limit is None else rows[:limit]
    people = details(reader, [r["id"] for r in shown], params["as_of"])
    return [_shape(r, people[r["id"]], config, day) for r in shown if r["id"] in people]


def one(reader: Reader, who: str, *, as_of: date | None = None, since: date | None = None) -> dict[str, Any]:
    person = resolve(reader, who)
    params, config, day = params_for(reader, as_of, since)
    found = totals(reader, params, since=since is not None, contact_id=person.id)
    info = details(reader, [person.id], params["as_of"])[person.id]
    if person.id in found:
        result = _shape(found[person.id], info, config, day)
    else:
        result = {
            "handle": person.handle, "name": person.name, "given": 0, "given_won": 0, "given_value": 0,
            "received": 0, "received_won": 0, "received_value": 0, "currency": config["currency"],
            "last_given": None, "last_received": None, "meetings": int(info["meetings"] or 0),
            "last_met": info["last_met"], "signal": "balanced", "signal_text": "balanced",
            "reason": "nothing has passed between you yet",
        }  # fmt: skip
    result["history"] = [
        {
            "id": h["id"],
            "on": h["made_on"],
            "direction": "given" if h["direction"] == "given" else "received",
            "what": ("introduction" if h["is_introduction"] else "lead" if h["direction"] == "given" else "referral")
            + (" (mutual)" if h["mutual"] else ""),
            "with": h["prospect_name"] if h["partner_id"] == person.id else h["partner_name"],
            "status": h["status"],
            "value": h["value"],
            "currency": h["currency"],
            "thanked_on": h["thanked_on"],
        }
        for h in reader.rows(q.HISTORY, {"contact_id": person.id, "as_of": day.isoformat(), "yes": True})
    ]
    result["conversations"] = [
        {"id": c["id"], "on": c["talked_on"], "notes": c["notes"]}
        for c in reader.rows(q.CONVERSATIONS, {"contact_id": person.id, "as_of": day.isoformat()})
    ]
    return result


def talked(session: Session, who: str, on: date | None = None, notes: str | None = None) -> Person:
    """Record the friendly conversation about balance."""
    from refcli.models import Conversation

    reader = reader_for(session)
    person = resolve(reader, who)
    if not int(reader.scalar(q.ANY_EXCHANGE, {"contact_id": person.id, "yes": True}) or 0):
        raise InvalidInput(
            f"nothing has passed between you and {person.name} yet: there is no balance to talk about",
            f"to remember a conversation, use `ref note {person.handle} TEXT`",
        )
    day = on or dates.today()
    if day > dates.today():
        raise InvalidInput(f"{day.isoformat()} is in the future: record the talk once you have had it")
    session.add(Conversation(contact_id=person.id, talked_on=day, notes=(notes or "").strip() or None))
    return person
