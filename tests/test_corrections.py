"""Correcting what was recorded: notes, one-on-ones, referrals and reminders can each be
edited and deleted by id, with the same checks as recording them, and every view follows."""

from __future__ import annotations

from typing import Any

import pytest
from icalendar import Calendar

from conftest import TODAY, Ref


@pytest.fixture
def people(ref: Ref) -> Ref:
    ref.ok("add-contact", "Fred Okafor", "--business", "Kitchens")
    ref.ok("add-contact", "Dana Reyes", "--business", "Accounting")
    return ref


def test_notes_are_listed_with_ids_corrected_and_deleted(people: Ref) -> None:
    first: Any = people.json("note", "fred", "Sends a photo update every evening")
    people.ok("note", "fred", "Likes golf", "--on", "2026-03-01")
    listed: Any = people.json("notes", "fred")
    assert [n["text"] for n in listed["notes"]] == ["Sends a photo update every evening", "Likes golf"]
    assert people.ok("notes", "fred").splitlines()[1].startswith(f"{first['id']}\t")
    people.ok("note", "--edit", str(first["id"]), "Sends a photo update every night", "--on", "2026-03-10")
    shown: Any = people.json("show", "fred")
    assert shown["notes"][0] == {"id": first["id"], "on": "2026-03-10", "text": "Sends a photo update every night"}
    people.ok("note", "--delete", str(first["id"]))
    assert [n["text"] for n in people.json("show", "fred")["notes"]] == ["Likes golf"]  # type: ignore[index]
    assert "no note #999" in people.fails(3, "note", "--delete", "999")
    assert "cannot be empty" in people.fails(3, "note", "--edit", str(listed["notes"][1]["id"]), " ")
    assert "in the future" in people.fails(3, "note", "--edit", str(listed["notes"][1]["id"]), "--on", "2099-01-01")
    assert "only the note's id" in people.fails(3, "note", "--delete", "1", "fred")


def test_one_on_ones_show_ids_and_can_be_moved_corrected_cancelled_and_deleted(people: Ref) -> None:
    held: Any = people.json("meet", "fred", "--on", "2026-03-01", "--notes", "coffee")
    planned: Any = people.json("schedule", "fred", "2026-04-01")
    rows = [line.split("\t")[0] for line in people.ok("meetings").splitlines()[1:]]
    assert rows == [str(planned["id"]), str(held["id"])]
    people.ok("meeting", str(held["id"]), "--on", "2026-03-02", "--learned", "does decks", "--they-asked")
    one: Any = people.json("meeting", str(held["id"]))
    assert (one["on"], one["learned"], one["they_asked"], one["notes"]) == ("2026-03-02", "does decks", True, "coffee")
    assert people.json("show", "fred")["meetings"]["last_met"] == "2026-03-02"  # type: ignore[index]
    ics = Calendar.from_ical(people.ok("export", "--format", "ics"))
    assert any("2026-04-01" in str(e.get("dtstart").dt) for e in ics.walk("VEVENT"))
    assert "nothing to cancel" in people.fails(3, "meeting", str(held["id"]), "--cancel")
    assert "has passed" in people.fails(3, "meeting", str(planned["id"]), "--on", "2026-03-01")
    assert "in the future" in people.fails(3, "meeting", str(held["id"]), "--on", "2026-05-01")
    people.ok("meeting", str(planned["id"]), "--cancel")
    assert people.json("meetings", "--upcoming") == []
    ics = Calendar.from_ical(people.ok("export", "--format", "ics"))
    assert not any("2026-04-01" in str(e.get("dtstart").dt) for e in ics.walk("VEVENT"))
    people.ok("meeting", str(held["id"]), "--delete")
    assert people.json("show", "fred")["meetings"]["held"] == 0  # type: ignore[index]
    assert "no one-on-one #" in people.fails(3, "meeting", str(held["id"]))


