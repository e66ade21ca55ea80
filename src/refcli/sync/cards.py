"""The synced fields of a card (read with the vCard importer's own reader, so sync and import
understand a card alike), and a card brought to the merged fields by changing only the
properties whose values differ."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

from refcli.contact_fields import SYNCED_PROPERTIES
from refcli.names import NAME_PARTS, card_parts, card_uid, pack_parts, unpack_parts
from refcli.sync import fields
from refcli.sync.cardtext import CardText, escape

# The property that holds each list, and how its value is written (v4 writes tel: URIs too, but a
# plain number is valid in both).
LIST_PROPS = {"emails": "EMAIL", "phones": "TEL", "urls": "URL"}


def read_fields(data: bytes) -> tuple[dict[str, Any], Any]:
    """A card's synced fields, and the card as the importer reads it (for a new person)."""
    from refcli.exchange import vcard

    return fields_of(vcard.read(data))


CHUNK = 500  # new cards a part of `read_new` holds


def read_new(work: list[tuple[str, bytes]]) -> Iterator[list[tuple[str, Any, dict[str, Any]]]]:
    """New cards (name, bytes) each read as the importer reads it, with its synced fields read
    before the import changes its record: CHUNK at a time, so they can be parsed ahead."""
    from refcli.exchange import vcard

    for start in range(0, len(work), CHUNK):
        part = []
        for href, data in work[start : start + CHUNK]:
            one = vcard.read(data)
            part.append((href, one, fields_of(one)[0]))
        yield part


def fields_of(result: Any) -> tuple[dict[str, Any], Any]:
    """`read_fields` of a card already read (a ReadResult), before anything changed its record."""
    if not result.records:
        return fields.empty(), None
    rec = result.records[0]
    found = {
        "name": rec.name if rec.named else None,
        "name_parts": pack_parts(rec.name_parts, rec.name) if rec.named else None,
        **{name: getattr(rec, name) for name, _, _ in SYNCED_PROPERTIES},
        "emails": [v for _, v in rec.emails],
        "phones": [v for _, v in rec.phones],
        "urls": [v for _, v in rec.urls],
        "tags": rec.tags,
    }
    return fields.normal(found), rec


V4_ONLY = ("ANNIVERSARY",)  # properties vCard 3.0 writes with an X- prefix
KINDS = {"emails": "email", "phones": "phone", "urls": "url"}  # a synced list and its channel kind


def labels_of(rec: Any) -> dict[tuple[str, str], str]:
    """The labels a card gives its emails, phones and URLs (TYPE, Apple's X-ABLabel), by value."""
    found: dict[tuple[str, str], str] = {}
    if rec is None:
        return found
    for kind, values in (("emails", rec.emails), ("phones", rec.phones), ("urls", rec.urls)):
        for label, value in values:
            if label:
                found[(kind, fields.key(kind, value))] = label
    return found


def _head(prop: str, kind: str, value: str, labels: dict[tuple[str, str], str] | None) -> str:
    """A new EMAIL/TEL/URL line's name and parameters: its label as TYPE, as `ref export` writes it."""
    from refcli.exchange.vcard import type_values

    label = (labels or {}).get((kind, fields.key(kind, value)))
    values = type_values(label) if label else None
    return f"{prop};TYPE={','.join(values)}" if values else prop


def _value_of(kind: str, raw: str) -> str:
    text = raw.replace("\\,", ",").replace("\\;", ";").replace("\\\\", "\\")
    return text.removeprefix("tel:").removeprefix("mailto:").strip()


def _scalar(card: CardText, names: tuple[str, ...], head: str, value: str | None, raw: str | None = None) -> None:
    found = card.named(*names)
    if value is None:
        for entry in found:
            card.remove(entry)
    elif found:
        card.set_value(found[0], raw if raw is not None else escape(value))
        for extra in found[1:]:
            card.remove(extra)
    else:
        card.add(head, raw if raw is not None else escape(value))


