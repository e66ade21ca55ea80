"""The change journal: every write, with each row's values before and after.

How it is kept: a write transaction opens an entry (`journal`, with the command line) and
closes it before committing. Database triggers on every table, installed by the migrations
(`install_triggers`), add one `journal_row` per row inserted, updated or deleted while an entry
is open, including rows removed or cleared by foreign-key cascades. So nothing that writes can
forget to journal, and the journal is in the same transaction as the change: both land, or
neither. A write that changes nothing leaves no entry.

`ref log` reads entries; `ref undo` applies the inverse of one (see `store.undo`), as a new entry
of its own, so undoing an undo is a redo. Triggers exist on SQLite (json_object) and PostgreSQL
(to_jsonb) and give each row as a JSON object of its columns, which undo reads back.

A migration that rebuilds a table (SQLite batch mode) drops its triggers: it must call
`install_triggers` again; `ref db check` reports any table without them.
"""

from __future__ import annotations

import contextvars
import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection

    from refcli.store.writer import Writer

NOT_JOURNALED = frozenset({"alembic_version", "journal", "journal_row"})
OPS = ("insert", "update", "delete")

_command: contextvars.ContextVar[tuple[str, ...]] = contextvars.ContextVar("ref_command", default=())


def set_command(args: Sequence[str]) -> None:
    """Remember the command line being run (the CLI calls this before parsing it)."""
    _command.set(tuple(args))


def raw_command() -> tuple[str, ...]:
    """The command line as given (for the CLI's own use, never stored)."""
    return _command.get()


def command() -> tuple[str, ...]:
    """The command line, with any database password masked."""
    from refcli.store.location import mask_secrets

    return tuple(mask_secrets(a, whole=True) for a in _command.get())


# --- the write path's side -----------------------------------------------------------


def open_entry(writer: Writer) -> int:
    """Start the entry every row change of this transaction is filed under."""
    return writer.insert("journal", {"command": json.dumps(list(command()), ensure_ascii=False), "is_open": True})


def close_entry(writer: Writer, entry: int, undoes: int | None = None) -> bool:
    """Close the entry before commit; drop it if nothing changed. Returns whether it is kept."""
    if writer.row("SELECT 1 AS changed FROM journal_row WHERE entry_id = :e LIMIT 1", {"e": entry}) is None:
        writer.execute("DELETE FROM journal WHERE id = :e", {"e": entry})
        return False
    writer.update("journal", entry, {"is_open": False, "undoes_id": undoes})
    return True


OPEN_ENTRY = "SELECT id FROM journal WHERE id = (SELECT max(id) FROM journal) AND is_open"  # as the triggers find it


def insert_many(writer: Writer, table: str, sql: str, rows: Sequence[dict[str, Any]]) -> None:
    """`executemany(sql, rows)` of new rows of `table`, journaled as its insert trigger journals
    each row, but in one statement after them: on SQLite the entry is closed while they go in
    and their journal rows are then made by the trigger's own SELECT (read from the schema, so
    they are the trigger's to the byte), in the order the rows were made. A trigger run per row
    cost a first sync of 10,000 cards about 0.15 s. On a server, without an open entry, or for
    rows whose ids are not all above the table's largest, the trigger does it as for any row."""
    filing = _filing(writer, table) if writer.dialect == "sqlite" else None
    entry = writer.scalar(OPEN_ENTRY) if filing else None
    before = int(writer.scalar(f"SELECT coalesce(max(id), 0) FROM {quote(table)}")) if entry else 0
    if entry is None or any(int(r["id"]) <= before for r in rows if r.get("id") is not None):
        writer.executemany(sql, rows)
        return
    writer.execute("UPDATE journal SET is_open = 0 WHERE id = :e", {"e": entry})
    try:
        writer.executemany(sql, rows)
    finally:
        writer.execute("UPDATE journal SET is_open = 1 WHERE id = :e", {"e": entry})
    writer.execute(
        "INSERT INTO journal_row (entry_id, table_name, op, row_key, contact_id, before, after) "
        f"SELECT :e, {filing} FROM {quote(table)} x WHERE x.id > :before ORDER BY x.id",
        {"e": entry, "before": before},
    )


def _filing(writer: Writer, table: str) -> str | None:
    """What `table`'s insert trigger selects for a row, after the entry's id, with the row as `x`
    (None if the trigger is not one `_sqlite_trigger` made, keyed by `id`)."""
    trigger = writer.scalar(
        "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = :n", {"n": f"journal_{table}_insert"}
    )
    head, tail = "SELECT id, ", " FROM journal WHERE id = (SELECT max(id) FROM journal) AND is_open; END"
    if not trigger or head not in trigger or not trigger.endswith(tail) or 'CAST(NEW."id" AS TEXT)' not in trigger:
        return None
    return str(trigger[trigger.index(head) + len(head) : -len(tail)]).replace("NEW.", "x.")


# --- triggers ------------------------------------------------------------------------


def quote(name: str) -> str:
    """A SQL identifier, quoted the same way on both engines."""
    return '"' + name.replace('"', '""') + '"'


def journaled_tables(conn: Connection) -> list[str]:
    from sqlalchemy import inspect

    return sorted(t for t in inspect(conn).get_table_names() if is_journaled(t))


def is_journaled(table: str) -> bool:
    """Every table but the journal's own and the derived ones (rebuilt, never undone)."""
    from refcli.store.derived import is_derived

    return table not in NOT_JOURNALED and not is_derived(table) and not table.startswith("sqlite_")


