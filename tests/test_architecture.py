"""The import direction docs/architecture.md states: cli -> features (people, meetings, referrals, tracking,
exchange) -> store/models.

Read from the source with `ast` (imports inside functions count too), so a shortcut taken in a
hurry fails here instead of tangling the layers."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "refcli"

NOT_FEATURES = ("cli", "store", "migrations")  # the layers above and below the features
# Every package under src/refcli that is neither is a feature: read from the folders, so a new
# feature is checked from the day it is made.
FEATURES = tuple(
    sorted(f"refcli.{p.name}" for p in SRC.iterdir() if (p / "__init__.py").is_file() and p.name not in NOT_FEATURES)
)
HELPERS = ("render.py", "dates.py", "names.py", "money.py", "contact_fields.py")
MAX_LINES = 400  # a file longer than this does more than one job: split it by job

# (folder or module under src/refcli, packages it must never import)
RULES = [
    *[(feature.split(".")[1], ("refcli.cli",)) for feature in FEATURES],
    ("store", ("refcli.cli", *FEATURES)),
    ("models.py", ("refcli.cli", *FEATURES, "refcli.store.undo")),
    *[(helper, ("refcli.cli", "refcli.store", *FEATURES, "sqlalchemy", "sqlmodel")) for helper in HELPERS],
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
    assert not wrong_imports(files, forbidden)


def wrong_imports(files: list[Path], forbidden: tuple[str, ...]) -> list[str]:
    return [
        f"{path.relative_to(SRC)} imports {name}"
        for path in files
        for name in sorted(imports(path))
        if any(name == bad or name.startswith(bad + ".") for bad in forbidden)
    ]


def test_sql_modules_hold_only_portable_sql() -> None:
    """A feature's `*_sql.py` is SQL text for the read path: no ORM, no feature code, no CLI."""
    sql_files = sorted(SRC.rglob("*_sql.py"))
    assert len(sql_files) >= 9
    assert not wrong_imports(sql_files, ("refcli.cli", "refcli.models", "sqlalchemy", "sqlmodel", *FEATURES))


def test_no_source_file_does_more_than_one_job() -> None:
    """No module over MAX_LINES lines (migrations, which are written once, included)."""
    long = {
        str(path.relative_to(SRC)): n
        for path in SRC.rglob("*.py")
        if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert not long, long


# Parameters that name a person: a feature takes them resolved (a Person), never as typed text.
PERSON_PARAMETERS = {"who", "person", "partner", "with_contact", "a", "b", "keep", "drop", "known", "other"}


def test_features_take_a_resolved_person_never_a_name() -> None:
    """The CLI resolves each name once (`cli.common.resolved`) and hands features a Person: a
    feature function whose person parameter is typed `str` would resolve it again, its own way."""
    found = []
    for feature in FEATURES:
        for path in sorted((SRC / feature.split(".")[1]).rglob("*.py")):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if not isinstance(node, ast.FunctionDef) or node.name.startswith("_"):
                    continue
                every = [*node.args.posonlyargs, *node.args.args, *node.args.kwonlyargs]
                for arg in every:
                    text = ast.unparse(arg.annotation) if arg.annotation else ""
                    names_text = text in ("str", "str | None", "None | str", "Optional[str]")  # not a dict of str
                    if (arg.arg in PERSON_PARAMETERS or arg.arg.endswith("_name")) and names_text:
                        found.append(f"{path.relative_to(SRC)}: {node.name}({arg.arg}: {text})")
    assert found == [
        "referrals/introductions.py: introduce(for_name: str | None)",  # one of the two introduced: a domain rule
    ], found


def import_graph() -> dict[str, set[str]]:
    """Every module of refcli and the refcli modules it imports, anywhere in it (inside functions
    and under TYPE_CHECKING too: a circle there is a circle in the design)."""
    modules: dict[str, Path] = {}
    for path in SRC.rglob("*.py"):
        parts = path.relative_to(SRC.parent).with_suffix("").parts
        if "migrations" in parts:
            continue
        modules[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    graph: dict[str, set[str]] = {name: set() for name in modules}
    for name, path in modules.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets: list[str] = []
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("refcli"):
                targets = [f"{node.module}.{a.name}" if f"{node.module}.{a.name}" in modules else node.module
                           for a in node.names]  # fmt: skip
            elif isinstance(node, ast.Import):
                targets = [a.name for a in node.names if a.name.startswith("refcli")]
            graph[name] |= {t for t in targets if t in modules and t != name}
    return graph


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one node (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for nxt in sorted(graph[node]):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                top = stack.pop()
                group.append(top)
                if top == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_no_circle_between_modules_or_packages() -> None:
    """Each module's imports, and each package's, run one way: the people package is the floor
    every feature stands on, `refcli.profile` the roof that composes them for `ref show`."""
    graph = import_graph()
    assert circles(graph) == [], "modules that import each other"

    def package(module: str) -> str:
        parts = module.split(".")
        return parts[1] if len(parts) > 2 or (len(parts) == 2 and (SRC / parts[1]).is_dir()) else module

    packages: dict[str, set[str]] = {}
    for module, imported in graph.items():
        packages.setdefault(package(module), set()).update(
            package(m) for m in imported if package(m) != package(module)
        )
    for name in list(packages):
        for other in packages[name]:
            packages.setdefault(other, set())
    assert circles(packages) == [], "packages that import each other"


def test_the_circle_check_finds_a_circle() -> None:
    assert circles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_every_contact_column_is_in_the_one_list_of_fields() -> None:
    """contact_fields.py is the one list of what a contact holds: a new column is a field there
    (with its vCard, CSV, search, sync, option and card meaning) or said not to be one."""
    from refcli import contact_fields as fields
    from refcli.store import tables

    declared = [f.name for f in fields.FIELDS]
    assert len(declared) == len(set(declared)) and not set(declared) & fields.NOT_FIELDS
    columns = tables.COLUMNS["contact"]
    assert sorted(declared + sorted(fields.NOT_FIELDS)) == sorted(columns), (
        sorted(set(columns) - set(declared) - fields.NOT_FIELDS),
        sorted(set(declared) | fields.NOT_FIELDS - set(columns)),
    )
    assert declared == [c for c in columns if c in declared]  # in the table's order (exports follow it)