def patch(
    text: str, have: dict[str, Any], want: dict[str, Any], labels: dict[tuple[str, str], str] | None = None
) -> str:
    """The card `text` (whose synced fields are `have`) changed to hold `want`: each differing
    property is rewritten, added (with its label from `labels`, ref's) or removed; every other
    line is kept as it was."""
    card = CardText(text)
    if want["name"] != have["name"] and want["name"]:
        _scalar(card, ("FN",), "FN", want["name"])
    if (want["name"] != have["name"] or want["name_parts"] != have["name_parts"]) and want["name"]:
        parts = card_parts(unpack_parts(want["name_parts"]), want["name"])
        _scalar(card, ("N",), "N", "", ";".join(escape(parts.get(k, "")) for k in NAME_PARTS))
    for name, prop, as_is in SYNCED_PROPERTIES:  # ORG, TITLE, BDAY, ANNIVERSARY... (contact_fields.py)
        if want[name] != have[name]:
            v3 = prop in V4_ONLY and not card.version.startswith("4")  # 3.0 has no ANNIVERSARY: X-ANNIVERSARY
            names = (prop, f"X-{prop}") if prop in V4_ONLY else (prop,)
            raw = want[name] if as_is else None  # a day is written as it is
            _scalar(card, names, f"X-{prop}" if v3 else prop, want[name], raw)
    for kind, prop in LIST_PROPS.items():
        if fields.same(kind, have[kind], want[kind]):
            continue
        wanted = {fields.key(kind, v) for v in want[kind]}
        present = set()
        for entry in card.named(prop):
            k = fields.key(kind, _value_of(kind, entry.value))
            if k not in wanted:
                card.remove(entry)
            present.add(k)
        for value in want[kind]:
            if fields.key(kind, value) not in present:
                card.add(_head(prop, kind, value, labels), value if kind != "emails" else value.replace(",", "\\,"))
    if not fields.same("tags", have["tags"], want["tags"]):
        # The card's own spelling and order stay (tags compare without case); new ones come last.
        by_key = {fields.key("tags", t): t for t in want["tags"]}
        kept = [t for t in _categories(card) if fields.key("tags", t) in by_key]
        known = {fields.key("tags", t) for t in kept}
        tags = kept + [t for k, t in by_key.items() if k not in known]
        _scalar(card, ("CATEGORIES",), "CATEGORIES", None)
        if tags:
            card.add("CATEGORIES", ",".join(escape(t) for t in tags))
    return card.text()


def _categories(card: CardText) -> list[str]:
    """The card's categories as it spells and orders them (every CATEGORIES line, escapes undone)."""
    found: list[str] = []
    for entry in card.named("CATEGORIES"):
        for part in re.split(r"(?<!\\),", entry.value):
            text = _value_of("tags", part).strip()
            if text and text not in found:
                found.append(text)
    return found


def new_card(person: dict[str, Any], uid: str, labels: dict[tuple[str, str], str] | None = None) -> str:
    """A vCard 3.0 for someone not yet in the address book."""
    card = CardText("BEGIN:VCARD\r\nVERSION:3.0\r\nEND:VCARD\r\n")
    card.add("UID", escape(card_uid(uid) or "ref-card"))
    return patch(card.text(), fields.empty(), person, labels)


_REV = re.compile(rb"(?im)^(?:[\w-]+\.)?REV[;:][^\r\n]*?(\d{4})-?(\d{2})-?(\d{2})(?:T(\d{2}):?(\d{2}):?(\d{2}))?")


def revision(data: bytes) -> datetime | None:
    """A card's REV (`20260314T101500Z`, `2026-03-14T10:15:00Z`, or a day) as a UTC moment."""
    found = _REV.search(data)
    if found is None:
        return None
    year, month, day, hour, minute, second = (int(p) if p else 0 for p in found.groups())
    try:
        return datetime(year, month, day, hour, minute, second, tzinfo=UTC)
    except ValueError:
        return None
