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
from refcli.errors import InvalidInput
from refcli.exchange.decode import text_of
from refcli.exchange.records import Incoming, ReadResult, Skipped
from refcli.people.fields import CSV_OWN, CSV_OWN_NUMBERS, CSV_OWN_TEXT

if TYPE_CHECKING:
    from refcli.exchange.export_shapes import ExportOptions, ExportSource
    from refcli.people.shapes import ContactWithNotes

NAME_PARTS = ("prefix", "given", "middle", "family", "suffix")
_ADDRESS_WORDS = (
    "postal code", "zip code", "zipcode", "country/region", "po box", "street", "city", "state", "region",
    "postal", "zip", "country", "address 2", "address", "extended", "postleitzahl", "straße", "strasse",
    "bundesland", "land/region", "ort ",
)  # fmt: skip
HEADER_CELL_MAX = 40  # a header names a column; a long sentence is a preamble


def _h(header: str) -> str:
    return " ".join(header.strip().lower().replace("_", " ").split())


# Headers ref's own CSV writes for what only ref keeps (any CSV may use them).
_OWN_KINDS = {**CSV_OWN, "archived": "archived", "offerings": "offerings"}  # people/fields.py, and two more


def _kind(header: str, own: bool = False) -> str | None:
    """What a column holds, from its header (in ref's own CSV, `title` is the job title; in
    Outlook's it is Mr or Ms)."""
    h = _h(header)
    if not h or len(h) > HEADER_CELL_MAX:
        return None
    if own and h == "title":
        return "title"
    if h.endswith(" - type") or h.endswith(" - label") or h in ("e-mail type", "email type"):
        return "label"
    if "mail" in h and "display" not in h and "mailing" not in h:  # Zoho's "Mailing Street" is an address
        return "email"
    if any(w in h for w in ("phone", "mobile", "fax", "pager", "telefon", "mobil", "handy")) or h in ("tel", "cell"):
        return "phone"
    if h in ("connected on",):
        return "met_on"
    if h in ("birthday", "birth date", "date of birth", "bday", "geburtstag"):
        return "birthday"
    if h in ("anniversary", "wedding anniversary", "jahrestag"):
        return "anniversary"
    if h in _OWN_KINDS:
        return _OWN_KINDS[h]
    if re.fullmatch(r"(offering|tag|note)s? \d+", h):
        return {"o": "offering", "t": "tag", "n": "notes"}[h[0]]
    if h in ("first name", "given name", "firstname", "first", "vorname"):
        return "given"
    if h in ("middle name", "additional name", "middle", "weitere vornamen"):
        return "middle"
    if h in ("last name", "family name", "surname", "lastname", "last", "nachname"):
        return "family"
    if h in ("name prefix", "title prefix", "prefix"):
        return "prefix"
    if h in ("name suffix", "suffix"):
        return "suffix"
    if h in ("name", "display name", "full name", "contact name", "fn"):
        return "name"
    if h in ("company", "organization", "organisation", "organization 1 - name", "organization name", "employer",
             "account name", "firma") or re.fullmatch(r"section \d+ - company", h):  # fmt: skip
        return "company"
    if h in ("job title", "position", "organization 1 - title", "organization title", "occupation", "role") or (
        re.fullmatch(r"section \d+ - title", h)
    ):
        return "title"
    if h == "title":  # the job in most files; Mr or Ms in Outlook's, which has a Job Title too (`read` decides)
        return "title?"
    if h in ("notes", "note", "comments", "notizen", "description"):
        return "notes"
    if h.startswith("web") or h.startswith("website") or h in ("url", "homepage", "home page", "profile url"):
        return "url"
    if h in ("group membership", "labels", "categories", "tags"):
        return "tags"
    if "formatted" in h or any(w in h for w in _ADDRESS_WORDS):
        return "address"
    return None


def _label_of(header: str) -> str | None:
    h = _h(header)
    for word, label in (
        ("fax", "fax"), ("pager", "pager"), ("mobil", "mobile"), ("cell", "mobile"), ("handy", "mobile"),
        ("business", "work"), ("work", "work"), ("geschäftlich", "work"), ("home", "home"), ("privat", "home"),
        ("primary", None), ("secondary", None), ("other", "other"), ("weitere", "other"),
    ):  # fmt: skip
        if word in h:
            return label
    return None


def _group(header: str) -> str:
    """Columns that belong together: 'E-mail 1 - Value' and 'E-mail 1 - Type'; 'Home Street' and 'Home City'."""
    h = _h(header)
    if " - " in h:
        return h.split(" - ")[0]
    for word in _ADDRESS_WORDS:
        h = h.replace(word, "")
    return " ".join(h.split())


