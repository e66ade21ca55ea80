"""vCard bytes to cards, before any parsing: unfolding (indented folds, 2.1 quoted-printable
soft breaks, unindented continuations), splitting each line into group, name, parameters and
raw value, and the file into cards (nested cards become cards of their own; a card the file
ends inside is kept and reported). Values stay bytes until their charset is known."""

from __future__ import annotations

import quopri
import re
from dataclasses import dataclass, field

from refcli.exchange.decode import decode
from refcli.exchange.records import ReadResult

_PROP = re.compile(rb"^[A-Za-z0-9][A-Za-z0-9_\-]*(?:\.[A-Za-z0-9_\-]+)?[;:]")


@dataclass
class Line:
    group: str | None
    name: str  # upper case
    params: list[str]  # raw "KEY=VALUE" or bare
    value: bytes

    def param(self, key: str) -> str | None:
        for p in self.params:
            k, sep, v = p.partition("=")
            if sep and k.strip().upper() == key:
                return v.strip().strip('"')
        return None

    @property
    def is_qp(self) -> bool:
        return any("QUOTED-PRINTABLE" in p.upper() or p.upper() in ("ENCODING=QP",) for p in self.params)

    @property
    def is_binary(self) -> bool:
        enc = (self.param("ENCODING") or "").upper()
        bare = {p.upper() for p in self.params}
        return enc in ("B", "BASE64") or "BASE64" in bare or self.value.lower().startswith(b"data:")


@dataclass
class Card:
    number: int
    raw: list[bytes] = field(default_factory=list)  # its lines as the file has them
    closed: bool = False
    _lines: list[Line] | None = field(default=None, repr=False)

    @property
    def lines(self) -> list[Line]:
        """Its lines split into group, name, parameters and value, when first asked: a card read
        ahead (exchange/read_ahead.py) is split in the process that reads it."""
        if self._lines is None:
            self._lines = [_split_line(r) or Line(None, "X-UNPARSED", [], r) for r in self.raw]
        return self._lines


def _split_params(head: bytes) -> tuple[str | None, str, list[str]]:
    text = head.decode("latin-1")
    if '"' not in text:  # nothing quoted: every ';' separates (most lines; the loop is 10x slower)
        full, *params = text.split(";")
        group, _, name = full.rpartition(".")
        return (group or None), name.upper(), [p for p in params if p]
    parts, current, quoted = [], "", False
    for ch in text:
        if ch == '"':
            quoted = not quoted
        if ch == ";" and not quoted:
            parts.append(current)
            current = ""
        else:
            current += ch
    parts.append(current)
    full = parts[0]
    group, _, name = full.rpartition(".")
    return (group or None), name.upper(), [p for p in parts[1:] if p]


def _split_line(raw: bytes) -> Line | None:
    colon = raw.find(b":")
    if colon >= 0 and b'"' not in raw[:colon]:  # no quoted parameter to hold a colon
        group, name, params = _split_params(raw[:colon])
        return Line(group, name, params, raw[colon + 1 :])
    quoted = False
    for i, b in enumerate(raw):
        if b == 0x22:
            quoted = not quoted
        elif b == 0x3A and not quoted:  # ':'
            group, name, params = _split_params(raw[:i])
            return Line(group, name, params, raw[i + 1 :])
    return None


