"""One person, one card, whatever happens (issue 32): a second card for someone already synced,
a merge of two synced people, and undoing it, never double-link, loop, archive or lose a name."""

from __future__ import annotations

from itertools import combinations
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import Ref, wipe_all
from refcli.names import compatible, name_words


def card(uid: str, name: str, email: str, extra: str = "") -> bytes:
    family, given = name.split()[-1], " ".join(name.split()[:-1])
    return (
        f"BEGIN:VCARD\r\nVERSION:3.0\r\nUID:{uid}\r\nFN:{name}\r\nN:{family};{given};;;\r\n"
        f"EMAIL:{email}\r\n{extra}END:VCARD\r\n"
    ).encode()


def sync(ref: Ref, book: Path) -> dict[str, Any]:
    report: Any = ref.json("sync", str(book))
    return report  # type: ignore[no-any-return]


def check_clean(ref: Ref) -> None:
    outcome = ref("db", "check")
    assert outcome.code == 0, outcome


def names(ref: Ref) -> list[str]:
    return sorted(p["name"] for p in ref.json("contacts", "--all"))  # type: ignore[attr-defined]


def test_a_second_card_for_someone_synced_is_reported_never_linked(ref: Ref, tmp_path: Path) -> None:
    book = tmp_path / "book"
    book.mkdir()
    (book / "fred.vcf").write_bytes(card("phone-fred", "Fred Okafor", "fred@okafor.example"))
    sync(ref, book)
    (book / "fred-copy.vcf").write_bytes(card("phone-fred-2", "Fred Okafor", "fred@okafor.example"))
    for _ in range(3):  # never a loop: the same answer every time, and db check stays clean
        report = sync(ref, book)
        assert report["duplicates"] == [{"card": "fred-copy.vcf", "contact": "fred", "linked": "fred.vcf"}]
        reason = next(s["reason"] for s in report["skipped"] if s["card"] == "fred-copy.vcf")
        assert "second card for Fred Okafor" in reason and "fred.vcf" in reason
        check_clean(ref)
        assert names(ref) == ["Fred Okafor"]
    assert "second card for Fred Okafor" in ref.ok("sync", str(book)) + ref("sync", str(book)).err
    (book / "fred-copy.vcf").unlink()  # the user deletes the duplicate on the phone
    report = sync(ref, book)
    assert report["archived"] == [] and ref.json("show", "fred")["archived"] is False  # type: ignore[index]
    check_clean(ref)


def test_the_phones_old_copy_of_a_card_renamed_in_ref_is_a_duplicate_not_a_person(ref: Ref, tmp_path: Path) -> None:
    """Renamed in ref (Anna Smith is Anna Jones now) and synced; then the phone brings back an
    old copy of her card under the old name with the same email: that is her second card, not a
    second person. A file imported with the old name finds her too."""
    book = tmp_path / "book"
    book.mkdir()
    (book / "anna.vcf").write_bytes(card("phone-anna", "Anna Smith", "anna@smith.example"))
    sync(ref, book)
    ref.ok("edit", "anna", "--name", "Anna Jones")
    sync(ref, book)
    assert b"FN:Anna Jones" in (book / "anna.vcf").read_bytes()
    (book / "anna-old.vcf").write_bytes(card("phone-anna-old", "Anna Smith", "anna@smith.example"))
    report = sync(ref, book)
    assert names(ref) == ["Anna Jones"]
    assert report["duplicates"] == [{"card": "anna-old.vcf", "contact": "anna", "linked": "anna.vcf"}]
    check_clean(ref)
    old = tmp_path / "old-export.vcf"
    old.write_bytes(card("elsewhere-1", "Anna Smith", "anna@smith.example"))
    ref.ok("import", str(old))
    assert names(ref) == ["Anna Jones"]
    (book / "bob.vcf").write_bytes(card("phone-bob", "Bob Stone", "anna@smith.example"))  # her address, not her
    sync(ref, book)
    assert names(ref) == ["Anna Jones", "Bob Stone"]


def test_two_new_cards_for_one_new_person_make_one_person_and_one_link(ref: Ref, tmp_path: Path) -> None:
    book = tmp_path / "book"
    book.mkdir()
    (book / "a.vcf").write_bytes(card("u-a", "Dana Reyes", "dana@reyes.example"))
    (book / "b.vcf").write_bytes(card("u-b", "Dana Reyes", "dana@reyes.example"))
    report = sync(ref, book)
    assert names(ref) == ["Dana Reyes"] and len(report["duplicates"]) == 1
    check_clean(ref)


