"""What you know about a person: offerings, family, goals, traits and who they know."""

from __future__ import annotations

from typing import Any

from conftest import Ref


def test_offer_add_list_remove(ref: Ref) -> None:
    ref.ok("add-contact", "Fred", "--offers", "kitchens")
    assert "Fred offers: decks, patios" in ref.ok("offer", "fred", "add", "decks, patios")
    assert "already offers" in ref.ok("offer", "fred", "add", "Decks")
    assert ref.ok("offer", "fred").splitlines() == ["kitchens", "decks", "patios"]
    ref.ok("offer", "fred", "remove", "PATIOS")
    assert "no offering 'boats'" in ref.fails(3, "offer", "fred", "remove", "boats")
    assert "unknown action" in ref.fails(3, "offer", "fred", "sell", "x")
    assert "Missing argument 'TEXT'" in ref.fails(2, "offer", "fred", "add")
    assert ref.json("show", "fred")["offerings"] == ["kitchens", "decks"]  # type: ignore[index]


def test_family(ref: Ref) -> None:
    ref.ok("add-contact", "Fred")
    ref.ok("family", "fred", "add", "Mei", "--relation", "daughter")
    ref.ok("family", "fred", "add", "Ana", "--relation", "wife", "--met")
    assert "already recorded" in ref.fails(3, "family", "fred", "add", "mei")
    ref.ok("family", "fred", "met", "MEI")
    assert ref.ok("family", "fred").splitlines() == ["Mei (daughter)  met", "Ana (wife)  met"]
    ref.ok("family", "fred", "remove", "Ana")
    assert "no family member called 'Bo'" in ref.fails(3, "family", "fred", "met", "Bo")
    fam: Any = ref.json("show", "fred")["family"]  # type: ignore[index]
    assert [(f["name"], f["relation"], f["met"]) for f in fam] == [("Mei", "daughter", True)]


def test_goals(ref: Ref) -> None:
    ref.ok("add-contact", "Fred")
    assert "added goal [1]" in ref.ok("goal", "fred", "add", "Open a showroom")
    ref.ok("goal", "fred", "add", "Run a marathon", "--personal")
    ref.ok("goal", "fred", "add", "Hire two people", "--year", "2025")
    assert "congratulations" in ref.ok("goal", "fred", "done", "1")
    listed = ref.ok("goal", "fred")
    assert "[1] 2026 business: Open a showroom  achieved 2026-03-14" in listed
    assert "2025" not in listed
    assert "2025" in ref.ok("goal", "fred", "--all")
    assert "not a plausible year" in ref.fails(3, "goal", "fred", "add", "x", "--year", "20266")
    assert "no goal #9" in ref.fails(3, "goal", "fred", "remove", "9")
    assert "Invalid value for 'ID'" in ref.fails(2, "goal", "fred", "done", "first")
    ref.ok("goal", "fred", "remove", "2")
    goals: Any = ref.json("show", "fred")["goals"]  # type: ignore[index]
    assert [g["text"] for g in goals] == ["Open a showroom"]


def test_a_goal_of_another_person_is_not_yours_to_change(ref: Ref) -> None:
    ref.ok("add-contact", "Fred")
    ref.ok("add-contact", "Sally")
    ref.ok("goal", "fred", "add", "Open a showroom")
    assert "Sally has no goal #1" in ref.fails(3, "goal", "sally", "remove", "1")


def test_traits_and_dealbreakers_are_flagged(ref: Ref) -> None:
    ref.ok("add-contact", "Fred")
    ref.ok("add-contact", "Sally")
    ref.ok("trait", "fred", "plus", "Always on time")
    outcome = ref("trait", "fred", "dealbreaker", "Talks down to staff")
    assert outcome.code == 0 and "decide consciously" in outcome.err
    assert ref.ok("trait", "fred").splitlines() == ["[2] dealbreaker: Talks down to staff", "[1] plus: Always on time"]
    assert "unknown action" in ref.fails(3, "trait", "fred", "great", "x")
    assert "no trait #7" in ref.fails(3, "trait", "fred", "remove", "7")
    people: Any = ref.json("contacts")
    assert [(p["handle"], p["dealbreaker"]) for p in people] == [("fred", True), ("sally", False)]
    assert "fred\tFred\t\t\t\t\t\tdeal-breaker" in ref.ok("contacts")
    assert "Fred (fred)  [deal-breaker]" in ref.ok("show", "fred")
    ref.ok("trait", "fred", "remove", "2")
    assert ref.json("show", "fred")["dealbreaker"] is False  # type: ignore[index]


