"""The signal in words a balance row earns (docs/counting.md): a thank-you owed, a favour to pay
forward, an imbalance worth one friendly conversation, and what happened after it. Pure rules
over one row of figures; `ref balance` and `ref followups` both read them."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from refcli import dates

if TYPE_CHECKING:
    from refcli.settings import Settings

    pass


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
    return dates.day(value) if value else None


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


def conversation_due(row: dict[str, Any], config: Settings) -> date | None:
    """When giving without receiving becomes worth one friendly conversation, if it does."""
    if int(row["given"] or 0) < config.imbalance_min_given or int(row["given_won"] or 0) < 1:
        return None
    first_given, last_received = _d(row["first_given"]), _d(row["last_received"])
    if first_given is None:
        return None
    from dateutil.relativedelta import relativedelta

    start = max(first_given, last_received) if last_received else first_given
    result: date = start + relativedelta(months=config.imbalance_months)
    return result


def pay_forward_due(row: dict[str, Any], config: Settings) -> date | None:
    """They referred you and you have not given back since: when to look for one to give."""
    last_given, last_received = _d(row["last_given"]), _d(row["last_received"])
    if last_received is None or (last_given is not None and last_given >= last_received):
        return None
    return last_received + timedelta(days=config.payforward_days)


def signal(row: dict[str, Any], config: Settings, as_of: date) -> tuple[str, str]:
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
            f"in {config.imbalance_months} months: one friendly question is fair: "
            "what would it take for you to send opportunities my way?"
        )
    forward = pay_forward_due(row, config)
    if forward is not None and as_of >= forward:
        return "pay_forward", (
            f"{name} referred you on {row['last_received']} and you have not given back since: "
            "look for a referral, your own business, or an introduction for them"
        )
    return "balanced", "nothing to do: keep giving"
