"""What every source yields: one item a message, an event occurrence or a call, with what
matching needs (who was on it, which day, which way) and a key that names it for good, so
capturing the same source again adds nothing."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class Item:
    """A message, an event or a call, before it is matched against your network."""

    key: str  # the item for good: a Message-ID, an event's UID and day, a call's time and number
    day: date
    via: str  # email, event, call, message (as `ref touch --via`)
    source: str  # mail, calendar, calls, messages
    emails: tuple[str, ...] = ()  # everyone on it, sender included, as written (case kept)
    sender: str | None = None  # who sent it (mail), organised it (event)
    numbers: tuple[str, ...] = ()  # the other side's phone numbers (calls, messages)
    direction: str | None = None  # in, out, or None when the source does not say
    subject: str | None = None  # stored only with --keep-subjects
    crowd: int = 0  # people on To and Cc: a message to more than MAX_CROWD is not personal
    names: dict[str, str] = field(default_factory=dict, compare=False)  # address -> display name
    declined: tuple[str, ...] = ()  # attendees who declined (an event)
    sent_folder: bool = False  # read from a Sent folder: its sender is you


@dataclass(frozen=True)
class Skip:
    """Something a source held that is not counted, and why (the summary counts them)."""

    where: str
    why: str


MAX_CROWD = 10  # more people on To and Cc than this: a circular, not being in touch
