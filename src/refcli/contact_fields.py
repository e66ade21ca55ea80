"""One list of a contact's fields and what each means outside the database: the word a person
types it with and is folded into `ref contacts` search, the vCard property ref writes and reads
it as, the header of ref's own CSV, whether `ref sync` carries it. The lists that were kept by
hand beside each other (the text fields, the vCard `X-REF-*` map, the CSV's own columns, sync's
fields) are read from here, and a test fails when a column of `contact` is in neither this list
nor NOT_FIELDS."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Field:
    name: str  # the `contact` column
    kind: str = "text"  # text, day, number, yearly (a day of the year), parts (the name's, as JSON)
    typed_text: bool = False  # a one-line text a person types (folded into what `ref contacts Q` searches)
    vcard: str | None = None  # ref's own property for it (`X-REF-*`), when no standard one carries it
    own_csv: bool = False  # a column of ref's own CSV under its own name (`ideal referral`...)
    synced: bool = False  # carried both ways by `ref sync`
    option: str | None = None  # its option on `add-contact` and `edit` (a typed text's), with its help
    help: str = ""
    card: str | None = None  # its row on `ref show`'s card; fields sharing a row are joined by " at "
    standard: str | None = None  # the standard vCard property a synced field is (ORG, TITLE...), else `vcard`


# In the order of the table (an export writes them in this order).
# fmt: off
FIELDS: tuple[Field, ...] = (
    Field("handle", vcard="X-REF-HANDLE", own_csv=True),
    Field("name", synced=True),
    Field("company", typed_text=True, synced=True, option="--company", help="Their company.", card="company",
          standard="ORG"),
    Field("title", typed_text=True, synced=True, option="--title", help="Their job title.", card="title",
          standard="TITLE"),
    Field(
        "business",
        typed_text=True,
        vcard="X-REF-BUSINESS",
        own_csv=True,
        option="--business",
        help="What they do, in your words.",
        card="does",
    ),
    Field(
        "ideal_referral",
        typed_text=True,
        vcard="X-REF-IDEAL-REFERRAL",
        own_csv=True,
        option="--ideal",
        help="Their ideal referral: who they want to meet.",
        card="ideal referral",
    ),
    Field("met_on", "day", vcard="X-REF-MET-ON", own_csv=True, card="met"),
    Field(
        "met_at",
        typed_text=True,
        vcard="X-REF-MET-AT",
        own_csv=True,
        option="--met-at",
        help="Where you met (a chapter, an event).",
        card="met",
    ),
    Field("trust", "number", own_csv=True),
    Field("uid", own_csv=True),
    Field("cadence_days", "number", own_csv=True),
    Field("birthday", "yearly", synced=True, standard="BDAY"),
    Field("anniversary", "yearly", synced=True, standard="ANNIVERSARY"),
    Field("name_parts", "parts", synced=True),
)
# fmt: on

# The columns that are not fields a person gives: the key, what ref computes from the fields
# (the folded keys), links and bookkeeping written their own way.
NOT_FIELDS = frozenset(
    {"id", "name_key", "name_fold", "search_fold", "introduced_by_id", "archived_at", "created_at", "updated_at"}
)

TEXT_FIELDS = tuple(f.name for f in FIELDS if f.typed_text)
TEXT_OPTIONS = tuple(f for f in FIELDS if f.typed_text and f.option)  # add-contact's and edit's own options
COLUMNS = tuple(f.name for f in FIELDS)  # every field's column, as the SQL selects them


def columns(alias: str = "") -> str:
    """The SELECT list of every field (`c.handle, c.name, ...`): one place, so a new field is read."""
    return ", ".join(f"{alias}{name}" for name in COLUMNS)


def label(name: str) -> str:
    """A field as people read it: `ideal_referral` is "ideal referral"."""
    return name.replace("_", " ")


def card_rows(values: dict[str, object]) -> list[tuple[str, str | None]]:
    """The card's rows for a contact's fields, in the registry's order; fields that share a row
    (when and where you met) are joined by " at "."""
    rows: dict[str, list[str]] = {}
    for f in FIELDS:
        if f.card:
            value = values.get(f.name)
            rows.setdefault(f.card, []).extend([str(value)] if value else [])
    return [(row, " at ".join(parts) or None) for row, parts in rows.items()]


SYNCED = tuple(f.name for f in FIELDS if f.synced)
# The synced fields a card holds as one property each (the name and its parts are FN and N):
# (field, property, written as it is: a day is not text to escape).
SYNCED_PROPERTIES = tuple(
    (f.name, f.standard or f.vcard or "", f.kind == "yearly")
    for f in FIELDS
    if f.synced and f.name not in ("name", "name_parts")
)
VCARD_OWN = {f.vcard: f.name for f in FIELDS if f.vcard}
CSV_OWN = {f.name.replace("_", " "): f.name for f in FIELDS if f.own_csv}
CSV_OWN_TEXT = tuple(f.name for f in FIELDS if f.own_csv and f.kind == "text")  # read as they are
CSV_OWN_NUMBERS = tuple(f.name for f in FIELDS if f.own_csv and f.kind == "number")