def test_meet_warns_of_a_second_one_on_one_that_day_and_schedule_offers_to_move(people: Ref) -> None:
    people.ok("meet", "fred", "--on", "2026-03-01")
    again = people("meet", "fred", "--on", "2026-03-01")
    assert again.code == 0 and "already logged a one-on-one with them that day" in again.err
    people.ok("schedule", "dana", "2026-04-01")
    nearby = people("schedule", "dana", "2026-04-03")
    assert nearby.code == 0 and "is also scheduled, for 2026-04-01" in nearby.err
    moved: Any = people.json("schedule", "dana", "2026-04-05", "--move")
    assert moved["moved_from"] == "2026-04-01"
    assert sorted(m["on"] for m in people.json("meetings", "dana", "--upcoming")) == ["2026-04-03", "2026-04-05"]  # type: ignore[union-attr]


def test_a_referral_can_be_corrected_and_deleted_and_every_view_follows(people: Ref) -> None:
    people.ok("give", "fred", "Hartley & Co", "--on", "2026-03-01")
    people.ok("outcome", "1", "won", "--value", "6,000", "--on", "2026-03-05")
    assert [r["handle"] for r in people.json("balance")] == ["fred"]  # type: ignore[union-attr]
    people.ok("referral", "1", "--partner", "dana", "--prospect", "Hartley and Sons", "--on", "2026-02-27")
    r: Any = people.json("referral", "1")
    assert (r["partner"], r["prospect_name"], r["made_on"], r["status_on"]) == (
        "dana", "Hartley and Sons", "2026-02-27", "2026-03-05"
    )  # fmt: skip
    assert r["history"][-1]["kind"] == "corrected" and "partner fred -> dana" in r["history"][-1]["detail"]
    balance: Any = people.json("balance")
    assert [(b["handle"], b["given"], b["given_values"]) for b in balance] == [
        ("dana", 1, [{"currency": "USD", "value_minor": 600000}])
    ]
    people.ok("referral", "1", "--value", "7,500")
    r = people.json("referral", "1")
    assert (r["value_minor"], r["status_on"]) == (750000, "2026-03-05")  # the value alone moves no date
    assert "after its outcome" in people.fails(3, "referral", "1", "--on", "2026-03-10")
    assert "in the future" in people.fails(3, "referral", "1", "--on", "2099-01-01")
    assert "nothing to change" not in people.ok("referral", "1")  # no option: shows it
    people.ok("referral", "1", "--delete")
    assert people.json("referrals") == [] and people.json("balance") == []
    assert "no referral #1" in people.fails(3, "referral", "1")
    people.ok("undo")
    assert people.json("referral", "1")["value_minor"] == 750000  # type: ignore[index]


def test_a_received_referral_corrected_is_thanked_and_followed_up_for_the_right_person(people: Ref) -> None:
    people.ok("receive", "fred", "a kitchen job", "--on", "2026-03-01")
    assert any("fred" in str(item) for item in people.json("followups"))  # type: ignore[union-attr]
    people.ok("referral", "1", "--partner", "dana")
    items = str(people.json("followups"))
    assert "dana" in items and "'fred'" not in items
    people.ok("thank", "dana")
    assert people.json("referral", "1")["thanked_on"] == TODAY  # type: ignore[index]


def test_reminders_are_listed_corrected_and_deleted(people: Ref) -> None:
    people.ok("remind", "fred", "send the article", "--on", "+2d")
    people.ok("remind", "call the bank")
    listed: Any = people.json("reminders")
    assert [r["text"] for r in listed] == ["call the bank", "send the article"]
    people.ok("reminder", "remind-2", "--about", "dana", "--on", "+1d", "--text", "call Dana's bank")
    assert people.json("reminders")[0] == {  # type: ignore[index]
        "id": 2, "text": "call Dana's bank", "due_on": "2026-03-15", "done_on": None, "contact": "dana",
        "name": "Dana Reyes",
    }  # fmt: skip
    people.ok("reminder", "1", "--delete")
    assert [r["id"] for r in people.json("reminders")] == [2]  # type: ignore[union-attr]
    assert "not a reminder id" in people.fails(3, "reminder", "abc", "--delete")
    assert "nothing to change" in people.fails(3, "reminder", "2")


