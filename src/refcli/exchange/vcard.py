"""vCard 2.1, 3.0 and 4.0 in; vCard 4.0 or 3.0 out (written through vobject).

Reading works on the bytes first (`vcard_lines.py`): measured on real exports, a parser given
the file as it is fails outright on non-UTF-8 files, nested or unterminated cards and 2.1
quoted-printable without a charset, or silently drops the continuation lines of 2.1 soft line
breaks. So the file's encoding is found, folded, soft-broken and unindented continuation lines
are joined, each value is decoded by its declared CHARSET and ENCODING, photos are set aside
(counted), and the file is split card by card (nested cards become cards of their own). Each
line then becomes a property by the vCard rules (`vcard_props.py`) and each card a record
here. A card with nothing to keep is reported by number; the rest still come in.
"""

from __future__ import annotations

import quopri
import re
from collections.abc import Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from refcli.contact_fields import VCARD_OWN
from refcli.exchange.decode import guess_encoding, strip_bom_and_utf16
from refcli.exchange.records import Incoming, ReadResult, Skipped, channel_label
from refcli.exchange.vcard_lines import Card, logical_lines, split_cards
from refcli.exchange.vcard_props import ADDRESS_FIELDS, Prop, card_props
from refcli.names import NAME_PARTS, card_parts, card_uid

if TYPE_CHECKING:
    from refcli.exchange.export_shapes import ExportOptions, ExportSource

_ADDRESS = re.compile(r"<\s*([^<>\s]+@[^<>\s]+)\s*>")


CHUNK = 500  # cards a part of `read_cards` holds


def read(data: bytes, fmt: str = "vcard") -> ReadResult:
    result, cards = prepare(data)
    for part in read_cards(cards):
        result.absorb(part)
    return result


def prepare(data: bytes) -> tuple[ReadResult, list[tuple[Card, str]]]:
    """What concerns the whole file: its cards (their lines not yet split), what it warns of, and
    the charset each card is read by (its own, or a guess for those that declare none)."""
    result = ReadResult(format="vcard")
    data, _ = strip_bom_and_utf16(data)
    lines = logical_lines(data)
    cards = split_cards(lines, result)
    upper = data.upper()
    declares = b"CHARSET" in upper  # else no card declares one: their lines need not be split here
    declared = {card.number: _declared_charset(card) if declares else None for card in cards}
    undeclared, guessed = [], []
    for card in [] if _all_utf8(data, upper) else cards:
        if declared[card.number]:
            continue  # its own lines say which charset it was written in
        found = _not_utf8(card)
        undeclared += found
        if found:
            guessed.append(str(card.number))
    fallback = guess_encoding(undeclared) if undeclared else "utf-8"
    if undeclared:
        which = f"card {guessed[0]}" if len(guessed) == 1 else f"cards {', '.join(guessed[:10])}"
        more = f" and {len(guessed) - 10} more" if len(guessed) > 10 else ""
        result.warnings.append(f"{which}{more}: text without a declared charset was read as {fallback} (a guess)")
    return result, [(card, declared[card.number] or fallback) for card in cards]


def read_cards(cards: list[tuple[Card, str]]) -> Iterator[ReadResult]:
    """Each card's person (or why there is none), CHUNK cards at a time: what can be read ahead."""
    for start in range(0, len(cards), CHUNK):
        result = ReadResult(format="vcard")
        for card, charset in cards[start : start + CHUNK]:
            _read_card(card, charset, result)
        yield result


def _read_card(card: Card, charset: str, result: ReadResult) -> None:
    """One card's person into `result` (or why there is none)."""
    where = f"card {card.number}"
    props, aside, long_notes = card_props(card, charset, result)
    record = _record(props, where)
    for kept in record.extra:
        if kept.split(":")[0].split(" ")[0] in _YEARLY:
            result.warnings.append(f"{where}: {kept} is not a day of the year: kept as text in the note")
    record.extra += aside
    record.notes += long_notes
    kind = _first_value(props, "KIND") or _first_value(props, "X-ADDRESSBOOKSERVER-KIND")  # 4.0, Apple's 3.0
    if kind and kind.lower() == "group" and not (record.emails or record.phones):
        result.skipped.append(Skipped(where, "a group card (KIND:group), not a person"))
        return
    if not record.has_content():
        result.skipped.append(Skipped(where, "no name, email, phone or company"))
        return
    record.stand_in_name()
    result.records.append(record)


def _declared_charset(card: Card) -> str | None:
    """The charset a card's own lines declare (old phones declare it only on some: a Greek card
    whose LABEL says Windows-1253 has its name in Windows-1253 too), if any but UTF-8."""
    for line in card.lines:
        charset = line.param("CHARSET")
        if charset and charset.strip().lower().replace("-", "") not in ("utf8", "usascii"):
            return charset
    return None


