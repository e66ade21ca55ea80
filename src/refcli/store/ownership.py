"""What a contact owns, derived from the schema (never listed by hand).

Every foreign key to `contact.id` is a link. Merge re-points them all, delete counts them all,
the journal files each row under its contact, and the data-model doc lists them: a table added
tomorrow is covered the day it is added. A hand-kept list once lost a merged person's reminders
and balance conversations.

A table says how it reads to a person with `info={"label": ...}` (plural, "links"); a link that
is cleared rather than deleted with the contact says what that means with
`info={"on_delete": ...}` on its column ("referrals keep them as prospect by name only").
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy import Table

CONTACT = "contact"


@dataclass(frozen=True)
class Link:
    """One column that points at a contact."""

    table: str
    column: str
    cascade: bool  # deleted with the contact (else the column is cleared)
    nullable: bool
    unique_with: tuple[str, ...]  # with this column, what makes two rows the same thing (unique, or merge_key)
    label: str  # how the owning table reads to a person, plural
    on_delete: str  # for a cleared link: what deleting the contact means for these rows
    on_merge: str = "move"  # "move": a merge re-points them at the person kept; "clear": it clears them


def label_of(table: Table) -> str:
    label = table.info.get("label")
    return str(label) if label else table.name.replace("_", " ") + "s"


@cache
def links() -> tuple[Link, ...]:
    """Every link to a contact, in the order the tables are defined (how people read them): read
    from `store/tables.py`, generated from the schema by `links_from_schema`, so deleting and
    merging a person import neither the models nor SQLAlchemy."""
    from refcli.store import tables

    return tuple(Link(*fields) for fields in tables.LINKS)  # type: ignore[arg-type]  # generated from Link itself


def links_from_schema() -> tuple[Link, ...]:
    """Every link to a contact, read from the models (for the generator of `store/tables.py`)."""
    from sqlalchemy import UniqueConstraint

    from refcli.models import metadata

    found: list[Link] = []
    for table in metadata.tables.values():
        uniques = [c for c in table.constraints if isinstance(c, UniqueConstraint)]
        for fk in sorted(table.foreign_keys, key=lambda f: f.parent.name):
            if fk.column.table.name != CONTACT:
                continue
            column = fk.parent
            together = next((u for u in uniques if column.name in u.columns), None)
            unique = tuple(c.name for c in together.columns) if together is not None else ()
            same = tuple(table.info.get("merge_key") or unique)
            others = tuple(name for name in same if name != column.name)
            found.append(
                Link(
                    table=table.name,
                    column=column.name,
                    cascade=(fk.ondelete or "").upper() == "CASCADE",
                    nullable=bool(column.nullable),
                    unique_with=others,
                    label=label_of(table),
                    on_delete=str(column.info.get("on_delete") or f"{label_of(table)} lose their link to them"),
                    on_merge=str(column.info.get("on_merge") or "move"),
                )
            )
    return tuple(found)


def owned_tables() -> tuple[str, ...]:
    """Tables whose rows are deleted with their contact."""
    return tuple(dict.fromkeys(link.table for link in links() if link.cascade and link.table != CONTACT))


def contact_column(table: str) -> str | None:
    """The column that files a row of `table` under one contact (the first cascading link)."""
    if table == CONTACT:
        return "id"
    return next((link.column for link in links() if link.table == table and link.cascade), None)


def footprint_sql() -> str:
    """One SELECT counting, per owned table, the rows deleting a contact removes, and, per
    cleared link, the rows that lose it (keys: the table label, or `table.column`)."""
    parts: list[str] = []
    for table in owned_tables():  # acquaintance links both ways: one count, either side
        mine = [link for link in links() if link.table == table and link.cascade]
        where = " OR ".join(f"{link.column} = :id" for link in mine)
        parts.append(f'(SELECT count(*) FROM {table} WHERE {where}) AS "{mine[0].label}"')
    for link in links():
        if not link.cascade:
            parts.append(f'(SELECT count(*) FROM {link.table} WHERE {link.column} = :id) AS "{cleared_key(link)}"')
    return "SELECT " + ",\n       ".join(parts)


def cleared_key(link: Link) -> str:
    return f"{link.table}.{link.column}"


def owned_labels() -> tuple[str, ...]:
    return tuple(dict.fromkeys(link.label for link in links() if link.cascade and link.table != CONTACT))


def cleared_links() -> tuple[Link, ...]:
    return tuple(link for link in links() if not link.cascade)


def double_links() -> list[tuple[str, Link]]:
    """Rows that can point at one contact twice: (the first column, the second link). A
    contact's own row counts its id as the first (someone "introduced by" themselves)."""
    pairs: list[tuple[str, Link]] = []
    for link in links():
        if link.table == CONTACT:
            pairs.append(("id", link))
            continue
        earlier = [other for other in links() if other.table == link.table and other != link]
        if earlier and links().index(earlier[0]) < links().index(link):
            pairs.append((earlier[0].column, link))
    return pairs
