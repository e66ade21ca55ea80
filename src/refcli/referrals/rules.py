"""The rules every referral write shares: the statuses and the order they move in, the
temperatures, the checks on what people type, and the history every change leaves."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from refcli import dates
from refcli.errors import InvalidInput

if TYPE_CHECKING:
    from refcli.people.resolve import Person
    from refcli.store.writer import Writer

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


def active(person: Person) -> Person:
    if person.archived:
        raise InvalidInput(f"{person.name} is archived", f"unarchive them first: ref unarchive {person.handle}")
    return person


def add_event(writer: Writer, referral_id: int, on: date, kind: str, detail: str) -> None:
    """Keep a change to a referral as its history."""
    writer.insert("referral_event", {"referral_id": referral_id, "happened_on": on, "kind": kind, "detail": detail})


def made_on(on: date | None) -> date:
    today = dates.today()
    made = on or today
    if made > today:
        raise InvalidInput(f"{made.isoformat()} is in the future: record a referral once it is made")
    return dates.check_tense(made, "past", "--on date")  # and not before 1900 (a year typed wrong)


def status_detail(status: str) -> str:
    """How a status event's detail begins (`no response`); `status_in_detail` reads it back, so
    `balance --as-of` can tell the status a referral had on an earlier day."""
    return status.replace("_", " ")


def status_in_detail(detail: str) -> str | None:
    said = detail.split(" (")[0].split(":")[0].strip().replace(" ", "_")
    return said if said in STATUSES else None
