"""What a contact owns is read from the schema: merge moves all of it, delete names all of it.

Rows are made for every table that links to a contact, found from the model metadata (no
table is named here), so a table added later is covered by these tests the day it is added.
"""

from __future__ import annotations

import itertools
from datetime import date, datetime
from typing import Any

from conftest import Ref
from refcli.models import metadata
from refcli.store import ownership

counter = itertools.count(1)


def literal(column: Any) -> str:
    """A distinct, valid SQL literal for a column (so no two rows are 'the same thing')."""
    n = next(counter)
    kind = getattr(column.type, "impl", column.type).python_type  # a TypeDecorator reports its impl's
    if kind is bool:
        return "FALSE"
    if kind is datetime:
        return f"'2026-01-{n % 28 + 1:02d} 10:00:00'"
    if kind is date:
        return f"'2026-02-{n % 28 + 1:02d}'"
    if kind is int:
        return str(n % 5 + 1)  # within every 1-5 / 1-14 range the schema keeps
    return f"'value {n}'"


def add_person(ref: Ref, name: str) -> int:
    return int(ref.json("add-contact", name)["id"])  # type: ignore[index]


def fill(ref: Ref, query: Any, owner: int) -> None:
    """One row of every table that links to a contact, owned by `owner`; any further link
    points at a fresh person of its own."""
    for table in ownership.owned_tables():
        links = [link for link in ownership.links() if link.table == table]
        values: dict[str, str] = {}
        for column in metadata.tables[table].columns:
            if column.primary_key:
                continue
            link = next((link for link in links if link.column == column.name), None)
            if link is links[0]:
                values[column.name] = str(owner)
            elif link is not None:
                values[column.name] = str(add_person(ref, f"Other {next(counter)}"))
            elif not column.nullable or column.name.endswith(("_on", "_at")):
                values[column.name] = literal(column)
        query(f"INSERT INTO {table} ({', '.join(values)}) VALUES ({', '.join(values.values())})")
    ref.ok("db", "reindex")  # the rows went around ref's write path: index them as it would have


def owned_rows(query: Any, person: int) -> dict[str, int]:
    counts = {}
    for table in ownership.owned_tables():
        mine = [link for link in ownership.links() if link.table == table and link.cascade]
        counts[table] = query(f"SELECT count(*) FROM {table} WHERE {mine[0].column} = {person}")[0][0]
    return counts


def owned_ids(query: Any, table: str, people: tuple[int, ...]) -> set[int]:
    column = ownership.contact_column(table)
    return {r[0] for r in query(f"SELECT id FROM {table} WHERE {column} IN ({', '.join(map(str, people))})")}


def test_every_table_that_links_to_a_contact_is_covered() -> None:
    tables = {fk.parent.table.name for t in metadata.tables.values() for fk in t.foreign_keys}
    linked = {t for t in tables if any(fk.column.table.name == "contact" for fk in metadata.tables[t].foreign_keys)}
    cleared_only = {link.table for link in ownership.cleared_links()} - set(ownership.owned_tables()) - {"contact"}
    assert linked - {"contact"} == set(ownership.owned_tables()) | cleared_only
    assert cleared_only == {"sync_card"}  # a synced card outlives the person: it is the address book's
    assert {"reminder", "conversation"} <= linked  # the two a hand-kept list once forgot


def test_merge_keeps_a_row_of_every_owned_table(ref: Ref, query: Any) -> None:
    keep, drop = add_person(ref, "Fred Okafor"), add_person(ref, "Freddie O")
    fill(ref, query, keep)
    fill(ref, query, drop)
    before = {t: owned_ids(query, t, (keep, drop)) for t in ownership.owned_tables()}
    report: Any = ref.json("merge", "fred", "freddie", "--yes")
    assert report["kept"] == "fred"
    for table in ownership.owned_tables():
        assert len(before[table]) == 2, table
        assert before[table] <= owned_ids(query, table, (keep,)), f"{table}: a row of the duplicate was lost"
    assert ref.ok("db", "check").startswith("ok")


def test_merge_fills_every_empty_field_of_the_kept_person(ref: Ref, query: Any) -> None:
    """Every column of the duplicate's own row (read from the schema: a new one is covered by
    itself) fills the kept person's when empty, and is noted when it differs."""
    from refcli.models import Contact
    from refcli.people.merge import NOT_MERGED, merged_fields

    columns = {c.name for c in Contact.__table__.columns}  # type: ignore[attr-defined]
    assert columns >= NOT_MERGED and set(merged_fields()) == columns - NOT_MERGED
    ref.ok("add-contact", "Fred Okafor")
    ref.ok("add-contact", "Freddie O", "--company", "Okafor Build", "--birthday", "1986-04-15", "--anniversary",
           "06-30", "--trust", "4", "--met-on", "2025-01-02", "--business", "kitchens")  # fmt: skip
    ref.ok("cadence", "freddie", "2w")
    ref.ok("add-contact", "Sally Chen", "--birthday", "1990-01-01")
    ref.ok("add-contact", "Sal C", "--birthday", "1991-02-02")
    ref.ok("merge", "fred", "freddie", "--yes")
    ref.ok("merge", "sally", "sal", "--yes")
    fred: Any = ref.json("show", "fred")
    assert (fred["company"], fred["birthday"], fred["anniversary"], fred["trust"], fred["met_on"]) == (
        "Okafor Build", "1986-04-15", "--06-30", 4, "2025-01-02",
    )  # fmt: skip
    assert fred["keeping"]["rhythm"]["days"] == 14
    sally: Any = ref.json("show", "sally")
    assert sally["birthday"] == "1990-01-01" and any('birthday was "1991-02-02"' in n["text"] for n in sally["notes"])


def test_delete_names_every_owned_table(ref: Ref, query: Any) -> None:
    person = add_person(ref, "Fred Okafor")
    fill(ref, query, person)
    outcome = ref("delete", "fred", input="n\n")
    assert outcome.code == 3 and "nothing deleted" in outcome.err
    for label in ownership.owned_labels():
        assert f"1 {label.removesuffix('s')}" in outcome.err, label
    ref.ok("delete", "fred", "--yes")
    assert all(n == 0 for n in owned_rows(query, person).values())


def test_merge_shows_what_moves_and_asks(ref: Ref) -> None:
    ref.ok("add-contact", "Fred Okafor", "--email", "fred@okafor.example")
    ref.ok("add-contact", "F. Okafor", "--handle", "fo", "--email", "FRED@okafor.example", "--offers", "decks")
    ref.ok("add-contact", "Sally Chen")
    outcome = ref("merge", "fred", "fo", input="n\n")
    assert outcome.code == 3 and "nothing merged" in outcome.err
    assert "fold fo (F. Okafor) into fred (Fred Okafor), moving 1 channel, 1 offering" in outcome.err
    assert "share no" not in outcome.err
    assert len(ref.json("contacts")) == 3  # type: ignore[arg-type]
    outcome = ref("merge", "fred", "sally", input="n\n")
    assert "careful: they share no name, email or phone" in outcome.err and outcome.code == 3
    outcome = ref("merge", "fred", "fo", input="y\n")
    assert outcome.code == 0 and "merged fo into fred" in outcome.out
    assert [c["handle"] for c in ref.json("contacts")] == ["fred", "sally"]  # type: ignore[union-attr]
