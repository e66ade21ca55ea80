"""Cards and folders an attacker can plant (security review, issue 39): a UID or a value that
tries to smuggle properties or a second card into what `ref sync` writes, file names that are
not UTF-8 or would be too long, and links planted in the folder while a sync writes."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import Ref

ALLOWED = {"BEGIN", "VERSION", "UID", "FN", "N", "ORG", "TITLE", "TEL", "EMAIL", "CATEGORIES", "END"}


def vcard_escape(text: str) -> str:
    """How a hostile file writes a value: escaped as vCard 3.0 asks, so a reader unescapes it."""
    return text.replace("\\", "\\\\").replace("\n", "\\n").replace(",", "\\,").replace(";", "\\;")


def properties(card: str) -> list[str]:
    """The property names of a card's logical lines (a folded line continues the one before)."""
    names = []
    for line in card.replace("\r\n", "\n").split("\n"):
        if not line or line[0] in " \t":
            continue
        names.append(line.split(":", 1)[0].split(";", 1)[0].rsplit(".", 1)[-1].upper())
    return names


def written_cards(book: Path) -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted(book.iterdir()) if p.suffix == ".vcf"]


def test_a_uid_with_a_line_break_or_nul_cannot_inject_a_property(ref: Ref, tmp_path: Path) -> None:
    hostile = tmp_path / "hostile.vcf"
    hostile.write_bytes(
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nUID:n1\\nEMAIL:attacker@evil.example\\nEND:VCARD\\nBEGIN:VCARD\r\n"
        b"FN:Nina Null\r\nTEL:555 0101\\nEMAIL:second@evil.example\r\nEND:VCARD\r\n"
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nUID:n2\x00NUL\r\nFN:Nul Uid\r\nEND:VCARD\r\n"
    )
    ref.ok("import", str(hostile))
    shown: Any = ref.json("show", "nina")
    assert "attacker@evil.example" in " ".join(n["text"] for n in shown["notes"])  # the original, kept inertly
    book = tmp_path / "book"
    book.mkdir()
    ref.ok("sync", str(book))
    cards = written_cards(book)
    assert len(cards) == 2
    for text in cards:
        names = properties(text)
        assert names.count("BEGIN") == 1 and names.count("END") == 1 and set(names) <= ALLOWED, text
        assert "\x00" not in text and "attacker@evil.example" not in text, repr(text)
    assert ref.ok("sync", str(book)) and len(written_cards(book)) == 2  # a second sync: the same two
    again: Any = ref.json("import", str(hostile))
    assert again["files"][0]["created"] == 0  # the replaced UID is stable: the same people again


hostile_text = st.text(
    alphabet=st.sampled_from(list('ab :;,\\\n\r\x00\x0b\x7f\u0085\u2028é="')) | st.characters(codec="utf-8"),
    min_size=1,
    max_size=30,
) | st.sampled_from(["\nBEGIN:VCARD\nFN:x", "x\r\nEMAIL:a@b", "END:VCARD", "\\n", "\\\\n", "a\\", "\r"])


@settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))
@given(name=hostile_text, org=hostile_text, title=hostile_text, phone=hostile_text, uid=hostile_text)
def test_hostile_values_through_import_and_sync_make_exactly_one_card(
    ref: Ref, tmp_path_factory: Any, name: str, org: str, title: str, phone: str, uid: str
) -> None:
    work = tmp_path_factory.mktemp("hostile")
    db = str(work / "ref.db")
    source = work / "in.vcf"
    fields = {"FN": f"Hostile {name}", "ORG": org, "TITLE": title, "TEL": f"555 {phone}", "UID": uid}
    body = "".join(f"{k}:{vcard_escape(v)}\r\n" for k, v in fields.items())
    source.write_text(f"BEGIN:VCARD\r\nVERSION:3.0\r\n{body}END:VCARD\r\n", encoding="utf-8", errors="surrogatepass")
    imported = ref("--db", db, "import", str(source))
    assert imported.code in (0, 3), imported
    book = work / "book"
    book.mkdir()
    synced = ref("--db", db, "sync", str(book))
    assert synced.code == 0, synced
    for text in written_cards(book):
        names = properties(text)
        assert names.count("BEGIN") == 1 and names.count("END") == 1, text
        assert set(names) <= ALLOWED, text
        assert not any(ord(c) < 32 and c not in "\r\n" for c in text), repr(text)


