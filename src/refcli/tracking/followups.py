"""`ref followups`: what a thoughtful partner would do today, most urgent first.

Every item is derived from facts by a constant number of queries (one per source,
one for your done/snoozed decisions, one for context); only your decision about an
item is stored, under its stable id. A done item comes back only when the facts it
was derived from change (its `stamp`).
"""

from __future__ import annotations

import heapq
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from refcli import dates
from refcli.errors import InvalidInput
from refcli.referrals import balance, signals
from refcli.store import Reader
from refcli.tracking import followups_sql as q
from refcli.tracking import nudges
from refcli.tracking.items import PRIORITY, UNLIMITED, Item, ago, first_name

if TYPE_CHECKING:
    from refcli.settings import Settings

    pass

CONTEXT_CHUNK = 500


def collect(reader: Reader, as_of: date, horizon: date, first: int | None = None) -> list[Item]:
    """Every follow-up due by `horizon`, before your done/snoozed decisions are applied.
    With `first`, each source yields only its `first` most urgent items: enough for a view
    that shows that many, without building the rest."""
    params, config, _ = balance.params_for(reader, as_of)
    params["horizon"] = horizon.isoformat()
    params["first"] = UNLIMITED if first is None else first
    params.update(_cutoffs(config, horizon))
    partners = balance.signal_totals(reader, params)
    items: list[Item] = []
    items += _introductions(reader, params, as_of)
    items += _thanks(reader, params, as_of)
    pending = _balances(partners, config, horizon, first) + nudges.cadence(reader, params, config, horizon, first)
    if first is not None:
        pending = heapq.nsmallest(first, pending, key=lambda i: (i.due_on, PRIORITY[i.kind]))
    _name(reader, pending)
    items += [i for i in pending if i.contacts]
    items += _scheduled(reader, params, as_of)
    items += _reminders(reader, params)
    items += nudges.occasions(reader, as_of, horizon, config)
    return items


ROW_KINDS = ("intro", "lead", "thank", "oneonone", "remind")  # follow-ups of one row, by its id


def one(reader: Reader, as_of: date, item_id: str) -> Item | None:
    """The follow-up `item_id` names when it is one row's (an introduction or lead, a thank-you,
    a planned one-on-one, a reminder), if it is open, from that row alone: `ref done` and `ref
    snooze` need not work out every follow-up. None for the other kinds: the caller collects."""
    kind, _, key = item_id.partition("-")
    sources = {
        "intro": lambda p: _introductions(reader, p, as_of, q.INTRODUCTION_ONE),
        "lead": lambda p: _introductions(reader, p, as_of, q.INTRODUCTION_ONE),
        "thank": lambda p: _thanks(reader, p, as_of, q.UNTHANKED_ONE),
        "oneonone": lambda p: _scheduled(reader, p, as_of, q.SCHEDULED_ONE),
        "remind": lambda p: _reminders(reader, p, q.REMINDER_ONE),
    }
    if kind not in ROW_KINDS or not key.isdigit():
        return None
    params, _, _ = balance.params_for(reader, as_of)
    params.update(horizon=date.max.isoformat(), first=UNLIMITED, only=int(key))
    return next((i for i in sources[kind](params) if i.id == item_id), None)


def _introductions(reader: Reader, params: dict[str, Any], as_of: date, sql: str = q.INTRODUCTIONS) -> list[Item]:
    items = []
    for r in reader.rows(sql, params):
        partner, prospect = first_name(r["partner_name"]), first_name(r["prospect_name"] or "")
        age = ago(as_of, dates.day(r["made_on"]))
        stamp = f"{r['partner_reported_on']}|{r['prospect_reported_on']}|{r['status']}"
        ids = [r["partner_id"]] + ([r["prospect_id"]] if r["prospect_id"] else [])
        handles = [r["partner"]] + ([r["prospect"]] if r["prospect"] else [])
        if r["is_introduction"]:
            heard_p, heard_x = r["partner_reported_on"] is not None, r["prospect_reported_on"] is not None
            if not heard_p and not heard_x:
                text = f"Ask {prospect} and {partner} how the introduction went: {age}, neither has reported back"
            else:
                said, silent = (partner, prospect) if heard_p else (prospect, partner)
                text = f"Ask {silent} how the introduction went: {said} reported back, {silent} has not ({age})"
            kind, key = "intro", f"intro-{r['id']}"
        else:
            text = f"Ask {partner} about the lead you gave ({r['prospect_name']}): {age}, no word back"
            kind, key = "lead", f"lead-{r['id']}"
        items.append(
            Item(
                key,
                kind,
                dates.day(r["follow_up_on"]),
                handles,
                text,
                stamp,
                ids,
                command=f"ref heard {r['id']} {_to_ask(r)}  or  ref outcome {r['id']} contacted|met|won|lost",
            )
        )
    return items


def _to_ask(r: dict[str, Any]) -> str:
    """Whom an introduction's follow-up asks next: the partner, unless they reported back and the
    prospect (a contact) has not."""
    if r["is_introduction"] and r["prospect"] and r["partner_reported_on"] and not r["prospect_reported_on"]:
        return str(r["prospect"])
    return str(r["partner"])


