"""A follow-up as `ref followups` shows it, and what every source of follow-ups shares."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

PRIORITY = {
    "thank": 0,
    "intro": 1,
    "lead": 1,
    "oneonone": 2,
    "remind": 3,
    "birthday": 3,
    "anniversary": 3,
    "talk": 4,
    "taker": 5,
    "payforward": 6,
    "meet": 7,
}
UNLIMITED = 2**62
# How a kind reads in `ref followups --why`, in the order above.
KIND_WORDS = {
    "thank": "a thank-you owed", "intro": "an introduction to check on", "lead": "a lead to check on",
    "oneonone": "a one-on-one", "remind": "your reminder", "birthday": "a birthday", "anniversary": "an anniversary",
    "talk": "a talk about balance", "taker": "a balance that did not change", "payforward": "a referral to pay forward",
    "meet": "a rhythm",
}  # fmt: skip


@dataclass
class Item:
    id: str
    kind: str
    due_on: date
    contacts: list[str]
    text: str
    stamp: str = ""
    contact_ids: list[int] = field(default_factory=list)
    context: str = ""
    command: str = ""
    why: dict[str, Any] = field(default_factory=dict)  # the facts behind it (`--json`)

    def as_json(self, as_of: date) -> dict[str, Any]:
        days = (as_of - self.due_on).days
        return {
            "id": self.id,
            "kind": self.kind,
            "due_on": self.due_on.isoformat(),
            "contacts": self.contacts,
            "text": self.text,
            "context": self.context,
            "urgency": "overdue" if days > 0 else "due" if days == 0 else "upcoming",
            "days_overdue": days,
            "command": self.command,
            "why": self.why,
            "priority": PRIORITY[self.kind],
        }

    def explain(self, as_of: date) -> str:
        """How this item's place was reached (`ref followups --why`): the day it is due first,
        then its kind, then the facts it was derived from."""
        days = (as_of - self.due_on).days
        when = f"{days} days late" if days > 0 else "due today" if days == 0 else f"due in {-days} days"
        rank = sorted(set(PRIORITY.values())).index(PRIORITY[self.kind]) + 1
        parts = [f"{when} ({self.due_on.isoformat()})", f"{KIND_WORDS[self.kind]}: kind rank {rank} of 8"]
        facts = self.why
        if self.kind == "meet":
            from refcli.keeping.rhythms import origin

            r, last = facts["rhythm"], facts["last_in_touch"]
            parts.append(
                f"rhythm {r['every']} ({origin(r)}), " + (f"last in touch {last}" if last else "never in touch")
            )
        elif self.kind in ("birthday", "anniversary"):
            parts.append(f"on record as {facts['stored'].removeprefix('--')}")
        elif self.kind == "talk":
            parts.append(
                f"you gave {facts['given']} ({facts['given_won']} closed), nothing back in {facts['months']} months"
            )
        elif self.kind == "payforward":
            parts.append(
                f"they referred you on {facts['last_received']}; you last gave on {facts['last_given'] or 'never'}"
            )
        elif self.kind == "taker":
            parts.append(f"you talked about balance on {facts['talked_on']}")
        return "; ".join(parts)


def first_name(name: str) -> str:
    return name.split()[0] if name.split() else name


def ago(as_of: date, day: date) -> str:
    days = (as_of - day).days
    return "today" if days == 0 else "1 day" if days == 1 else f"{days} days"
