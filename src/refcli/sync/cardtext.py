"""Editing a vCard in place: only the properties ref changes are rewritten; every other line
(photos, X- properties, groups, parameters ref does not know) stays exactly as it was."""

from __future__ import annotations

import re
from dataclasses import dataclass

FOLD_AT = 75  # octets per line, as vCard asks


@dataclass
class Entry:
    lines: list[str]  # the physical lines, as in the file
    group: str | None
    name: str  # upper case
    head: str  # everything before the value's ':' (group, name, parameters), as written
    value: str  # the raw value, unfolded


def _split(logical: str) -> tuple[str | None, str, str, str]:
    quoted = False
    for i, ch in enumerate(logical):
        if ch == '"':
            quoted = not quoted
        elif ch == ":" and not quoted:
            head, value = logical[:i], logical[i + 1 :]
            full = head.split(";", 1)[0]
            group, _, name = full.rpartition(".")
            return group or None, name.upper(), head, value
    return None, "", logical, ""


_BREAKS = re.compile(r"\r\n|\r|\n")
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f]")


def inert(value: str) -> str:
    """A value as it may stand on a card's line: a line break as the escape `\\n` (never a raw
    one, which would start a property or a second card of its own), no other control character.
    Every value ref writes into a card passes through here, whatever made it."""
    return _CONTROLS.sub("", _BREAKS.sub("\\\\n", value))


def escape(text: str) -> str:
    """A text value as vCard writes it."""
    return text.replace("\\", "\\\\").replace("\n", "\\n").replace(",", "\\,").replace(";", "\\;")


def fold(line: str) -> list[str]:
    """A logical line as physical lines of at most 75 octets, never splitting a character."""
    out: list[str] = []
    current, size = "", 0
    for ch in line:
        width = len(ch.encode("utf-8"))
        limit = FOLD_AT if not out else FOLD_AT - 1
        if size + width > limit:
            out.append(current)
            current, size = "", 0
        current += ch
        size += width
    out.append(current)
    return [out[0]] + [" " + part for part in out[1:]]


class CardText:
    """One card's text, as entries that can be changed, added or removed."""

    def __init__(self, text: str) -> None:
        self.newline = "\r\n" if "\r\n" in text else "\n"
        self.entries: list[Entry] = []
        folded: list[list[str]] = []  # each entry's value pieces, joined once (linear, not quadratic)
        for physical in text.replace("\r\n", "\n").split("\n"):
            if physical[:1] in (" ", "\t") and self.entries:
                self.entries[-1].lines.append(physical)
                folded[-1].append(physical[1:])
            elif physical.strip():
                group, name, head, value = _split(physical)
                self.entries.append(Entry([physical], group, name, head, value))
                folded.append([value])
        for entry, pieces in zip(self.entries, folded, strict=True):
            if len(pieces) > 1:
                entry.value = "".join(pieces)

    @property
    def version(self) -> str:
        found = self.named("VERSION")
        return found[0].value.strip() if found else "3.0"

    def named(self, *names: str) -> list[Entry]:
        return [e for e in self.entries if e.name in names]

    def remove(self, entry: Entry) -> None:
        self.entries.remove(entry)

    def set_value(self, entry: Entry, value: str) -> None:
        value = inert(value)
        entry.value = value
        entry.lines = fold(f"{entry.head}:{value}")

    def add(self, head: str, value: str) -> None:
        head, value = inert(head), inert(value)
        group, name, _, _ = _split(f"{head}:{value}")
        entry = Entry(fold(f"{head}:{value}"), group, name, head, value)
        end = next((i for i in range(len(self.entries) - 1, -1, -1) if self.entries[i].name == "END"), None)
        self.entries.insert(len(self.entries) if end is None else end, entry)

    def text(self) -> str:
        return self.newline.join(line for e in self.entries for line in e.lines) + self.newline
