"""Adding, finding, changing and removing people, through the real CLI."""

from __future__ import annotations

import unicodedata
from typing import Any

from conftest import Ref


def test_add_contact_assigns_a_handle_and_stores_every_field(ref: Ref) -> None:
    out = ref.ok(
        "add-contact", "Fred Smith", "--company", "Smith Build", "--title", "Owner",
        "--business", "Kitchen remodels", "--offers", "kitchens, baths", "--offers", "decks",
        "--ideal", "New homeowners", "--email", "work:fred@smith.example", "--email", "fred@home.example",
        "--phone", "mobile:+1 555 0101", "--website", "https://smith.example", "--met-on", "2025-01-10",
        "--met-at", "BNI North", "--tag", "bni", "--tag", "Trades", "--note", "Great with clients", "--trust", "4",
    )  # fmt: skip
    assert out.strip() == "added Fred Smith as fred"
    p: Any = ref.json("show", "fred")
    assert p["handle"] == "fred"
    assert p["company"] == "Smith Build" and p["title"] == "Owner"
    assert p["business"] == "Kitchen remodels" and p["ideal_referral"] == "New homeowners"
    assert p["emails"] == ["fred@smith.example", "fred@home.example"]
    assert {"kind": "email", "label": "work", "value": "fred@smith.example"} in p["channels"]
    assert p["phones"] == ["+1 555 0101"] and p["websites"] == ["https://smith.example"]
    assert p["offerings"] == ["kitchens", "baths", "decks"]
    assert p["tags"] == ["bni", "trades"]
    assert p["met_on"] == "2025-01-10" and p["met_at"] == "BNI North" and p["trust"] == 4
    assert [n["text"] for n in p["notes"]] == ["Great with clients"]


def test_add_contact_json_prints_the_contact(ref: Ref) -> None:
    p: Any = ref.json("add-contact", "Ann Lee", "--email", "ann@x.example")
    assert p["handle"] == "ann" and p["emails"] == ["ann@x.example"]
    for key in (
        "handle",
        "name",
        "company",
        "title",
        "business",
        "emails",
        "phones",
        "offerings",
        "tags",
        "met_on",
        "trust",
    ):
        assert key in p


def test_handles_for_unicode_names_and_collisions(ref: Ref) -> None:
    assert "as jose" in ref.ok("add-contact", "José Ñúñez")
    assert "as jose-garcia" in ref.ok("add-contact", "José García")
    assert "as jose-nunez" in ref.ok("add-contact", "Jose Nunez Sr", "--handle", "jose-nunez")
    assert "as jose-nunez-2" in ref.ok("add-contact", "José Ñúñez Jr.", "--handle", "jose-nunez-2")
    assert "as contact-1" in ref.ok("add-contact", "王伟")
    assert "as contact-2" in ref.ok("add-contact", "🎉")
    assert ref.json("show", "王伟")["name"] == "王伟"  # type: ignore[index]


def test_third_same_first_name_gets_a_number(ref: Ref) -> None:
    ref.ok("add-contact", "Sam Ray")
    ref.ok("add-contact", "Sam Ray-Jones", "--handle", "sam-ray")
    assert "as sam-ray-2" in ref.ok("add-contact", "Sam Q Ray")


def test_same_name_twice_is_a_conflict_unless_a_handle_is_given(ref: Ref) -> None:
    ref.ok("add-contact", "Ann")
    err = ref.fails(3, "add-contact", "ann")
    assert "already in your network as ann" in err and "--handle" in err
    ref.ok("add-contact", "Ann", "--handle", "ann-two")
    assert "taken" in ref.fails(3, "add-contact", "Other", "--handle", "ann")


def test_bad_input_is_refused_and_nothing_is_written(ref: Ref) -> None:
    assert "empty" in ref.fails(3, "add-contact", "   ")
    assert "email" in ref.fails(3, "add-contact", "Bo", "--email", "bo.example.com")
    assert "handle" in ref.fails(3, "add-contact", "Bo", "--handle", "Bo Smith")
    assert "trust" in ref.fails(3, "add-contact", "Bo", "--trust", "7")
    assert "YYYY-MM-DD" in ref.fails(3, "add-contact", "Bo", "--met-on", "03/04/2026")
    assert "YYYY-MM-DD" in ref.fails(3, "add-contact", "Bo", "--met-on", "2014-01")
    assert "no one called" in ref.fails(3, "add-contact", "Bo", "--via", "nobody")
    ref.fails(2, "add-contact", "Bo", "--frobnicate")
    assert ref.json("contacts") == []


