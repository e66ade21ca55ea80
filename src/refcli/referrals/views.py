"""Reading referrals back: the list, one referral with its history, and the evidence
for trusting a partner with the next one (referral quality). Read-only SQL."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, TypedDict

from refcli.errors import NotFound
from refcli.money import Amount, format_money, totals_text
from refcli.people.resolve import Person
from refcli.referrals import referrals_sql as q
from refcli.store import Reader

UNLIMITED = 2**62


class Referral(TypedDict):
    """A referral as `ref referrals` lists it (days: text from SQLite, dates from a server)."""

    id: int
    direction: str
    partner: str
    partner_name: str
    prospect: str | None
    prospect_name: str | None
    prospect_is_contact: bool
    is_introduction: bool
    mutual: bool
    reason: str | None
    temperature: str | None
    made_on: Any
    status: str
    status_on: Any
    value_minor: int | None
    currency: str
    repeat: bool
    lost_reason: str | None
    treated: int | None
    partner_reported_on: Any
    prospect_reported_on: Any
    follow_up_on: Any
    thanked_on: Any
    thanked_how: str | None


class Event(TypedDict):
    on: Any
    kind: str
    detail: str | None


class ReferralWithHistory(Referral):
    """One referral, as `ref referral ID` shows it."""

    history: list[Event]


class LossReason(TypedDict):
    id: int
    made_on: Any
    status: str
    why: str | None


class Quality(TypedDict):
    """The evidence for trusting a partner with the next referral."""

    sent: int
    reported_back: int
    won: int
    lost: int
    value: list[Amount]
    treated_mean: float | None
    loss_reasons: list[LossReason]
    received: int
    received_won: int
    received_value: list[Amount]
    unthanked: int


class TimelineEvent(TypedDict):
    on: Any
    kind: str
    text: str


def _row(r: dict[str, Any]) -> Referral:
    """The stable JSON shape of a referral."""
    return {
        "id": r["id"],
        "direction": r["direction"],
        "partner": r["partner"],
        "partner_name": r["partner_name"],
        "prospect": r["prospect"] or r["prospect_name"],
        "prospect_name": r["prospect_contact_name"] or r["prospect_name"],
        "prospect_is_contact": r["prospect"] is not None,
        "is_introduction": bool(r["is_introduction"]),
        "mutual": bool(r["mutual"]),
        "reason": r["reason"],
        "temperature": r["temperature"],
        "made_on": r["made_on"],
        "status": r["status"],
        "status_on": r["status_on"],
        "value_minor": r["value"],
        "currency": r["currency"],
        "repeat": bool(r["repeat"]),
        "lost_reason": r["lost_reason"],
        "treated": r["treated"],
        "partner_reported_on": r["partner_reported_on"],
        "prospect_reported_on": r["prospect_reported_on"],
        "follow_up_on": r["follow_up_on"],
        "thanked_on": r["thanked_on"],
        "thanked_how": r["thanked_how"],
    }


def list_referrals(
    reader: Reader,
    *,
    direction: str | None = None,
    status: str | None = None,
    with_contact: Person | None = None,
    since: Any = None,
    limit: int | None = 50,
) -> list[Referral]:
    params: dict[str, Any] = {"limit": UNLIMITED if limit is None else limit}
    if direction:
        params["direction"] = direction
    if with_contact:
        params["contact_id"] = with_contact.id
    if since:
        params["since"] = since.isoformat()
    sql = q.list_referrals(
        direction=direction, status=status, with_contact=with_contact is not None, since=since is not None
    )
    return [_row(r) for r in reader.rows(sql, params)]


def one(reader: Reader, referral_id: int) -> ReferralWithHistory:
    row = reader.row(q.ONE, {"id": referral_id})
    if row is None:
        raise NotFound(f"no referral #{referral_id}", "see `ref referrals`")
    history: list[Event] = [
        {"on": e["happened_on"], "kind": e["kind"], "detail": e["detail"]}
        for e in reader.rows(q.EVENTS, {"id": referral_id})
    ]
    return {**_row(row), "history": history}


def _values(rows: list[dict[str, Any]]) -> list[Amount]:
    return [{"currency": r["currency"], "value_minor": int(r["value"] or 0)} for r in rows]


def money_text(values: Sequence[Mapping[str, Any]]) -> str:
    return totals_text(values) or format_money(0)


def quality(reader: Reader, contact_id: int) -> Quality:
    """How the people you referred to this partner were handled: report-backs, closes,
    value, how they treated the prospect, and what went wrong."""
    params = {"id": contact_id, "yes": True}
    row = reader.row(q.QUALITY, params) or {}
    sent = int(row.get("sent") or 0)
    treated = row.get("treated")
    received = reader.row(q.RECEIVED, params) or {}
    return {
        "sent": sent,
        "reported_back": int(row.get("reported") or 0),
        "won": int(row.get("won") or 0),
        "lost": int(row.get("lost") or 0),
        "value": _values(reader.rows(q.QUALITY_VALUE, params)),
        "treated_mean": round(float(treated), 1) if treated is not None else None,
        "loss_reasons": [
            {"id": r["id"], "made_on": r["made_on"], "status": r["status"], "why": r["lost_reason"]}
            for r in reader.rows(q.LOSS_REASONS, params)
        ],
        "received": int(received.get("received") or 0),
        "received_won": int(received.get("won") or 0),
        "received_value": _values(reader.rows(q.RECEIVED_VALUE, params)),
        "unthanked": int(received.get("unthanked") or 0),
    }


def quality_lines(qual: Quality) -> list[str]:
    """Referral quality in words, for `show` and `referrals --with`."""
    lines = []
    if qual["sent"]:
        line = (
            f"you sent them {qual['sent']}: {qual['reported_back']} reported back, {qual['won']} closed"
            f" ({money_text(qual['value'])})"
        )
        if qual["treated_mean"] is not None:
            line += f", treated your people {qual['treated_mean']}/5 on average"
        lines.append(line)
        lines += [f"  #{r['id']} {r['status'].replace('_', ' ')}: {r['why']}" for r in qual["loss_reasons"]]
    if qual["received"]:
        line = f"they sent you {qual['received']}: {qual['received_won']} closed ({money_text(qual['received_value'])})"
        if qual["unthanked"]:
            line += f"; {qual['unthanked']} not yet thanked"
        lines.append(line)
    return lines


def timeline(reader: Reader, contact_id: int, limit: int) -> list[TimelineEvent]:
    return [
        {"on": r["on_day"], "kind": "referral", "text": f"#{r['referral_id']} {r['detail']}"}
        for r in reader.rows(q.TIMELINE_EVENTS, {"id": contact_id, "limit": limit})
    ]
