"""A card's lines as properties: each value decoded by its charset and read by the vCard 3.0
rules (RFC 2426 text escapes; N, ADR and ORG in fields; CATEGORIES and NICKNAME as lists).

vobject read these cards until it was measured as the import's largest cost: about 0.3 ms a
card (3 s of a 10,000-card import) to build objects for lines `vcard_lines.py` had already
unfolded and split. The rules are few, so they are applied here to those same lines; where
vobject lost text (a NICKNAME list kept only its first name; a value ending in a backslash;
a property name it could not parse was dropped) this keeps it. `tests/test_vcard_props.py`
holds every real file and generated cards to what vobject reads. vobject still writes cards.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from refcli.exchange.decode import decode
from refcli.exchange.records import ReadResult
from refcli.exchange.vcard_lines import Card, Line, value_text
from refcli.names import NAME_PARTS

BINARY = {"PHOTO", "LOGO", "SOUND", "KEY"}
_RENAME = {"PROFILE", "AGENT"}  # nested components by the spec: kept as plain text
LONG_VALUE = 64 * 1024  # bytes: a text this long is read whole (no fields), as a note or an extra
_ESCAPABLE = '\\;,Nn"'  # what a backslash escapes in a text value (a quote too: iCal writers do it)
ADDRESS_FIELDS = ("box", "extended", "street", "city", "region", "code", "country")  # ADR's, in order
_FIELDED: dict[str, tuple[str, ...] | None] = {"N": NAME_PARTS, "ADR": ADDRESS_FIELDS, "ORG": None}
_LISTED = {"CATEGORIES", "NICKNAME"}  # lists split by ','
_RAW = {"GEO"}  # a value with no escapes to undo
_ESCAPE = re.compile(r"\\(.)", re.S)
_LONG_ESCAPABLE = "\\;,Nn"  # a long value's escapes (it never went through vobject: no quote)
# Every other value (FN, TITLE, NOTE, LABEL, X-...) is one text, commas and semicolons included,
# whether the writer escaped them or not (vCard 2.1 never does; many 3.0 writers do not).


@dataclass
class Prop:
    group: str | None
    name: str  # upper case; '_' read as '-' (Lotus Notes writes X_...)
    params: dict[str, list[str]] = field(default_factory=dict)
    value: Any = ""  # text; a list (ORG, CATEGORIES, NICKNAME); N's or ADR's fields by name

    def param(self, key: str) -> list[str]:
        return self.params.get(key, [])


def values(text: str, separator: str | None = ",", escapable: str = _ESCAPABLE) -> list[str]:
    """A value split at its unescaped separators, escapes undone (`\\n` a line break); an escape
    not in `escapable` is left for a later pass; a trailing empty piece is not a value."""
    if "\\" not in text and (separator is None or separator not in text):
        return [text]
    if separator is None:  # one text: its escapes undone by a pattern (a 5 MB note, too)
        return [_ESCAPE.sub(lambda m: ("\n" if m[1] in "nN" else m[1]) if m[1] in escapable else m[0], text)]
    out: list[str] = []
    current: list[str] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch == "\\" and i + 1 < n:
            nxt = text[i + 1]
            current.append(("\n" if nxt in "nN" else nxt) if nxt in escapable else ch + nxt)
            i += 2
            continue
        if ch == separator:
            out.append("".join(current))
            current = []
        else:
            current.append(ch)
        i += 1
    if current or not out:
        out.append("".join(current))
    return out


def _one_or_list(text: str) -> str | list[str]:
    found = values(text)
    return found[0] if len(found) == 1 else found


def _fields(text: str) -> list[str | list[str]]:
    return [_one_or_list(f) for f in values(text, ";", ";")]


def _meaning(name: str, text: str) -> Any:
    if name in _FIELDED:
        fields, named = _fields(text), _FIELDED[name]
        return fields if named is None else {k: fields[i] if i < len(fields) else "" for i, k in enumerate(named)}
    if name in _LISTED:
        return values(text)
    if name in _RAW:
        return text
    return values(text, None)[0]


def _params(line: Line) -> dict[str, list[str]]:
    params: dict[str, list[str]] = {}
    for p in line.params:
        key, sep, raw = p.partition("=")
        key = key.strip().upper()
        if key in ("ENCODING", "CHARSET") or p.strip().upper() in ("QUOTED-PRINTABLE", "BASE64", "8BIT"):
            continue
        if not sep:
            key, raw = "TYPE", p
        params.setdefault(key, []).extend(_param_values(raw))
    return params


_PARAM_VALUE = re.compile(r'"([^"]*)"|([^",]+)')


def _param_values(raw: str) -> list[str]:
    return [quoted or bare.strip() for quoted, bare in _PARAM_VALUE.findall(raw) if quoted or bare.strip()]


def _literal_backslashes(text: str) -> str:
    """vCard 2.1 escapes only separators (and, leniently, line breaks): every other backslash is
    the writer's own character, spelled here as the escape for one."""
    return re.sub(r"\\(?![;,nN])", r"\\\\", text)


def _escaped_colons(text: str) -> str:
    """Apple writes `\\:` for a colon; vCard has no such escape, so it is the colon."""
    if "\\:" not in text:
        return text
    out, i = [], 0
    while i < len(text):
        pair = text[i : i + 2]
        out.append(":" if pair == "\\:" else pair if pair[:1] == "\\" else text[i])
        i += 2 if pair[:1] == "\\" else 1
    return "".join(out)


def card_props(card: Card, fallback: str, result: ReadResult) -> tuple[list[Prop], list[str], list[str]]:
    """A card's properties, plus lines kept aside as extras (unparsed lines, long non-note
    values) and notes too long to read by the rules (read whole). Photos are counted, not kept."""
    props: list[Prop] = []
    aside: list[str] = []
    long_notes: list[str] = []
    old_style = any(line.name == "VERSION" and line.value.strip() == b"2.1" for line in card.lines)
    for line in card.lines:
        if line.name in BINARY and (line.is_binary or line.name == "PHOTO"):
            if line.name == "PHOTO":
                result.photos_skipped += 1
            continue
        if line.name == "X-UNPARSED":
            aside.append(decode(line.value, None, fallback))
            continue
        if line.name in ("VERSION", "BEGIN", "END"):
            continue
        if len(line.value) > LONG_VALUE and line.name not in _FIELDED and line.name not in _LISTED:
            value = values(value_text(line, fallback), None, _LONG_ESCAPABLE)[0]
            if line.name == "NOTE":
                long_notes.append(value)
            else:
                aside.append(f"{line.name}: {value}")
            continue
        text = value_text(line, fallback).replace("\r\n", "\n").replace("\r", "\n")
        text = _literal_backslashes(text) if old_style else _escaped_colons(text)
        name = line.name.replace("_", "-")
        name = f"X-{name}" if name in _RENAME else name
        props.append(Prop(line.group, name, _params(line), _meaning(name, text)))
    return props, aside, long_notes
