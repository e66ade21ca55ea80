"""What a capture records: each item matched to the people on it, one touch per person per item
(keyed, so a second capture adds nothing), a one-to-one event as a one-on-one, and the people
you write to who are not in ref yet, listed (never added). Items are read before the write
begins, so the database is locked only while the touches go in."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from refcli import dates
from refcli.capture import capture_sql as q
from refcli.capture.items import MAX_CROWD, Item, Skip
from refcli.capture.matching import Directory, email_key

if TYPE_CHECKING:
    from refcli.store.writer import Writer

UNKNOWN_FROM = 3  # messages with an address nobody in ref has before it is listed (or both ways)


@dataclass
class Correspondent:
    """An address you exchanged personal mail with that belongs to nobody in ref."""

    address: str
    name: str | None = None
    messages: int = 0
    sent: int = 0  # by you to them
    received: int = 0  # from them

    def worth_listing(self) -> bool:
        return self.messages >= UNKNOWN_FROM or (self.sent > 0 and self.received > 0)

    def as_json(self) -> dict[str, Any]:
        return {"address": self.address, "name": self.name, "messages": self.messages, "sent": self.sent,
                "received": self.received}  # fmt: skip


@dataclass
class Report:
    read: int = 0
    touches: list[dict[str, Any]] = field(default_factory=list)
    meetings: list[dict[str, Any]] = field(default_factory=list)
    already: int = 0  # items already recorded (captured before, or typed that day)
    not_counted: int = 0  # read, but with nobody in ref on them, or outside the window
    skipped: list[Skip] = field(default_factory=list)
    unknown: list[Correspondent] = field(default_factory=list)
    mine: list[str] = field(default_factory=list)  # your own addresses, as set or learned
    likely_mine: list[str] = field(default_factory=list)  # on most mail, with none set: surely yours

    def as_json(self) -> dict[str, Any]:
        return {
            "read": self.read,
            "counted": len(self.touches),
            "touches": self.touches,
            "meetings": self.meetings,
            "already": self.already,
            "not_counted": self.not_counted,
            "skipped": [{"where": s.where, "why": s.why} for s in self.skipped],
            "unknown": [u.as_json() for u in self.unknown],
            "my_addresses": self.mine,
            "likely_mine": self.likely_mine,
        }


@dataclass(frozen=True)
class Window:
    since: date | None  # nothing before this day counts
    today: date

    def holds(self, day: date) -> bool:
        return self.since is None or day >= self.since


def my_addresses(configured: str, items: Iterable[Item | Skip]) -> set[str]:
    """Your addresses: those `ref config my_addresses` names, and the senders of your Sent folders."""
    mine = {email_key(a) for a in configured.replace(";", ",").split(",") if "@" in a}
    for item in items:
        if isinstance(item, Item) and item.sent_folder and item.sender:
            mine.add(email_key(item.sender))
    return mine


def record(
    writer: Writer,
    found: list[Item | Skip],
    window: Window,
    mine: set[str],
    *,
    keep_subjects: bool = False,
    progress: Callable[[int], None] | None = None,
) -> Report:
    """Match every item read to your network and record what is new, in the write's transaction."""
    directory = Directory.read(writer)
    mine = {m for m in mine if not directory.email(m)}  # an address a contact has is theirs, not yours
    since = window.since or date(1900, 1, 1)
    captured = {(int(r["contact_id"]), str(r["source_key"])) for r in writer.rows(q.CAPTURED, {"since": since})}
    typed = {(int(r["contact_id"]), str(r["day"])[:10], str(r["via"])) for r in writer.rows(q.TYPED, {"since": since})}
    report = Report(mine=sorted(mine))
    strangers: dict[str, Correspondent] = {}
    for n, item in enumerate(found, 1):
        if progress is not None and n % 500 == 0:
            progress(500)
        if isinstance(item, Skip):
            report.skipped.append(item)
            continue
        report.read += 1
        if not window.holds(item.day) or (item.day > window.today and item.source != "calendar"):
            report.not_counted += 1
            continue
        if item.crowd > MAX_CROWD:
            report.skipped.append(Skip(item.key, f"{item.crowd} people on it: not personal"))
            continue
        people, direction = _people_on(item, directory, mine, strangers)
        if not people:
            report.not_counted += 1
            continue
        if item.source == "calendar" and _one_to_one(item, people, mine):
            _meeting(writer, item, directory, next(iter(people)), window, report)
            continue
        if item.day > window.today:
            report.not_counted += 1
            continue
        for contact_id in sorted(people):
            if (contact_id, item.key) in captured or (contact_id, item.day.isoformat(), item.via) in typed:
                report.already += 1
                continue
            captured.add((contact_id, item.key))
            _touch(writer, item, directory, contact_id, direction, keep_subjects, report)
    if not mine:  # whose mail it is unknown: an address on most personal mail is surely yours
        mail = sum(1 for i in found if isinstance(i, Item) and i.source == "mail" and i.crowd <= MAX_CROWD)
        report.likely_mine = sorted(a for a, c in strangers.items() if mail >= 10 and c.messages * 2 > mail)
        for address in report.likely_mine:
            del strangers[address]
    report.unknown = sorted(
        (c for c in strangers.values() if c.worth_listing()), key=lambda c: (-c.messages, c.address)
    )
    return report


