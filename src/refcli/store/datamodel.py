"""The data-model reference, generated from the models (`docs/data-model.md`, between markers).

    python -m refcli.store.datamodel          # rewrite the generated part of docs/data-model.md

A test fails when the file differs from what this writes, as for the command reference.
"""

from __future__ import annotations

import sys
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


def rewrite(path: Path) -> str:
    """The doc at `path` with its generated part replaced by the current one."""
    text = path.read_text(encoding="utf-8")
    head, _, rest = text.partition(START)
    _, _, tail = rest.partition(END)
    return head + render() + tail


def main() -> None:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("docs/data-model.md")
    path.write_text(rewrite(path), encoding="utf-8")


if __name__ == "__main__":
    main()
