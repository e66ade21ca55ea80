"""Referrals and introductions, from `ref introduce sally fred` to the outcome and the thanks.

A proper referral is an introduction: each side learns about the other and gets
all of the other's contact details and the reason, both are asked to report back,
a follow-up is set, and the outcome is learned. Every change is kept as history
(`referral_event`). Status only moves forward unless the user forces a correction.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from refcli import dates
from refcli.db import Reader
from refcli.db import session_reader as reader_for
from refcli.errors import Conflict, InvalidInput, NotFound
from refcli.money import Money, parse_money
from refcli.names import collapse
from refcli.queries import referrals as q
from refcli.services import profiles, settings
from refcli.services.resolve import Person, resolve, resolve_exact

if TYPE_CHECKING:
    from sqlmodel import Session

    from refcli.models import Referral

TEMPERATURES = ("hot", "warm", "cold")
STATUSES = ("open", "contacted", "met", "won", "lost", "no_response")
RANK = {"open": 0, "contacted": 1, "met": 2, "won": 3, "lost": 3, "no_response": 3}
LOW_TRUST = 2


def status_name(text: str) -> str:
    """`no-response` -> `no_response`; refuse anything else unknown."""
    value = text.strip().lower().replace("-", "_").replace(" ", "_")
    if value not in STATUSES[1:]:
        raise InvalidInput(f"unknown outcome {text!r}", "use contacted, met, won, lost or no-response")
    return value


def check_temperature(text: str | None) -> str | None:
    if text is None:
        return None
    value = text.strip().lower()
    if value not in TEMPERATURES:
        raise InvalidInput(f"temperature {text!r} is not hot, warm or cold", "use --temperature hot|warm|cold")
    return value


def check_treated(value: int | None) -> int | None:
    if value is not None and not 1 <= value <= 5:
        raise InvalidInput(f"--treated {value} is out of range", "rate how they treated the prospect from 1 to 5")
    return value


def _text(value: str | None) -> str | None:
    return collapse(value) or None if value is not None else None


def _active(person: Person) -> Person:
    if person.archived:
        raise InvalidInput(f"{person.name} is archived", f"unarchive them first: ref unarchive {person.handle}")
    return person


def _event(session: Session, referral_id: int, on: date, kind: str, detail: str) -> None:
    from refcli.models import ReferralEvent

    session.add(ReferralEvent(referral_id=referral_id, happened_on=on, kind=kind, detail=detail))


def _made_on(on: date | None) -> date:
    today = dates.today()
    made = on or today
    if made > today:
        raise InvalidInput(f"{made.isoformat()} is in the future: record a referral once it is made")
    return made


# --- introductions -------------------------------------------------------------------


@dataclass
class Introduction:
    id: int
    made_on: date
    follow_up_on: date
    mutual: bool
    provider: str | None  # handle of the one who gets the business, for --for
    messages: list[dict[str, Any]]
    warnings: list[str] = field(default_factory=list)
    missing_channels: list[str] = field(default_factory=list)


def introduce(
    session: Session,
    a_name: str,
    b_name: str,
    *,
    why: str | None = None,
    for_name: str | None = None,
    temperature: str | None = None,
    on: date | None = None,
    follow_up: date | None = None,
    currency: str | None = None,
) -> Introduction:
    from refcli.models import Referral

    reader = reader_for(session)
    a, b = _active(resolve(reader, a_name)), _active(resolve(reader, b_name))
    if a.id == b.id:
        raise InvalidInput(f"{a.name} cannot be introduced to themselves", "name two different people")
    provider: Person | None = None
    if for_name is not None:
        try:
            chosen: Person | None = resolve(reader, for_name)
        except NotFound:
            chosen = None
        if chosen is None or chosen.id not in (a.id, b.id):
            raise InvalidInput(
                f"--for {for_name!r} is neither {a.name} nor {b.name}",
                f"--for names who gets the business: {a.handle} or {b.handle}",
            )
        provider = chosen
    made = _made_on(on)
    config = settings.load(reader)
    follow = follow_up or made + timedelta(days=config["followup_days"])
    if follow < made:
        raise InvalidInput("the follow-up date is before the introduction", "give a later --follow-up date")
    cards = {p.id: profiles.card(reader, p.id) for p in (a, b)}
    warnings = _warnings(reader, cards, a, b)
    partner = provider or a
    prospect = b if partner.id == a.id else a
    referral = Referral(
        direction="given",
        partner_id=partner.id,
        prospect_id=prospect.id,
        prospect_name=prospect.name,
        is_introduction=True,
        mutual=provider is None,
        reason=_text(why),
        temperature=check_temperature(temperature),
        made_on=made,
        follow_up_on=follow,
        currency=currency or config["currency"],
    )
    session.add(referral)
    session.flush()
    assert referral.id is not None
    kind = "mutual introduction" if provider is None else f"introduction for {provider.name}"
    _event(session, referral.id, made, "made", f"{kind}: {a.name} and {b.name}")
    messages = [
        _message(cards[a.id], cards[b.id], why, provider, referral.id),
        _message(cards[b.id], cards[a.id], why, provider, referral.id),
    ]
    missing = [c["handle"] for c in cards.values() if not (c["emails"] or c["phones"])]
    return Introduction(
        id=referral.id,
        made_on=made,
        follow_up_on=follow,
        mutual=provider is None,
        provider=provider.handle if provider else None,
        messages=messages,
        warnings=warnings,
        missing_channels=missing,
    )


def _warnings(reader: Reader, cards: dict[int, dict[str, Any]], a: Person, b: Person) -> list[str]:
    found = []
    for card in cards.values():
        for trait in card["dealbreakers"]:
            found.append(f"{card['name']} has a deal-breaker: {trait}")
        if card["trust"] is not None and card["trust"] <= LOW_TRUST:
            found.append(f"you rated your trust in {card['name']} {card['trust']}/5: your reputation is on the line")
    before = reader.rows(q.PREVIOUS_INTRODUCTIONS, {"yes": True, "a": a.id, "b": b.id})
    if before:
        found.append(f"you introduced {a.name} and {b.name} before, on {before[0]['made_on']} (#{before[0]['id']})")
    return found


def first_name(name: str) -> str:
    return name.split()[0] if name.split() else name


def _message(
    to: dict[str, Any], about: dict[str, Any], why: str | None, provider: Person | None, rid: int
) -> dict[str, Any]:
    """A ready-to-send note to `to` about `about`: who they are, why talk, how to reach them."""
    me, them = first_name(to["name"]), first_name(about["name"])
    role = ", ".join(x for x in (about["title"], about["company"]) if x)
    lines = [f"Hi {me},", "", f"I'd like to introduce you to {about['name']}" + (f" ({role})." if role else ".")]
    does = about["business"]
    offers = ", ".join(about["offerings"])
    if does and offers:
        lines.append(f"{them}'s business: {does} ({offers}).")
    elif does or offers:
        lines.append(f"{them}'s business: {does or offers}.")
    lines += ["", f"Why you two should talk: {collapse(why)}" if why else "I think you two should know each other."]
    if provider is not None:
        if provider.id == to["id"]:
            lines.append(f"{them} may need what you do. Please take great care of them: I vouch for you.")
        else:
            lines.append(f"I trust {them} to take great care of you.")
    lines += ["", f"How to reach {them}:"]
    channels = about["channels"]
    lines += [f"  {c['kind']}{' (' + c['label'] + ')' if c['label'] else ''}: {c['value']}" for c in channels]
    if not channels:
        lines.append(f"  (I don't have {them}'s details at hand: reply and I'll connect you.)")
    lines += [
        "",
        f"I've sent {them} your details too. Would you let me know how it goes once you've talked?",
        "",
        "Thanks!",
    ]
    return {
        "to": to["handle"],
        "name": to["name"],
        "email": to["emails"][0] if to["emails"] else None,
        "subject": f"Introduction: {to['name']}, meet {about['name']}",
        "body": "\n".join(lines) + "\n",
        "referral": rid,
    }


# --- leads given and referrals received ------------------------------------------------


def prospect_of(reader: Reader, text: str | None) -> tuple[int | None, str | None]:
    if text is None or not text.strip():
        return None, None
    person = resolve_exact(reader, text)
    if person is not None:
        return person.id, person.name
    return None, collapse(text)


def give(
    session: Session,
    who: str,
    prospect: str,
    *,
    why: str | None = None,
    temperature: str | None = None,
    on: date | None = None,
    currency: str | None = None,
) -> dict[str, Any]:
    from refcli.models import Referral

    reader = reader_for(session)
    partner = _active(resolve(reader, who))
    prospect_id, prospect_name = prospect_of(reader, prospect)
    if prospect_name is None:
        raise InvalidInput("the prospect cannot be empty", "name who you are referring, or describe them")
    if prospect_id == partner.id:
        raise InvalidInput(f"{partner.name} cannot be their own prospect")
    made = _made_on(on)
    config = settings.load(reader)
    referral = Referral(
        direction="given",
        partner_id=partner.id,
        prospect_id=prospect_id,
        prospect_name=prospect_name,
        reason=_text(why),
        temperature=check_temperature(temperature),
        made_on=made,
        follow_up_on=made + timedelta(days=config["followup_days"]),
        currency=currency or config["currency"],
    )
    session.add(referral)
    session.flush()
    assert referral.id is not None
    _event(session, referral.id, made, "made", f"lead given to {partner.name}: {prospect_name}")
    return {"id": referral.id, "partner": partner.handle, "name": partner.name, "prospect": prospect_name}


def receive(
    session: Session,
    who: str,
    what: str,
    *,
    prospect: str | None = None,
    temperature: str | None = None,
    on: date | None = None,
    value: str | None = None,
    currency: str | None = None,
) -> dict[str, Any]:
    from refcli.models import Referral

    reader = reader_for(session)
    config = settings.load(reader)
    amount = parse_money(value, currency or config["currency"]) if value is not None else None
    partner = _active(resolve(reader, who))
    description = _text(what)
    if not description:
        raise InvalidInput("say what the referral is", 'e.g. ref receive fred "kitchen remodel for the Lees"')
    prospect_id, prospect_name = prospect_of(reader, prospect)
    made = _made_on(on)
    referral = Referral(
        direction="received",
        partner_id=partner.id,
        prospect_id=prospect_id,
        prospect_name=prospect_name,
        reason=description,
        temperature=check_temperature(temperature),
        made_on=made,
        value=amount.minor if amount else None,
        currency=amount.currency if amount else (currency or config["currency"]),
    )
    session.add(referral)
    session.flush()
    assert referral.id is not None
    _event(session, referral.id, made, "made", f"received from {partner.name}: {description}")
    return {"id": referral.id, "partner": partner.handle, "name": partner.name}


# --- the lifecycle -----------------------------------------------------------------------


def _load(session: Session, referral_id: int) -> Referral:
    from refcli.models import Referral

    referral = session.get(Referral, referral_id)
    if referral is None:
        raise NotFound(f"no referral #{referral_id}", "see `ref referrals`")
    return referral


def heard(session: Session, referral_id: int, who: str, on: date | None = None) -> dict[str, Any]:
    """A party reported back on how the referral went."""
    referral = _load(session, referral_id)
    person = resolve(reader_for(session), who)
    day = on or dates.today()
    if person.id == referral.partner_id:
        referral.partner_reported_on = day
    elif person.id == referral.prospect_id:
        referral.prospect_reported_on = day
    else:
        raise InvalidInput(
            f"{person.name} is not party to referral #{referral_id}", f"see `ref referral {referral_id}`"
        )
    session.add(referral)
    _event(session, referral_id, day, "heard", f"{person.name} reported back")
    return {"id": referral_id, "who": person.handle, "name": person.name, "on": day.isoformat()}


def outcome(
    session: Session,
    referral_id: int,
    status_text: str,
    *,
    value: str | None = None,
    why: str | None = None,
    treated: int | None = None,
    repeat: bool = False,
    on: date | None = None,
    force: bool = False,
) -> dict[str, Any]:
    status = status_name(status_text)
    check_treated(treated)
    referral = _load(session, referral_id)
    amount: Money | None = None
    if value is not None:
        amount = parse_money(value, referral.currency or settings.load(reader_for(session))["currency"])
    if value is not None and status != "won":
        raise InvalidInput("--value goes with won: it is the closed business (TYFCB)")
    if repeat and status != "won":
        raise InvalidInput("--repeat goes with won: it marks repeat business")
    current = referral.status
    if status == current == "won" and not force:
        if amount is not None and on is None and why is None and treated is None and not repeat:
            # --value alone: correct what it was worth, not when it closed
            referral.value, referral.currency = amount.minor, amount.currency
            session.add(referral)
            _event(session, referral_id, dates.today(), "corrected", f"value {amount}")
            return {"id": referral_id, "status": status, "on": referral.status_on.isoformat()
                    if referral.status_on else None, "was": current, "value": amount.minor,
                    "currency": referral.currency}  # fmt: skip
        raise InvalidInput(
            f"referral #{referral_id} is already won"
            + (f" (on {referral.status_on.isoformat()})" if referral.status_on else ""),
            f"to correct its value: ref outcome {referral_id} won --value AMOUNT; to record it again: add --force",
        )
    backwards = RANK[status] < RANK[current]
    switch = RANK[status] == RANK[current] == 3 and status != current
    if (backwards or switch) and not force:
        raise InvalidInput(
            f"referral #{referral_id} is already {current.replace('_', ' ')}; it cannot move to "
            f"{status.replace('_', ' ')}",
            "outcomes only move forward: add --force to correct a mistake",
        )
    day = on or (referral.status_on if status == current and referral.status_on else dates.today())
    if day < referral.made_on:
        raise InvalidInput(f"{day.isoformat()} is before the referral was made ({referral.made_on.isoformat()})")
    referral.status, referral.status_on = status, day
    if amount is not None:
        referral.value, referral.currency = amount.minor, amount.currency
    if status == "won":
        referral.repeat = repeat
    if status in ("lost", "no_response") and why is not None:
        referral.lost_reason = _text(why)
    if treated is not None:
        referral.treated = check_treated(treated)
    session.add(referral)
    detail = status.replace("_", " ")
    if amount is not None:
        detail += f" ({amount})"
    if why:
        detail += f": {collapse(why)}"
    if force and (backwards or switch):
        detail += f" (corrected from {current.replace('_', ' ')})"
    _event(session, referral_id, day, "status", detail)
    return {
        "id": referral_id,
        "status": status,
        "on": day.isoformat(),
        "was": current,
        "value": amount.minor if amount else None,  # minor units, in `currency`
        "currency": referral.currency,
    }


def thank(
    session: Session,
    who: str,
    *,
    referral_id: int | None = None,
    how: str | None = None,
    on: date | None = None,
) -> dict[str, Any]:
    """Record your thanks for a received referral (the oldest unthanked one by default)."""
    from sqlalchemy import select
    from sqlmodel import col

    from refcli.models import Referral

    person = resolve(reader_for(session), who)
    received = list(
        session.execute(
            select(Referral)
            .where(col(Referral.direction) == "received", col(Referral.partner_id) == person.id)
            .order_by(col(Referral.made_on), col(Referral.id))
        ).scalars()
    )
    if not received:
        raise InvalidInput(
            f"{person.name} has not sent you a referral to thank them for",
            f"to remember another kindness, use `ref note {person.handle} TEXT`",
        )
    if referral_id is not None:
        chosen = next((r for r in received if r.id == referral_id), None)
        if chosen is None:
            raise NotFound(
                f"referral #{referral_id} is not one {person.name} sent you",
                f"see `ref referrals --with {person.handle}`",
            )
        if chosen.thanked_on is not None:
            raise Conflict(f"you already thanked {person.name} for #{referral_id} on {chosen.thanked_on.isoformat()}")
    else:
        chosen = next((r for r in received if r.thanked_on is None), None)
        if chosen is None:
            raise Conflict(
                f"you have thanked {person.name} for every referral they sent",
                f"to note another thank-you, use `ref note {person.handle} TEXT`",
            )
    day = on or dates.today()
    chosen.thanked_on, chosen.thanked_how = day, _text(how)
    session.add(chosen)
    assert chosen.id is not None
    _event(session, chosen.id, day, "thanked", f"thanked {person.name}" + (f": {collapse(how)}" if how else ""))
    return {"id": chosen.id, "who": person.handle, "name": person.name, "on": day.isoformat()}
