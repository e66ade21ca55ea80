"""Whose an address or a number is: every email a contact has (case folded, `+tag` variants
folded too) and every phone (its digits; a number written with or without a country code is
the same when its last nine digits are)."""

from __future__ import annotations

from dataclasses import dataclass

from refcli.capture import capture_sql as q
from refcli.names import phone_digits
from refcli.people.resolve import Person
from refcli.store import Reader

SUFFIX = 9  # digits two numbers must end alike in to be one number (country codes and trunk 0s aside)
SHORTEST = 7  # fewer digits than this never match by suffix


def email_key(address: str) -> str:
    """An address as matching compares it: lower case, without a `+tag` on its local part."""
    local, at, domain = address.strip().lower().rpartition("@")
    if not at:
        return address.strip().lower()
    return f"{local.split('+', 1)[0]}@{domain}"


@dataclass
class Directory:
    """Every contact's addresses and numbers, read once for a whole capture."""

    by_email: dict[str, set[int]]
    by_suffix: dict[str, list[tuple[str, int]]]
    people: dict[int, Person]

    @classmethod
    def read(cls, reader: Reader) -> Directory:
        by_email: dict[str, set[int]] = {}
        by_suffix: dict[str, list[tuple[str, int]]] = {}
        people: dict[int, Person] = {}
        for row in reader.rows(q.EMAILS):
            by_email.setdefault(email_key(str(row["value_key"])), set()).add(int(row["contact_id"]))
            people[int(row["contact_id"])] = Person(
                int(row["contact_id"]), row["handle"], row["name"], bool(row["archived"])
            )
        for row in reader.rows(q.PHONES):
            digits = phone_digits(str(row["value_key"]))
            if len(digits) >= SHORTEST:
                by_suffix.setdefault(digits[-SHORTEST:], []).append((digits, int(row["contact_id"])))
                people[int(row["contact_id"])] = Person(
                    int(row["contact_id"]), row["handle"], row["name"], bool(row["archived"])
                )
        return cls(by_email, by_suffix, people)

    def email(self, address: str) -> set[int]:
        return self.by_email.get(email_key(address), set())

    def number(self, raw: str) -> set[int]:
        digits = phone_digits(raw)
        if len(digits) < SHORTEST:
            return set()
        found = set()
        for theirs, contact_id in self.by_suffix.get(digits[-SHORTEST:], []):
            shorter, longer = sorted((digits, theirs), key=len)
            same = theirs == digits or (len(shorter) >= SUFFIX and longer.endswith(shorter[-SUFFIX:]))
            if same or (len(shorter) < SUFFIX and longer.endswith(shorter)):
                found.add(contact_id)
        return found
