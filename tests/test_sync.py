"""`ref sync FOLDER`: two-way sync with an address book kept as a vdir (one .vcf per card, as
vdirsyncer keeps it), through the CLI, on SQLite and on the server."""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

import pytest

from conftest import Ref

SALLY = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:phone-sally\r\nFN:Sally Chen\r\nN:Chen;Sally;;;\r\n"
    "TEL;TYPE=cell:+1 555 0101\r\nPHOTO;ENCODING=b;TYPE=JPEG:/9j/4AAQSkZJRgABAQ==\r\n"
    "X-CUSTOM;X-FOO=bar:keep me\r\nitem1.EMAIL;type=INTERNET:sally@chen.example\r\n"
    "item1.X-ABLabel:_$!<Work>!$_\r\nNOTE:From the phone\\, with a comma\r\nEND:VCARD\r\n"
)


@pytest.fixture
def book(tmp_path: Path) -> Path:
    folder = tmp_path / "contacts"
    folder.mkdir()
    (folder / "sally.vcf").write_bytes(SALLY.encode())
    return folder


def synced(ref: Ref, book: Path, *args: str) -> dict[str, Any]:
    return ref.json("sync", str(book), *args)  # type: ignore[return-value]


def card_of(book: Path, text: str) -> Path:
    found = [p for p in book.glob("*.vcf") if text in p.read_bytes().decode("utf-8")]
    assert len(found) == 1, found
    return found[0]


def edit_card(path: Path, old: str, new: str) -> None:
    text = path.read_bytes().decode("utf-8")
    assert old in text, text
    path.write_bytes(text.replace(old, new).encode("utf-8"))
    future = time.time() + 60  # the phone changed it after ref's last change
    os.utime(path, (future, future))


def test_a_first_sync_links_both_sides_without_duplicates(ref: Ref, book: Path) -> None:
    ref.ok("add-contact", "Sally Chen", "--email", "SALLY@chen.example", "--company", "Chen Legal")
    ref.ok("add-contact", "Fred Okafor", "--email", "fred@okafor.example", "--birthday", "1986-04-15")
    report = synced(ref, book)
    assert report["created_in_ref"] == [] and report["created_cards"] == ["fred"]
    assert report["updated_cards"] == ["sally"]  # her company went to the phone
    assert [p["handle"] for p in ref.json("contacts")] == ["fred", "sally"]  # type: ignore[union-attr]
    sally = card_of(book, "UID:phone-sally").read_bytes().decode("utf-8")
    for line in SALLY.split("\r\n")[:-2]:  # every line the phone wrote is still there, byte for byte
        assert line + "\r\n" in sally, line
    assert "ORG:Chen Legal\r\n" in sally
    fred = card_of(book, "fred@okafor.example").read_bytes().decode("utf-8")
    uid = ref.json("show", "fred")["uid"]  # type: ignore[index]
    assert f"UID:{uid}\r\n" in fred and "FN:Fred Okafor\r\n" in fred and "BDAY:1986-04-15\r\n" in fred
    shown: Any = ref.json("show", "sally")
    assert shown["phones"] == ["+1 555 0101"] and shown["company"] == "Chen Legal"


def test_a_second_sync_with_nothing_changed_changes_nothing(ref: Ref, book: Path) -> None:
    ref.ok("add-contact", "Fred Okafor", "--email", "fred@okafor.example")
    synced(ref, book)
    before = {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in book.iterdir()}
    entries = len(ref.json("log"))  # type: ignore[arg-type]
    report = synced(ref, book)
    assert report["unchanged"] == 2 and not any(report[k] for k in ("created_in_ref", "updated_in_ref",
                                                                    "created_cards", "updated_cards"))  # fmt: skip
    assert {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in book.iterdir()} == before
    assert len(ref.json("log")) == entries  # type: ignore[arg-type]  # no journal entry for nothing