def test_a_long_note_is_stored_whole(ref: Ref) -> None:
    ref.ok("add-contact", "Fred")
    body = "x" * 9_990 + " the end."
    ref.ok("note", "fred", body, "--on", "yesterday")
    notes = ref.json("show", "fred")["notes"]  # type: ignore[index]
    assert notes[0]["text"] == body and notes[0]["on"] == "2026-03-13"


def test_an_exact_handle_wins_however_many_names_start_with_it(ref: Ref, tmp_path: Any) -> None:
    """A handle or whole name typed exactly is that person even when hundreds of names start
    with it (the looser search reads at most 200 candidates: the exact one could be past them)."""
    rows = "\n".join(f"Smithson {n:03d},smith{n}@x.example" for n in range(210))
    (tmp_path / "smiths.csv").write_text("Name,Email\n" + rows + "\n", encoding="utf-8")
    ref.ok("import", str(tmp_path / "smiths.csv"))
    ref.ok("add-contact", "Zed Smith", "--handle", "smith")
    assert ref.json("show", "smith")["name"] == "Zed Smith"  # type: ignore[index]
    assert ref.json("show", "smithson 007")["name"] == "Smithson 007"  # type: ignore[index]
    assert "matches" in ref.fails(3, "show", "smithson 0")  # a prefix of many is still ambiguous


def test_resolver_handle_name_prefix_and_accents(ref: Ref) -> None:
    ref.ok("add-contact", "Fred Smith")
    ref.ok("add-contact", "Frida Kahlo")
    ref.ok("add-contact", "José Ñúñez")
    assert ref.json("show", "FRED")["handle"] == "fred"  # type: ignore[index]
    assert ref.json("show", "fred smith")["handle"] == "fred"  # type: ignore[index]
    assert ref.json("show", "frid")["handle"] == "frida"  # type: ignore[index]
    assert ref.json("show", "kahlo")["handle"] == "frida"  # type: ignore[index]
    assert ref.json("show", "jose nunez")["handle"] == "jose"  # type: ignore[index]
    nfd = unicodedata.normalize("NFD", "José Ñúñez")
    assert ref.json("show", nfd)["handle"] == "jose"  # type: ignore[index]
    err = ref.fails(3, "show", "fr")
    assert err.strip() == "error: 'fr' matches 2 people: fred (Fred Smith), frida (Frida Kahlo) (use the handle)"
    err = ref.fails(3, "show", "fredd")
    assert "no one called 'fredd'" in err and "fred (Fred Smith)" in err


def test_nfd_name_is_the_same_person(ref: Ref) -> None:
    ref.ok("add-contact", unicodedata.normalize("NFC", "Zoë Brontë"))
    err = ref.fails(3, "add-contact", unicodedata.normalize("NFD", "Zoë Brontë"))
    assert "already in your network" in err


def test_contacts_lists_and_searches_literally(ref: Ref) -> None:
    ref.ok("add-contact", "Fred Smith", "--offers", "kitchen remodels", "--phone", "+1 (555) 010-2030", "--tag", "bni")
    ref.ok("add-contact", "Sally Chen", "--company", "50%_off Realty", "--email", "sally@chen.example")
    ref.ok("add-contact", "Tom Becker", "--business", "Accounting 50 percent off")
    names = lambda *a: [p["handle"] for p in ref.json("contacts", *a)]  # type: ignore[attr-defined]  # noqa: E731
    assert names() == ["fred", "sally", "tom"]
    assert names("kitchen") == ["fred"]
    assert names("5550102030") == ["fred"]
    assert names("010-2030") == ["fred"]
    assert names("chen.example") == ["sally"]
    assert names("50%_off") == ["sally"]
    assert names("%") == ["sally"]
    assert names("--tag", "BNI") == ["fred"]
    assert names("nobody-like-this") == []
    out = ref.ok("contacts")
    assert out.splitlines()[0].split("\t")[:3] == ["handle", "name", "company"]


def test_contacts_limit_and_all(ref: Ref) -> None:
    for i in range(5):
        ref.ok("add-contact", f"Person {i}", "--handle", f"p{i}")
    outcome = ref("contacts", "--limit", "3")
    assert outcome.code == 0 and len(outcome.out.splitlines()) == 4
    assert "--all" in outcome.err
    assert len(ref.json("contacts", "--all")) == 5  # type: ignore[arg-type]