def _people_on(
    item: Item, directory: Directory, mine: set[str], strangers: dict[str, Correspondent]
) -> tuple[set[int], str | None]:
    """The contacts on an item, and its direction; strangers on personal mail are tallied."""
    if item.numbers:
        return {cid for number in item.numbers for cid in directory.number(number)}, item.direction
    declined = {email_key(a) for a in item.declined}
    if item.source == "calendar" and declined & mine:
        return set(), None  # you declined it
    sender = email_key(item.sender) if item.sender else None
    outgoing = item.sent_folder or (sender is not None and sender in mine)
    people: set[int] = set()
    for address in item.emails:
        key = email_key(address)
        if key in mine or key in declined:
            continue
        found = directory.email(address)
        people |= found
        if not found and item.source == "mail":
            who = strangers.setdefault(key, Correspondent(key, item.names.get(address.lower())))
            who.messages += 1
            who.sent += 1 if outgoing else 0
            who.received += 1 if key == sender else 0
    direction = "out" if outgoing else "in" if sender and directory.email(sender) else item.direction
    return people, direction


def _one_to_one(item: Item, people: set[int], mine: set[str]) -> bool:
    others = [a for a in item.emails if email_key(a) not in mine]
    return len(people) == 1 and len(others) == 1


def _meeting(writer: Writer, item: Item, directory: Directory, contact_id: int, window: Window, report: Report) -> None:
    """A one-to-one event as a one-on-one: held when past (unless one is logged that day), scheduled
    when ahead (unless one is planned within a week)."""
    from refcli.meetings import oneonones

    person = directory.people[contact_id]
    if item.day > window.today:
        near = {"id": contact_id, "low": item.day - timedelta(days=oneonones.NEAR_DAYS),
                "high": item.day + timedelta(days=oneonones.NEAR_DAYS)}  # fmt: skip
        if writer.rows(oneonones.SCHEDULED_NEAR, near):
            report.already += 1
            return
        made = oneonones.schedule(writer, person, item.day)
        report.meetings.append({**made, "status": "scheduled"})
        return
    if writer.row(oneonones.HELD_ON, {"id": contact_id, "day": item.day}):
        report.already += 1
        return
    held = oneonones.log_meeting(writer, person, on=item.day)
    report.meetings.append({"id": held["id"], "contact": person.handle, "name": person.name,
                            "on": held["on"], "status": "held"})  # fmt: skip


def _touch(
    writer: Writer,
    item: Item,
    directory: Directory,
    contact_id: int,
    direction: str | None,
    keep_subjects: bool,
    report: Report,
) -> None:
    note = item.subject[:200] if keep_subjects and item.subject else None
    row = {"contact_id": contact_id, "day": item.day, "via": item.via, "note": note, "source": item.source,
           "source_key": item.key, "direction": direction}  # fmt: skip
    touch_id = writer.insert("touch", row)
    person = directory.people[contact_id]
    report.touches.append({"id": touch_id, "contact": person.handle, "name": person.name, "on": dates.iso(item.day),
                           "via": item.via, "source": item.source, "direction": direction, "note": note})  # fmt: skip
