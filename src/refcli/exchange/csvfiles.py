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
from refcli.exchange.decode import text_of
from refcli.exchange.records import Incoming, ReadResult, Skipped

if TYPE_CHECKING:
    from refcli.exchange.formats import ExportOptions, ExportSource

NAME_PARTS = ("prefix", "given", "middle", "family", "suffix")
_ADDRESS_WORDS = (
    "postal code", "zip code", "zipcode", "country/region", "po box", "street", "city", "state", "region",
    "postal", "zip", "country", "address 2", "address", "extended",
)  # fmt: skip
HEADER_CELL_MAX = 40  # a header names a column; a long sentence is a preamble


def _h(header: str) -> str:
    return " ".join(header.strip().lower().replace("_", " ").split())


def _kind(header: str) -> str | None:
    """What a column holds, from its header."""
    h = _h(header)
    if not h or len(h) > HEADER_CELL_MAX:
        return None
    if h.endswith(" - type") or h.endswith(" - label") or h in ("e-mail type", "email type"):
        return "label"
    if "mail" in h and "display" not in h:
        return "email"
    if any(w in h for w in ("phone", "mobile", "fax", "pager", "telephone")) or h in ("tel", "cell"):
        return "phone"
    if h in ("connected on",):
        return "met_on"
    if h in ("birthday", "birth date", "date of birth", "bday"):
        return "birthday"
    if h in ("anniversary", "wedding anniversary"):
        return "anniversary"
    if h in ("first name", "given name", "firstname", "first"):
        return "given"
    if h in ("middle name", "additional name", "middle"):
        return "middle"
    if h in ("last name", "family name", "surname", "lastname", "last"):
        return "family"
    if h in ("name prefix", "title prefix", "prefix"):
        return "prefix"
    if h in ("name suffix", "suffix"):
        return "suffix"
    if h in ("name", "display name", "full name", "contact name", "fn"):
        return "name"
    if h in ("company", "organization", "organisation", "organization 1 - name", "organization name", "employer"):
        return "company"
    if h in ("job title", "position", "organization 1 - title", "occupation", "role"):
        return "title"
    if h in ("notes", "note", "comments"):
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
        ("mobile", "mobile"), ("cell", "mobile"), ("business", "work"), ("work", "work"), ("home", "home"),
        ("fax", "fax"), ("pager", "pager"), ("primary", None), ("secondary", None), ("other", "other"),
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
    rows = list(csv.reader(io.StringIO(body, newline=""), delimiter=delimiter))
    if not rows:
        return result
    header = rows[0]
    kinds = [_kind(h) for h in header]
    if not any(kinds):
        raise ValueError("no recognisable column names (name, email, phone...) in the first line")
    own = [h.strip() for h in header] in OWN_HEADERS  # ref's own export: its neutralised cells restored
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
        formatted = [v for v in values if "\n" in v]
        rec.addresses.append((group or None, formatted[0] if formatted else ", ".join(values)))
    full = " ".join(parts[k] for k in NAME_PARTS if k in parts)
    if full and not rec.name:
        rec.name = full
    elif full and rec.name and full.casefold() != rec.name.casefold():
        rec.extra.append(f"name parts: {full}")
    return rec


# --- writing: ref's own CSV, one row per person ---------------------------------------------

CSV_COLUMNS = [
    "handle", "name", "company", "title", "business", "ideal_referral", "emails", "phones", "websites",
    "other_channels", "offerings", "tags", "met_on", "met_at", "introduced_by", "trust", "archived",
    "birthday", "anniversary",
]  # fmt: skip
OWN_HEADERS = (CSV_COLUMNS, CSV_COLUMNS[:-2])  # this version's, and the one before birthdays
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(cell: object) -> str:
    """A CSV cell that a spreadsheet will not run as a formula."""
    text = "" if cell is None else str(cell)
    return "'" + text if text.startswith(_FORMULA_START) else text


def restore(cell: str) -> str:
    """A cell `neutralise` wrote, as it was (only in ref's own CSV, recognised by its header)."""
    return cell[1:] if cell.startswith("'") and cell[1:].startswith(_FORMULA_START) else cell


def export(source: ExportSource, options: ExportOptions) -> Iterator[str]:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for c in source.contacts():
        others = [f"{x['kind']}: {x['value']}" for x in c["channels"] if x["kind"] not in ("email", "phone", "url")]
        row = {
            **c,
            "emails": "; ".join(c["emails"]),
            "phones": "; ".join(c["phones"]),
            "websites": "; ".join(c["websites"]),
            "other_channels": "; ".join(others),
            "offerings": "; ".join(c["offerings"]),
            "tags": "; ".join(c["tags"]),
            "archived": "yes" if c["archived"] else "",
        }
        writer.writerow([neutralise(row[k]) for k in CSV_COLUMNS])
    yield out.getvalue()
