"""Passwords in database locations: masked in every form, wherever a location is shown or stored
(the journal, `ref log`, undo, backups, `ref db path` and every error line)."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import Ref
from refcli.store.location import mask_secrets

# Every form a password can take in a location, with the password each one carries.
FORMS = [
    ("postgresql+psycopg://me:s3cretA@127.0.0.1:1/ref", "s3cretA"),
    ("postgresql://me:s3c%2FretB@127.0.0.1:1/ref", "s3c%2FretB"),
    ("postgresql://me:s3c/ret?C#x@127.0.0.1:1/ref", "s3c/ret?C#x"),  # unencoded / ? # in it
    ("postgresql://me:a@b:s3cretD@127.0.0.1:1/ref", "s3cretD"),  # unencoded @ in it
    ("postgresql://127.0.0.1:1/ref?user=me&password=s3cretE&sslmode=disable", "s3cretE"),
    ("postgresql:///ref?host=127.0.0.1&port=1&PASSWORD=s3cretF", "s3cretF"),
]


@pytest.mark.parametrize(("url", "password"), FORMS)
def test_every_form_of_a_password_is_masked(url: str, password: str) -> None:
    for text in (url, f"--db={url}", f"no driver for {url} (psycopg)"):
        masked = mask_secrets(text, whole=text.startswith("--db="))
        assert password not in masked and "***" in masked, text
    assert mask_secrets("/home/me/ref.db") == "/home/me/ref.db"
    assert mask_secrets("postgresql://me@host/ref") == "postgresql://me@host/ref"  # nothing to hide


@pytest.mark.sqlite_only(reason="the unreachable server is the point; the journal is the SQLite file")
@pytest.mark.parametrize(("url", "password"), FORMS)
def test_no_command_prints_a_password(ref: Ref, url: str, password: str, tmp_path: Path) -> None:
    ref.ok("add-contact", "Fred Okafor")
    for args in (
        [f"--db={url}", "contacts"],
        ["--db", url, "db", "path"],
        ["--db", url, "add-contact", "Zed"],
        ["--db", url, "contacts", "--json"],
        ["import", url],  # a URL given to import by mistake
    ):
        outcome = ref(*args)
        assert password not in outcome.out + outcome.err, (args, outcome)
        assert outcome.code != 0 or args[-1] == "path", (args, outcome)
    # A location typed into a command that writes is journaled masked: log, undo and backup agree.
    ref.ok("note", "fred", f"server moved: {url}")
    assert password in ref.ok("show", "fred")  # the note itself is what was typed
    assert password not in ref.ok("log", "--json")
    assert password not in ref.ok("log")
    backup = tmp_path / "backup.json"
    ref.ok("export", "--format", "backup", "-o", str(backup))
    journal_part = backup.read_text().split('"journal"', 1)[1].split('"journal_row"', 1)[0]
    assert password not in journal_part and "***" in journal_part
    assert password not in ref.ok("undo", "--yes")
