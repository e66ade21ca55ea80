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


# In the order of the table (an export writes them in this order).
FIELDS: tuple[Field, ...] = (
    Field("handle", vcard="X-REF-HANDLE", own_csv=True),
    Field("name", synced=True),
    Field("company", typed_text=True, synced=True),
    Field("title", typed_text=True, synced=True),
    Field("business", typed_text=True, vcard="X-REF-BUSINESS", own_csv=True),
    Field("ideal_referral", typed_text=True, vcard="X-REF-IDEAL-REFERRAL", own_csv=True),
    Field("met_on", "day", vcard="X-REF-MET-ON", own_csv=True),
    Field("met_at", typed_text=True, vcard="X-REF-MET-AT", own_csv=True),
    Field("trust", "number", own_csv=True),
    Field("uid", own_csv=True),
    Field("cadence_days", "number", own_csv=True),
    Field("birthday", "yearly", synced=True),
    Field("anniversary", "yearly", synced=True),
    Field("name_parts", "parts", synced=True),
)

# The columns that are not fields a person gives: the key, what ref computes from the fields
# (the folded keys), links and bookkeeping written their own way.
NOT_FIELDS = frozenset(
    {"id", "name_key", "name_fold", "search_fold", "introduced_by_id", "archived_at", "created_at", "updated_at"}
)

TEXT_FIELDS = tuple(f.name for f in FIELDS if f.typed_text)
SYNCED = tuple(f.name for f in FIELDS if f.synced)
VCARD_OWN = {f.vcard: f.name for f in FIELDS if f.vcard}
CSV_OWN = {f.name.replace("_", " "): f.name for f in FIELDS if f.own_csv}
CSV_OWN_TEXT = tuple(f.name for f in FIELDS if f.own_csv and f.kind == "text")  # read as they are
CSV_OWN_NUMBERS = tuple(f.name for f in FIELDS if f.own_csv and f.kind == "number")