def test_a_merge_and_its_undo_reach_the_address_book_without_losing_a_name(ref: Ref, tmp_path: Path) -> None:
    book = tmp_path / "book"
    book.mkdir()
    (book / "tom.vcf").write_bytes(card("u-tom", "Tom Nguyen", "tom@nguyen.example", "X-PHONE-ONLY:keep\r\n"))
    (book / "thomas.vcf").write_bytes(card("u-thomas", "Thomas Nguyen", "thomas@work.example"))
    sync(ref, book)
    assert names(ref) == ["Thomas Nguyen", "Tom Nguyen"]
    thomas_card = (book / "thomas.vcf").read_bytes()
    ref.ok("merge", "tom", "thomas", "--yes")
    check_clean(ref)
    report = sync(ref, book)
    assert names(ref) == ["Tom Nguyen"]
    assert (book / "thomas.vcf").read_bytes() == thomas_card  # never rewritten into a copy of Tom
    assert any(s["card"] == "thomas.vcf" and "merged" in s["reason"] for s in report["skipped"])
    tom: Any = ref.json("show", "tom")
    assert "thomas@work.example" in tom["emails"]  # the merge brought Thomas's address to Tom
    assert b"thomas@work.example" in (book / "tom.vcf").read_bytes()  # and the sync to Tom's card
    check_clean(ref)
    log: Any = ref.json("log")
    merge_entry = next(e["id"] for e in log if e["command"][1] == "merge")
    sync_entry = next(e["id"] for e in log if e["command"][1] == "sync")
    ref.ok("undo", str(sync_entry), "--yes")  # undo the sync, then the merge
    ref.ok("undo", str(merge_entry), "--yes")
    report = sync(ref, book)
    assert names(ref) == ["Thomas Nguyen", "Tom Nguyen"]
    assert b"FN:Thomas Nguyen" in (book / "thomas.vcf").read_bytes()
    assert b"FN:Tom Nguyen" in (book / "tom.vcf").read_bytes()
    check_clean(ref)
    assert sync(ref, book)["duplicates"] == []


def test_remove_cards_takes_a_merged_persons_card_out_of_the_folder(ref: Ref, tmp_path: Path) -> None:
    book = tmp_path / "book"
    book.mkdir()
    (book / "tom.vcf").write_bytes(card("u-tom", "Tom Nguyen", "tom@nguyen.example"))
    (book / "thomas.vcf").write_bytes(card("u-thomas", "Thomas Nguyen", "thomas@work.example"))
    sync(ref, book)
    ref.ok("merge", "tom", "thomas", "--yes")
    report: Any = ref.json("sync", str(book), "--remove-cards")
    assert report["removed_cards"] == ["thomas.vcf"] and not (book / "thomas.vcf").exists()
    assert sorted(p.name for p in book.iterdir()) == ["tom.vcf"]
    check_clean(ref)


def test_apple_group_cards_are_skipped_not_made_people(ref: Ref, tmp_path: Path) -> None:
    book = tmp_path / "book"
    book.mkdir()
    (book / "friends.vcf").write_bytes(
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nUID:grp-1\r\nFN:Friends\r\nN:Friends;;;;\r\n"
        b"X-ADDRESSBOOKSERVER-KIND:group\r\nX-ADDRESSBOOKSERVER-MEMBER:urn:uuid:u-tom\r\nEND:VCARD\r\n"
    )
    (book / "tom.vcf").write_bytes(card("u-tom", "Tom Nguyen", "tom@nguyen.example"))
    report = sync(ref, book)
    assert names(ref) == ["Tom Nguyen"]
    assert any(s["card"] == "friends.vcf" and "group" in s["reason"] for s in report["skipped"])
    imported: Any = ref.json("import", str(book / "friends.vcf"))
    assert imported["files"][0]["created"] == 0 and imported["files"][0]["skipped"]


def test_labels_travel_both_ways(ref: Ref, tmp_path: Path) -> None:
    """What ref writes into a card carries each email's and phone's label (as `ref export` does),
    and a number added on the phone arrives with its own."""
    book = tmp_path / "book"
    book.mkdir()
    ref.ok("add-contact", "Fred Okafor", "--email", "work:fred@okafor.example", "--phone", "mobile:+1 555 0102")
    sync(ref, book)
    (written,) = book.iterdir()
    text = written.read_text()
    assert "EMAIL;TYPE=work:fred@okafor.example" in text and "TEL;TYPE=mobile:+1 555 0102" in text
    written.write_text(text.replace("END:VCARD", "TEL;TYPE=fax:+1 555 0199\r\nEND:VCARD"))
    sync(ref, book)
    shown: Any = ref.json("show", "fred")
    assert ("fax", "+1 555 0199") in [(c["label"], c["value"]) for c in shown["channels"]]
    ref.ok("edit", "fred", "--email", "home:fred@home.example")
    sync(ref, book)
    assert "EMAIL;TYPE=home:fred@home.example" in written.read_text()


