"""Pairs you told `ref suggest` are no fit (`ref suggest --not A B`): never suggested again,
until you take it back (`--again A B`). One row per pair, whichever way round it was named;
journaled like every write, so `ref undo` takes it back too, and kept in the backup."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from refcli import dates
from refcli.errors import InvalidInput, NotFound
from refcli.people.resolve import Person

if TYPE_CHECKING:
    from refcli.store import Reader
    from refcli.store.writer import Writer

_PAIR = """SELECT id FROM not_a_fit WHERE (contact_id = :a AND other_id = :b) OR (contact_id = :b AND other_id = :a)"""
LISTED = """SELECT f.id, a.handle AS a, a.name AS a_name, b.handle AS b, b.name AS b_name, f.noted_on
FROM not_a_fit f JOIN contact a ON a.id = f.contact_id JOIN contact b ON b.id = f.other_id
ORDER BY f.noted_on DESC, f.id DESC"""


def decline(writer: Writer, a: Person, b: Person) -> bool:
    """Record that A and B are no fit; False when it was already recorded."""
    if a.id == b.id:
        raise InvalidInput(f"{a.name} is never suggested to themselves", "name two different people")
    if writer.row(_PAIR, {"a": a.id, "b": b.id}) is not None:
        return False
    writer.insert("not_a_fit", {"contact_id": a.id, "other_id": b.id, "noted_on": dates.today()})
    return True


def allow(writer: Writer, a: Person, b: Person) -> None:
    """Take back a "no fit": the pair may be suggested again."""
    found = writer.row(_PAIR, {"a": a.id, "b": b.id})
    if found is None:
        raise NotFound(f"{a.name} and {b.name} are not recorded as no fit", "see them with `ref suggest --declined`")
    writer.execute("DELETE FROM not_a_fit WHERE id = :id", {"id": found["id"]})


def declined(reader: Reader) -> list[dict[str, Any]]:
    """Every pair recorded as no fit, newest first."""
    return [{**row, "noted_on": dates.iso(dates.day(row["noted_on"]))} for row in reader.rows(LISTED)]
