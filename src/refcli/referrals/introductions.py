"""`ref introduce sally fred`: a proper referral is an introduction. Each side learns about the
other and gets the other's contact details and the reason, both are asked to report back, and a
follow-up is set. The ready-to-send messages are composed here as plain text."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from refcli import settings
from refcli.errors import InvalidInput, NotFound
from refcli.names import collapse, optional_text
from refcli.people import profiles
from refcli.people.resolve import Person, resolve
from refcli.referrals import referrals_sql as q
from refcli.referrals.rules import (
    LOW_TRUST,
    active,
    add_event,
    check_temperature,
    made_on,
)
from refcli.store import Reader

if TYPE_CHECKING:
    from refcli.people.shapes import Card
    from refcli.store.writer import Writer


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
    writer: Writer,
    a: Person,
    b: Person,
    *,
    why: str | None = None,
    for_name: str | None = None,
    temperature: str | None = None,
    on: date | None = None,
    follow_up: date | None = None,
    currency: str | None = None,
    suggested: bool = False,
) -> Introduction:
    reader: Reader = writer
    a, b = active(a), active(b)
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
    made = made_on(on)
    config = settings.load(reader)
    follow = follow_up or made + timedelta(days=config.followup_days)
    if follow < made:
        raise InvalidInput("the follow-up date is before the introduction", "give a later --follow-up date")
    cards = {p.id: profiles.card(reader, p.id) for p in (a, b)}
    warnings = _warnings(reader, cards, a, b)
    partner = provider or a
    prospect = b if partner.id == a.id else a
    referral_id = writer.insert(
        "referral",
        {
            "direction": "given",
            "partner_id": partner.id,
            "prospect_id": prospect.id,
            "prospect_name": prospect.name,
            "is_introduction": True,
            "suggested": suggested,
            "mutual": provider is None,
            "reason": optional_text(why),
            "temperature": check_temperature(temperature),
            "made_on": made,
            "follow_up_on": follow,
            "currency": currency or config.currency,
        },
    )
    kind = "mutual introduction" if provider is None else f"introduction for {provider.name}"
    add_event(writer, referral_id, made, "made", f"{kind}: {a.name} and {b.name}")
    messages = [
        _message(cards[a.id], cards[b.id], why, provider, referral_id, _sign_off(config)),
        _message(cards[b.id], cards[a.id], why, provider, referral_id, _sign_off(config)),
    ]
    missing = [c["handle"] for c in cards.values() if not (c["emails"] or c["phones"])]
    return Introduction(
        id=referral_id,
        made_on=made,
        follow_up_on=follow,
        mutual=provider is None,
        provider=provider.handle if provider else None,
        messages=messages,
        warnings=warnings,
        missing_channels=missing,
    )


def _warnings(reader: Reader, cards: dict[int, Card], a: Person, b: Person) -> list[str]:
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


def _sign_off(config: settings.Settings) -> list[str]:
    """How the messages end: thanks, then your name and signature if `ref config` has them."""
    lines = ["Thanks!"]
    if config.name:
        lines.append(config.name)
    if config.signature:
        lines += ["", *config.signature.splitlines()]
    return lines


def _message(
    to: Card, about: Card, why: str | None, provider: Person | None, rid: int, sign_off: list[str]
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
        *sign_off,
    ]
    return {
        "to": to["handle"],
        "name": to["name"],
        "email": to["emails"][0] if to["emails"] else None,
        "subject": f"Introduction: {to['name']}, meet {about['name']}",
        "body": "\n".join(lines) + "\n",
        "referral": rid,
    }