def test_a_file_name_not_utf8_and_a_long_uid_never_stop_the_sync(ref: Ref, tmp_path: Path) -> None:
    book = tmp_path / "book"
    book.mkdir()
    latin1 = os.path.join(os.fsencode(book), b"caf\xe9.vcf")
    with open(latin1, "wb") as f:
        f.write(b"BEGIN:VCARD\r\nVERSION:3.0\r\nUID:latin\r\nFN:Latin Name\r\nEND:VCARD\r\n")
    (book / "good.vcf").write_text("BEGIN:VCARD\r\nVERSION:3.0\r\nUID:good\r\nFN:Good Card\r\nEND:VCARD\r\n")
    long_uid = "ж" * 200  # 400 bytes: as a file name, over what any file system allows
    source = tmp_path / "long.vcf"
    source.write_text(f"BEGIN:VCARD\r\nVERSION:3.0\r\nUID:{long_uid}\r\nFN:Long Uid\r\nEND:VCARD\r\n")
    ref.ok("import", str(source))
    report: Any = ref.json("sync", str(book))
    left = {s["card"]: s["reason"] for s in report["skipped"]}
    assert "not UTF-8" in left["caf\\xe9.vcf"] and "rename" in left["caf\\xe9.vcf"]
    names = {p["name"] for p in ref.json("contacts")}  # type: ignore[attr-defined]
    assert {"Good Card", "Long Uid"} <= names and "Latin Name" not in names
    written = [n for n in os.listdir(book) if n.endswith(".vcf") and n not in ("good.vcf",)]
    assert written and all(len(os.fsencode(n)) <= 255 for n in written)
    mine = [n for n in written if long_uid in (book / n).read_text(encoding="utf-8").replace("\n ", "")]
    assert len(mine) == 1, written  # the card keeps its UID; only the file name is shortened
    assert os.path.exists(latin1)  # left where it was, untouched
    again: Any = ref.json("sync", str(book))
    assert again["created_in_ref"] == again["created_cards"] == []


PLANTER = """
import os, sys, time
book, victim, names = sys.argv[1], sys.argv[2], sys.argv[3:]
end = time.monotonic() + float(os.environ.get("PLANT_FOR", "4"))
while time.monotonic() < end:
    for name in names:
        try:
            os.symlink(victim, os.path.join(book, f".{name}.ref-tmp"))
        except OSError:
            pass
"""


def test_links_planted_while_a_sync_writes_are_never_followed(ref: Ref, tmp_path: Path) -> None:
    """A planter races the sync, putting links to a file outside the folder at the temporary
    name (as ref named them before) of every card the sync will rewrite: it is never written."""
    book = tmp_path / "book"
    book.mkdir()
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n")
    people = 40
    for n in range(people):
        ref.ok("add-contact", f"Person {n:02d}", "--email", f"p{n}@x.example", "--handle", f"p{n}")
    ref.ok("sync", str(book))
    names = sorted(os.listdir(book))
    assert len(names) == people
    planter = subprocess.Popen([sys.executable, "-c", PLANTER, str(book), str(victim), *names])
    try:
        time.sleep(0.3)
        for round in range(3):
            for n in range(people):
                ref.ok("edit", f"p{n}", "--company", f"Company {round}")
            outcome = ref("sync", str(book))
            assert outcome.code in (0, 4), outcome
    finally:
        planter.kill()
        planter.wait()
    assert victim.read_text() == "precious\n"
    for entry in os.scandir(book):
        if entry.is_symlink():
            assert os.readlink(entry.path) == str(victim)  # the planter's own, never written through
        else:
            assert "precious" not in Path(entry.path).read_text(encoding="utf-8")
    assert all("Company 2" in (book / name).read_text(encoding="utf-8") for name in names)