def test_the_phones_categories_keep_their_case_and_order(ref: Ref, tmp_path: Path) -> None:
    book = tmp_path / "book"
    book.mkdir()
    (book / "ann.vcf").write_bytes(card("u-ann", "Ann Lee", "ann@lee.example", "CATEGORIES:Friends,Work,VIP\r\n"))
    sync(ref, book)
    ref.ok("tag", "ann", "bni")
    sync(ref, book)
    assert b"CATEGORIES:Friends,Work,VIP,bni\r\n" in (book / "ann.vcf").read_bytes()
    ref.ok("edit", "ann", "--untag", "work")
    sync(ref, book)
    assert b"CATEGORIES:Friends,VIP,bni\r\n" in (book / "ann.vcf").read_bytes()


def test_a_cards_rev_decides_which_side_changed_last(ref: Ref, tmp_path: Path) -> None:
    """A file vdirsyncer wrote just now with an old REV lost to ref's later edit: REV is when the
    card changed, the file's time only when it was fetched."""
    import os
    import time

    book = tmp_path / "book"
    book.mkdir()
    (book / "sally.vcf").write_bytes(card("u-sally", "Sally Chen", "sally@chen.example", "ORG:Chen Legal\r\n"))
    sync(ref, book)
    ref.ok("edit", "sally", "--company", "Chen & Park")  # ref's change: now
    path = book / "sally.vcf"
    text = path.read_text().replace("ORG:Chen Legal", "ORG:Chen Partners\r\nREV:20200101T000000Z")
    path.write_text(text)
    future = time.time() + 3600  # fetched "later" by the file's clock, but changed in 2020
    os.utime(path, (future, future))
    report = sync(ref, book)
    assert [c["kept"] for c in report["conflicts"]] == ["ref"]
    assert ref.json("show", "sally")["company"] == "Chen & Park"  # type: ignore[index]
    ref.ok("edit", "sally", "--company", "Chen Partners LLP")
    path.write_text(path.read_text().replace("REV:20200101T000000Z", "REV:20991231T000000Z"))
    path.write_text(path.read_text().replace("ORG:Chen & Park", "ORG:Chen United"))
    report = sync(ref, book)
    assert [c["kept"] for c in report["conflicts"]] == ["vdir"]


def test_a_note_added_on_the_phone_reaches_ref_once(ref: Ref, tmp_path: Path) -> None:
    book = tmp_path / "book"
    book.mkdir()
    (book / "fred.vcf").write_bytes(card("u-fred", "Fred Okafor", "fred@okafor.example", "NOTE:met at the expo\r\n"))
    sync(ref, book)
    path = book / "fred.vcf"
    path.write_text(path.read_text().replace("NOTE:met at the expo", "NOTE:met at the expo\\nwants a showroom"))
    report = sync(ref, book)
    assert report["notes_from_cards"] == ["fred"]
    texts = [n["text"] for n in ref.json("show", "fred")["notes"]]  # type: ignore[index]
    assert "from the address book: met at the expo\nwants a showroom" in texts
    assert "met at the expo" in texts  # the first sync's note, kept
    path.write_text(path.read_text().replace("EMAIL:", "TEL:+1 555 0102\r\nEMAIL:"))
    assert sync(ref, book)["notes_from_cards"] == []  # the same note again: not added twice


# --- random sequences on both sides (issue 32) -----------------------------------------------------

PEOPLE_NAMES = ("Ana Silva", "Ben Okoro", "Cleo Marsh", "Dev Rao", "Eva Lund")
STEP = st.one_of(
    st.tuples(st.just("ref add"), st.sampled_from(PEOPLE_NAMES)),
    st.tuples(st.just("ref rename"), st.integers(0, 4)),
    st.tuples(st.just("ref delete"), st.integers(0, 4)),
    st.tuples(st.just("ref archive"), st.integers(0, 4)),
    st.tuples(st.just("ref merge"), st.integers(0, 4)),
    st.tuples(st.just("ref undo"), st.just(0)),
    st.tuples(st.just("phone add"), st.sampled_from(PEOPLE_NAMES)),
    st.tuples(st.just("phone copy"), st.integers(0, 4)),
    st.tuples(st.just("phone rename"), st.integers(0, 4)),
    st.tuples(st.just("phone delete"), st.integers(0, 4)),
    st.tuples(st.just("sync"), st.just(0)),
)


