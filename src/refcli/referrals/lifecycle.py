"""Leads given and referrals received, and what became of them: `give`, `receive`, `heard`,
`outcome` and `thank`. Every change is kept as history (`referral_event`); status only moves
forward unless the user forces a correction. Introductions are `introductions.py`."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING, Any, TypedDict

from refcli import dates, settings
from refcli.errors import Conflict, InvalidInput, NotFound
from refcli.money import Money, parse_money
from refcli.names import collapse, optional_text
from refcli.people.resolve import Person, resolve_exact
from refcli.referrals.rules import (
    RANK,
    active,
    add_event,
    check_temperature,
    check_treated,
    made_on,
    status_detail,
    status_name,
)
from refcli.store import Reader

if TYPE_CHECKING:
    from refcli.store.writer import Writer


# --- leads given and referrals received ------------------------------------------------


def prospect_of(reader: Reader, text: str | None) -> tuple[int | None, str | None]:
    if text is None or not text.strip():
        return None, None
    person = resolve_exact(reader, text)
    if person is not None:
        return person.id, person.name
    return None, collapse(text)


def give(
    writer: Writer,
    person: Person,
    prospect: str,
    *,
    why: str | None = None,
    temperature: str | None = None,
    on: date | None = None,
    currency: str | None = None,
) -> dict[str, Any]:
    partner = active(person)
    prospect_id, prospect_name = prospect_of(writer, prospect)
    if prospect_name is None:
        raise InvalidInput("the prospect cannot be empty", "name who you are referring, or describe them")
    if prospect_id == partner.id:
        raise InvalidInput(f"{partner.name} cannot be their own prospect")
    made = made_on(on)
    config = settings.load(writer)
    referral_id = writer.insert(
        "referral",
        {
            "direction": "given",
            "partner_id": partner.id,
            "prospect_id": prospect_id,
            "prospect_name": prospect_name,
            "reason": optional_text(why),
            "temperature": check_temperature(temperature),
            "made_on": made,
            "follow_up_on": made + timedelta(days=config.followup_days),
            "currency": currency or config.currency,
        },
    )
    add_event(writer, referral_id, made, "made", f"lead given to {partner.name}: {prospect_name}")
    return {"id": referral_id, "partner": partner.handle, "name": partner.name, "prospect": prospect_name}


def receive(
    writer: Writer,
    person: Person,
    what: str,
    *,
    prospect: str | None = None,
    temperature: str | None = None,
    on: date | None = None,
    value: str | None = None,
    currency: str | None = None,
) -> dict[str, Any]:
    config = settings.load(writer)
    amount = parse_money(value, currency or config.currency) if value is not None else None
    partner = active(person)
    description = optional_text(what)
    if not description:
        raise InvalidInput("say what the referral is", 'e.g. ref receive fred "kitchen remodel for the Lees"')
    prospect_id, prospect_name = prospect_of(writer, prospect)
    made = made_on(on)
    referral_id = writer.insert(
        "referral",
        {
            "direction": "received",
            "partner_id": partner.id,
            "prospect_id": prospect_id,
            "prospect_name": prospect_name,
            "reason": description,
            "temperature": check_temperature(temperature),
            "made_on": made,
            "value": amount.minor if amount else None,
            "currency": amount.currency if amount else (currency or config.currency),
        },
    )
    add_event(writer, referral_id, made, "made", f"received from {partner.name}: {description}")
    return {"id": referral_id, "partner": partner.handle, "name": partner.name}


# --- the lifecycle -----------------------------------------------------------------------

RECEIVED_FROM = (
    "SELECT id, thanked_on FROM referral WHERE direction = 'received' AND partner_id = :id ORDER BY made_on, id"
)


def _load(writer: Writer, referral_id: int) -> dict[str, Any]:
    """The referral's row, its days as dates."""
    referral = writer.row("SELECT * FROM referral WHERE id = :id", {"id": referral_id})
    if referral is None:
        raise NotFound(f"no referral #{referral_id}", "see `ref referrals`")
    for column in ("made_on", "status_on", "thanked_on"):
        referral[column] = dates.day(referral[column]) if referral[column] is not None else None
    return referral


class Heard(TypedDict):
    """Who reported back on an introduction, and when."""

    id: int
    who: str
    name: str
    on: str


class Outcome(TypedDict):
    """What `ref outcome` recorded: the status now and before, and the value in `currency`."""

    id: int
    status: str
    on: str | None
    was: str
    value_minor: int | None
    currency: str


