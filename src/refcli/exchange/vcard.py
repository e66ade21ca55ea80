"""vCard 2.1, 3.0 and 4.0 in, through vobject; vCard 4.0 or 3.0 out.

vobject is the parser, not the whole importer: measured on real exports it fails
outright on non-UTF-8 files, nested or unterminated cards and 2.1 quoted-printable
without a charset, and with `ignoreUnreadable` it silently drops the continuation
lines of 2.1 soft line breaks. So this module first works on the bytes (`vcard_lines.py`): it finds
the encoding, joins folded, soft-broken and unindented continuation lines, decodes
each value by its declared CHARSET and ENCODING, sets photos aside (counted), splits
the file card by card (nested cards become cards of their own), and only then
hands each clean card to vobject. One bad card is reported by number; the rest
still come in.
"""

from __future__ import annotations

import quopri
import re
from collections.abc import Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from refcli.exchange.decode import decode, guess_encoding, strip_bom_and_utf16
from refcli.exchange.records import Incoming, ReadResult, Skipped
from refcli.exchange.vcard_lines import Card, logical_lines, split_cards, value_text
from refcli.names import NAME_PARTS, card_parts

if TYPE_CHECKING:
    from refcli.exchange.formats import ExportOptions, ExportSource

_BINARY = {"PHOTO", "LOGO", "SOUND", "KEY"}
_DROP = {"VERSION", "PRODID", "REV", "X-MS-OL-DESIGN", "N", "FN"}  # structural, or mapped separately
_RENAME = {"PROFILE", "AGENT"}  # vobject treats these as nested components: keep them as plain text
LONG_VALUE = 64 * 1024  # bytes: a longer text value is unescaped here, not by vobject
_ADDRESS = re.compile(r"<\s*([^<>\s]+@[^<>\s]+)\s*>")
# Properties whose value is a list or has parts by the spec: split by their own rules. Every
# other value (FN, TITLE, ROLE, NOTE, LABEL, X-...) is one text, commas and semicolons included,
# whether the writer escaped them or not (vCard 2.1 never does; many 3.0 writers do not).
_LISTS = {"N", "ADR", "ORG", "CATEGORIES", "NICKNAME", "GEO", "CLIENTPIDMAP", "GENDER"}


def _escape_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")


def _escape_separators(text: str) -> str:
    """Escape every comma and semicolon not already escaped, so one text stays one text."""
    out, escaped = [], False
    for ch in text:
        if ch in ",;" and not escaped:
            out.append("\\")
        out.append(ch)
        escaped = ch == "\\" and not escaped
    return "".join(out)


def _literal_backslashes(text: str) -> str:
    """vCard 2.1 escapes only separators (and, leniently, line breaks): every other backslash is
    the writer's own character, which 3.0 (what vobject reads) spells as two."""
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


def _unescape(text: str) -> str:
    """A text value's vCard escapes (`\\n`, `\\,`, `\\;`, `\\\\`) undone, as vobject would."""
    return re.sub(r"\\([nN,;\\])", lambda m: "\n" if m.group(1) in "nN" else m.group(1), text)


def _clean_card(card: Card, fallback: str, result: ReadResult) -> tuple[str, list[str], list[str]]:
    """A card as clean unicode vCard 3.0 text for vobject, plus lines kept aside as extras, and
    notes too long for vobject (which needs about 150 bytes of memory per byte of a line)."""
    out = ["BEGIN:VCARD", "VERSION:3.0"]
    aside: list[str] = []
    long_notes: list[str] = []
    old_style = any(line.name == "VERSION" and line.value.strip() == b"2.1" for line in card.lines)
    for line in card.lines:
        if line.name in _BINARY and (line.is_binary or line.name == "PHOTO"):
            if line.name == "PHOTO":
                result.photos_skipped += 1
            continue
        if line.name == "X-UNPARSED":
            aside.append(decode(line.value, None, fallback))
            continue
        if line.name in ("VERSION", "BEGIN", "END"):
            continue
        if len(line.value) > LONG_VALUE and line.name not in _LISTS:  # read here, whole
            value = _unescape(value_text(line, fallback))
            if line.name == "NOTE":
                long_notes.append(value)
            else:
                aside.append(f"{line.name}: {value}")
            continue
        text = _escape_newlines(value_text(line, fallback))
        text = _literal_backslashes(text) if old_style else _escaped_colons(text)
        if line.name not in _LISTS:
            text = _escape_separators(text)
        params = []
        for p in line.params:
            key = p.partition("=")[0].strip().upper()
            if key in ("ENCODING", "CHARSET") or p.strip().upper() in ("QUOTED-PRINTABLE", "BASE64", "8BIT"):
                continue
            params.append(p if "=" in p else f"TYPE={p}")
        prop = f"X-{line.name}" if line.name in _RENAME else line.name
        name = f"{line.group}.{prop}" if line.group else prop
        out.append(";".join([name, *params]) + ":" + text)
    out.append("END:VCARD")
    return "\r\n".join(out) + "\r\n", aside, long_notes


