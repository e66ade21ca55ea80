"""What each column of a CSV file holds, from its header: the dialect's map (exchange/dialects.py)
where the program that wrote the file is known, the general rules here otherwise ("Mobile
Phone" is a mobile, "Home Street" and "Home City" make one address, a header ref has no place
for is kept with its value in a note)."""

from __future__ import annotations

import re

from refcli.contact_fields import CSV_OWN
from refcli.exchange.dialects import Dialect, norm
from refcli.exchange.records import channel_label

NAME_PARTS = ("prefix", "given", "middle", "family", "suffix")
_ADDRESS_WORDS = (
    "postal code", "zip code", "zipcode", "country/region", "po box", "street", "city", "state", "region",
    "postal", "zip", "country", "address 2", "address", "extended", "postleitzahl", "straße", "strasse",
    "bundesland", "land/region", "ort ",
)  # fmt: skip
HEADER_CELL_MAX = 40  # a header names a column; a long sentence is a preamble


def plain(header: str) -> str:
    return " ".join(header.strip().lower().replace("_", " ").split())


# Headers ref's own CSV writes for what only ref keeps (any CSV may use them).
_OWN_KINDS = {**CSV_OWN, "archived": "archived", "offerings": "offerings"}  # contact_fields.py, and two more


def kind_of(header: str, own: bool = False) -> str | None:
    """What a column holds, from its header (in ref's own CSV, `title` is the job title; in
    Outlook's it is Mr or Ms)."""
    h = plain(header)
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


_WHERE = (("business", "work"), ("work", "work"), ("geschäftlich", "work"), ("home", "home"), ("privat", "home"),
          ("other", "other"), ("weitere", "other"))  # fmt: skip
_FOR = (("fax", "fax"), ("pager", "pager"), ("mobil", "mobile"), ("cell", "mobile"), ("handy", "mobile"),
        ("video", "video"))  # fmt: skip


def label_of(header: str) -> str | None:
    """A phone's or email's label from its header: where ("work"), what for ("fax"), or both
    ("home fax"); a mobile is a mobile wherever it is."""
    h = plain(header)
    used_for = next((label for word, label in _FOR if word in h), None)
    return channel_label(next((label for word, label in _WHERE if word in h), None), used_for)


def group_of(header: str) -> str:
    """Columns that belong together: 'E-mail 1 - Value' and 'E-mail 1 - Type'; 'Home Street' and 'Home City'."""
    h = plain(header)
    if " - " in h:
        return h.split(" - ")[0]
    for word in _ADDRESS_WORDS:
        h = h.replace(word, "")
    return " ".join(h.split())


Column = tuple[str | None, str | None, str]  # what a column holds, its label, the group it belongs to


def columns(header: list[str], own: bool, dialect: Dialect | None) -> list[Column]:
    """Each column's meaning: from the dialect's map where it names the header, from the
    general rules otherwise (so a column a program added later is still read)."""
    out: list[Column] = []
    for h in header:
        spec = dialect.columns.get(norm(h)) if dialect and not own else None
        if spec is None:
            out.append((kind_of(h, own), None, group_of(h)))
            continue
        kind, _, label = spec.partition(":")
        out.append((kind, label or None, label if kind == "address" and label else group_of(h)))
    if any(k == "title?" for k, _, _ in out):  # a job title unless the file has one under another name
        has_title = any(k == "title" for k, _, _ in out)
        out = [(("prefix" if has_title else "title") if k == "title?" else k, lab, g) for k, lab, g in out]
    return out