def test_knows_and_network(ref: Ref) -> None:
    for name in ("Fred", "Sally", "Tom", "Ann"):
        ref.ok("add-contact", name)
    ref.ok("edit", "ann", "--met-on", "2025-01-01")
    ref.ok("knows", "fred", "sally", "--note", "neighbours")
    ref.ok("knows", "fred", "ann")
    ref.ok("knows", "tom", "fred")
    ref.ok("edit", "tom", "--via", "fred")
    assert "themselves" in ref.fails(3, "knows", "fred", "fred")
    assert "no one called" in ref.fails(3, "knows", "fred", "ghost")
    web: Any = ref.json("network", "fred")
    assert [x["handle"] for x in web["they_know"]] == ["ann", "sally"]
    assert web["they_know"][1]["note"] == "neighbours"
    assert [x["handle"] for x in web["known_by"]] == ["tom"]
    assert {(x["handle"], x["how"]) for x in web["through_them"]} == {
        ("sally", "they know them; you have not met"),
        ("tom", "introduced you"),
    }
    out = ref.ok("network", "fred")
    assert "They know:\n  Ann (ann)\n  Sally (sally): neighbours" in out
    assert "Sally" in ref.ok("show", "fred")


def test_merge_and_delete_cover_everything_known(ref: Ref) -> None:
    ref.ok("add-contact", "Fred Smith")
    ref.ok("add-contact", "Freddie", "--handle", "fs")
    ref.ok("add-contact", "Sally")
    ref.ok("meet", "fs", "--on", "2026-03-01")
    ref.ok("family", "fs", "add", "Mei")
    ref.ok("family", "fred", "add", "mei", "--met")
    ref.ok("goal", "fs", "add", "Showroom")
    ref.ok("trait", "fs", "plus", "Kind")
    ref.ok("knows", "fs", "sally")
    ref.ok("knows", "sally", "fs")
    ref.ok("knows", "fred", "fs")
    ref.ok("depth", "fs", "--set", "1=yes", "--set", "2=no")
    ref.ok("depth", "fred", "--set", "2=yes")
    ref.ok("merge", "fred", "fs", "--yes")
    p: Any = ref.json("show", "fred")
    assert p["meetings"]["held"] == 1 and [g["text"] for g in p["goals"]] == ["Showroom"]
    assert [(f["name"], f["met"]) for f in p["family"]] == [("mei", True)]
    assert [t["text"] for t in p["traits"]] == ["Kind"]
    assert [x["handle"] for x in p["network"]["they_know"]] == ["sally"]
    assert [x["handle"] for x in p["network"]["known_by"]] == ["sally"]
    answers = {pt["item"]: pt["answer"] for pt in p["depth"]["points"] if pt["source"] == "you"}
    assert answers == {1: True, 2: True}
    outcome = ref("delete", "fred", input="y\n")
    assert outcome.code == 0
    assert "1 meeting" in outcome.out and "1 goal" in outcome.out and "2 links" in outcome.out
    assert ref.json("network", "sally") == {
        "handle": "sally",
        "name": "Sally",
        "they_know": [],
        "known_by": [],
        "through_them": [],
    }
    assert ref.ok("db", "check").startswith("ok")


def test_sub_commands_take_the_action_first_and_the_older_order_still_works(ref: Ref) -> None:
    ref.ok("add-contact", "Fred Okafor")
    added: Any = ref.json("goal", "add", "fred", "Open a showroom", "--personal")
    assert (added["action"], added["contact"]) == ("add", "fred") and isinstance(added["id"], int)
    assert ref.json("goal", "list", "fred") == ref.json("goal", "fred")  # both orders list the same
    ref.ok("goal", "edit", "fred", str(added["id"]), "--text", "Open two showrooms")
    assert ref.json("goal", "done", "fred", str(added["id"]))["action"] == "done"  # type: ignore[index]
    trait: Any = ref.json("trait", "plus", "fred", "On time")
    assert ref.json("trait", "list", "fred") == [{"id": trait["id"], "kind": "plus", "text": "On time"}]
    ref.ok("trait", "remove", "fred", str(trait["id"]))
    ref.ok("offer", "add", "fred", "Decks")
    ref.ok("family", "add", "fred", "Mei", "--relation", "daughter")
    ref.ok("family", "met", "fred", "Mei")
    assert ref.json("offer", "list", "fred") == ["Decks"]
    assert [m["met"] for m in ref.json("family", "list", "fred")] == [True]  # type: ignore[union-attr]
    help_text = ref.ok("trait", "--help", env={"COLUMNS": "120"})
    for action in ("plus", "minus", "dealbreaker", "edit", "remove", "list"):
        assert action in help_text
    err = ref.fails(3, "family", "fred", "greet", "Mei")
    assert "unknown action 'greet'" in err and "add, met, edit, remove" in err
