"""Acting on a follow-up: ticking it off (`ref done`, which for a thank-you records the thanks)
or snoozing it to a later day (`ref snooze`)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from refcli import dates
from refcli.errors import InvalidInput, NotFound
from refcli.store import Reader
from refcli.store import session_reader as reader_for
from refcli.tracking.followups import Item, collect

if TYPE_CHECKING:
    from sqlmodel import Session


def find(reader: Reader, item_id: str) -> Item:
    """The follow-up with this id among all that are open today, or NotFound naming the listing."""
    key = item_id.strip().lower()
    for item in collect(reader, dates.today(), date.max):
        if item.id == key:
            return item
    raise NotFound(f"no follow-up {item_id!r}", "see `ref followups --all` for the ids")


def mark_done(session: Session, item_id: str, notes: str | None = None) -> Item:
    """Tick a follow-up off. For a thank-you it records the thanks (as `ref thank` does, with
    `notes` as how); for a reminder it marks the reminder done."""
    from refcli.models import FollowupState, Reminder, utcnow

    item = find(reader_for(session), item_id)
    today = dates.today()
    if item.kind == "thank":
        # One rule for "thanked": marking the follow-up done is saying thank you, so the balance,
        # the referral's history and the follow-ups all agree about it.
        from refcli.people.resolve import resolve
        from refcli.referrals import lifecycle as referrals

        partner = resolve(reader_for(session), item.contacts[0])  # the follow-up's own handle
        referrals.thank(session, partner, referral_id=int(item.id.split("-", 1)[1]), how=notes)
    if item.kind == "remind":
        reminder = session.get(Reminder, int(item.id.split("-", 1)[1]))
        assert reminder is not None
        reminder.done_on = today
        session.add(reminder)
    state = session.get(FollowupState, item.id) or FollowupState(key=item.id)
    state.done_on, state.stamp, state.snoozed_until = today, item.stamp, None
    state.notes = (notes or "").strip() or None
    state.updated_at = utcnow()
    session.add(state)
    return item


def snooze(session: Session, item_id: str, until: date) -> Item:
    from refcli.models import FollowupState, utcnow

    if until <= dates.today():
        raise InvalidInput(f"{until.isoformat()} is not in the future", "snooze to a later date, e.g. +3d")
    item = find(reader_for(session), item_id)
    state = session.get(FollowupState, item.id) or FollowupState(key=item.id)
    state.snoozed_until, state.done_on = until, None
    state.updated_at = utcnow()
    session.add(state)
    return item


def unsnooze(session: Session, item_id: str) -> Item:
    """Bring a snoozed follow-up back today."""
    from refcli.models import FollowupState, utcnow

    item = find(reader_for(session), item_id)
    state = session.get(FollowupState, item.id)
    if state is None or state.snoozed_until is None or state.snoozed_until <= dates.today():
        raise InvalidInput(f"{item.id} is not snoozed", "see the snoozed ones: ref followups --snoozed")
    state.snoozed_until = None
    state.updated_at = utcnow()
    session.add(state)
    return item
