"""Correcting a referral (partner, prospect, why, temperature, date, value) or a talk about
balance by its id, with the same checks as recording them; or deleting one."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from refcli import dates, settings
from refcli.errors import InvalidInput, NotFound
from refcli.money import format_money, parse_money
from refcli.names import optional_text
from refcli.people.resolve import Person
from refcli.store import records
from refcli.store import session_reader as reader_for

if TYPE_CHECKING:
    from sqlmodel import Session


def edit_referral(
    session: Session,
    referral_id: int,
    *,
    partner: Person | None = None,
    prospect: str | None = None,
    why: str | None = None,
    temperature: str | None = None,
    on: date | None = None,
    value: str | None = None,
    currency: str | None = None,
) -> list[str]:
    """Correct a referral's facts (not its outcome: that is `ref outcome`). Each correction is
    also written into the referral's history. Returns what changed, in words."""
    from refcli.models import Referral, ReferralEvent
    from refcli.referrals import lifecycle as referrals
    from refcli.referrals.rules import check_temperature

    referral = session.get(Referral, referral_id)
    if referral is None:
        raise NotFound(f"no referral #{referral_id}", "see `ref referrals` for the ids")
    reader = reader_for(session)
    changed: list[str] = []
    if partner is not None:
        person = partner
        if person.archived:
            raise InvalidInput(f"{person.name} is archived", f"unarchive them first: ref unarchive {person.handle}")
        if person.id != referral.partner_id:
            changed.append(f"partner {records.whose(reader, referral.partner_id)['contact']} -> {person.handle}")
            referral.partner_id = person.id
    if prospect is not None:
        prospect_id, prospect_name = referrals.prospect_of(reader, prospect)
        if prospect_name is None and referral.direction == "given":
            raise InvalidInput("the prospect cannot be empty", "name who you referred, or describe them")
        changed.append(f"prospect {referral.prospect_name or '-'} -> {prospect_name or '-'}")
        referral.prospect_id, referral.prospect_name = prospect_id, prospect_name
    if referral.prospect_id is not None and referral.prospect_id == referral.partner_id:
        raise InvalidInput("a partner cannot be their own prospect")
    if why is not None:
        changed.append(f"why: {optional_text(why) or '-'}")
        referral.reason = optional_text(why)
    if temperature is not None:
        referral.temperature = check_temperature(temperature) if temperature.strip() else None
        changed.append(f"temperature: {referral.temperature or '-'}")
    if on is not None:
        dates.check_tense(on, "past", "--on date")
        if referral.status_on is not None and on > referral.status_on:
            raise InvalidInput(
                f"{on.isoformat()} is after its outcome ({referral.status_on.isoformat()})",
                "a referral is made before it is won or lost",
            )
        if referral.follow_up_on is not None:
            referral.follow_up_on += timedelta(days=(on - referral.made_on).days)
        changed.append(f"made on {referral.made_on.isoformat()} -> {on.isoformat()}")
        referral.made_on = on
    if currency is not None:
        code = currency.strip().upper()
        parse_money("0", code)  # the same check as any amount
        if len(code) != 3 or not code.isalpha():
            raise InvalidInput(f"{currency!r} is not a currency code", "use a three-letter code like USD, EUR, GBP")
        referral.currency = code
        changed.append(f"currency {code}")
    if value is not None:
        if not value.strip():
            referral.value = None
            changed.append("value cleared")
        else:
            # a plain amount is in the one given with --currency, else in the value's own currency
            # when it had one (a correction keeps it), else in the configured currency
            kept = currency is not None or referral.value is not None
            plain = referral.currency if kept else settings.load(reader_for(session)).currency
            amount = parse_money(value, plain)
            referral.value, referral.currency = amount.minor, amount.currency
            changed.append(f"value {format_money(amount.minor, amount.currency)}")
    if not changed:
        raise InvalidInput("nothing to change", f"give what to correct, e.g. ref referral {referral_id} --partner NAME")
    session.add(referral)
    session.add(
        ReferralEvent(referral_id=referral_id, happened_on=dates.today(), kind="corrected", detail="; ".join(changed))
    )
    session.flush()
    return changed


class DeletedReferral(records.Whose):
    id: int
    direction: str
    prospect: str | None


class ConversationRecord(records.Whose):
    """A talk about balance as a correction prints it."""

    id: int
    on: str
    notes: str | None


def delete_referral(session: Session, referral_id: int) -> DeletedReferral:
    from refcli.models import Referral

    referral = session.get(Referral, referral_id)
    if referral is None:
        raise NotFound(f"no referral #{referral_id}", "see `ref referrals` for the ids")
    data: DeletedReferral = {
        "id": referral_id,
        "direction": referral.direction,
        **records.whose(reader_for(session), referral.partner_id),
        "prospect": referral.prospect_name,
    }
    session.delete(referral)
    return data


# --- balance conversations ---------------------------------------------------------------


def _conversation_data(session: Session, talk: Any) -> ConversationRecord:
    on = talk.talked_on.isoformat()
    return {"id": talk.id, "on": on, "notes": talk.notes, **records.whose(reader_for(session), talk.contact_id)}


def edit_conversation(
    session: Session, talk_id: int, *, on: date | None = None, notes: str | None = None
) -> ConversationRecord:
    """Correct the date or the notes of a recorded talk about balance ("" clears the notes)."""
    from refcli.models import Conversation

    talk = records.get(session, Conversation, talk_id, "conversation", "ref balance CONTACT")
    if on is None and notes is None:
        raise InvalidInput("nothing to change", f"e.g. ref conversation {talk_id} --on DATE, or --delete")
    if on is not None:
        talk.talked_on = dates.check_tense(on, "past", "--on date")
    if notes is not None:
        talk.notes = notes.strip() or None
    session.add(talk)
    session.flush()
    return _conversation_data(session, talk)


def delete_conversation(session: Session, talk_id: int) -> ConversationRecord:
    from refcli.models import Conversation

    return records.delete(
        session, records.get(session, Conversation, talk_id, "conversation", "ref balance CONTACT"), _conversation_data
    )
