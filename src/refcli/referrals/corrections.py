"""Correcting a referral (partner, prospect, why, temperature, date, value) or a talk about
balance by its id, with the same checks as recording them; or deleting one. Written in SQL
through the Writer."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from refcli import dates, settings
from refcli.errors import InvalidInput
from refcli.money import format_money, parse_money
from refcli.names import optional_text
from refcli.people.resolve import Person
from refcli.store import Reader, records

if TYPE_CHECKING:
    from refcli.store.writer import Writer

LISTING = "ref referrals"
TALKS = "ref balance CONTACT"


def _day(value: Any) -> date | None:
    return None if value is None else dates.day(value)


def edit_referral(
    writer: Writer,
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
    from refcli.referrals import lifecycle as referrals
    from refcli.referrals.rules import add_event, check_temperature

    referral = records.row(writer, "referral", referral_id, "referral", LISTING)
    now = dict(referral)  # the referral as it is becoming, for the checks across fields
    changed: list[str] = []
    if partner is not None:
        if partner.archived:
            raise InvalidInput(f"{partner.name} is archived", f"unarchive them first: ref unarchive {partner.handle}")
        if partner.id != referral["partner_id"]:
            changed.append(f"partner {records.whose(writer, referral['partner_id'])['contact']} -> {partner.handle}")
            now["partner_id"] = partner.id
    if prospect is not None:
        prospect_id, prospect_name = referrals.prospect_of(writer, prospect)
        if prospect_name is None and referral["direction"] == "given":
            raise InvalidInput("the prospect cannot be empty", "name who you referred, or describe them")
        changed.append(f"prospect {referral['prospect_name'] or '-'} -> {prospect_name or '-'}")
        now["prospect_id"], now["prospect_name"] = prospect_id, prospect_name
    if now["prospect_id"] is not None and now["prospect_id"] == now["partner_id"]:
        raise InvalidInput("a partner cannot be their own prospect")
    if why is not None:
        changed.append(f"why: {optional_text(why) or '-'}")
        now["reason"] = optional_text(why)
    if temperature is not None:
        now["temperature"] = check_temperature(temperature) if temperature.strip() else None
        changed.append(f"temperature: {now['temperature'] or '-'}")
    if on is not None:
        dates.check_tense(on, "past", "--on date")
        status_on, made, follow_up = (
            _day(referral["status_on"]),
            _day(referral["made_on"]),
            _day(referral["follow_up_on"]),
        )
        if status_on is not None and on > status_on:
            raise InvalidInput(
                f"{on.isoformat()} is after its outcome ({status_on.isoformat()})",
                "a referral is made before it is won or lost",
            )
        if follow_up is not None and made is not None:
            now["follow_up_on"] = follow_up + timedelta(days=(on - made).days)
        changed.append(f"made on {dates.iso(referral['made_on'])} -> {on.isoformat()}")
        now["made_on"] = on
    if currency is not None:
        code = currency.strip().upper()
        parse_money("0", code)  # the same check as any amount
        if len(code) != 3 or not code.isalpha():
            raise InvalidInput(f"{currency!r} is not a currency code", "use a three-letter code like USD, EUR, GBP")
        now["currency"] = code
        changed.append(f"currency {code}")
    if value is not None:
        if not value.strip():
            now["value"] = None
            changed.append("value cleared")
        else:
            # a plain amount is in the one given with --currency, else in the value's own currency
            # when it had one (a correction keeps it), else in the configured currency
            kept = currency is not None or referral["value"] is not None
            plain = now["currency"] if kept else settings.load(writer).currency
            amount = parse_money(value, plain)
            now["value"], now["currency"] = amount.minor, amount.currency
            changed.append(f"value {format_money(amount.minor, amount.currency)}")
    if not changed:
        raise InvalidInput("nothing to change", f"give what to correct, e.g. ref referral {referral_id} --partner NAME")
    updates = {k: v for k, v in now.items() if k != "id" and v != referral[k]}
    if updates:
        writer.update("referral", referral_id, updates)
    add_event(writer, referral_id, dates.today(), "corrected", "; ".join(changed))
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


def delete_referral(writer: Writer, referral_id: int) -> DeletedReferral:
    referral = records.row(writer, "referral", referral_id, "referral", LISTING)
    data: DeletedReferral = {
        "id": referral_id,
        "direction": referral["direction"],
        **records.whose(writer, referral["partner_id"]),
        "prospect": referral["prospect_name"],
    }
    return records.remove(writer, "referral", referral_id, data)


# --- balance conversations ---------------------------------------------------------------


def _conversation_data(reader: Reader, talk: dict[str, Any]) -> ConversationRecord:
    return {"id": int(talk["id"]), "on": dates.iso(talk["talked_on"]), "notes": talk["notes"],
            **records.whose(reader, talk["contact_id"])}  # fmt: skip


def edit_conversation(
    writer: Writer, talk_id: int, *, on: date | None = None, notes: str | None = None
) -> ConversationRecord:
    """Correct the date or the notes of a recorded talk about balance ("" clears the notes)."""
    records.row(writer, "conversation", talk_id, "conversation", TALKS)
    if on is None and notes is None:
        raise InvalidInput("nothing to change", f"e.g. ref conversation {talk_id} --on DATE, or --delete")
    changes: dict[str, Any] = {}
    if on is not None:
        changes["talked_on"] = dates.check_tense(on, "past", "--on date")
    if notes is not None:
        changes["notes"] = notes.strip() or None
    writer.update("conversation", talk_id, changes)
    return _conversation_data(writer, records.row(writer, "conversation", talk_id, "conversation", TALKS))


def delete_conversation(writer: Writer, talk_id: int) -> ConversationRecord:
    talk = records.row(writer, "conversation", talk_id, "conversation", TALKS)
    return records.remove(writer, "conversation", talk_id, _conversation_data(writer, talk))
