"""What still rubbed after three months of use (issue 38): each item, through the real CLI."""

from __future__ import annotations

from typing import Any

from conftest import Ref


def test_correcting_a_value_keeps_its_currency_unless_one_is_typed(ref: Ref) -> None:
    ref.ok("add-contact", "Fred Okafor")
    ref.ok("give", "fred", "the Lee kitchen")
    ref.ok("outcome", "1", "won", "--value", "€3,200")
    corrected: Any = ref.json("outcome", "1", "won", "--value", "3,300")
    assert (corrected["value_minor"], corrected["currency"]) == (330000, "EUR")
    shown: Any = ref.json("referral", "1")
    assert (shown["value_minor"], shown["currency"]) == (330000, "EUR")
    dollars: Any = ref.json("outcome", "1", "won", "--value", "$3,400")
    assert dollars["currency"] == "USD"  # typed: that currency
    ref.ok("give", "fred", "the Park bathroom")
    first: Any = ref.json("outcome", "2", "won", "--value", "1,000")
    assert first["currency"] == "USD"  # a first value: your currency


def test_a_won_referral_is_not_worth_nothing(ref: Ref) -> None:
    ref.ok("add-contact", "Fred Okafor")
    ref.ok("give", "fred", "a lead")
    assert "more than 0" in ref.fails(3, "outcome", "1", "won", "--value", "0")
    assert ref.json("referral", "1")["status"] == "open"  # type: ignore[index]


def followup_ids(ref: Ref, *args: str) -> list[str]:
    items: Any = ref.json("followups", *args)
    return [i["id"] for i in items]


def test_a_birthday_clears_when_the_wishes_it_asks_for_are_recorded(ref: Ref) -> None:
    ref.ok("add-contact", "Sally Chen", "--birthday", "1986-03-14")  # today is 2026-03-14
    ref.ok("add-contact", "Fred Okafor", "--anniversary", "2012-03-17")
    ref.ok("add-contact", "Tom Nguyen", "--birthday", "03-16")
    ref.ok("touch", "tom", "--on", "2026-02-01")  # before the notice began: not the wishes
    assert {"birthday-sally", "anniversary-fred", "birthday-tom"} <= set(followup_ids(ref))
    ref.ok("touch", "sally", "--via", "message", "--note", "birthday wishes")  # what it suggests
    ref.ok("meet", "fred")  # a one-on-one in the notice window is being in touch too
    ids = followup_ids(ref)
    assert "birthday-sally" not in ids and "anniversary-fred" not in ids and "birthday-tom" in ids
    ref.ok("undo", "--yes")
    assert "anniversary-fred" in followup_ids(ref)  # undone: owed again


def test_config_set_speaks_json(ref: Ref) -> None:
    assert ref.json("config", "followup_days", "10") == {"followup_days": 10}
    assert ref.json("config", "followup_days", "--reset") == {"followup_days": 7}
    assert ref.json("config", "my_addresses", "me@x.example, me@y.example") == {
        "my_addresses": "me@x.example, me@y.example"
    }


def test_merge_counts_in_words(ref: Ref) -> None:
    ref.ok("add-contact", "Fred Okafor", "--email", "fred@a.example")
    ref.ok("add-contact", "Fred O", "--handle", "fredo", "--email", "fred@b.example", "--note", "met twice")
    said = ref.ok("merge", "fred", "fredo", "--yes")
    assert "1 channel" in said and "1 channels" not in said and "1 note" in said


def test_small_things(ref: Ref) -> None:
    """Issue 38, item 9: each small rub, through the CLI."""
    outcome = ref()
    assert outcome.code == 0 and "Usage: ref" in outcome.out  # `ref` alone: its help, not an error
    ref.ok("add-contact", "Kenji Sato")
    ref.ok("add-contact", "Sally Chen")
    entries = len(ref.json("log"))  # type: ignore[arg-type]
    assert "what should ref remind you of" in ref.fails(3, "remind", "kenji")
    assert "nothing to change" in ref.fails(3, "edit", "sally")
    assert len(ref.json("log")) == entries  # type: ignore[arg-type]  # neither wrote anything
    assert "#1" in ref.ok("schedule", "sally", "+2w")
    assert "did you mean intro-11?" in ref.fails(3, "done", "intro11")


def test_date_words_people_use(ref: Ref) -> None:
    ref.ok("add-contact", "Sally Chen")
    for typed, day in (("two weeks ago", "2026-02-28"), ("a fortnight ago", "2026-02-28"), ("now", "2026-03-14"),
                       ("three days ago", "2026-03-11"), ("last tues", "2026-03-10")):  # fmt: skip
        shown: Any = ref.json("touch", "sally", "--on", typed)
        assert shown["on"] == day, typed
    planned: Any = ref.json("schedule", "sally", "in two weeks")
    assert planned["on"] == "2026-03-28"