def test_changes_travel_both_ways_field_by_field(ref: Ref, book: Path) -> None:
    synced(ref, book)
    ref.ok("edit", "sally", "--title", "Partner", "--phone", "+1 555 0199")
    report = synced(ref, book)
    assert report["updated_cards"] == ["sally"]
    text = card_of(book, "UID:phone-sally").read_bytes().decode("utf-8")
    assert "TITLE:Partner\r\n" in text and "TEL:+1 555 0199\r\n" in text and "TEL;TYPE=cell:+1 555 0101\r\n" in text
    path = card_of(book, "UID:phone-sally")
    edit_card(path, "TEL;TYPE=cell:+1 555 0101\r\n", "")  # removed on the phone
    edit_card(path, "FN:Sally Chen", "FN:Sally Chen-Park")
    edit_card(path, "END:VCARD", "EMAIL:sally@park.example\r\nEND:VCARD")
    report = synced(ref, book)
    assert report["updated_in_ref"] == ["sally"] and report["updated_cards"] == []
    shown: Any = ref.json("show", "sally")
    assert shown["name"] == "Sally Chen-Park" and shown["title"] == "Partner"
    assert sorted(shown["phones"]) == ["+1 555 0199"]
    assert sorted(shown["emails"]) == ["sally@chen.example", "sally@park.example"]


def test_a_field_changed_on_both_sides_is_a_conflict_and_nothing_is_lost(ref: Ref, book: Path) -> None:
    ref.ok("add-contact", "Sally Chen", "--company", "Chen Legal")
    synced(ref, book)
    ref.ok("edit", "sally", "--company", "Chen & Park")
    edit_card(card_of(book, "UID:phone-sally"), "ORG:Chen Legal", "ORG:Chen Partners")  # later than ref's
    report = synced(ref, book)
    assert report["conflicts"] == [
        {"contact": "sally", "field": "company", "ref": "Chen & Park", "address_book": "Chen Partners", "kept": "vdir"}
    ]
    shown: Any = ref.json("show", "sally")
    assert shown["company"] == "Chen Partners"
    assert any('company was "Chen & Park" in ref' in n["text"] for n in shown["notes"])
    ref.ok("edit", "sally", "--company", "Chen Legal LLP")
    edit_card(card_of(book, "UID:phone-sally"), "ORG:Chen Partners", "ORG:Chen Partners Ltd")
    said = ref.ok("sync", str(book), "--prefer", "ref")
    assert "conflict: sally company" in said and "kept ref's" in said
    assert "ORG:Chen Legal LLP\r\n" in card_of(book, "UID:phone-sally").read_bytes().decode("utf-8")
    shown = ref.json("show", "sally")
    assert any('"Chen Partners Ltd" in the address book' in n["text"] for n in shown["notes"])


def test_a_deleted_card_archives_and_a_deleted_person_keeps_their_card(ref: Ref, book: Path) -> None:
    ref.ok("add-contact", "Fred Okafor", "--email", "fred@okafor.example")
    synced(ref, book)
    card_of(book, "UID:phone-sally").unlink()
    report = synced(ref, book)
    assert report["archived"] == ["sally"]
    assert ref.json("show", "sally")["archived"] is True  # type: ignore[index]
    assert not any("phone-sally" in p.read_bytes().decode("utf-8") for p in book.glob("*.vcf"))  # not re-created
    ref.ok("delete", "fred", "--yes")
    synced(ref, book)
    fred = card_of(book, "fred@okafor.example")  # by default the card stays
    assert [p["handle"] for p in ref.json("contacts", "--archived")] == ["sally"]  # type: ignore[union-attr]
    assert ref.json("contacts") == []  # and is not imported again
    report = synced(ref, book, "--remove-cards")
    assert report["removed_cards"] == [fred.name] and not fred.exists()


def test_a_sync_is_one_change_that_undo_takes_back(ref: Ref, book: Path) -> None:
    report = synced(ref, book)
    assert report["created_in_ref"] == ["sally"]
    assert "sync" in ref.json("log")[0]["command"]  # type: ignore[index]
    ref.ok("undo", "--yes")
    assert ref.json("contacts") == []
    assert ref.ok("db", "check").startswith("ok")


def test_dry_run_changes_nothing_on_either_side(ref: Ref, book: Path) -> None:
    ref.ok("add-contact", "Fred Okafor")
    report = synced(ref, book, "--dry-run")
    assert report["dry_run"] is True and report["created_in_ref"] == ["sally"] and report["created_cards"] == ["fred"]
    assert [p.name for p in book.iterdir()] == ["sally.vcf"]
    assert [p["handle"] for p in ref.json("contacts")] == ["fred"]  # type: ignore[union-attr]