def test_edit_changes_adds_and_removes(ref: Ref) -> None:
    ref.ok(
        "add-contact",
        "Fred Smith",
        "--email",
        "fred@a.example",
        "--phone",
        "555 0101",
        "--offers",
        "decks",
        "--tag",
        "bni",
    )
    ref.ok("add-contact", "Sally Chen")
    ref.ok(
        "edit", "fred", "--name", "Frederick Smith", "--handle", "freddy", "--company", "New Co",
        "--email", "fred@b.example", "--remove-email", "FRED@A.example", "--remove-phone", "5550101",
        "--offers", "patios", "--remove-offer", "Decks", "--untag", "bni", "--tag", "chamber", "--via", "sally",
        "--trust", "5",
    )  # fmt: skip
    p: Any = ref.json("show", "freddy")
    assert p["name"] == "Frederick Smith" and p["company"] == "New Co"
    assert p["emails"] == ["fred@b.example"] and p["phones"] == []
    assert p["offerings"] == ["patios"] and p["tags"] == ["chamber"]
    assert p["introduced_by"] == "sally" and p["trust"] == 5
    ref.ok("edit", "freddy", "--company", "")
    assert ref.json("show", "freddy")["company"] is None  # type: ignore[index]
    ref.ok("edit", "freddy", "--via", "")  # nobody introduced you after all: "" clears it
    assert ref.json("show", "freddy")["introduced_by"] is None  # type: ignore[index]
    assert "cannot be empty" in ref.fails(3, "add-contact", "Nobody Yet", "--via", "")  # nothing to clear
    assert "no email" in ref.fails(3, "edit", "freddy", "--remove-email", "nope@x.example")
    assert "no offering" in ref.fails(3, "edit", "freddy", "--remove-offer", "boats")
    assert "taken" in ref.fails(3, "edit", "freddy", "--handle", "sally")
    assert ref.json("show", "freddy")["offerings"] == ["patios"]  # type: ignore[index]


def test_show_card_for_people(ref: Ref) -> None:
    ref.ok("add-contact", "Tom Becker")
    ref.ok(
        "add-contact", "Fred Smith", "--business", "Remodels", "--offers", "kitchens", "--via", "tom", "--trust", "3"
    )
    out = ref.ok("show", "fred")
    assert out.startswith("Fred Smith (fred)")
    assert "introduced by  Tom Becker (tom)" in out
    assert "Offerings:\n  kitchens" in out
    assert "Introduced you to:\n  Fred Smith (fred)" in ref.ok("show", "tom")


def test_tag_and_note(ref: Ref) -> None:
    ref.ok("add-contact", "Fred")
    assert "tagged Fred (fred): bni, trades" in ref.ok("tag", "fred", "BNI", "trades")
    assert "already" in ref.ok("tag", "fred", "bni")
    assert "already" in ref.ok("tag", "fred", "# #bni")  # every leading # goes: the same tag
    assert "already" in ref.ok("tag", "fred", "trade\U0001d5b2")  # 𝖲 folds to S, and S on to s
    ref.ok("note", "fred", "Loves fishing")
    assert "empty" in ref.fails(3, "note", "fred", "  ")
    assert "YYYY-MM-DD" in ref.fails(3, "note", "fred", "x", "--on", "1A2B")
    assert "no one called" in ref.fails(3, "note", "ghost", "x")


def test_archived_people_leave_lists_but_keep_history(ref: Ref) -> None:
    ref.ok("add-contact", "Fred", "--note", "met at the mixer")
    ref.ok("add-contact", "Sally")
    assert "is now archived" in ref.ok("archive", "fred")
    assert "was already archived" in ref.ok("archive", "fred")
    assert [p["handle"] for p in ref.json("contacts")] == ["sally"]  # type: ignore[attr-defined]
    assert [p["handle"] for p in ref.json("contacts", "--archived")] == ["fred"]  # type: ignore[attr-defined]
    p: Any = ref.json("show", "fred")
    assert p["archived"] is True and p["notes"][0]["text"] == "met at the mixer"
    assert "[archived]" in ref.ok("show", "fred")
    ref.ok("unarchive", "fred")
    assert len(ref.json("contacts")) == 2  # type: ignore[arg-type]


def test_delete_asks_and_removes_only_what_is_theirs(ref: Ref) -> None:
    ref.ok("add-contact", "Tom")
    ref.ok("add-contact", "Fred", "--email", "f@x.example", "--offers", "a, b", "--note", "n", "--via", "tom")
    outcome = ref("delete", "tom", input="n\n")
    assert outcome.code == 3 and "nothing deleted" in outcome.err
    assert "1 people will no longer show them" in outcome.err
    outcome = ref("delete", "tom")  # no answer at all (EOF): nothing happens
    assert outcome.code == 3
    assert len(ref.json("contacts")) == 2  # type: ignore[arg-type]
    outcome = ref("delete", "fred", input="y\n")
    assert outcome.code == 0 and "1 channel, 2 offerings, 1 note" in outcome.out
    assert "deleted Tom" in ref.ok("delete", "tom", "--yes")
    assert ref.json("contacts") == []


