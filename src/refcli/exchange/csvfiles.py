"""Contacts from CSV: Google (old and new headers), Outlook, Thunderbird, LinkedIn, or any
spreadsheet with recognisable column names.

One mapper serves every format: each column is recognised by its header (an email
column, a phone column, first/last name, company...). Labels come from the header
("Mobile Phone" is a mobile) or from Google's "E-mail 1 - Type" columns. Columns
ref has no place for are kept, with their header, in a note on the contact.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from datetime import date, datetime
from typing import TYPE_CHECKING

from refcli import dates
from refcli.contact_fields import CSV_OWN_NUMBERS, CSV_OWN_TEXT
from refcli.errors import InvalidInput
from refcli.exchange import dialects
from refcli.exchange.csv_headers import NAME_PARTS, Column, columns, kind_of, label_of, plain
from refcli.exchange.decode import shown, text_of
from refcli.exchange.records import Incoming, ReadResult, Skipped
from refcli.names import words

if TYPE_CHECKING:
    from refcli.exchange.export_shapes import ExportOptions, ExportSource
    from refcli.people.shapes import ContactWithNotes


def _find_header(lines: list[str]) -> int:
    """LinkedIn puts a `Notes:` preamble before the header: find the real header line."""
    for i, line in enumerate(lines[:20]):
        cells = next(csv.reader([line]), [])
        if sum(1 for c in cells if kind_of(c)) >= 1 and not line.lower().startswith("notes:"):
            return i
    return 0


def _parse_date(text: str) -> date | None:
    for fmt in ("%d %b %Y", "%Y-%m-%d", "%m/%d/%Y", "%d %B %Y"):
        try:
            return datetime.strptime(text.strip(), fmt).date()
        except ValueError:
            continue
    return None


MAX_CELL = 1_000_000  # characters in one CSV cell (a long note); a longer one is refused by line


def _rows(body: str, delimiter: str) -> list[list[str]]:
    """Every row of the CSV text; a cell over MAX_CELL characters is a clear error naming its
    line (Python's csv module stops at 131,072 by default, with an error of its own)."""
    csv.field_size_limit(MAX_CELL)
    reader = csv.reader(io.StringIO(body, newline=""), delimiter=delimiter)
    try:
        return list(reader)
    except csv.Error as exc:
        raise InvalidInput(
            f"line {reader.line_num}: {exc}; ref reads cells of up to {MAX_CELL:,} characters",
            "shorten that cell (or split the note) and import again",
        ) from None


def read(data: bytes, fmt: str | None = None, encoding: str | None = None) -> ReadResult:
    """People from a CSV file; `fmt` names the program that wrote it (google, outlook...), and
    "csv" or None lets the header decide. `encoding` overrides the guess."""
    text, used = text_of(data, encoding)
    result = ReadResult(format="csv", encoding=shown(used))
    if used not in ("utf-8", "utf-8-sig") and not encoding:
        result.warnings.append(f"the file is not UTF-8; read as {shown(used)} (if names look wrong: --encoding)")
    lines = text.splitlines()
    start = _find_header(lines)
    body = "\n".join(lines[start:])
    first = lines[start] if start < len(lines) else ""
    delimiter = max((",", ";", "\t"), key=first.count) if first else ","
    rows = _rows(body, delimiter)
    if not rows:
        return result
    header = rows[0]
    own = is_own(header)  # ref's own export: its neutralised cells restored
    dialect = None if own else dialects.detect(header, None if fmt in (None, "csv") else fmt)
    if dialect:
        result.format, result.dialect = dialect.family, dialect.name
    elif own:
        result.dialect = "ref's own"
    spec = columns(header, own, dialect)
    if not any(k for k, _, _ in spec):
        raise ValueError("no recognisable column names (name, email, phone...) in the first line")
    empty = dialect.defaults if dialect else frozenset()
    day_first = dialect.day_first if dialect else False
    for number, row in enumerate(rows[1:], start=start + 2):
        if not any(cell.strip() for cell in row):
            continue
        cells = [restore(c) for c in row] if own else row
        record = _row(header, spec, cells, f"line {number}", empty, day_first)
        if len(row) > len(header):
            record.extra.append("extra cells: " + " | ".join(c for c in row[len(header) :] if c.strip()))
        if not record.has_content():
            result.skipped.append(Skipped(f"line {number}", "no name, email, phone or company"))
            continue
        record.stand_in_name()
        result.records.append(record)
    return result


# Several values in one cell: Google's " ::: ", or "; " (but not "; ext=12", a phone's extension).
_SEVERAL = re.compile(r"\s*:::\s*|\s*;\s*(?!ext)", re.IGNORECASE)
# Where a program's own default ("Unspecified", "Normal", 0/0/00) means nothing: a column ref has
# no field for (it would be a note), an echo, a day. A company called "Normal" is a company.
PLACEHOLDER_KINDS = (None, "echo", "birthday", "anniversary")
_NOT_A_LABEL = {"smtp", "ex", "x400", "internet"}  # what Outlook's "E-mail Type" says: the transport


def _row(
    header: list[str], spec: list[Column], row: list[str], where: str, empty: frozenset[str], day_first: bool
) -> Incoming:
    rec = Incoming(where=where)
    parts: dict[str, str] = {}
    labels: dict[str, str] = {}
    addresses: dict[str, list[tuple[str, str]]] = {}  # group -> (header, value)
    echoes: list[tuple[str, str]] = []
    born: dict[str, str] = {}
    for (kind, _, group), value in zip(spec, row, strict=False):
        if kind == "label" and value.strip() and value.strip().lower() not in _NOT_A_LABEL:
            labels[group] = value.strip().lstrip("* ").lower()
    for h, (kind, fixed, group), raw in zip(header, spec, row, strict=False):
        value = raw.strip()
        if not value or (value.lower() in empty and kind in PLACEHOLDER_KINDS):
            continue
        label = labels.get(group) or fixed or label_of(h)
        if kind in NAME_PARTS:
            parts[kind] = value
        elif kind == "name":
            rec.name = value
        elif kind == "nickname":
            rec.nickname = value
        elif kind == "email":
            rec.emails += [(label, v.strip()) for v in _SEVERAL.split(value) if v.strip()]
        elif kind == "phone":
            rec.phones += [(label, v.strip()) for v in _SEVERAL.split(value) if v.strip()]
        elif kind in CSV_OWN_TEXT:
            setattr(rec, kind, value)
        elif kind in CSV_OWN_NUMBERS and value.isdecimal():
            setattr(rec, kind, int(value))
        elif kind == "archived":
            rec.archived = value.lower() in ("yes", "true", "1")
        elif kind in ("offering", "offerings"):
            rec.offerings += [v.strip() for v in (value.split(";") if kind == "offerings" else [value]) if v.strip()]
        elif kind == "tag":
            rec.tags.append(value)
        elif kind == "company":
            rec.company = rec.company or value
        elif kind == "title":
            rec.title = rec.title or value
        elif kind == "notes":
            rec.notes.append(value)
        elif kind == "url":
            rec.urls.append((label, value))
        elif kind == "tags":
            rec.tags += [
                t.strip().lstrip("* ").strip()
                for t in re.split(r":::|;|,", value)
                if t.strip().lstrip("* ").strip().lower() not in ("", "my contacts", "mycontacts", "starred")
            ]
        elif kind == "address":
            addresses.setdefault(group, []).append((h, value))
        elif kind in ("birth_year", "birth_month", "birth_day"):
            born[kind] = value
        elif kind == "event" and (labels.get(group) or "") == "anniversary":
            _yearly_into(rec, "anniversary", h, value, day_first)
        elif kind in ("birthday", "anniversary"):
            _yearly_into(rec, kind, h, value, day_first)
        elif kind == "met_on":
            rec.met_on = _parse_date(value)
            if rec.met_on is None:
                rec.extra.append(f"{h.strip()}: {value}")
        elif kind == "echo":
            echoes.append((h, value))
        elif kind != "label":
            shown = f"{h.strip()} ({labels[group]})" if kind == "event" and group in labels else h.strip()
            rec.extra.append(f"{shown}: {value}")
    for group, cells in addresses.items():
        label = labels.get(group) or (None if any(ch.isdigit() for ch in group) else group or None)
        rec.addresses.append((label, _one_address(cells, rec)))
    if born.get("birth_month") and born.get("birth_day"):
        year = born.get("birth_year", "")
        text = f"{year}-{born['birth_month']:0>2}-{born['birth_day']:0>2}" if year else ""
        text = text or f"--{born['birth_month']:0>2}-{born['birth_day']:0>2}"
        _yearly_into(rec, "birthday", "Birthday", text, day_first)
    called = [k for k in NAME_PARTS if k in parts and not (k == "prefix" and _courtesy(parts[k]))]
    full = " ".join(parts[k] for k in called)
    rec.name_parts = {("additional" if k == "middle" else k): v for k, v in parts.items()}
    if full and not rec.name:
        rec.name = full
    for h, value in echoes:
        if not _repeats(value, rec):
            rec.extra.append(f"{h.strip()}: {value}")
    return rec


# How a letter greets someone, in the languages whose Outlook ref reads: kept as the name's
# prefix, left out of the name people go by (a doctor's "Dr." stays in it).
_COURTESIES = frozenset(
    "mr mrs ms miss mx herr frau fräulein m mme mlle monsieur madame sr sra srta don doña sig sig.ra sig.na "
    "dhr mevr mw heer mevrouw".split()
)


def _courtesy(prefix: str) -> bool:
    return prefix.casefold().strip().rstrip(".") in _COURTESIES


def _yearly_into(rec: Incoming, kind: str, header: str, value: str, day_first: bool) -> None:
    stored = dates.read_local_yearly(value, day_first)
    if stored is None:
        rec.extra.append(f"{header.strip()}: {value}")
    setattr(rec, kind, stored or getattr(rec, kind))


def _one_address(cells: list[tuple[str, str]], rec: Incoming) -> str:
    """One address from its columns: the Formatted cell (as the owner's address book shows it,
    in the country's own order) when it holds every part; the parts otherwise, with a Formatted
    cell that disagrees kept in a note. Never the two joined."""
    formatted = [v for h, v in cells if "formatted" in plain(h)]
    parts = [v for h, v in cells if "formatted" not in plain(h)]
    if formatted and all(_words(p) <= _words(formatted[0]) for p in parts):
        return formatted[0]
    if formatted and parts:
        rec.extra.append(f"address as written: {formatted[0]}")
    return ", ".join(parts) if parts else formatted[0]


def _words(text: str) -> set[str]:
    return set(words(text))  # folded as names and the search index fold them


def _repeats(value: str, rec: Incoming) -> bool:
    """A cell that only repeats what the person's other columns hold ("Lima, Ana" as File As,
    "Ana Lima (ana@lima.example)" as Outlook's display name, SMTP as its email type)."""
    if value.lower() in _NOT_A_LABEL:
        return True
    known = " ".join([rec.name or "", rec.company or "", *(e for _, e in rec.emails), *(a for _, a in rec.addresses)])
    return _words(value) <= _words(known)


# --- writing: ref's own CSV, one row per person ---------------------------------------------

# The contact's own columns that are not written as they are stored: keys and moments ref
# computes, and those written another way (introduced_by_id as the introducer's handle,
# archived_at as "archived", name_parts as Google's name columns). Every other column of the
# contact table is written under its own name, so a new column cannot be forgotten.
NOT_COLUMNS = frozenset({"id", "name_key", "name_fold", "search_fold", "introduced_by_id", "archived_at",
                         "created_at", "updated_at", "name_parts"})  # fmt: skip
PART_HEADERS = {"prefix": "Name Prefix", "given": "Given Name", "additional": "Additional Name",
                "family": "Family Name", "suffix": "Name Suffix"}  # fmt: skip
# Several values each: "E-mail 1 - Type", "E-mail 1 - Value", ... as Google writes them.
REPEATED = (("email", "E-mail", "Value"), ("phone", "Phone", "Value"), ("url", "Website", "Value"),
            ("address", "Address", "Formatted"))  # fmt: skip
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def own_columns() -> list[str]:
    from refcli.models import Contact

    names = [c.name for c in Contact.__table__.columns if c.name not in NOT_COLUMNS]  # type: ignore[attr-defined]
    return [*names, "introduced_by", "archived"]


def is_own(header: list[str]) -> bool:
    """ref's own CSV (this version's or an older one's), whose neutralised cells are restored."""
    cells = [h.strip() for h in header]
    return cells[:2] == ["handle", "name"] and "ideal_referral" in cells


def neutralise(cell: object) -> str:
    """A CSV cell that a spreadsheet will not run as a formula: `'` before a formula's first
    character, and before a text's own leading `'` (so `'@` reads back as `'@`, not `@`)."""
    text = "" if cell is None else str(cell)
    return "'" + text if text.startswith((*_FORMULA_START, "'")) else text


def restore(cell: str) -> str:
    """A cell `neutralise` wrote, as it was (only in ref's own CSV, recognised by its header)."""
    return cell[1:] if cell.startswith("'") and cell[1:].startswith((*_FORMULA_START, "'")) else cell


def _lists(c: ContactWithNotes) -> dict[str, list[str]]:
    """What a person has several of that is written one column each."""
    return {"offerings": c["offerings"], "tags": c["tags"], "notes": c["notes"]}


def export(source: ExportSource, options: ExportOptions) -> Iterator[str]:
    """ref's CSV: the contact's columns, the name's parts, then one column (or Type and Value
    pair) per value for everything a person has several of, as many as the busiest person needs."""
    people = source.contacts()
    simple = own_columns()
    counts: dict[str, int] = {}
    for c in people:
        for kind, *_ in REPEATED:
            counts[kind] = max(counts.get(kind, 0), sum(1 for x in c["channels"] if x["kind"] == kind))
        for key, values in _lists(c).items():
            counts[key] = max(counts.get(key, 0), len(values))
    header = [*simple, *PART_HEADERS.values()]
    for kind, title, value in REPEATED:
        header += [f"{title} {i} - {part}" for i in range(1, counts.get(kind, 0) + 1) for part in ("Type", value)]
    for key, title in (("offerings", "Offering"), ("tags", "Tag"), ("notes", "Note")):
        header += [f"{title} {i}" for i in range(1, counts.get(key, 0) + 1)]
    header.append("other_channels")
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    for c in people:
        parts = c.get("name_parts") or {}
        row = [c.get(k) for k in simple[:-1]] + ["yes" if c["archived"] else ""]
        row += [parts.get(k) for k in PART_HEADERS]
        for kind, *_ in REPEATED:
            mine = [x for x in c["channels"] if x["kind"] == kind]
            row += [cell for x in mine for cell in (x["label"], x["value"])]
            row += [None, None] * (counts.get(kind, 0) - len(mine))
        for key, values in _lists(c).items():
            row += [*values] + [None] * (counts.get(key, 0) - len(values))
        known = {kind for kind, *_ in REPEATED}
        row.append("; ".join(f"{x['kind']}: {x['value']}" for x in c["channels"] if x["kind"] not in known))
        writer.writerow([neutralise(cell) for cell in row])
    yield out.getvalue()