def _all_utf8(data: bytes, upper: bytes) -> bool:
    """Every value UTF-8 as it stands (nothing quoted-printable to decode first): no card's
    charset needs guessing."""
    if b"QUOTED-PRINTABLE" in upper or b"=QP" in upper:
        return False
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _not_utf8(card: Card) -> list[bytes]:
    found = []
    for line in card.lines:
        if line.param("CHARSET") is None and not line.is_binary:
            raw = quopri.decodestring(line.value) if line.is_qp else line.value
            try:
                raw.decode("utf-8")
            except UnicodeDecodeError:
                found.append(raw)
    return found


def _named(props: list[Prop], name: str) -> list[Prop]:
    return [p for p in props if p.name == name]


def _first_value(props: list[Prop], name: str) -> str | None:
    items = _named(props, name)
    return str(items[0].value).strip() if items else None


def _label(item: Prop, labels: dict[str, str]) -> str | None:
    if item.group and item.group.lower() in labels:
        return labels[item.group.lower()]
    types = [t.lower() for t in item.param("TYPE") for t in t.split(",")]
    bare = [t for t in types if t not in ("pref", "internet", "voice", "x400")]
    used_for = next((t for t in bare if t in PHONE_USES), None)  # a fax at home is a "home fax"
    if used_for:
        return channel_label(next((t for t in bare if t in ("home", "work", "other")), None), used_for)
    return bare[0] if bare else None


def _structured(value: Any) -> str:
    """ORG's fields, ADR's fields by name, a list: flattened to readable text."""
    if isinstance(value, dict):
        value = [value[k] for k in ADDRESS_FIELDS]
    if isinstance(value, list):
        flat = [", ".join(str(x).strip() for x in v) if isinstance(v, list) else str(v).strip() for v in value]
        return ", ".join(v for v in flat if v)
    return str(value).strip()


PHONE_USES = ("fax", "pager", "video", "text", "textphone")  # what a number is for, beside where it rings


_TYPE = re.compile(r"^[a-z][a-z0-9-]{0,19}$")  # a word a TYPE parameter carries as it is


def type_values(label: str) -> list[str] | None:
    """A label as TYPE values, as phones write them: "home fax" is `TYPE=home,fax`; None for a
    label that is not made of such words (the export writes it as one value, sync not at all)."""
    words = label.split()
    return words if words and all(_TYPE.match(w) for w in words) else None


# ref's own properties: what its export writes beyond the standard ones, read back as they were.
_OWN = {**VCARD_OWN, "X-REF-OFFERING": "offerings"}  # the contact's (contact_fields.py), and its offerings


def _own(rec: Incoming, key: str, value: str) -> None:
    from datetime import date

    if key == "X-REF-OFFERING":
        rec.offerings.append(value)
    elif key == "X-REF-MET-ON":
        try:
            rec.met_on = date.fromisoformat(value.strip())
        except ValueError:
            rec.extra.append(f"{key}: {value}")
    else:
        setattr(rec, _OWN[key], value)


def _bare_email(value: str) -> str:
    """`mailto:a@b.example`, or `a@b.example;` with the separator a writer left: the address."""
    return value.removeprefix("mailto:").strip().rstrip(";,").strip()


_YEARLY = {"BDAY": "birthday", "ANNIVERSARY": "anniversary", "X-ANNIVERSARY": "anniversary"}


NO_YEAR = "1604"  # the year Apple (X-APPLE-OMIT-YEAR=1604) and CardBook write for "no year"


def _yearly(item: Prop, value: str) -> str | None:
    """A BDAY or ANNIVERSARY as ref stores it (`19960415`, `1996-04-15`, `--0415`, `--04-15`);
    a year that only stands for "no year" (Apple's X-APPLE-OMIT-YEAR, CardBook's 1604) is left
    out, and a date-time keeps its day. None for VALUE=text or anything else, which stays in
    the card's note."""
    from refcli import dates

    if any(v.lower() == "text" for v in item.param("VALUE")):
        return None
    text = value.strip()
    if "T" in text.upper()[8:] and text[:1].isdigit():  # 1986-04-15T00:00:00Z: a day with a time
        text = text[: text.upper().index("T", 8)]
    omitted = item.param("X-APPLE-OMIT-YEAR")
    digits = text.replace("-", "")
    if len(digits) == 8 and digits.isdigit() and digits[:4] in {*omitted, NO_YEAR}:
        text = f"--{digits[4:6]}-{digits[6:]}"
    return dates.read_yearly(text)