def _people(ref: Ref) -> list[dict[str, Any]]:
    found: Any = [*ref.json("contacts", "--all"), *ref.json("contacts", "--all", "--archived")]  # type: ignore[misc]
    return sorted(found, key=lambda p: p["handle"])


def _links(ref: Ref, query: Any) -> list[tuple[int, str]]:
    return [(int(c), str(h)) for c, h in query("SELECT contact_id, href FROM sync_card WHERE contact_id IS NOT NULL")]


def _step(ref: Ref, book: Path, step: tuple[str, Any], n: int) -> None:
    kind, arg = step
    people = [p["handle"] for p in _people(ref)]
    cards = sorted(book.glob("*.vcf"))
    if kind == "ref add":
        ref("add-contact", arg, "--email", f"{arg.split()[0].lower()}{n}@x.example")  # a same name is refused: fine
    elif kind == "ref rename" and people:
        ref.ok("edit", people[arg % len(people)], "--name", f"Renamed {n} Person")
    elif kind == "ref delete" and people:
        ref.ok("delete", people[arg % len(people)], "--yes")
    elif kind == "ref archive" and people:
        ref("archive", people[arg % len(people)])  # an archived person says so: fine either way
    elif kind == "ref merge" and len(people) >= 2:
        keep = people[arg % len(people)]
        drop = people[(arg + 1) % len(people)]
        ref.ok("merge", keep, drop, "--yes")
    elif kind == "ref undo":
        ref("undo", "--yes")  # nothing to undo is fine
    elif kind == "phone add":
        (book / f"p{n}.vcf").write_bytes(card(f"phone-{n}", arg, f"{arg.split()[0].lower()}.p{n}@x.example"))
    elif kind == "phone copy" and cards:
        text = cards[arg % len(cards)].read_text(encoding="utf-8")
        uid = next(line for line in text.splitlines() if line.startswith("UID:"))
        (book / f"copy{n}.vcf").write_text(text.replace(uid, f"UID:copy-{n}"), encoding="utf-8")
    elif kind == "phone rename" and cards:
        path = cards[arg % len(cards)]
        text = path.read_text(encoding="utf-8")
        fn = next((line for line in text.splitlines() if line.startswith("FN:")), None)
        if fn is not None:
            path.write_text(text.replace(fn, f"FN:Phone {n} Name"), encoding="utf-8")
    elif kind == "phone delete" and cards:
        cards[arg % len(cards)].unlink()
    elif kind == "sync":
        ref.ok("sync", str(book))


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=st.lists(STEP, min_size=3, max_size=12))
def test_random_edits_merges_undos_and_syncs_keep_one_card_per_person(
    ref: Ref, query: Any, tmp_path_factory: pytest.TempPathFactory, steps: list[tuple[str, Any]]
) -> None:
    """After every sync of a random sequence of edits on both sides, merges, undos and deletes:
    one card per linked person and one person per card, no address on two people whose names
    ref's matching holds to be one (a phone's duplicate card never doubles a person, nor does a
    copy of a card renamed since in ref: the old name is one they had), `db check` clean, and syncing
    again at once changes nothing more (no loop). Run with 100 examples of up to 14 steps while
    writing it: all held."""
    ref.ok("add-contact", "Someone")  # the database exists before it is emptied
    wipe_all(query)
    book = tmp_path_factory.mktemp("book")
    for n, step in enumerate([*steps, ("sync", 0)]):
        _step(ref, book, step, n)
        if step[0] != "sync":
            continue
        links = _links(ref, query)
        assert len({c for c, _ in links}) == len(links), ("a person linked to two cards", steps, links)
        assert len({h for _, h in links}) == len(links), ("a card linked to two people", steps, links)
        owners: dict[str, list[str]] = {}
        for key, name in query(
            "SELECT ch.value_key, c.name FROM channel ch JOIN contact c ON c.id = ch.contact_id "
            "WHERE ch.kind = 'email' AND c.archived_at IS NULL ORDER BY c.id"
        ):
            owners.setdefault(key, []).append(name)
        doubled = [
            (k, n)
            for k, n in owners.items()
            if any(compatible(name_words(a), name_words(b)) for a, b in combinations(n, 2))
        ]
        assert doubled == [], ("one address, two people by ref's own rules: a card doubled a person", steps, doubled)
        check_clean(ref)
        again: Any = ref.json("sync", str(book))
        moved = [again[k] for k in ("created_in_ref", "updated_in_ref", "created_cards", "updated_cards", "archived")]
        assert not any(moved), (steps, again)


