"""Correcting what was recorded: edit or delete a note, a one-on-one, a referral or a reminder
by its id, with the same validation as recording it. Every change is one journal entry, so
`ref undo` takes a correction back too.

Each function takes an open Session (one transaction) and returns the record as it now is
(or as it was, for a deletion), as plain data; none of them prints.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from refcli import dates
from refcli.db import Reader
from refcli.db import session_reader as reader_for
from refcli.errors import InvalidInput, NotFound
from refcli.money import format_money, parse_money
from refcli.names import collapse
from refcli.services.contacts import check_note
from refcli.services.resolve import resolve

if TYPE_CHECKING:
    from sqlmodel import Session

NOTES = """
SELECT n.id, n.noted_on, n.text FROM note n WHERE n.contact_id = :id
ORDER BY n.noted_on DESC, n.id DESC
"""


def _who(reader: Reader, contact_id: int | None) -> dict[str, Any]:
    if contact_id is None:
        return {"contact": None, "name": None}
    row = reader.row("SELECT handle, name FROM contact WHERE id = :id", {"id": contact_id}) or {}
    return {"contact": row.get("handle"), "name": row.get("name")}


def _get(session: Session, model: Any, record_id: int, kind: str, listing: str) -> Any:
    found = session.get(model, record_id)
    if found is None:
        raise NotFound(f"no {kind} #{record_id}", f"see `{listing}` for the ids")
    return found


def _delete(session: Session, record: Any, describe: Callable[[Session, Any], dict[str, Any]]) -> dict[str, Any]:
    """Delete a record, returning it as it was (what the CLI prints and `--json` gives)."""
    data = describe(session, record)
    session.delete(record)
    return data


def _text(value: str | None) -> str | None:
    return collapse(value) or None if value is not None else None


# --- notes -------------------------------------------------------------------------------


def list_notes(reader: Reader, who: str) -> dict[str, Any]:
    person = resolve(reader, who)
    notes = [{"id": r["id"], "on": r["noted_on"], "text": r["text"]} for r in reader.rows(NOTES, {"id": person.id})]
    return {"contact": person.handle, "name": person.name, "notes": notes}


def _note_data(session: Session, note: Any) -> dict[str, Any]:
    return {
        "id": note.id,
        "on": note.noted_on.isoformat(),
        "text": note.text,
        **_who(reader_for(session), note.contact_id),
    }


def edit_note(session: Session, note_id: int, *, text: str | None = None, on: date | None = None) -> dict[str, Any]:
    from refcli.models import Note

    note = _get(session, Note, note_id, "note", "ref notes CONTACT")
    if text is None and on is None:
        raise InvalidInput("nothing to change", f'give the new text, or --on DATE: ref note --edit {note_id} "TEXT"')
    if text is not None:
        note.text = check_note(text, f"to remove it: ref note --delete {note_id}")
    if on is not None:
        note.noted_on = dates.check_tense(on, "past", "--on date")
    session.add(note)
    session.flush()
    return _note_data(session, note)


def delete_note(session: Session, note_id: int) -> dict[str, Any]:
    from refcli.models import Note

    return _delete(session, _get(session, Note, note_id, "note", "ref notes CONTACT"), _note_data)


# --- one-on-ones ----------------------------------------------------------------------------


def _meeting_data(session: Session, meeting: Any) -> dict[str, Any]:
    return {
        "id": meeting.id,
        "on": meeting.day.isoformat(),
        "status": meeting.status,
        **_who(reader_for(session), meeting.contact_id),
        "where": meeting.place,
        "notes": meeting.notes,
        "learned": meeting.learned,
        "they_asked": meeting.they_asked,
        "i_asked": meeting.i_asked,
    }


def get_meeting(session: Session, meeting_id: int) -> dict[str, Any]:
    from refcli.models import Meeting

    return _meeting_data(session, _get(session, Meeting, meeting_id, "one-on-one", "ref meetings"))


def edit_meeting(
    session: Session,
    meeting_id: int,
    *,
    on: date | None = None,
    who: str | None = None,
    place: str | None = None,
    notes: str | None = None,
    learned: str | None = None,
    they_asked: bool | None = None,
    i_asked: bool | None = None,
) -> dict[str, Any]:
    """Move or correct a one-on-one; "" clears a text. A held one stays in the past, a scheduled
    one in the future (to record that a scheduled one happened, `ref meet` it)."""
    from refcli.models import Meeting

    meeting = _get(session, Meeting, meeting_id, "one-on-one", "ref meetings")
    if on is not None:
        if meeting.status == "held" and on > dates.today():
            raise InvalidInput(f"{on.isoformat()} is in the future: a held one-on-one has already happened")
        if meeting.status == "scheduled" and on < dates.today():
            raise InvalidInput(
                f"{on.isoformat()} has passed: a scheduled one-on-one is in the future",
                "if it happened, record it: ref meet CONTACT --on DATE",
            )
        meeting.day = on
    if who is not None:
        meeting.contact_id = resolve(reader_for(session), who).id
    for name, value in (("place", place), ("notes", notes), ("learned", learned)):
        if value is not None:
            setattr(meeting, name, value.strip() or None)
    if they_asked is not None:
        meeting.they_asked = they_asked
    if i_asked is not None:
        meeting.i_asked = i_asked
    session.add(meeting)
    session.flush()
    return _meeting_data(session, meeting)


def delete_meeting(session: Session, meeting_id: int, *, cancel: bool = False) -> dict[str, Any]:
    """Delete a one-on-one; `cancel` is for a scheduled one only (a held one happened)."""
    from refcli.models import Meeting

    meeting = _get(session, Meeting, meeting_id, "one-on-one", "ref meetings")
    if cancel and meeting.status != "scheduled":
        raise InvalidInput(
            f"one-on-one #{meeting_id} was held on {meeting.day.isoformat()}: there is nothing to cancel",
            f"to remove the record of it: ref meeting {meeting_id} --delete",
        )
    return _delete(session, meeting, _meeting_data)


# --- referrals ------------------------------------------------------------------------------


def edit_referral(
    session: Session,
    referral_id: int,
    *,
    partner: str | None = None,
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
    from refcli.services import referrals

    referral = session.get(Referral, referral_id)
    if referral is None:
        raise NotFound(f"no referral #{referral_id}", "see `ref referrals` for the ids")
    reader = reader_for(session)
    changed: list[str] = []
    if partner is not None:
        person = resolve(reader, partner)
        if person.archived:
            raise InvalidInput(f"{person.name} is archived", f"unarchive them first: ref unarchive {person.handle}")
        if person.id != referral.partner_id:
            changed.append(f"partner {_who(reader, referral.partner_id)['contact']} -> {person.handle}")
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
        changed.append(f"why: {_text(why) or '-'}")
        referral.reason = _text(why)
    if temperature is not None:
        referral.temperature = referrals.check_temperature(temperature) if temperature.strip() else None
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
            amount = parse_money(value, referral.currency)
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


def delete_referral(session: Session, referral_id: int) -> dict[str, Any]:
    from refcli.models import Referral

    referral = session.get(Referral, referral_id)
    if referral is None:
        raise NotFound(f"no referral #{referral_id}", "see `ref referrals` for the ids")
    data = {
        "id": referral_id,
        "direction": referral.direction,
        **_who(reader_for(session), referral.partner_id),
        "prospect": referral.prospect_name,
    }
    session.delete(referral)
    return data


# --- reminders ------------------------------------------------------------------------------


REMINDERS = """
SELECT r.id, r.text, r.due_on, r.done_on, c.handle, c.name FROM reminder r
LEFT JOIN contact c ON c.id = r.contact_id
WHERE (:all OR r.done_on IS NULL) ORDER BY r.due_on, r.id
"""


def list_reminders(reader: Reader, *, done_too: bool = False) -> list[dict[str, Any]]:
    """Your reminders, soonest first (open ones only, unless `done_too`)."""
    return [
        {"id": r["id"], "text": r["text"], "due_on": dates.iso(r["due_on"]), "done_on": dates.iso(r["done_on"]),
         "contact": r["handle"], "name": r["name"]}
        for r in reader.rows(REMINDERS, {"all": done_too})
    ]  # fmt: skip


def _reminder_data(session: Session, reminder: Any) -> dict[str, Any]:
    return {
        "id": reminder.id,
        "text": reminder.text,
        "due_on": reminder.due_on.isoformat(),
        "done_on": reminder.done_on.isoformat() if reminder.done_on else None,
        **_who(reader_for(session), reminder.contact_id),
    }


def edit_reminder(
    session: Session, reminder_id: int, *, text: str | None = None, on: date | None = None, who: str | None = None
) -> dict[str, Any]:
    from refcli.models import Reminder

    reminder = _get(session, Reminder, reminder_id, "reminder", "ref reminders")
    if text is not None:
        if not text.strip():
            raise InvalidInput("a reminder needs some text", f"to remove it: ref reminder {reminder_id} --delete")
        reminder.text = collapse(text)
    if on is not None:
        reminder.due_on = on
    if who is not None:
        reminder.contact_id = resolve(reader_for(session), who).id if who.strip() else None
    session.add(reminder)
    session.flush()
    return _reminder_data(session, reminder)


def delete_reminder(session: Session, reminder_id: int) -> dict[str, Any]:
    from refcli.models import Reminder

    return _delete(session, _get(session, Reminder, reminder_id, "reminder", "ref reminders"), _reminder_data)


# --- balance conversations -------------------------------------------------------------------


def _conversation_data(session: Session, talk: Any) -> dict[str, Any]:
    on = talk.talked_on.isoformat()
    return {"id": talk.id, "on": on, "notes": talk.notes, **_who(reader_for(session), talk.contact_id)}


def edit_conversation(
    session: Session, talk_id: int, *, on: date | None = None, notes: str | None = None
) -> dict[str, Any]:
    """Correct the date or the notes of a recorded talk about balance ("" clears the notes)."""
    from refcli.models import Conversation

    talk = _get(session, Conversation, talk_id, "conversation", "ref balance CONTACT")
    if on is None and notes is None:
        raise InvalidInput("nothing to change", f"e.g. ref conversation {talk_id} --on DATE, or --delete")
    if on is not None:
        talk.talked_on = dates.check_tense(on, "past", "--on date")
    if notes is not None:
        talk.notes = notes.strip() or None
    session.add(talk)
    session.flush()
    return _conversation_data(session, talk)


def delete_conversation(session: Session, talk_id: int) -> dict[str, Any]:
    from refcli.models import Conversation

    return _delete(
        session, _get(session, Conversation, talk_id, "conversation", "ref balance CONTACT"), _conversation_data
    )