def test_add_contact_warns_of_someone_already_known(people: Ref) -> None:
    people.ok("edit", "fred", "--email", "fred@okafor.example", "--phone", "+1 555 0102")
    outcome = people("add-contact", "F. Okafor", "--email", "FRED@okafor.example", "--handle", "fo")
    assert outcome.code == 0
    assert "warning: email FRED@okafor.example already belongs to Fred Okafor (fred)" in outcome.err
    assert "ref merge" in outcome.err
    assert "already belongs to Fred Okafor" in people("add-contact", "Freddy", "--phone", "+1 (555) 0102").err
    people.ok("add-contact", "Zoë Adams")
    assert "accents and apostrophes aside" in people("add-contact", "Zoe Adams").err
    assert people("add-contact", "Sally Chen").err == ""
    assert len(people.json("contacts")) == 7  # type: ignore[arg-type]


def test_won_again_needs_force_and_a_value_alone_keeps_the_date(people: Ref) -> None:
    people.ok("give", "fred", "Hartley & Co", "--on", "2026-03-01")
    people.ok("outcome", "1", "won", "--value", "6,000", "--on", "2026-03-05")
    people.ok("outcome", "1", "won", "--value", "6,500")
    r: Any = people.json("referral", "1")
    assert (r["value_minor"], r["status_on"]) == (650000, "2026-03-05")
    assert "already won (on 2026-03-05)" in people.fails(3, "outcome", "1", "won")
    people.ok("outcome", "1", "won", "--force", "--treated", "5")
    assert people.json("referral", "1")["status_on"] == "2026-03-05"  # type: ignore[index]
    people.ok("outcome", "1", "won", "--force", "--on", "2026-03-07")
    assert people.json("referral", "1")["status_on"] == "2026-03-07"  # type: ignore[index]


def test_a_link_recorded_by_mistake_can_be_removed(people: Ref) -> None:
    people.ok("knows", "fred", "dana")
    assert [x["handle"] for x in people.json("network", "fred")["they_know"]] == ["dana"]  # type: ignore[index]
    people.ok("knows", "fred", "dana", "--remove")
    assert people.json("network", "fred")["they_know"] == []  # type: ignore[index]
    assert "not recorded as knowing" in people.fails(3, "knows", "fred", "dana", "--remove")


def test_goals_and_traits_can_be_corrected(people: Ref) -> None:
    goal: Any = people.json("goal", "fred", "add", "Open a showrom")
    people.ok("goal", "fred", "edit", str(goal["id"]), "--text", "Open a showroom", "--personal")
    goals: Any = people.json("goal", "fred")
    assert [(g["text"], g["kind"]) for g in goals] == [("Open a showroom", "personal")]
    assert "nothing to change" in people.fails(3, "goal", "fred", "edit", str(goal["id"]))
    assert "has no goal #99" in people.fails(3, "goal", "fred", "edit", "99", "--text", "x")
    trait: Any = people.json("trait", "fred", "minus", "Always late")
    people.ok("trait", "fred", "edit", str(trait["id"]), "--kind", "dealbreaker")
    assert people.json("show", "fred")["dealbreaker"] is True  # type: ignore[index]
    assert "unknown trait kind" in people.fails(3, "trait", "fred", "edit", str(trait["id"]), "--kind", "meh")


def test_things_that_happened_refuse_the_future_and_plans_refuse_the_past(people: Ref) -> None:
    people.ok("receive", "fred", "a job", "--on", "2026-03-01")
    people.ok("give", "dana", "a lead", "--on", "2026-03-01")
    for args in (
        ("thank", "fred", "--on", "tomorrow"),
        ("outcome", "2", "won", "--on", "in 3 days"),
        ("heard", "2", "dana", "--on", "next week"),
        ("note", "fred", "later", "--on", "+1d"),
        ("add-contact", "Zed", "--met-on", "in 2 weeks"),
    ):
        err = people.fails(3, *args)
        assert "is in the future: this records something that already happened" in err, args
    assert "has passed" in people.fails(3, "remind", "fred", "call", "--on", "3 weeks ago")
    assert "has passed" in people.fails(3, "schedule", "fred", "-3w")  # a date, not an unknown option
    planned: Any = people.json("schedule", "fred", "March 1")  # said on 2026-03-14: next March
    assert planned["on"] == "2027-03-01"
    held: Any = people.json("meet", "dana", "--on", "December 3")  # last December
    assert people.json("meeting", str(held["id"]))["on"] == "2025-12-03"  # type: ignore[index]