def test_merge_cards_folds_the_phones_second_card_into_the_first(ref: Ref, tmp_path: Path) -> None:
    book = tmp_path / "book"
    book.mkdir()
    photo = "PHOTO;ENCODING=b;TYPE=JPEG:/9j/4AAQSkZJRgABAQ=="
    (book / "fred.vcf").write_bytes(
        card("phone-fred", "Fred Okafor", "fred@okafor.example", "TEL;TYPE=CELL:+1 555 0101\r\n")
    )
    sync(ref, book)
    extra = f"TEL;TYPE=WORK:+1 555 0199\r\n{photo}\r\nX-CUSTOM:kept\r\n"
    (book / "fred-copy.vcf").write_bytes(card("phone-fred-2", "Fred Okafor", "fred@okafor.example", extra))
    assert "--merge-cards" in sync(ref, book)["skipped"][0]["reason"]
    report: Any = ref.json("sync", str(book), "--merge-cards")
    assert report["merged_cards"] == [{"card": "fred-copy.vcf", "into": "fred.vcf"}]
    assert sorted(p.name for p in book.glob("*.vcf")) == ["fred.vcf"]
    merged = (book / "fred.vcf").read_text()
    for line in ("UID:phone-fred", "TEL;TYPE=CELL:+1 555 0101", photo, "X-CUSTOM:kept"):
        assert line in merged, line  # the union: the first card's own, and all the second had besides
    assert merged.count("+1 555 0199") == 1 and merged.count("EMAIL") == 1 and "phone-fred-2" not in merged
    assert sync(ref, book)["duplicates"] == []  # one card: nothing more to report
    shown: Any = ref.json("show", "fred")
    assert len(shown["phones"]) == 2
    check_clean(ref)
    assert names(ref) == ["Fred Okafor"]


def test_after_a_merge_in_ref_merge_cards_leaves_one_card_with_both_cards_data(ref: Ref, tmp_path: Path) -> None:
    book = tmp_path / "book"
    book.mkdir()
    (book / "tom.vcf").write_bytes(card("u-tom", "Tom Nguyen", "tom@nguyen.example", "X-PHONE-ONLY:tom\r\n"))
    own = "ADR;TYPE=WORK:;;1 Main St;Springfield;;;\r\nX-PHONE-ONLY:thomas\r\n"
    (book / "thomas.vcf").write_bytes(card("u-thomas", "Thomas Nguyen", "thomas@work.example", own))
    sync(ref, book)
    ref.ok("merge", "tom", "thomas", "--yes")
    left = sync(ref, book)
    assert any(s["card"] == "thomas.vcf" and "merged in ref" in s["reason"] for s in left["skipped"])
    report: Any = ref.json("sync", str(book), "--merge-cards")
    assert report["merged_cards"] == [{"card": "thomas.vcf", "into": "tom.vcf"}]
    assert sorted(p.name for p in book.glob("*.vcf")) == ["tom.vcf"]
    kept = (book / "tom.vcf").read_text()
    for line in ("X-PHONE-ONLY:tom", "X-PHONE-ONLY:thomas", "1 Main St", "thomas@work.example", "UID:u-tom"):
        assert line in kept, line  # the union of both cards' own data
    check_clean(ref)
    assert sync(ref, book)["skipped"] == []  # nothing left to report


def test_every_card_of_the_folder_is_in_the_report(ref: Ref, tmp_path: Path) -> None:
    """New, linked to someone already in ref, a duplicate, a group, a file that is not a card:
    each card is in a count of the report, and the text says them all."""
    book = tmp_path / "book"
    book.mkdir()
    ref.ok("add-contact", "Zed Person", "--email", "zed@x.example")
    (book / "a.vcf").write_bytes(card("a", "Ann One", "ann@x.example"))
    (book / "z.vcf").write_bytes(card("z", "Zed Person", "zed@x.example"))
    (book / "dup.vcf").write_bytes(card("dup", "Ann One", "ann@x.example"))
    (book / "g.vcf").write_bytes(b"BEGIN:VCARD\r\nVERSION:4.0\r\nUID:g\r\nKIND:group\r\nFN:Friends\r\nEND:VCARD\r\n")
    (book / "junk.vcf").write_bytes(b"not a card")
    report = sync(ref, book)
    counted = [*report["created_in_ref"], *report["linked"], *(s["card"] for s in report["skipped"])]
    assert report["created_in_ref"] == ["ann"] and report["linked"] == ["zed"]
    assert len(counted) == len(list(book.glob("*.vcf")))  # each card once
    text = ref.ok("sync", str(book)) + ref("sync", str(book)).err
    assert "left alone" in text
