"""Ids are never reused (issue 38): on SQLite, a table's `id` without AUTOINCREMENT takes the
largest id plus one, so deleting the newest meeting and adding another gave the new one the old
one's number, and `ref log` showed "added meeting #6" for two different meetings. Every table
with an integer `id` is rebuilt with `INTEGER PRIMARY KEY AUTOINCREMENT` (SQLite's documented
way: a new table from the old one's own CREATE statement, the rows copied with their ids, the
old dropped, the new renamed, its indexes made again from their own SQL; every trigger is set
aside first and made again last, to the byte). The
upgrade runs with foreign keys off, as a rebuild must, and checks them all before it commits
(store/schema.py). A server's identity columns never reuse an id: nothing to do there.

Revision ID: 0021
Revises: 0020
"""

import re

from alembic import op

revision = "0021"
down_revision = "0020"
branch_labels = None
depends_on = None

_ID = re.compile(r"\bid INTEGER NOT NULL(?=,)")
_KEY = re.compile(r",\s*PRIMARY KEY \(id\)")


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "sqlite":
        return
    if bind.exec_driver_sql("PRAGMA foreign_keys").scalar():
        raise RuntimeError("migration 0021 rebuilds tables: it must run with foreign keys off")
    # Every trigger goes first and comes back last, to the byte: a rename re-reads the triggers on
    # the other tables, and the journal's all name a table being rebuilt.
    triggers = bind.exec_driver_sql("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name").all()
    for name, _ in triggers:
        bind.exec_driver_sql(f'DROP TRIGGER "{name}"')
    found = bind.exec_driver_sql("SELECT name, sql FROM sqlite_master WHERE type = 'table' ORDER BY name").all()
    for name, sql in found:
        if not (_ID.search(sql) and _KEY.search(sql)) or "AUTOINCREMENT" in sql:
            continue
        columns = [row[1] for row in bind.exec_driver_sql(f'PRAGMA table_info("{name}")')]
        indexes = bind.exec_driver_sql(
            "SELECT sql FROM sqlite_master WHERE tbl_name = ? AND type = 'index' AND sql IS NOT NULL ORDER BY name",
            (name,),
        ).all()
        rebuilt = f"{name}__rebuilt"
        _, rest = sql.split("(", 1)  # after the table name: its columns and constraints
        body = _KEY.sub("", _ID.sub("id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT", "(" + rest, count=1), count=1)
        bind.exec_driver_sql(f'CREATE TABLE "{rebuilt}" {body}')
        listed = ", ".join(f'"{c}"' for c in columns)
        bind.exec_driver_sql(f'INSERT INTO "{rebuilt}" ({listed}) SELECT {listed} FROM "{name}"')
        bind.exec_driver_sql(f'DROP TABLE "{name}"')
        bind.exec_driver_sql(f'ALTER TABLE "{rebuilt}" RENAME TO "{name}"')
        for (index,) in indexes:
            bind.exec_driver_sql(index)
    for _, sql in triggers:
        bind.exec_driver_sql(sql)
    # An empty table's counter at 0 is no counter: as a new database has none until a first row
    bind.exec_driver_sql("DELETE FROM sqlite_sequence WHERE seq = 0")