def test_done_on_a_thank_you_records_the_thanks_so_balance_and_followups_agree(people: Ref) -> None:
    people.ok("receive", "fred", "a kitchen job", "--on", "2026-03-01")
    assert any(i["id"] == "thank-1" for i in people.json("followups"))  # type: ignore[union-attr]
    assert people.json("balance", "fred")["signal"] == "thank"  # type: ignore[index]
    outcome = people("done", "thank-1", "--notes", "sent a card")
    assert outcome.code == 0 and "recorded as a thank-you" in outcome.err
    r: Any = people.json("referral", "1")
    assert (r["thanked_on"], r["thanked_how"]) == (TODAY, "sent a card")
    assert people.json("balance", "fred")["signal"] != "thank"  # type: ignore[index]
    assert not any(i["id"] == "thank-1" for i in people.json("followups", "--all"))  # type: ignore[union-attr]


def test_a_talk_about_balance_can_be_corrected_and_deleted(people: Ref) -> None:
    people.ok("give", "fred", "a lead", "--on", "2026-03-01")
    people.ok("talked", "fred", "--notes", "fine", "--on", "2026-03-10")
    talks: Any = people.json("balance", "fred")
    talk = talks["conversations"][0]
    assert f"[{talk['id']}] 2026-03-10" in people.ok("balance", "fred")
    people.ok("conversation", str(talk["id"]), "--on", "2026-03-09", "--notes", "said he would try")
    assert people.json("balance", "fred")["conversations"] == [  # type: ignore[index]
        {"id": talk["id"], "on": "2026-03-09", "notes": "said he would try"}
    ]
    assert "in the future" in people.fails(3, "conversation", str(talk["id"]), "--on", "2099-01-01")
    people.ok("conversation", str(talk["id"]), "--delete")
    assert people.json("balance", "fred")["conversations"] == []  # type: ignore[index]


def test_stats_and_depth_follow_corrections(people: Ref) -> None:
    people.ok("receive", "fred", "a job", "--on", "2026-03-01")
    people.ok("outcome", "1", "won", "--value", "1,000", "--on", "2026-03-02")
    before: Any = people.json("stats")
    people.ok("referral", "1", "--value", "2,500")
    after: Any = people.json("stats")
    assert before != after and "250000" in str(after) and "250000" not in str(before)
    for day in ("2026-01-10", "2026-02-10", "2026-03-10"):
        people.ok("meet", "fred", "--on", day)
    held = [m["id"] for m in people.json("meetings", "fred")]  # type: ignore[union-attr]
    points = {p["item"]: p for p in people.json("depth", "fred")["points"]}  # type: ignore[index]
    for meeting_id in held:
        people.ok("meeting", str(meeting_id), "--delete")
    again = {p["item"]: p for p in people.json("depth", "fred")["points"]}  # type: ignore[index]
    assert points[11]["reason"] != again[11]["reason"] and "0 one-on-ones" in str(again[11]["reason"])


def test_a_family_member_can_be_renamed_and_corrected(people: Ref) -> None:
    people.ok("family", "fred", "add", "Ada", "--relation", "son")
    people.ok("family", "fred", "add", "Ben")
    people.ok("family", "fred", "edit", "ada", "--rename", "Ada Okafor", "--relation", "daughter")
    family: Any = people.json("family", "fred")
    assert [(f["name"], f["relation"]) for f in family] == [("Ada Okafor", "daughter"), ("Ben", None)]
    assert "already recorded" in people.fails(3, "family", "fred", "edit", "Ben", "--rename", "ada okafor")
    assert "nothing to change" in people.fails(3, "family", "fred", "edit", "Ben")