def test_the_folder_can_be_remembered(ref: Ref, book: Path) -> None:
    assert "which address-book folder?" in ref.fails(3, "sync")
    ref.ok("config", "sync_folder", str(book))
    assert ref.json("sync")["created_in_ref"] == ["sally"]  # type: ignore[index]


def test_bad_folders_and_files_are_refused_and_change_nothing(ref: Ref, book: Path, tmp_path: Path) -> None:
    ref.ok("add-contact", "Fred Okafor")
    outcome = ref("sync", str(tmp_path / "missing"))
    assert outcome.code != 0 and "no folder" in outcome.err
    assert "--prefer" in ref.fails(3, "sync", str(book), "--prefer", "newest")


def test_cards_from_real_programs_keep_every_line_ref_does_not_sync(ref: Ref, tmp_path: Path) -> None:
    """Each card of the real vCard fixtures (2.1, 3.0 and 4.0, in whatever charset the program
    wrote), one per file, synced into ref and back after a change in ref: every line of a
    property ref does not sync is still in the file, byte for byte."""
    import re

    book = tmp_path / "book"
    book.mkdir()
    real = Path(__file__).parent / "fixtures" / "real" / "vcard"
    originals: dict[str, bytes] = {}
    for path in sorted(real.glob("*.vcf")):
        for n, body in enumerate(re.findall(rb"BEGIN:VCARD.*?END:VCARD\r?\n?", path.read_bytes(), flags=re.S | re.I)):
            if body.upper().count(b"BEGIN:VCARD") == 1:  # a nested card is a file's oddity, not a vdir's
                (book / f"{path.stem}-{n}.vcf").write_bytes(body)
                originals[f"{path.stem}-{n}.vcf"] = body
    assert len(originals) > 40
    alone = {s["card"] for s in synced(ref, book)["skipped"]}  # group cards: not people, left as they are
    for person in ref.json("contacts", "--limit", "1000"):  # type: ignore[union-attr]
        ref.ok("tag", person["handle"], "synced")
    synced(ref, book)
    synced_props = re.compile(
        rb"^(?:[\w-]+\.)?(FN|N|ORG|TITLE|EMAIL|TEL|URL|BDAY|(X-)?ANNIVERSARY|CATEGORIES)[;:]", re.I
    )
    for name, body in originals.items():
        after = (book / name).read_bytes()
        if name in alone:
            assert after == body, name
            continue
        assert b"CATEGORIES:" in after and b"synced" in after, name
        kept = re.sub(rb"\r?\n[ \t]", b"", after).splitlines()
        for line in re.sub(rb"\r?\n[ \t]", b"", body).splitlines():
            if line.strip() and not synced_props.match(line):
                assert line in kept, (name, line)


def test_the_names_parts_travel_and_are_never_guessed(ref: Ref, book: Path) -> None:
    """A card's N comes into ref as the name's parts; a rename in ref writes N from the parts
    that still fit (or the whole name as the family name), never from a split of the name."""
    ref.ok("add-contact", "Ximian, Inc.", "--email", "info@ximian.example")
    synced(ref, book)
    assert ref.json("show", "sally")["name_parts"] == {"family": "Chen", "given": "Sally"}  # type: ignore[index]
    assert "N:Ximian\\, Inc.;;;;\r\n" in card_of(book, "info@ximian.example").read_bytes().decode("utf-8")
    ref.ok("edit", "sally", "--name", "Sally M. Chen")
    synced(ref, book)
    sally = card_of(book, "UID:phone-sally").read_bytes().decode("utf-8")
    assert "FN:Sally M. Chen\r\n" in sally and "N:Chen;Sally;;;\r\n" in sally
    edit_card(card_of(book, "UID:phone-sally"), "N:Chen;Sally;;;", "N:Chen;Sally;Mei;;")
    assert synced(ref, book)["updated_in_ref"] == ["sally"]
    assert ref.json("show", "sally")["name_parts"] == {"additional": "Mei", "family": "Chen", "given": "Sally"}  # type: ignore[index]
    assert synced(ref, book)["unchanged"] == 2  # and nothing goes round again