def test_moving_a_one_on_one_never_makes_two_on_one_day(ref: Ref) -> None:
    ref.ok("add-contact", "Tom Nguyen")
    ref.ok("schedule", "tom", "2026-04-03")
    ref.ok("schedule", "tom", "2026-04-05")  # no terminal: a second one, with a warning
    err = ref.fails(3, "schedule", "tom", "2026-04-05", "--move")
    assert "#2 with Tom Nguyen is already scheduled for 2026-04-05" in err and "ref meeting 1 --cancel" in err
    upcoming: Any = ref.json("meetings", "tom", "--upcoming")
    assert sorted(m["on"] for m in upcoming) == ["2026-04-03", "2026-04-05"]


def test_log_commands_paste_back_and_heard_keeps_what_they_said(ref: Ref) -> None:
    ref.ok("add-contact", "Sally Chen")
    ref.ok("add-contact", "Fred Okafor")
    ref.ok("note", "sally", "likes long walks")
    assert "note sally 'likes long walks'" in ref.ok("log")  # quotes kept: pasteable
    ref.ok("introduce", "sally", "fred")
    ref.ok("heard", "1", "fred", "--note", "met for coffee, going well")
    history: Any = ref.json("referral", "1")
    assert any("going well" in (e.get("detail") or "") for e in history["history"])


def test_impossible_dates_are_refused(ref: Ref) -> None:
    ref.ok("add-contact", "Sally Chen")
    assert "is before 1900" in ref.fails(3, "edit", "sally", "--met-on", "1850-01-01")
    assert "is before 1900" in ref.fails(3, "give", "sally", "a lead", "--on", "1885-03-01")
    assert "more than 10 years away" in ref.fails(3, "schedule", "sally", "2099-01-01")
    assert ref.json("show", "sally")["met_on"] is None  # type: ignore[index]


def test_cadence_all_lists_the_default_rhythm_too(ref: Ref) -> None:
    ref.ok("add-contact", "Priya Shah")
    ref.ok("touch", "priya", "--on", "2026-03-01")
    ref.ok("add-contact", "Omar Ali")
    ref.ok("cadence", "omar", "2w")
    listed: Any = ref.json("cadence", "--all")
    people = {p["contact"]: (p["rhythm"]["from"], p["next_due"]) for p in listed["people"]}
    assert people == {"priya": ("default", "2026-05-30"), "omar": ("own", "2026-03-14")}
    assert listed["more"] == 0
    shown: Any = ref.json("cadence", "priya")
    assert shown["next_due"] == "2026-05-30"
    assert "default" in ref.ok("cadence", "--all")


def test_a_negative_rhythm_is_refused_with_a_reason_not_a_usage_error(ref: Ref) -> None:
    ref.ok("add-contact", "Fred Okafor")
    assert "never negative: '-2w'" in ref.fails(3, "cadence", "fred", "-2w")
    assert "no such option: --tga" in ref.fails(3, "cadence", "fred", "--tga")
    assert ref.json("cadence", "fred")["rhythm"]["from"] == "default"  # type: ignore[index]  # nothing written


def test_stats_at_forty_columns_keeps_the_closed_business_as_lines(ref: Ref) -> None:
    import re

    ref.ok("add-contact", "Fred Okafor")
    ref.ok("give", "fred", "Kitchen", "--on", "2026-01-10")
    ref.ok("outcome", "1", "won", "--value", "3,200", "--on", "2026-02-01")
    narrow = {"REF_FORCE_TERMINAL": "1", "COLUMNS": "40", "NO_COLOR": "1"}
    out = ref("stats", env=narrow).out
    plain = re.sub(r"\x1b\[[0-9;]*m", "", out)
    assert "closed business (given; received):" in plain
    assert "2026-02  $3,200; $0" in plain and "2026  $3,200; $0" in plain
    assert max(len(line) for line in plain.splitlines()) <= 40, plain
    wide = re.sub(r"\x1b\[[0-9;]*m", "", ref("stats", env={**narrow, "COLUMNS": "120"}).out)
    assert "closed (given)" in wide and "closed business (given; received):" not in wide


def test_corrections_say_what_they_changed_from(ref: Ref) -> None:
    ref.ok("add-contact", "Zoe Park", "--birthday", "05-01")
    said = ref.ok("edit", "zoe", "--birthday", "05-02", "--company", "Park & Co")
    assert said.strip() == "updated Zoe Park (zoe): company (none) -> 'Park & Co'; birthday 05-01 -> 05-02"
    ref.ok("meet", "zoe", "--on", "2026-03-01")
    moved = ref.ok("meeting", "1", "--on", "2026-03-02")
    assert "corrected: moved from 2026-03-01 -> 2026-03-02" in moved
    assert "clear" in ref.ok("depth", "--help")
