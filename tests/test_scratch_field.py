"""A new field in one place (issue 36): a copy of ref gets a `pronouns` field by the steps
docs/architecture.md lists ("A new field": the model, one entry in contact_fields.py, the import
record's attribute, a migration, the generated tables), nothing else, and the field then
reaches `add-contact`, `edit`, `show` (card and --json), `ref search`, the vCard and CSV exports
and imports, and `ref sync`, on the engine the suite runs on."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from conftest import POSTGRES, TODAY

SRC = Path(__file__).resolve().parents[1] / "src" / "refcli"

MIGRATION = '''"""A scratch field, added by tests/test_scratch_field.py.

Revision ID: 0099
Revises: {head}
"""

import sqlalchemy as sa
from alembic import op

revision = "0099"
down_revision = "{head}"
branch_labels = None
depends_on = None


def upgrade() -> None:
    from refcli.store import journal

    op.add_column("contact", sa.Column("pronouns", sa.String(), nullable=True))
    journal.install_triggers(op.get_bind())
'''


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1))


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of ref's source with the field added, its generated files made again."""
    from refcli.store.schema import SCHEMA_HEAD

    root = tmp_path_factory.mktemp("scratch") / "src"
    shutil.copytree(SRC, root / "refcli", ignore=shutil.ignore_patterns("__pycache__"))
    package = root / "refcli"
    parts = "    name_parts: str | None = None  #"
    edit(package / "models.py", parts, "    pronouns: str | None = None\n" + parts)
    edit(package / "contact_fields.py", '    Field("name_parts", "parts", synced=True),',
         '    Field("pronouns", typed_text=True, vcard="X-REF-PRONOUNS", own_csv=True, synced=True,\n'
         '          option="--pronouns", help="How they like to be referred to.", card="pronouns"),\n'
         '    Field("name_parts", "parts", synced=True),')  # fmt: skip
    edit(package / "exchange" / "records.py", "    met_at: str | None = None\n",
         "    met_at: str | None = None\n    pronouns: str | None = None\n")  # fmt: skip
    (package / "migrations" / "versions" / "0099_scratch.py").write_text(MIGRATION.format(head=SCHEMA_HEAD))
    edit(package / "store" / "schema.py", f'    "{SCHEMA_HEAD}",\n)', f'    "{SCHEMA_HEAD}",\n    "0099",\n)')
    env = dict(os.environ, PYTHONPATH=str(root))
    tables = subprocess.run([sys.executable, "-m", "refcli.store.datamodel", "--tables"], env=env, check=True,
                            capture_output=True, text=True)  # fmt: skip
    (package / "store" / "tables.py").write_text(tables.stdout)
    subprocess.run([sys.executable, "-m", "refcli.store.datamodel", "--fresh"], env=env, check=True, cwd=root.parent,
                   capture_output=True)  # fmt: skip
    return root


def scratch_ref(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(root), REF_TODAY=TODAY, NO_COLOR="1", COLUMNS="100")
    return subprocess.run([sys.executable, "-m", "refcli", *args], env=env, capture_output=True, text=True, timeout=120)


def ok(root: Path, *args: str) -> str:
    done = scratch_ref(root, *args)
    assert done.returncode == 0, (args, done.stderr)
    return done.stdout


def shown(root: Path, db: str, handle: str) -> Any:
    return json.loads(ok(root, "--db", db, "show", handle, "--json"))


def test_a_new_field_in_one_place_reaches_every_command_and_format(scratch: Path, tmp_path: Path) -> None:
    db = os.environ["REF_DATABASE_URL"] if POSTGRES else str(tmp_path / "a.db")
    ok(scratch, "--db", db, "add-contact", "Pat Doe", "--pronouns", "they/them", "--email", "pat@doe.example")
    assert shown(scratch, db, "pat")["pronouns"] == "they/them"
    assert "pronouns     they/them" in ok(scratch, "--db", db, "show", "pat")
    ok(scratch, "--db", db, "edit", "pat", "--pronouns", "zie/zir")
    assert shown(scratch, db, "pat")["pronouns"] == "zie/zir"
    assert "Pat Doe" in ok(scratch, "--db", db, "search", "zie")
    for fmt, extra in (("vcard", []), ("csv", [])):
        out = tmp_path / f"pat.{fmt}"
        ok(scratch, "--db", db, "export", "--format", fmt, *extra, "-o", str(out))
        assert "zie/zir" in out.read_text()
        copy = str(tmp_path / f"copy-{fmt}.db")
        ok(scratch, "--db", copy, "import", str(out))
        assert shown(scratch, copy, "pat")["pronouns"] == "zie/zir", fmt
    book = tmp_path / "book"
    book.mkdir()
    ok(scratch, "--db", db, "sync", str(book))
    (card,) = book.iterdir()
    assert "X-REF-PRONOUNS:zie/zir" in card.read_text()
    card.write_text(card.read_text().replace("X-REF-PRONOUNS:zie/zir", "X-REF-PRONOUNS:she/her"))
    ok(scratch, "--db", db, "sync", str(book))
    assert shown(scratch, db, "pat")["pronouns"] == "she/her"
