"""Acting on a follow-up: ticking it off (`ref done`, which for a thank-you records the thanks)
or snoozing it to a later day (`ref snooze`)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from refcli import dates
from refcli.errors import InvalidInput, NotFound
from refcli.store import Reader
from refcli.tracking.followups import ROW_KINDS, Item, collect, one

if TYPE_CHECKING:
    from refcli.store.writer import Writer


def find(reader: Reader, item_id: str) -> Item:
    """The follow-up with this id among all that are open today, or NotFound naming the listing."""
    key = item_id.strip().lower()
    if key.partition("-")[0] in ROW_KINDS:  # one row's follow-up: read from that row alone
        found = one(reader, dates.today(), key)
        if found is not None:
            return found
    else:
        for item in collect(reader, dates.today(), date.max):
            if item.id == key:
                return item
    raise NotFound(f"no follow-up {item_id!r}", _did_you_mean(key) or "see `ref followups --all` for the ids")


def _did_you_mean(key: str) -> str | None:
    """`intro11` for `intro-11`: a known kind run together with its number, or with a space."""
    import re

    found = re.fullmatch(r"([a-z]+)[\s_]*-?\s*(\d+)", key)
    if found and found.group(1) in ROW_KINDS and f"{found.group(1)}-{found.group(2)}" != key:
        return f"did you mean {found.group(1)}-{found.group(2)}?"
    return None


def _decide(writer: Writer, item: Item, **decision: Any) -> None:
    """Keep your decision about a follow-up (done or snoozed) under its stable key."""
    decision["updated_at"] = dates.utcnow()
    if writer.row("SELECT key FROM followup_state WHERE key = :key", {"key": item.id}) is None:
        writer.insert_keyed("followup_state", {"key": item.id, **decision})
    else:
        writer.update("followup_state", item.id, decision, key="key")


def mark_done(writer: Writer, item_id: str, notes: str | None = None) -> Item:
    """Tick a follow-up off. For a thank-you it records the thanks (as `ref thank` does, with
    `notes` as how); for a reminder it marks the reminder done."""
    item = find(writer, item_id)
    today = dates.today()
    if item.kind == "thank":
        # One rule for "thanked": marking the follow-up done is saying thank you, so the balance,
        # the referral's history and the follow-ups all agree about it.
        from refcli.people.resolve import resolve
        from refcli.referrals import lifecycle as referrals

        partner = resolve(writer, item.contacts[0])  # the follow-up's own handle
        referrals.thank(writer, partner, referral_id=int(item.id.split("-", 1)[1]), how=notes)
    if item.kind == "remind":
        writer.update("reminder", int(item.id.split("-", 1)[1]), {"done_on": today})
    _decide(writer, item, done_on=today, stamp=item.stamp, snoozed_until=None, notes=(notes or "").strip() or None)
    return item


def snooze(writer: Writer, item_id: str, until: date) -> Item:
    if until <= dates.today():
        raise InvalidInput(f"{until.isoformat()} is not in the future", "snooze to a later date, e.g. +3d")
    item = find(writer, item_id)
    _decide(writer, item, snoozed_until=until, done_on=None)
    return item


def unsnooze(writer: Writer, item_id: str) -> Item:
    """Bring a snoozed follow-up back today."""
    item = find(writer, item_id)
    state = writer.row("SELECT snoozed_until FROM followup_state WHERE key = :key", {"key": item.id})
    if state is None or state["snoozed_until"] is None or dates.day(state["snoozed_until"]) <= dates.today():
        raise InvalidInput(f"{item.id} is not snoozed", "see the snoozed ones: ref followups --snoozed")
    _decide(writer, item, snoozed_until=None)
    return item