def _thanks(reader: Reader, params: dict[str, Any], as_of: date, sql: str = q.UNTHANKED) -> list[Item]:
    return [_thank(r, as_of) for r in reader.rows(sql, params)]


def _thank(r: dict[str, Any], as_of: date) -> Item:
    made = dates.day(r["made_on"])
    text = f"Thank {first_name(r['partner_name'])} for the referral: {r['reason']}"
    return Item(
        f"thank-{r['id']}",
        "thank",
        made,
        [r["partner"]],
        text + (f" ({ago(as_of, made)} ago)" if made != as_of else ""),
        "",
        [r["partner_id"]],
        command=f"ref thank {r['partner']} --referral {r['id']}",
    )


def _earliest(candidates: list[tuple[str, int]], first: int | None) -> list[tuple[str, int]]:
    """The `first` candidates whose day (ISO text) comes first: their follow-ups are due first,
    since each is that day plus a fixed interval. All of them when `first` is None."""
    return candidates if first is None else heapq.nsmallest(first, candidates)


def _cutoffs(config: Settings, horizon: date) -> dict[str, Any]:
    """When each balance follow-up is due by `horizon`, as ISO text: a conversation when giving
    started on or before `talk_before`, paying forward when the last referral came on or before
    `forward_before`; `least` given referrals before a conversation is worth it."""
    return {
        "talk_before": signals.months_before(horizon, config.imbalance_months).isoformat(),
        "forward_before": (horizon - timedelta(days=config.payforward_days)).isoformat(),
        "least": config.imbalance_min_given,
    }


def _balances(
    partners: dict[int, dict[str, Any]], config: Settings, horizon: date, first: int | None = None
) -> list[Item]:
    """Pay it forward, worth a conversation, and taker: from the balance totals. Cut-offs are
    computed once and compared as ISO text, so the loop over every partner stays cheap; only the
    `first` most urgent of each kind become items, and texts are written once names are known
    (`_name`). `partners` may hold only the candidates (balance.signal_totals, over the
    summaries): the rules below pick the same items from them as from everyone."""
    months = config.imbalance_months
    cut = _cutoffs(config, horizon)
    talk_before, forward_before, least = cut["talk_before"], cut["forward_before"], cut["least"]
    forward = timedelta(days=config.payforward_days)
    items = []
    talks: list[tuple[str, int]] = []
    forwards: list[tuple[str, int]] = []
    for cid, row in partners.items():  # days are ISO text and counts ints (balance.signal_totals)
        last_received, last_given = row["last_received"], row["last_given"]
        if row["talked_on"]:
            taker = signals.taker_due(row)
            if taker is not None and taker <= horizon:
                why = {"talked_on": row["talked_on"], "last_received": last_received}
                items.append(Item("taker", "taker", taker, [], "", f"{row['talked_on']}", [cid], why=why))
        elif row["given"] >= least and row["given_won"] >= 1 and row["first_given"]:
            start = max(row["first_given"], last_received or "")
            if start <= talk_before:
                talks.append((start, cid))
        if last_received and (not last_given or last_given < last_received) and last_received <= forward_before:
            forwards.append((last_received, cid))
    for _, cid in _earliest(talks, first):
        row = partners[cid]
        due = signals.conversation_due(row, config)
        assert due is not None
        why = {"given": row["given"], "given_won": row["given_won"], "months": months,
               "last_received": row["last_received"]}  # fmt: skip
        items.append(Item("talk", "talk", due, [], "", f"{row['given']}|{row['last_received']}", [cid], why=why))
    for last_received, cid in _earliest(forwards, first):
        stamp = f"{last_received}|{partners[cid]['last_given']}"
        due = dates.day(last_received) + forward
        why = {"last_received": last_received, "last_given": partners[cid]["last_given"]}
        items.append(Item("payforward", "payforward", due, [], "", stamp, [cid], why=why))
    return items


def _name(reader: Reader, items: list[Item]) -> None:
    """Fill in ids, handles and texts for the per-person items, fetching only their names."""
    ids = sorted({i.contact_ids[0] for i in items})
    people: dict[int, dict[str, Any]] = {}
    for start in range(0, len(ids), CONTEXT_CHUNK):
        chunk = ids[start : start + CONTEXT_CHUNK]
        for row in reader.rows(q.names(len(chunk)), {f"c{n}": cid for n, cid in enumerate(chunk)}):
            people[int(row["id"])] = row
    for item in items:
        person = people.get(item.contact_ids[0])
        if person is None:
            continue
        handle, name = person["handle"], first_name(person["name"])
        item.id, item.contacts = f"{item.kind}-{handle}", [handle]
        if item.kind == "taker":
            item.text = (
                f"Six months since you talked with {name} about balance, and nothing has come back: "
                "consider investing your referrals elsewhere"
            )
            item.command = f"ref receive {handle} WHAT (when they send you business)  or  ref balance {handle}"
        elif item.kind == "talk":
            facts = item.why
            item.text = (
                f"Worth a friendly conversation with {name}: you gave {facts['given']} referrals "
                f"({facts['given_won']} closed) and received nothing back in {facts['months']} months. "
                "Ask: what would it take for you to send opportunities my way?"
            )
            item.command = f"ref talked {handle} --notes TEXT"
        elif item.kind == "payforward":
            item.text = (
                f"Pay it forward to {name}: they referred you on {item.why['last_received']} and you have not "
                "given back since "
                "(a referral, your own business, or an introduction)"
            )
            item.command = f"ref give {handle} PROSPECT  or  ref introduce {handle} OTHER --for {handle}"
        elif item.kind == "meet":
            nudges.describe(item, name, handle)