def detect(text: str) -> str:
    head = text[:3000].lower()
    if head.startswith("handle,name,"):
        return "csv"  # ref's own
    if head.startswith("notes:") or "connected on" in head:
        return "linkedin"
    if "e-mail 1 - value" in head or "given name" in head:
        return "google"
    if "e-mail address" in head or "business phone" in head:
        return "outlook"
    return "csv"


def _find_header(lines: list[str]) -> int:
    """LinkedIn puts a `Notes:` preamble before the header: find the real header line."""
    for i, line in enumerate(lines[:20]):
        cells = next(csv.reader([line]), [])
        if sum(1 for c in cells if _kind(c)) >= 1 and not line.lower().startswith("notes:"):
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


def read(data: bytes, fmt: str | None = None) -> ReadResult:
    """People from a CSV file; `fmt` names the dialect (google, outlook, linkedin), and "csv"
    or None lets the header decide."""
    text, encoding = text_of(data)
    result = ReadResult(format=detect(text) if fmt in (None, "csv") else fmt)
    if encoding not in ("utf-8", "utf-8-sig"):
        result.warnings.append(f"the file is not UTF-8; read as {encoding}")
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
    kinds = [_kind(h, own) for h in header]
    if "title?" in kinds:  # a job title unless the file has one under another name (Outlook: Mr, Ms)
        kinds = [("prefix" if "title" in kinds else "title") if k == "title?" else k for k in kinds]
    if not any(kinds):
        raise ValueError("no recognisable column names (name, email, phone...) in the first line")
    for number, row in enumerate(rows[1:], start=start + 2):
        if not any(cell.strip() for cell in row):
            continue
        record = _row(header, kinds, [restore(c) for c in row] if own else row, f"line {number}")
        if len(row) > len(header):
            record.extra.append("extra cells: " + " | ".join(c for c in row[len(header) :] if c.strip()))
        if not record.has_content():
            result.skipped.append(Skipped(f"line {number}", "no name, email, phone or company"))
            continue
        record.stand_in_name()
        result.records.append(record)
    return result


def _row(header: list[str], kinds: list[str | None], row: list[str], where: str) -> Incoming:
    rec = Incoming(where=where)
    parts: dict[str, str] = {}
    labels: dict[str, str] = {}
    addresses: dict[str, list[str]] = {}
    formatted_in: dict[str, str] = {}  # an address group's Formatted cell, when it has one
    for h, kind, value in zip(header, kinds, row, strict=False):
        if kind == "label" and value.strip():
            labels[_group(h)] = value.strip().lstrip("* ").lower()
    for h, kind, raw in zip(header, kinds, row, strict=False):
        value = raw.strip()
        if not value:
            continue
        label = labels.get(_group(h)) or _label_of(h)
        if kind in NAME_PARTS:
            parts[kind] = value
        elif kind == "name":
            rec.name = value
        elif kind == "email":
            rec.emails += [(label, v.strip()) for v in re.split(r"\s*:::\s*|\s*;\s*", value) if v.strip()]
        elif kind == "phone":
            rec.phones += [(label, v.strip()) for v in re.split(r"\s*:::\s*|\s*;\s*", value) if v.strip()]
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
            if "formatted" in _h(h):  # the whole address in one cell: the part columns repeat it
                formatted_in[_group(h)] = value
            addresses.setdefault(_group(h), []).append(value)
        elif kind in ("birthday", "anniversary"):
            stored = dates.read_yearly(value)
            if stored is None:
                rec.extra.append(f"{h.strip()}: {value}")
            setattr(rec, kind, stored)
        elif kind == "met_on":
            rec.met_on = _parse_date(value)
            if rec.met_on is None:
                rec.extra.append(f"{h.strip()}: {value}")
        elif kind != "label":
            rec.extra.append(f"{h.strip()}: {value}")
    for group, values in addresses.items():
        formatted = [formatted_in[group]] if group in formatted_in else [v for v in values if "\n" in v]
        label = labels.get(group) or (None if any(ch.isdigit() for ch in group) else group or None)
        rec.addresses.append((label, formatted[0] if formatted else ", ".join(values)))
    full = " ".join(parts[k] for k in NAME_PARTS if k in parts)
    rec.name_parts = {("additional" if k == "middle" else k): v for k, v in parts.items()}
    if full and not rec.name:
        rec.name = full
    return rec


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
    """A CSV cell that a spreadsheet will not run as a formula."""
    text = "" if cell is None else str(cell)
    return "'" + text if text.startswith(_FORMULA_START) else text


def restore(cell: str) -> str:
    """A cell `neutralise` wrote, as it was (only in ref's own CSV, recognised by its header)."""
    return cell[1:] if cell.startswith("'") and cell[1:].startswith(_FORMULA_START) else cell


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
