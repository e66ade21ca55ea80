"""The data-model reference, generated from the models (`docs/data-model.md`, between markers).

    python -m refcli.store.datamodel          # rewrite the generated part of docs/data-model.md
    python -m refcli.store.datamodel --tables > src/refcli/store/tables.py
    python -m refcli.store.datamodel --fresh     # store/fresh.sql, after a new migration

The second is what the write path knows of each table (defaults, keys, kinds of column, the
order foreign keys impose), so it writes and undoes rows without importing the models. A test fails when either file
differs from what this writes, as for the command reference.
"""

from __future__ import annotations

import json
import sys
from datetime import datetime
from pathlib import Path

START = "<!-- generated from the models: python -m refcli.store.datamodel -->"
END = "<!-- end of generated part -->"


def _type(column: object) -> str:
    kind = type(column.type).__name__  # type: ignore[attr-defined]
    return {"AutoString": "text", "String": "text", "UTCDateTime": "UTC timestamp", "Boolean": "boolean"}.get(
        kind, kind.lower()
    )


def render() -> str:
    """Every table and column, its type, what may be empty, and where each link points."""
    from sqlalchemy import UniqueConstraint

    from refcli.models import metadata
    from refcli.store import ownership
    from refcli.store.schema import SCHEMA_HEAD

    owned = set(ownership.owned_tables())
    lines = [START, "", f"### Columns (schema {SCHEMA_HEAD})", ""]
    for table in metadata.tables.values():
        notes = []
        if table.name in owned:
            notes.append("belongs to a contact: deleted with them, moved by merge")
        for constraint in table.constraints:
            if isinstance(constraint, UniqueConstraint):
                notes.append("unique: " + ", ".join(f"`{c.name}`" for c in constraint.columns))
        if table.info.get("merge_key"):
            notes.append("merge keeps one of each " + ", ".join(f"`{c}`" for c in table.info["merge_key"]))
        lines.append(f"**`{table.name}`**" + (f" ({'; '.join(notes)})" if notes else ""))
        lines.append("")
        for column in table.columns:
            facts = [_type(column)]
            if column.primary_key:
                facts.append("primary key")
            elif column.nullable:
                facts.append("may be empty")
            if column.unique:
                facts.append("unique")
            for fk in column.foreign_keys:
                action = (fk.ondelete or "").lower()
                target = f"→ `{fk.column.table.name}.{fk.column.name}`"
                facts.append(target + (f" (on delete: {action})" if action else ""))
            lines.append(f"- `{column.name}`: " + ", ".join(facts))
        lines.append("")
    lines.append(END)
    return "\n".join(lines)


def tables() -> str:
    """`store/tables.py`: each table's defaults (values, and the columns a factory fills: the
    moment now, a fresh UID), its key, its boolean and timestamp columns, and the order in
    which foreign keys let rows be restored, all read from the models."""
    from refcli.model_fields import new_uid, utcnow
    from refcli.models import SQLModel, metadata

    values: dict[str, dict[str, object]] = {}
    now: dict[str, list[str]] = {}
    uid: dict[str, list[str]] = {}
    for model in SQLModel.__subclasses__():
        table = getattr(model, "__tablename__", None)
        if not isinstance(table, str):
            continue
        for name, info in model.model_fields.items():
            factory = info.default_factory
            if factory is utcnow:
                now.setdefault(table, []).append(name)
            elif factory is new_uid:
                uid.setdefault(table, []).append(name)
            elif factory is not None:
                raise SystemExit(f"{table}.{name}: a default factory the write path does not know")
            elif not info.is_required() and info.default is not None:
                values.setdefault(table, {})[name] = info.default
    keys: dict[str, list[str]] = {}
    booleans: dict[str, list[str]] = {}
    moments: dict[str, list[str]] = {}
    for table in metadata.sorted_tables:
        pk = next(iter(table.primary_key.columns))
        keys[table.name] = [pk.name, "int" if pk.type.python_type is int else "str"]
        for column in table.columns:
            kind = getattr(column.type, "impl", column.type)  # a TypeDecorator (UTC moments) reports its impl
            if kind.python_type is bool:
                booleans.setdefault(table.name, []).append(column.name)
            elif kind.python_type is datetime:
                moments.setdefault(table.name, []).append(column.name)
    order = [t.name for t in metadata.sorted_tables]
    columns = {t.name: [c.name for c in t.columns] for t in metadata.sorted_tables}
    from dataclasses import astuple

    from refcli.store.ownership import links_from_schema

    links = [list(astuple(link)) for link in links_from_schema()]
    return (
        '"""What the write path knows of each table, generated from the models\n'
        "(python -m refcli.store.datamodel --tables > src/refcli/store/tables.py) so it writes and undoes\n"
        'rows without importing them. A test fails when this differs from the models."""\n\n'
        f"VALUES: dict[str, dict[str, object]] = {_literal(values)}  # defaults\n"
        f"NOW: dict[str, list[str]] = {_literal(now)}  # the moment of the write (UTC)\n"
        f"UID: dict[str, list[str]] = {_literal(uid)}  # a fresh identity\n"
        f"KEYS: dict[str, list[str]] = {_literal(keys)}  # primary key and its kind\n"
        f"BOOLEANS: dict[str, list[str]] = {_literal(booleans)}\n"
        f"MOMENTS: dict[str, list[str]] = {_literal(moments)}  # UTC timestamps\n"
        f"ORDER: list[str] = {_literal(order)}  # a row's parents come first\n"
        f"COLUMNS: dict[str, list[str]] = {_literal(columns)}  # every column, in the schema's order\n"
        f"LINKS: list[list[object]] = {_literal(links)}  # every link to a contact (ownership.Link's fields)\n"
    )