def _scheduled(reader: Reader, params: dict[str, Any], as_of: date, sql: str = q.SCHEDULED) -> list[Item]:
    items = []
    for r in reader.rows(sql, params):
        day = dates.day(r["day"])
        where = f" at {r['place']}" if r["place"] else ""
        if day < as_of:
            text = f"Log your one-on-one with {first_name(r['name'])} from {day.isoformat()}{where}, or reschedule it"
            command = f"ref meet {r['handle']} --on {day.isoformat()}"
        else:
            text = f"One-on-one with {first_name(r['name'])} on {day.strftime('%A')} {day.isoformat()}{where}"
            command = f"ref meet {r['handle']}  (after it)"
        items.append(
            Item(
                f"oneonone-{r['id']}",
                "oneonone",
                day,
                [r["handle"]],
                text,
                day.isoformat(),
                [r["contact_id"]],
                command=command,
            )
        )
    return items


def _reminders(reader: Reader, params: dict[str, Any], sql: str = q.REMINDERS) -> list[Item]:
    return [
        Item(
            f"remind-{r['id']}",
            "remind",
            dates.day(r["due_on"]),
            [r["handle"]] if r["handle"] else [],
            (f"{first_name(r['name'])}: " if r["name"] else "") + str(r["text"]),
            "",
            [r["contact_id"]] if r["contact_id"] else [],
            command=f"ref done remind-{r['id']}",
        )
        for r in reader.rows(sql, params)
    ]


def _states(reader: Reader) -> dict[str, dict[str, Any]]:
    return {r["key"]: r for r in reader.rows(q.STATES)}


def _hidden(item: Item, state: dict[str, Any] | None, as_of: date) -> bool:
    if state is None:
        return False
    if state["snoozed_until"] and dates.day(state["snoozed_until"]) > as_of:
        return True
    return bool(state["done_on"]) and state["stamp"] == item.stamp


def _add_context(reader: Reader, items: list[Item], as_of: date) -> None:
    ids = sorted({i.contact_ids[0] for i in items if i.contact_ids})
    found: dict[int, dict[str, Any]] = {}
    for start in range(0, len(ids), CONTEXT_CHUNK):
        chunk = ids[start : start + CONTEXT_CHUNK]
        params: dict[str, Any] = {f"c{n}": cid for n, cid in enumerate(chunk)}
        params.update(as_of=as_of.isoformat(), year=as_of.year)
        for row in reader.rows(q.context(len(chunk)), params):
            found[int(row["id"])] = row
    for item in items:
        if not item.contact_ids or item.contact_ids[0] not in found:
            continue
        row = found[item.contact_ids[0]]
        parts = []
        if row["last_met"]:
            met = f"last met {row['last_met']}" + (f" at {row['last_place']}" if row["last_place"] else "")
            parts.append(met + (f": {row['last_learned']}" if row["last_learned"] else ""))
        if row["open_goal"]:
            parts.append(f"goal: {row['open_goal']}")
        if row["family_name"]:
            parts.append(
                f"family: {row['family_name']}" + (f" ({row['family_relation']})" if row["family_relation"] else "")
            )
        item.context = " · ".join(parts)


def snoozed(reader: Reader, *, as_of: date | None = None) -> list[tuple[Item, date]]:
    """The follow-ups you put off, each with the day it comes back, soonest first."""
    day = as_of or dates.today()
    states = _states(reader)
    found = [
        (item, dates.day(states[item.id]["snoozed_until"]))
        for item in collect(reader, day, date.max)
        if item.id in states and _hidden(item, states[item.id], day) and states[item.id]["snoozed_until"]
    ]
    found.sort(key=lambda pair: (pair[1], pair[0].id))
    _add_context(reader, [item for item, _ in found], day)
    return found


def due(
    reader: Reader, *, as_of: date | None = None, within: int = 7, everything: bool = False, limit: int | None = 50
) -> list[Item]:
    """What to do, most urgent first, without what you marked done or snoozed."""
    if within < 0:
        raise InvalidInput(f"--within {within} is negative", "give a number of days ahead, e.g. --within 7")
    day = as_of or dates.today()
    horizon = date.max if everything else day + timedelta(days=within)
    states = _states(reader)
    first = None if everything or limit is None else limit + len(states)  # room for what you hid
    items = [i for i in collect(reader, day, horizon, first) if not _hidden(i, states.get(i.id), day)]
    items.sort(key=lambda i: (i.due_on, PRIORITY[i.kind], i.id))
    if limit is not None and not everything:
        items = items[:limit]
    _add_context(reader, items, day)
    return items