def heard(writer: Writer, referral_id: int, person: Person, on: date | None = None, note: str | None = None) -> Heard:
    """A party reported back on how the referral went (`note`: what they said)."""
    referral = _load(writer, referral_id)
    day = on or dates.today()
    if person.id == referral["partner_id"]:
        writer.update("referral", referral_id, {"partner_reported_on": day})
    elif person.id == referral["prospect_id"]:
        writer.update("referral", referral_id, {"prospect_reported_on": day})
    else:
        raise InvalidInput(
            f"{person.name} is not party to referral #{referral_id}", f"see `ref referral {referral_id}`"
        )
    said = collapse(note or "")
    add_event(writer, referral_id, day, "heard", f"{person.name} reported back" + (f": {said}" if said else ""))
    return {"id": referral_id, "who": person.handle, "name": person.name, "on": day.isoformat()}


def outcome(
    writer: Writer,
    referral_id: int,
    status_text: str,
    *,
    value: str | None = None,
    why: str | None = None,
    treated: int | None = None,
    repeat: bool = False,
    on: date | None = None,
    force: bool = False,
) -> Outcome:
    status = status_name(status_text)
    check_treated(treated)
    referral = _load(writer, referral_id)
    amount: Money | None = None
    if value is not None:
        # A plain amount corrects a value in the value's own currency (a €3,200 win corrected to
        # 3,300 stays in euros); a first value is in your currency (docs/counting.md).
        had = referral["currency"] if referral["value"] is not None else None
        amount = parse_money(value, had or settings.load(writer).currency)
        if amount.minor == 0:
            raise InvalidInput("a won referral's value is more than 0", "leave --value out when you don't know it")
    if value is not None and status != "won":
        raise InvalidInput("--value goes with won: it is the closed business (TYFCB)")
    if repeat and status != "won":
        raise InvalidInput("--repeat goes with won: it marks repeat business")
    current, status_on = referral["status"], referral["status_on"]
    if status == current == "won" and not force:
        if amount is not None and on is None and why is None and treated is None and not repeat:
            # --value alone: correct what it was worth, not when it closed
            writer.update("referral", referral_id, {"value": amount.minor, "currency": amount.currency})
            add_event(writer, referral_id, dates.today(), "corrected", f"value {amount}")
            return {"id": referral_id, "status": status, "on": dates.iso(status_on), "was": current,
                    "value_minor": amount.minor, "currency": amount.currency}  # fmt: skip
        raise InvalidInput(
            f"referral #{referral_id} is already won" + (f" (on {status_on.isoformat()})" if status_on else ""),
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
    day = on or (status_on if status == current and status_on else dates.today())
    if day < referral["made_on"]:
        raise InvalidInput(f"{day.isoformat()} is before the referral was made ({referral['made_on'].isoformat()})")
    changes: dict[str, Any] = {"status": status, "status_on": day}
    if amount is not None:
        changes.update(value=amount.minor, currency=amount.currency)
    if status == "won":
        changes["repeat"] = repeat
    if status in ("lost", "no_response") and why is not None:
        changes["lost_reason"] = optional_text(why)
    if treated is not None:
        changes["treated"] = check_treated(treated)
    writer.update("referral", referral_id, changes)
    detail = status_detail(status)
    if amount is not None:
        detail += f" ({amount})"
    if why:
        detail += f": {collapse(why)}"
    if force and (backwards or switch):
        detail += f" (corrected from {current.replace('_', ' ')})"
    add_event(writer, referral_id, day, "status", detail)
    return {
        "id": referral_id,
        "status": status,
        "on": day.isoformat(),
        "was": current,
        "value_minor": amount.minor if amount else None,  # in `currency`
        "currency": changes.get("currency", referral["currency"]),
    }


def thank(
    writer: Writer,
    person: Person,
    *,
    referral_id: int | None = None,
    how: str | None = None,
    on: date | None = None,
) -> dict[str, Any]:
    """Record your thanks for a received referral (the oldest unthanked one by default)."""
    received = writer.rows(RECEIVED_FROM, {"id": person.id})
    if not received:
        raise InvalidInput(
            f"{person.name} has not sent you a referral to thank them for",
            f"to remember another kindness, use `ref note {person.handle} TEXT`",
        )
    if referral_id is not None:
        chosen = next((r for r in received if r["id"] == referral_id), None)
        if chosen is None:
            raise NotFound(
                f"referral #{referral_id} is not one {person.name} sent you",
                f"see `ref referrals --with {person.handle}`",
            )
        if chosen["thanked_on"] is not None:
            raise Conflict(f"you already thanked {person.name} for #{referral_id} on {dates.iso(chosen['thanked_on'])}")
    else:
        chosen = next((r for r in received if r["thanked_on"] is None), None)
        if chosen is None:
            raise Conflict(
                f"you have thanked {person.name} for every referral they sent",
                f"to note another thank-you, use `ref note {person.handle} TEXT`",
            )
    day = on or dates.today()
    writer.update("referral", chosen["id"], {"thanked_on": day, "thanked_how": optional_text(how)})
    add_event(writer, chosen["id"], day, "thanked", f"thanked {person.name}" + (f": {collapse(how)}" if how else ""))
    return {"id": chosen["id"], "who": person.handle, "name": person.name, "on": day.isoformat()}