def read(data: bytes, fmt: str = "vcard") -> ReadResult:
    result = ReadResult(format="vcard")
    data, _ = strip_bom_and_utf16(data)
    lines = logical_lines(data)
    cards = split_cards(lines, result)
    declared = {card.number: _declared_charset(card) for card in cards}
    undeclared, guessed = [], []
    for card in cards:
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
    for card in cards:
        where = f"card {card.number}"
        text, aside, long_notes = _clean_card(card, declared[card.number] or fallback, result)
        try:
            import vobject

            parsed = vobject.readOne(text, ignoreUnreadable=True)
        except Exception as exc:  # vobject raises many kinds; the card is reported, not lost silently
            result.skipped.append(Skipped(where, f"unreadable: {str(exc).splitlines()[0][:120]}"))
            continue
        record = _record(parsed, where)
        for kept in record.extra:
            if kept.split(":")[0].split(" ")[0] in _YEARLY:
                result.warnings.append(f"{where}: {kept} is not a day of the year: kept as text in the note")
        record.extra += aside
        record.notes += long_notes
        kind = _first_value(parsed, "kind")
        if kind and kind.lower() == "group" and not (record.emails or record.phones):
            result.skipped.append(Skipped(where, "a group card (KIND:group), not a person"))
            continue
        if not record.has_content():
            result.skipped.append(Skipped(where, "no name, email, phone or company"))
            continue
        record.stand_in_name()
        result.records.append(record)
    return result


def _declared_charset(card: Card) -> str | None:
    """The charset a card's own lines declare (old phones declare it only on some: a Greek card
    whose LABEL says Windows-1253 has its name in Windows-1253 too), if any but UTF-8."""
    for line in card.lines:
        charset = line.param("CHARSET")
        if charset and charset.strip().lower().replace("-", "") not in ("utf8", "usascii"):
            return charset
    return None


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


def _first_value(card: Any, key: str) -> str | None:
    items = card.contents.get(key)
    if not items:
        return None
    value = items[0].value
    return str(value).strip() if value is not None else None


def _label(item: Any, labels: dict[str, str]) -> str | None:
    if item.group and item.group.lower() in labels:
        return labels[item.group.lower()]
    types = [t.lower() for t in item.params.get("TYPE", []) for t in str(t).split(",")]
    bare = [t for t in types if t not in ("pref", "internet", "voice", "x400")]
    return bare[0] if bare else None


def _structured(value: Any) -> str:
    """N and ADR come back as objects; ORG as a list: flatten to readable text."""
    if isinstance(value, list):
        flat = [", ".join(str(x).strip() for x in v) if isinstance(v, list) else str(v).strip() for v in value]
        return ", ".join(v for v in flat if v)
    if hasattr(value, "street"):
        parts = [value.box, value.extended, value.street, value.city, value.region, value.code, value.country]
        flat = [(", ".join(p) if isinstance(p, list) else str(p)).strip() for p in parts]
        return ", ".join(p for p in flat if p)
    return str(value).strip()


# ref's own properties: what its export writes beyond the standard ones, read back as they were.
_OWN = {"X-REF-HANDLE": "handle", "X-REF-BUSINESS": "business", "X-REF-IDEAL-REFERRAL": "ideal_referral",
        "X-REF-MET-ON": "met_on", "X-REF-MET-AT": "met_at", "X-REF-OFFERING": "offerings"}  # fmt: skip


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


def _yearly(item: Any, value: str) -> str | None:
    """A BDAY or ANNIVERSARY as ref stores it (`19960415`, `1996-04-15`, `--0415`, `--04-15`);
    None for one with a time, VALUE=text, or anything else, which stays in the card's note."""
    from refcli import dates

    if any(str(v).lower() == "text" for v in item.params.get("VALUE", [])) or "T" in value.upper():
        return None
    return dates.read_yearly(value.strip())


def _record(card: Any, where: str) -> Incoming:
    rec = Incoming(where=where)
    labels = {}
    for item in card.getChildren():
        if item.name.upper() == "X-ABLABEL" and item.group:
            labels[item.group.lower()] = str(item.value).strip().strip("_$!<>").lower()
    fn = [str(i.value).strip() for i in card.contents.get("fn", []) if str(i.value).strip()]
    name_from_n = ""
    for n in card.contents.get("n", []):
        rec.name_parts = {k: p for k in NAME_PARTS if (p := _structured(getattr(n.value, k, "")))}
        spoken = ("prefix", "given", "additional", "family", "suffix")
        name_from_n = " ".join(rec.name_parts[k] for k in spoken if k in rec.name_parts)
        if name_from_n:
            break
    rec.name = fn[0] if fn else (name_from_n or None)
    for other in fn[1:]:
        if other != rec.name:
            rec.extra.append(f"FN: {other}")
    orgs = [_structured(o.value) for o in card.contents.get("org", []) if _structured(o.value)]
    titles = [str(t.value).strip() for t in card.contents.get("title", []) if str(t.value).strip()]
    rec.company = orgs[0] if orgs else None
    rec.title = titles[0] if titles else None
    rec.extra += [f"ORG: {o}" for o in orgs[1:]] + [f"TITLE: {t}" for t in titles[1:]]
    for item in card.getChildren():
        key = item.name.upper()
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
            rec.uid = value.strip()
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
                    entry.type_param = ch["label"]
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