def logical_lines(data: bytes) -> list[bytes]:
    """Unfold: indented folds, 2.1 quoted-printable soft breaks, unindented continuations.
    A logical line is gathered as a list of its pieces and joined once, so unfolding is linear
    in the input (joining at every fold made a 2 MB folded card take seconds, more made minutes)."""
    data = data.replace(b"\r\r\n", b"\n")
    physical = re.split(rb"\r\n|\r|\n", data)
    lines: list[bytes] = []
    parts: list[bytes] = []  # the pieces of the logical line being gathered
    qp: list[bool] = []  # whether its head says QUOTED-PRINTABLE, once the head is known

    def flush() -> None:
        if parts:
            lines.append(b"".join(parts))
            parts.clear()
            qp.clear()

    for raw in physical:
        if parts and parts[-1].endswith(b"=") and _quoted_printable(parts, qp):
            parts[-1] = parts[-1][:-1]  # a soft break: what follows, leading spaces too, is text (RFC 2045)
            parts.append(raw)
            continue
        if not raw.strip():
            flush()
            continue
        if raw[:1] in (b" ", b"\t") and parts:
            parts.append(raw[1:])
            continue
        if raw.startswith(b"#"):
            continue
        if _PROP.match(raw) or not parts:
            flush()
            parts.append(raw)
            continue
        # No property name: a 2.1 continuation (base64 data, or a backslash-newline in a value).
        if parts[-1].endswith(b"\\"):
            parts[-1] = parts[-1][:-1]
            parts.append(b"\\n")
        parts.append(raw)
    flush()
    return lines


def _quoted_printable(parts: list[bytes], known: list[bool]) -> bool:
    """Whether the line gathered in `parts` is quoted-printable: read from its head (everything
    before the first ':') once the head is whole, and remembered."""
    if known:
        return known[0]
    head = b"".join(parts[:64])  # a head folded over more pieces than this is no real card's
    if b":" not in head and len(parts) < 64:
        return False
    known.append(_is_qp_head(head))
    return known[0]


def _is_qp_head(line: bytes) -> bool:
    head = line.split(b":", 1)[0].upper()
    return b"QUOTED-PRINTABLE" in head


_GLUED = re.compile(rb"(?i)^(END:VCARD)[ \t]*(BEGIN:VCARD)[ \t]*$")


def split_cards(lines: list[bytes], result: ReadResult) -> list[Card]:
    cards: list[Card] = []
    stack: list[Card] = []
    count = 0
    unglued: list[bytes] = []
    for raw in lines:  # `END:VCARDBEGIN:VCARD`: a card glued onto the one before it
        glued = _GLUED.match(raw.strip()) if b"VCARD" in raw.upper() else None
        if glued:
            result.warnings.append(f"card {sum(1 for r in unglued if r.strip().upper() == b'BEGIN:VCARD') + 1}: "
                                   "glued onto the previous card's END:VCARD; read as a card of its own")  # fmt: skip
            unglued += [glued.group(1), glued.group(2)]
        else:
            unglued.append(raw)
    if not any(r.strip().upper() == b"BEGIN:VCARD" for r in unglued) and any(
        r.strip().upper() == b"END:VCARD" for r in unglued
    ):  # cards without BEGIN (read because the user said --format vcard): each ends at END:VCARD
        result.warnings.append("no BEGIN:VCARD in the file: each card read up to its END:VCARD")
        begun: list[bytes] = [b"BEGIN:VCARD"]
        for r in unglued:
            begun.append(r)
            if r.strip().upper() == b"END:VCARD":
                begun.append(b"BEGIN:VCARD")
        unglued = begun[:-1]
    for raw in unglued:
        line = _split_line(raw) if b"VCARD" in raw.upper() else None  # else no BEGIN or END of a card
        if line is None:
            if stack:
                stack[-1].raw.append(raw)  # split when read (unparsed lines are kept aside then)
            continue
        value = line.value.strip().upper()
        if line.name == "BEGIN" and value == b"VCARD":
            count += 1
            if stack:
                result.warnings.append(
                    f"card {count}: nested inside card {stack[-1].number}; read as a card of its own"
                )
            card = Card(count)
            stack.append(card)
            cards.append(card)
        elif line.name == "END" and value == b"VCARD":
            if stack:
                stack.pop().closed = True
        elif stack:
            stack[-1].raw.append(raw)
    for card in cards:
        if not card.closed:
            result.warnings.append(f"card {card.number}: no END:VCARD (the file ends inside it); read what was there")
    return cards


def value_text(line: Line, fallback: str) -> str:
    raw = line.value
    if line.is_qp:
        raw = quopri.decodestring(raw)
    return decode(raw, line.param("CHARSET"), fallback)