def _literal(value: object, top: bool = True) -> str:
    """Python source for a default, as the formatter would write it (a table per line; a line
    too long for the formatter exploded, one item per line)."""
    if isinstance(value, dict):
        if not top:
            pairs = (f"{_literal(k, False)}: {_literal(v, False)}" for k, v in sorted(value.items()))
            return "{" + ", ".join(pairs) + "}"
        lines = [line for k, v in sorted(value.items()) for line in _item(f"{_literal(k, False)}: ", v)]
        return "{\n" + "".join(f"{line}\n" for line in lines) + "}"
    if isinstance(value, list) and top:
        return "[\n" + "".join(f"{line}\n" for v in value for line in _item("", v)) + "]"
    if isinstance(value, list):
        return "[" + ", ".join(_literal(v, False) for v in value) + "]"
    if isinstance(value, tuple):
        return "(" + ", ".join(_literal(v, False) for v in value) + ("," if len(value) == 1 else "") + ")"
    if isinstance(value, str):
        return json.dumps(value)
    return repr(value)


LINE = 120  # the formatter's line length (pyproject.toml)


def _item(prefix: str, value: object) -> list[str]:
    """One item of a top-level table: on its line, or exploded when the line would be too long."""
    one = f"    {prefix}{_literal(value, False)},"
    if len(one) <= LINE or not isinstance(value, list):
        return [one]
    return [f"    {prefix}[", *(f"        {_literal(v, False)}," for v in value), "    ],"]


def rewrite(path: Path) -> str:
    """The doc at `path` with its generated part replaced by the current one."""
    text = path.read_text(encoding="utf-8")
    head, _, rest = text.partition(START)
    _, _, tail = rest.partition(END)
    return head + render() + tail


def write_fresh() -> None:
    """Write `store/fresh.sql` from a database the migrations build (run after adding a migration):
    the script a new SQLite file is made by (`store/fresh.py`)."""
    import sqlite3
    import tempfile

    from sqlalchemy import create_engine

    from refcli.store import fresh
    from refcli.store.schema import SCHEMA_HEAD, upgrade_connection

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "new.db"
        engine = create_engine(f"sqlite:///{path}")
        with engine.begin() as conn:
            upgrade_connection(conn, SCHEMA_HEAD)
        engine.dispose()
        made = sqlite3.connect(path)
        text = fresh.dump(made)
        made.close()
    target = Path(fresh.__file__).with_name(fresh.SCRIPT)
    target.write_text(text, encoding="utf-8")
    print(f"wrote {target}", file=sys.stderr)


def main() -> None:
    if sys.argv[1:] == ["--tables"]:
        sys.stdout.write(tables())
        return
    if sys.argv[1:] == ["--fresh"]:
        write_fresh()
        return
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("docs/data-model.md")
    path.write_text(rewrite(path), encoding="utf-8")


if __name__ == "__main__":
    main()
