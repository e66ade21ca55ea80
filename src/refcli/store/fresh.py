"""A new SQLite database made by one script: the schema the migrations build, and the rows they
leave, as SQL text (`fresh.sql`, beside this module).

Running the sixteen migrations through Alembic took 0.6 s of a new database's first command
(SQLAlchemy's and Alembic's imports included), and every first `ref sync` or `ref import` into
a new file paid it. The migrations stay the one way the schema changes: the script is generated
from a database they built (`python -m refcli.store.datamodel --fresh`), and a test fails when it is stale
(`tests/test_upgrade.py`). A server database is still made by the migrations."""

from __future__ import annotations

import sqlite3
from importlib import resources

SCRIPT = "fresh.sql"
_KINDS = ("table", "index", "view", "trigger")  # a trigger or an index needs its table first


def script() -> str:
    return resources.files("refcli.store").joinpath(SCRIPT).read_text(encoding="utf-8")


def build(conn: sqlite3.Connection) -> None:
    """Make the schema in an empty database, in one transaction."""
    conn.executescript(f"BEGIN;\n{script()}\nCOMMIT;")


def dump(conn: sqlite3.Connection) -> str:
    """The SQL that makes a database like this one's schema and rows (a new one: few rows)."""
    objects = conn.execute(
        "SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%'"
    ).fetchall()  # sqlite_sequence is SQLite's own: the first AUTOINCREMENT table makes it
    virtual = [name for kind, name, sql in objects if kind == "table" and sql.upper().startswith("CREATE VIRTUAL")]
    made_by_virtual = {name for _, name, _ in objects if any(name.startswith(f"{v}_") for v in virtual)}
    out = [
        f"{sql};"
        for kind in _KINDS
        for k, name, sql in sorted(objects, key=lambda o: o[1])
        if k == kind and name not in made_by_virtual
    ]
    for kind, table, _ in sorted(objects, key=lambda o: o[1]):
        if kind != "table" or table in made_by_virtual or table in virtual:
            continue
        columns = [r[1] for r in conn.execute(f'PRAGMA table_info("{table}")')]
        quoted = " || ',' || ".join(f'quote("{c}")' for c in columns)
        for (values,) in conn.execute(f'SELECT {quoted} FROM "{table}" ORDER BY rowid'):
            out.append(f'INSERT INTO "{table}" VALUES ({values});')
    return "\n".join(out) + "\n"
