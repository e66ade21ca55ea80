"""The import direction docs/architecture.md states: cli -> services -> store/db/models/queries.

Read from the source with `ast` (imports inside functions count too), so a shortcut taken in a
hurry fails here instead of tangling the layers."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "refcli"

# (folder or module under src/refcli, packages it must never import)
RULES = [
    ("services", ("refcli.cli",)),
    ("queries", ("refcli.cli", "refcli.services", "refcli.models", "sqlalchemy", "sqlmodel")),
    ("store", ("refcli.cli", "refcli.services")),
    ("interop", ("refcli.cli",)),
    ("db.py", ("refcli.cli", "refcli.services")),
    ("models.py", ("refcli.cli", "refcli.services", "refcli.store.undo")),
    ("render.py", ("refcli.services", "refcli.store", "refcli.db", "sqlalchemy")),
    ("dates.py", ("refcli.services", "refcli.store", "refcli.db", "refcli.cli")),
    ("names.py", ("refcli.services", "refcli.store", "refcli.db", "refcli.cli")),
    ("money.py", ("refcli.services", "refcli.store", "refcli.db", "refcli.cli")),
]


def imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


@pytest.mark.parametrize(("where", "forbidden"), RULES, ids=[r[0] for r in RULES])
def test_layers_import_in_one_direction(where: str, forbidden: tuple[str, ...]) -> None:
    target = SRC / where
    files = sorted(target.rglob("*.py")) if target.is_dir() else [target]
    assert files, where
    wrong = [
        f"{path.relative_to(SRC)} imports {name}"
        for path in files
        for name in sorted(imports(path))
        if any(name == bad or name.startswith(bad + ".") for bad in forbidden)
    ]
    assert not wrong, wrong