def _record(props: list[Prop], where: str) -> Incoming:
    rec = Incoming(where=where)
    labels = {}
    for item in props:
        if item.name == "X-ABLABEL" and item.group:
            labels[item.group.lower()] = str(item.value).strip().strip("_$!<>").lower()
    fn = [str(i.value).strip() for i in _named(props, "FN") if str(i.value).strip()]
    name_from_n = ""
    for n in _named(props, "N"):
        rec.name_parts = {k: p for k in NAME_PARTS if (p := _structured(n.value.get(k, "")))}
        spoken = ("prefix", "given", "additional", "family", "suffix")
        name_from_n = " ".join(rec.name_parts[k] for k in spoken if k in rec.name_parts)
        if name_from_n:
            break
    rec.name = fn[0] if fn else (name_from_n or None)
    for other in fn[1:]:
        if other != rec.name:
            rec.extra.append(f"FN: {other}")
    orgs = [_structured(o.value) for o in _named(props, "ORG") if _structured(o.value)]
    titles = [str(t.value).strip() for t in _named(props, "TITLE") if str(t.value).strip()]
    rec.company = orgs[0] if orgs else None
    rec.title = titles[0] if titles else None
    rec.extra += [f"ORG: {o}" for o in orgs[1:]] + [f"TITLE: {t}" for t in titles[1:]]
    for item in props:
        key = item.name
        if key in ("FN", "N", "ORG", "TITLE", "VERSION", "X-ABLABEL", "PRODID", "REV", "X-MS-OL-DESIGN"):
            continue
        value = _structured(item.value) if item.value is not None else ""
        if not value:
            continue
        if key == "EMAIL":
            address = _ADDRESS.search(value)
            rec.emails.append((_label(item, labels), address.group(1) if address else _bare_email(value)))
            if address:  # `"Omega" <omega@example.com>`: the address is the email; the name is kept too
                rec.extra.append(f"EMAIL: {value}")
        elif key == "TEL":
            rec.phones.append((_label(item, labels), value.removeprefix("tel:").strip()))
        elif key == "URL":
            rec.urls.append((_label(item, labels), value))
        elif key == "ADR":
            rec.addresses.append((_label(item, labels), value))
        elif key == "NOTE":
            rec.notes.append(value)
        elif key == "UID":
            rec.uid = card_uid(value)
            if rec.uid != value.strip():  # unsafe to write back into a card: kept, inert, as a note
                rec.extra.append("UID (replaced, unsafe): " + value.encode("unicode_escape").decode("ascii"))
        elif key == "NICKNAME":
            rec.nickname = rec.nickname or value.split(",")[0].strip() or None
            rec.extra.append(f"NICKNAME: {value}")
        elif key in _YEARLY and _yearly(item, value) is not None:
            setattr(rec, _YEARLY[key], _yearly(item, value))
        elif key in _OWN:
            _own(rec, key, value)
        elif key == "CATEGORIES":
            values = item.value if isinstance(item.value, list) else [value]
            rec.tags += [str(v).strip() for v in values if str(v).strip()]
        else:
            label = f" ({_label(item, labels)})" if _label(item, labels) else ""
            rec.extra.append(f"{key}{label}: {value}")
    return rec


# --- writing -----------------------------------------------------------------------


def export(source: ExportSource, options: ExportOptions) -> Iterator[str]:
    yield write(source.contacts(), options.vcard_version)


def write(contacts: Sequence[Mapping[str, Any]], version: int = 4) -> str:
    """vCard text for contacts (the profile dicts from the export service, with their notes):
    everything a card can hold reads back as it was (`_OWN` carries what only ref knows)."""
    import vobject

    chunks = []
    for c in contacts:
        card = vobject.vCard()
        card.add("fn").value = c["name"]
        card.add("n").value = vobject.vcard.Name(**card_parts(c.get("name_parts"), c["name"]))
        for kind, prop in (("email", "email"), ("phone", "tel"), ("url", "url"), ("address", "adr")):
            for ch in (x for x in c["channels"] if x["kind"] == kind):
                entry = card.add(prop)
                entry.value = vobject.vcard.Address(street=ch["value"]) if kind == "address" else ch["value"]
                if ch["label"]:
                    entry.type_paramlist = type_values(ch["label"]) or [ch["label"]]
        for ch in (x for x in c["channels"] if x["kind"] not in ("email", "phone", "url", "address")):
            card.add("x-ref-" + ch["kind"]).value = ch["value"]
        if c["company"]:
            card.add("org").value = [c["company"]]
        if c["title"]:
            card.add("title").value = c["title"]
        if c["tags"]:
            card.add("categories").value = list(c["tags"])
        for note in c.get("notes", []):
            card.add("note").value = note
        for prop, key in _OWN.items():
            for value in c[key] if key == "offerings" else [c[key]] if c[key] else []:
                card.add(prop.lower()).value = str(value)
        if c.get("uid"):
            card.add("uid").value = c["uid"]
        if c.get("birthday"):
            card.add("bday").value = c["birthday"]
        if c.get("anniversary"):
            card.add("anniversary" if version == 4 else "x-anniversary").value = c["anniversary"]
        text = card.serialize()
        if version == 4:
            text = text.replace("VERSION:3.0", "VERSION:4.0", 1)
        chunks.append(text)
    return "".join(chunks)
