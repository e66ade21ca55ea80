"""A large vCard file or a first sync of many cards is parsed ahead in a second process
(`exchange/read_ahead.py`) while ref imports the people already parsed: the outcome must be
exactly what parsing them here gives, and ref must read them here when that process cannot
start."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import pytest

from conftest import Ref
from refcli.exchange import read_ahead

CARDS = read_ahead.LEAST_ITEMS + 100


def card(n: int) -> str:
    """Cards of every kind an import meets: people, a repeat of an earlier one by email, one with
    nothing in it, a group, a birthday that is no day, a photo, a card with no name."""
    body = f"FN:Person {n}\r\nEMAIL:p{n}@example.org\r\nNOTE:met at event {n % 7}\r\n"
    if n % 500 == 7:
        body = "NOTE:\r\n"  # nothing: skipped
    elif n % 500 == 11:
        body = f"FN:Team {n}\r\nKIND:group\r\n"  # a group: skipped
    elif n % 500 == 13:
        body += "BDAY:sometime\r\n"  # kept in the note, with a warning
    elif n % 500 == 17:
        body += "PHOTO;ENCODING=b;TYPE=JPEG:/9j/4AAQ\r\n"  # set aside, counted
    elif n % 500 == 19:
        body = f"EMAIL:p{n - 1}@example.org\r\nTEL:+1 555 {n:07d}\r\n"  # no name: the person before
    return f"BEGIN:VCARD\r\nVERSION:3.0\r\nUID:u{n}\r\n{body}END:VCARD\r\n"


def people(ref: Ref) -> list[dict[str, Any]]:
    listed: Any = ref.json("contacts", "--all")
    return sorted(({k: v for k, v in p.items() if k != "id"} for p in listed), key=lambda p: p["handle"])


def started(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Each second process started, from now on."""
    seen: list[object] = []
    real = subprocess.Popen

    def counting(*args: Any, **kw: Any) -> Any:
        seen.append(args)
        return real(*args, **kw)

    monkeypatch.setattr(read_ahead.subprocess, "Popen", counting)
    return seen


def test_a_large_file_parsed_ahead_imports_as_one_parsed_here(
    ref: Ref, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "big.vcf"
    path.write_text("".join(card(n) for n in range(CARDS)))
    seen = started(monkeypatch)
    ahead: Any = ref.json("import", str(path), "--json")
    assert len(seen) == 1  # parsed in a second process
    assert ahead["files"][0]["skipped"] and ahead["files"][0]["warnings"] and ahead["files"][0]["photos_skipped"]
    kept = people(ref)
    ref.ok("undo", "--yes")
    monkeypatch.setattr(read_ahead, "LEAST_ITEMS", 10**9)
    here: Any = ref.json("import", str(path), "--json")
    assert len(seen) == 1  # this time parsed here
    assert here == ahead
    assert people(ref) == kept


def test_a_first_sync_parsed_ahead_is_the_sync_parsed_here(
    ref: Ref, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    book = tmp_path / "book"
    book.mkdir()
    for n in range(CARDS):
        (book / f"c{n:05d}.vcf").write_text(card(n))
    seen = started(monkeypatch)
    ahead: Any = ref.json("sync", str(book), "--dry-run")
    assert len(seen) == 1
    monkeypatch.setattr(read_ahead, "LEAST_ITEMS", 10**9)
    here: Any = ref.json("sync", str(book), "--dry-run")
    assert here == ahead and len(seen) == 1
    assert len(ahead["created_in_ref"]) > CARDS * 0.9 and ahead["skipped"]


def test_cards_are_read_here_when_the_second_process_cannot_start(
    ref: Ref, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "big.vcf"
    path.write_text("".join(card(n) for n in range(CARDS)))
    monkeypatch.setattr(read_ahead.sys, "executable", str(tmp_path / "no-such-python"))
    report: Any = ref.json("import", str(path), "--json")
    assert report["files"][0]["created"] > CARDS * 0.9 and not report["failed"]