def test_merge_keeps_everything(ref: Ref) -> None:
    ref.ok("add-contact", "Tom")
    ref.ok(
        "add-contact",
        "Fred Smith",
        "--email",
        "fred@a.example",
        "--company",
        "Smith Build",
        "--tag",
        "bni",
        "--note",
        "one",
    )
    ref.ok(
        "add-contact", "Freddie Smith", "--handle", "fs", "--email", "FRED@a.example", "--email", "fs@b.example",
        "--company", "Smith Remodeling", "--title", "Owner", "--tag", "bni", "--tag", "trades",
        "--offers", "decks", "--note", "two", "--trust", "4",
    )  # fmt: skip
    ref.ok("edit", "tom", "--via", "fs")
    report: Any = ref.json("merge", "fred", "fs", "--yes")
    assert report["kept"] == "fred" and report["dropped"] == "fs"
    p: Any = ref.json("show", "fred")
    assert p["emails"] == ["fred@a.example", "fs@b.example"]
    assert p["company"] == "Smith Build" and p["title"] == "Owner" and p["trust"] == 4
    assert p["tags"] == ["bni", "trades"] and p["offerings"] == ["decks"]
    texts = [n["text"] for n in p["notes"]]
    assert "one" in texts and "two" in texts
    merged = next(t for t in texts if t.startswith("merged from fs"))
    assert 'company was "Smith Remodeling"' in merged and 'name was "Freddie Smith"' in merged
    assert ref.json("show", "tom")["introduced_by"] == "fred"  # type: ignore[index]
    assert "no one called" in ref.fails(3, "show", "fs")
    assert "same person" in ref.fails(3, "merge", "fred", "fred smith")


def test_user_text_is_printed_inertly(ref: Ref) -> None:
    ref.ok("add-contact", "[red]x[/red]", "--handle", "markup")
    ref.ok("add-contact", "[/oops]", "--handle", "oops")
    ref.ok("add-contact", "Evil\x1b]0;pwned\x07\x1b[2J Name\u202e", "--handle", "evil", "--note", "bad\x1b[31m red")
    for env in ({}, {"REF_FORCE_TERMINAL": "1"}):
        out = ref.ok("contacts", env=env)
        assert "[red]x[/red]" in out and "[/oops]" in out
        shown = ref.ok("show", "evil", env=env)
        assert "\x1b]" not in shown and "\x1b[2J" not in shown and "\u202e" not in shown
        assert "bad[31m red" in shown or "bad red" in shown.replace("[31m", "")
    assert "[red]x[/red] (markup)" in ref.ok("show", "markup")


def test_terminal_tables_and_no_color(ref: Ref) -> None:
    ref.ok("add-contact", "Fred Smith", "--company", "Smith Build")
    rich = ref.ok("contacts", env={"REF_FORCE_TERMINAL": "1"})
    assert "┃" in rich or "│" in rich
    no_color = {"REF_FORCE_TERMINAL": "1", "NO_COLOR": "1"}
    same_layout = ref.ok("contacts", env=no_color)
    assert _strip(same_layout) == _strip(rich)  # NO_COLOR: the same table...
    assert not [c for c in _codes(same_layout) if _is_colour(c)]  # ...without colour
    plain = ref.ok("--plain", "contacts", env={"REF_FORCE_TERMINAL": "1"})
    assert "\x1b[" not in plain and "fred\tFred Smith\tSmith Build" in plain
    assert "fred\tFred Smith\tSmith Build" in ref.ok("contacts")  # piped: plain by itself


def _codes(out: str) -> list[str]:
    import re

    return [p for seq in re.findall(r"\x1b\[([0-9;]*)m", out) for p in seq.split(";") if p]


def _is_colour(code: str) -> bool:
    return code.isdigit() and (30 <= int(code) <= 49 or 90 <= int(code) <= 107)


def _strip(out: str) -> str:
    import re

    return re.sub(r"\x1b\[[0-9;]*m", "", out)


def test_people_with_the_same_name_are_told_apart(ref: Ref) -> None:
    ref.ok("add-contact", "Bob Smith", "--company", "Smith Build")
    ref.ok("add-contact", "Bob Smith", "--handle", "bob-law", "--email", "bob@law.example")
    ref.ok("add-contact", "Bobby Tables")
    err = ref.fails(3, "show", "bob smith")
    assert "bob (Bob Smith, Smith Build)" in err and "bob-law (Bob Smith, bob@law.example)" in err
    err = ref.fails(3, "show", "bo")
    assert "bobby (Bobby Tables)" in err and "bob (Bob Smith, Smith Build)" in err
