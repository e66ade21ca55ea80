"""Deleting and merging people. What a person owns is read from the schema
(`store/ownership.py`): every table with a link to a contact is counted in delete's
confirmation and re-pointed by a merge, so a new table cannot be forgotten."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypedDict

from refcli import dates
from refcli.errors import InvalidInput, NotFound
from refcli.people import contacts_sql as q
from refcli.people.contacts import TEXT_FIELDS, contact_keys
from refcli.people.notes import add_note_row
from refcli.people.resolve import Person
from refcli.store import Reader, ownership, tables

if TYPE_CHECKING:
    from refcli.store.writer import Writer


@dataclass
class Footprint:
    """What deleting a person removes (per table label) and which links to them are cleared."""

    owned: dict[str, int]
    cleared: list[tuple[int, str]]  # (rows, what it means), e.g. (2, "referrals keep them as prospect by name only")

    @property
    def has_referrals(self) -> bool:
        return bool(self.owned.get("referrals")) or any("referral" in what for n, what in self.cleared if n)


def footprint(reader: Reader, person: Person) -> Footprint:
    """Every table that points at a contact, found in the schema (none listed by hand)."""
    row = reader.row(ownership.footprint_sql(), {"id": person.id}) or {}
    owned = {label: int(row.get(label) or 0) for label in dict.fromkeys(ownership.owned_labels())}
    cleared = [(int(row.get(ownership.cleared_key(link)) or 0), link.on_delete) for link in ownership.cleared_links()]
    return Footprint(owned, cleared)


@dataclass
class MergePreview:
    """What `ref merge` is about to do, for the user to confirm."""

    keep: Person
    drop: Person
    moving: dict[str, int]  # what DROP has, per table label
    shared: list[str]  # what marks them as one person: "name", "email x@y", "phone 555..."


def preview_merge(reader: Reader, keep: Person, drop: Person) -> MergePreview:
    if keep.id == drop.id:
        raise InvalidInput(f"{keep.label()} and {drop.label()} are the same person", "name two different people")
    found = footprint(reader, drop)
    shared: list[str] = []
    names = reader.rows("SELECT id, name_fold FROM contact WHERE id IN (:a, :b)", {"a": keep.id, "b": drop.id})
    if len({r["name_fold"] for r in names}) == 1:
        shared.append("name")
    for row in reader.rows(q.SHARED_CHANNELS, {"a": keep.id, "b": drop.id}):
        shared.append(f"{row['kind']} {row['value']}")
    return MergePreview(keep, drop, {k: n for k, n in found.owned.items() if n}, shared)


def delete_contact(writer: Writer, person: Person) -> Person:
    """Delete the person (found again inside the write); rows only they own go with them (ON
    DELETE CASCADE), links that only mention them are cleared."""
    writer.execute("DELETE FROM contact WHERE id = :id", {"id": person.id})
    return person


# Contact columns a merge does not fill from the other person: identity, keys derived from the
# name, bookkeeping, and links handled on their own. Every other column (read from the schema,
# so a new one cannot be forgotten) is filled when empty and noted when it differs.
NOT_MERGED = frozenset(
    {"id", "handle", "name", "name_key", "name_fold", "search_fold", "uid", "introduced_by_id", "archived_at",
     "created_at", "updated_at"}
)  # fmt: skip


def merged_fields() -> list[str]:
    """The contact's columns, read from the schema (the generated `store/tables.py`), less NOT_MERGED."""
    return [c for c in tables.COLUMNS["contact"] if c not in NOT_MERGED]


class Merged(TypedDict):
    """What `ref merge` did: who stayed, who went, how many rows moved from which table, and the
    fields that differed (kept in a note on the person who stayed)."""

    kept: str
    dropped: str
    moved: dict[str, int]
    conflicts: list[str]


def _contact(writer: Writer, person: Person) -> dict[str, Any]:
    found = writer.row("SELECT * FROM contact WHERE id = :id", {"id": person.id})
    if found is None:  # resolved a moment ago inside this transaction: cannot happen
        raise NotFound(f"{person.label()} no longer exists")
    return found


def merge_contacts(writer: Writer, keep_p: Person, drop_p: Person) -> Merged:
    """Fold DROP into KEEP: nothing lost; differing details are kept as a note on KEEP."""
    if keep_p.id == drop_p.id:
        raise InvalidInput(f"{keep_p.label()} and {drop_p.label()} are the same person", "name two different people")
    keep, drop = _contact(writer, keep_p), _contact(writer, drop_p)
    conflicts: list[str] = []
    if drop["name_key"] != keep["name_key"]:
        conflicts.append(f'name was "{drop["name"]}"')
    changes: dict[str, Any] = {}
    for name in merged_fields():
        mine, theirs = keep[name], drop[name]
        if mine in (None, "") and theirs not in (None, ""):
            changes[name] = theirs
        elif theirs not in (None, "") and theirs != mine:
            conflicts.append(f'{name.replace("_", " ")} was "{theirs}"')
    if keep["introduced_by_id"] is None and drop["introduced_by_id"] not in (None, keep["id"]):
        changes["introduced_by_id"] = drop["introduced_by_id"]
    merged = {**keep, **changes}
    changes.update(contact_keys(keep["name"], keep["handle"], {f: merged[f] for f in TEXT_FIELDS}))
    changes["updated_at"] = dates.utcnow()
    writer.update("contact", keep_p.id, changes)
    moved = move_links(writer, keep_p.id, drop_p.id)
    if conflicts:
        add_note_row(writer, keep_p.id, f"merged from {drop['handle']}: " + "; ".join(conflicts))
    writer.execute("DELETE FROM contact WHERE id = :id", {"id": drop_p.id})
    return {"kept": keep["handle"], "dropped": drop_p.handle, "moved": moved, "conflicts": conflicts}


def move_links(writer: Writer, keep: int, drop: int) -> dict[str, int]:
    """Re-point every link to DROP at KEEP, for every table the schema links to a contact.

    Where KEEP already has the same thing (a unique constraint, or the table's merge_key),
    KEEP's row wins and DROP's copy goes. A row left pointing at KEEP twice (DROP knew KEEP;
    a referral between the two duplicates) loses its second link: cleared where it may be
    empty (the prospect is kept by name), deleted where it may not (a self-acquaintance)."""
    params = {"keep": keep, "drop": drop}
    moved: dict[str, int] = {}
    for link in ownership.links():
        table, column = link.table, link.column
        if link.on_merge == "clear":  # what a person has once (their card): DROP's is cleared, not doubled
            writer.execute(f"UPDATE {table} SET {column} = NULL WHERE {column} = :drop", {"drop": drop})
            continue
        if link.unique_with:
            same = " AND ".join(f"k.{c} = {table}.{c}" for c in link.unique_with)
            writer.execute(
                f"DELETE FROM {table} WHERE {column} = :drop AND EXISTS "
                f"(SELECT 1 FROM {table} k WHERE k.{column} = :keep AND {same})",
                params,
            )
        count = writer.execute(f"UPDATE {table} SET {column} = :keep WHERE {column} = :drop", params)
        if table != ownership.CONTACT:
            moved[link.label] = moved.get(link.label, 0) + int(count)
    for first_column, second in ownership.double_links():
        where = f"{first_column} = :keep AND {second.column} = :keep"
        if second.nullable:
            writer.execute(f"UPDATE {second.table} SET {second.column} = NULL WHERE {where}", params)
        else:
            writer.execute(f"DELETE FROM {second.table} WHERE {where}", params)
    return moved