def _contact_column(conn: Connection, table: str) -> str | None:
    """Which column files a row under a contact: its id, or the first cascading link to one."""
    from sqlalchemy import inspect

    if table == "contact":
        return "id"
    for fk in inspect(conn).get_foreign_keys(table):
        if fk["referred_table"] == "contact" and (fk.get("options") or {}).get("ondelete", "").upper() == "CASCADE":
            return str(fk["constrained_columns"][0])
    return None


def install_triggers(conn: Connection) -> None:
    """(Re)create the journal triggers on every table, from the live schema."""
    from sqlalchemy import inspect, text

    inspector = inspect(conn)
    postgres = conn.dialect.name == "postgresql"
    if postgres:
        conn.execute(text(_PG_FUNCTION))
    for table in journaled_tables(conn):
        columns = [c["name"] for c in inspector.get_columns(table)]
        pk = inspector.get_pk_constraint(table)["constrained_columns"][0]
        owner = _contact_column(conn, table)
        for statement in drop_statements(table, postgres):
            conn.execute(text(statement))
        if postgres:
            conn.execute(
                text(
                    f"CREATE TRIGGER {quote('journal_' + table)} AFTER INSERT OR UPDATE OR DELETE ON {quote(table)} "
                    f"FOR EACH ROW EXECUTE FUNCTION ref_journal('{pk}', '{owner or ''}')"
                )
            )
            continue
        for op in OPS:
            conn.execute(text(_sqlite_trigger(table, op, columns, pk, owner)))


def drop_statements(table: str, postgres: bool) -> list[str]:
    if postgres:
        return [f"DROP TRIGGER IF EXISTS {quote('journal_' + table)} ON {quote(table)}"]
    return [f"DROP TRIGGER IF EXISTS {quote(f'journal_{table}_{op}')}" for op in OPS]


def _sqlite_trigger(table: str, op: str, columns: list[str], pk: str, owner: str | None) -> str:
    row = "OLD" if op == "delete" else "NEW"

    def image(ref: str) -> str:
        return "json_object(" + ", ".join(f"'{c}', {ref}.{quote(c)}" for c in columns) + ")"

    before = "NULL" if op == "insert" else image("OLD")
    after = "NULL" if op == "delete" else image("NEW")
    contact = f"{row}.{quote(owner)}" if owner else "NULL"
    when = ""
    if op == "update":  # an UPDATE that changes nothing is not a change
        when = " WHEN " + " OR ".join(f"OLD.{quote(c)} IS NOT NEW.{quote(c)}" for c in columns)
    return (
        f"CREATE TRIGGER {quote(f'journal_{table}_{op}')} AFTER {op.upper()} ON {quote(table)}{when} BEGIN "
        "INSERT INTO journal_row (entry_id, table_name, op, row_key, contact_id, before, after) "
        f"SELECT id, '{table}', '{op}', CAST({row}.{quote(pk)} AS TEXT), {contact}, {before}, {after} "
        "FROM journal WHERE id = (SELECT max(id) FROM journal) AND is_open; END"
    )


_PG_FUNCTION = """
CREATE OR REPLACE FUNCTION ref_journal() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    entry integer;
    old_row jsonb;
    new_row jsonb;
    any_row jsonb;
BEGIN
    SELECT id INTO entry FROM journal WHERE id = (SELECT max(id) FROM journal) AND is_open;
    IF entry IS NULL THEN
        RETURN NULL;
    END IF;
    IF TG_OP <> 'INSERT' THEN old_row := to_jsonb(OLD); END IF;
    IF TG_OP <> 'DELETE' THEN new_row := to_jsonb(NEW); END IF;
    IF TG_OP = 'UPDATE' AND old_row = new_row THEN
        RETURN NULL;
    END IF;
    any_row := coalesce(new_row, old_row);
    INSERT INTO journal_row (entry_id, table_name, op, row_key, contact_id, before, after)
    VALUES (
        entry, TG_TABLE_NAME, lower(TG_OP), any_row ->> TG_ARGV[0],
        CASE WHEN TG_ARGV[1] = '' THEN NULL ELSE (any_row ->> TG_ARGV[1])::integer END,
        old_row::text, new_row::text
    );
    RETURN NULL;
END
$$
"""


def missing_triggers(conn: Connection) -> list[str]:
    """Tables that would change without being journaled (for `ref db check`)."""
    from sqlalchemy import text

    tables = journaled_tables(conn)
    if conn.dialect.name == "postgresql":
        rows = conn.execute(text("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal")).scalars()
        present = {str(r) for r in rows}
        return [t for t in tables if f"journal_{t}" not in present]
    rows = conn.execute(text("SELECT name FROM sqlite_master WHERE type = 'trigger'")).scalars()
    present = {str(r) for r in rows}
    return [t for t in tables if any(f"journal_{t}_{op}" not in present for op in OPS)]


def row_image(conn: Writer, table: str, columns: list[str], pk: str, key: Any) -> dict[str, Any] | None:
    """A row as the triggers would record it now (None if it is gone): what undo compares."""
    if conn.dialect == "postgresql":
        sql = f"SELECT to_jsonb(t)::text AS image FROM {quote(table)} t WHERE t.{quote(pk)} = :key"
    else:
        image = "json_object(" + ", ".join(f"'{c}', {quote(c)}" for c in columns) + ")"
        sql = f"SELECT {image} AS image FROM {quote(table)} WHERE {quote(pk)} = :key"
    found = conn.scalar(sql, {"key": key})
    return json.loads(found) if found is not None else None
