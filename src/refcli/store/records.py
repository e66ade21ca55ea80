"""Correcting recorded data, the parts every kind of record shares: load one by id (or say
which listing shows the ids), describe whose it is, delete it while returning it as it was."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypedDict, TypeVar

from refcli.errors import NotFound

if TYPE_CHECKING:
    from refcli.store.reader import Reader
    from refcli.store.writer import Writer


class Whose(TypedDict):
    """Whose a record is, in every record's JSON: their handle and name (None for nobody's)."""

    contact: str | None
    name: str | None


Described = TypeVar("Described")


def whose(reader: Reader, contact_id: int | None) -> Whose:
    """The handle and name of a record's person, for what a correction prints."""
    if contact_id is None:
        return {"contact": None, "name": None}
    row = reader.row("SELECT handle, name FROM contact WHERE id = :id", {"id": contact_id}) or {}
    return {"contact": row.get("handle"), "name": row.get("name")}


def row(reader: Reader, table: str, record_id: int, kind: str, listing: str) -> dict[str, Any]:
    """The row with this id, or a NotFound naming the command that lists the ids (read in a
    write's transaction when `reader` is its Writer)."""
    found = reader.row(f"SELECT * FROM {table} WHERE id = :id", {"id": record_id})
    if found is None:
        raise NotFound(f"no {kind} #{record_id}", f"see `{listing}` for the ids")
    return found


def remove(writer: Writer, table: str, record_id: int, described: Described) -> Described:
    """Delete a row, returning what the caller described of it before (what the CLI prints)."""
    writer.execute(f"DELETE FROM {table} WHERE id = :id", {"id": record_id})
    return described
