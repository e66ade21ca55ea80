"""Keeping in touch: rhythms per person and per tag (`ref cadence`), light touches (`ref touch`),
birthdays and anniversaries, all through the CLI. REF_TODAY is 2026-03-14 unless a test says
otherwise. The rhythm follow-ups are checked against an independent model of their definition."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import Ref, squash, wipe_all

TODAY = date(2026, 3, 14)


@pytest.fixture
def net(ref: Ref) -> Ref:
    for name in ("Sally Chen", "Fred Okafor", "Tom Becker"):
        ref.ok("add-contact", name)
    return ref


def followups(ref: Ref, *args: str, today: str | None = None) -> dict[str, dict[str, Any]]:
    found: Any = ref.json("followups", *args, env={"REF_TODAY": today} if today else None)
    return {i["id"]: i for i in found}


# --- rhythms ----------------------------------------------------------------------------------


def test_a_two_week_rhythm_called_twenty_days_ago_is_due_until_a_touch(net: Ref) -> None:
    net.ok("touch", "fred", "--via", "call", "--on", "20 days ago", "--note", "asked about the showroom")
    assert "meet-fred" not in followups(net)  # 20 days is within the default 90
    net.ok("cadence", "fred", "2w")
    item = followups(net)["meet-fred"]
    assert item["due_on"] == "2026-03-08" and item["urgency"] == "overdue"
    assert (
        item["text"] == "Time to be in touch with Fred, every 2 weeks (their rhythm): last in touch 2026-02-22 (call)"
    )
    assert item["why"] == {
        "rhythm": {"days": 14, "every": "every 2 weeks", "from": "own", "tag": None},
        "last_in_touch": "2026-02-22",
        "last_how": "call",
    }
    made: Any = net.json("touch", "fred", "--via", "email")
    assert made["via"] == "email" and made["on"] == "2026-03-14" and made["contact"] == "fred"
    assert "meet-fred" not in followups(net)
    assert followups(net, today="2026-03-28")["meet-fred"]["due_on"] == "2026-03-28"


def test_a_tag_rhythm_applies_to_everyone_tagged_and_their_own_overrides_it(net: Ref) -> None:
    net.ok("tag", "sally", "bni")
    net.ok("tag", "fred", "bni", "clients")
    said = net.ok("cadence", "--tag", "BNI", "1m")
    assert "tag bni: every month (2 people" in said
    due = followups(net, "--all")
    assert due["meet-sally"]["due_on"] == due["meet-fred"]["due_on"] == "2026-03-14"  # never in touch: due now
    assert "no contact recorded yet" in due["meet-sally"]["text"] and "meet-tom" not in due
    net.ok("meet", "sally", "--on", "2026-03-01")
    net.ok("meet", "fred", "--on", "2026-03-01")
    net.ok("cadence", "--tag", "clients", "3w")  # the shortest of their tags wins
    due = followups(net, "--all")
    assert due["meet-fred"]["due_on"] == "2026-03-22" and due["meet-fred"]["why"]["rhythm"]["tag"] == "clients"
    assert due["meet-sally"]["due_on"] == "2026-03-31"
    net.ok("cadence", "fred", "6m")  # their own beats their tags'
    assert followups(net, "--all")["meet-fred"]["due_on"] == "2026-08-28"
    net.ok("cadence", "fred", "off")
    assert "meet-fred" not in followups(net, "--all")
    net.ok("cadence", "fred", "default")  # back to the tags' rhythm
    assert followups(net, "--all")["meet-fred"]["due_on"] == "2026-03-22"
    net.ok("cadence", "--tag", "clients", "default")
    net.ok("cadence", "--tag", "bni", "off")  # a tag set to off sets no rhythm: no one is due
    assert "meet-fred" not in followups(net, "--all") and "meet-sally" not in followups(net, "--all")


def test_cadence_lists_who_has_which_rhythm_and_when_each_is_due(net: Ref) -> None:
    net.ok("tag", "sally", "bni")
    net.ok("cadence", "--tag", "bni", "30d")
    net.ok("cadence", "fred", "2w")
    net.ok("touch", "fred", "--on", "2026-03-10", "--via", "message")
    listed: Any = net.json("cadence")
    assert listed["default"] == {"days": 90, "every": "every 3 months", "from": "default", "tag": None}
    assert listed["tags"] == [{"tag": "bni", "days": 30, "every": "every month", "people": 1}]
    assert [(p["contact"], p["next_due"], p["last_in_touch"]) for p in listed["people"]] == [
        ("sally", "2026-03-14", None),
        ("fred", "2026-03-24", "2026-03-10"),
    ]
    one: Any = net.json("cadence", "fred")
    assert one["rhythm"]["from"] == "own" and one["next_due"] == "2026-03-24" and one["last_how"] == "message"
    text = squash(net.ok("cadence", env={"COLUMNS": "60"}))
    assert "sally every month" in text and "fred every 2 weeks" in text
    shown = squash(net.ok("show", "fred"))
    assert "in touch every 2 weeks (their own), last 2026-03-10 (message), next due 2026-03-24" in shown


def test_cadence_lists_the_soonest_due_first_and_says_how_many_more(ref: Ref) -> None:
    """A long list shows the first 50 (or --limit N) soonest due; --all shows everyone. The
    order is worked out here from each person's rhythm and last contact."""
    people = {  # handle: (rhythm, last touch or None, archived)
        "ann": ("2w", "2026-03-01", False),  # due 03-15
        "bob": ("1w", "2026-03-10", False),  # due 03-17
        "cat": ("30d", None, False),  # never in touch: due today
        "dan": ("off", "2026-03-01", False),  # no rhythm: listed last
        "eve": (None, "2026-03-02", False),  # tag bni, 30 days: due 04-01
        "fay": ("2w", "2026-02-01", True),  # due 02-15, archived
    }
    ref.ok("cadence", "--tag", "bni", "30d")
    for handle, (rhythm, touched, archived) in people.items():
        ref.ok("add-contact", handle.title(), "--tag", "bni" if rhythm is None else "other")
        if rhythm:
            ref.ok("cadence", handle, rhythm)
        if touched:
            ref.ok("touch", handle, "--via", "call", "--on", touched)
        if archived:
            ref.ok("archive", handle)
    every = {"1w": 7, "2w": 14, "30d": 30, None: 30}

    def due(handle: str) -> str | None:
        rhythm, touched, _ = people[handle]
        if rhythm == "off":
            return None
        if touched is None:
            return TODAY.isoformat()
        return (date.fromisoformat(touched) + timedelta(days=every[rhythm])).isoformat()

    expected = sorted(people, key=lambda h: (due(h) is None, due(h) or "", h))
    assert expected == ["fay", "cat", "ann", "bob", "eve", "dan"]
    everyone: Any = ref.json("cadence", "--all")
    assert [(p["contact"], p["next_due"]) for p in everyone["people"]] == [(h, due(h)) for h in expected]
    assert everyone["more"] == 0 and everyone["people"][0]["archived"] is True
    first: Any = ref.json("cadence", "--limit", "3")
    assert [p["contact"] for p in first["people"]] == expected[:3] and first["more"] == 3
    assert first["tags"] == [{"tag": "bni", "days": 30, "every": "every month", "people": 1}]
    shown = ref("cadence", "--limit", "3")
    listed = [line.split("\t")[0] for line in shown.out.splitlines() if "\t" in line][1:]  # after the header
    assert listed == expected[:3] and "and 3 people more: ref cadence --all" in shown.err


@pytest.mark.parametrize(
    "args, wrong",
    [
        (["cadence", "fred", "fortnightly"], "'fortnightly' is not a rhythm"),
        (["cadence", "fred", "0d"], "'0d' is not a rhythm"),
        (["cadence", "fred", "11y"], "at most 10 years"),
        (["cadence", "--tag", "bni"], "how often for tag bni?"),
        (["cadence", "nobody", "2w"], "nobody"),
    ],
)
def test_cadence_refuses_what_it_cannot_understand(net: Ref, args: list[str], wrong: str) -> None:
    outcome = net(*args)
    assert outcome.code != 0 and wrong in outcome.err and outcome.err.count("\n") == 1, outcome
    assert net.json("cadence")["people"] == []  # type: ignore[index]


# --- touches ----------------------------------------------------------------------------------


def test_touches_are_listed_corrected_removed_logged_and_undone(net: Ref) -> None:
    first: Any = net.json("touch", "add", "fred", "--via", "call", "--on", "2026-03-01", "--note", "quote for Acme")
    net.ok("touch", "sally", "--via", "event", "--on", "2026-03-05")
    listed: Any = net.json("touch", "list")
    assert [(t["contact"], t["via"], t["on"]) for t in listed] == [
        ("sally", "event", "2026-03-05"),
        ("fred", "call", "2026-03-01"),
    ]
    assert [t["id"] for t in net.json("touch", "list", "fred")] == [first["id"]]  # type: ignore[union-attr]
    fixed: Any = net.json("touch", "edit", str(first["id"]), "--via", "email", "--note", "")
    assert fixed["via"] == "email" and fixed["note"] is None and fixed["on"] == "2026-03-01"
    assert net.json("search", "acme")["people"] == []  # type: ignore[index]
    assert f"changed touch #{first['id']}" in net.ok("log")
    net.ok("undo", "--yes")  # the correction
    assert net.json("touch", "list", "fred")[0]["note"] == "quote for Acme"  # type: ignore[index]
    found: Any = net.json("search", "acme")
    assert [(p["contact"], p["hits"][0]["source"]) for p in found["people"]] == [("fred", "touch")]
    gone: Any = net.json("touch", "remove", str(first["id"]))
    assert gone["contact"] == "fred" and gone["via"] == "call"
    assert net.json("touch", "list", "fred") == []
    assert net.ok("db", "check").startswith("ok")


@pytest.mark.parametrize(
    "args, wrong",
    [
        (["touch", "fred", "--via", "pigeon"], "--via 'pigeon' is not a kind of touch"),
        (["touch", "fred", "--on", "tomorrow"], "is in the future"),
        (["touch", "edit", "99", "--via", "call"], "no touch #99"),
        (["touch", "remove", "99"], "no touch #99"),
        (["touch", "edit", "1"], "nothing to change"),
        (["touch", "fred", "call"], "unknown action 'call'"),
    ],
)
def test_touch_refuses_bad_input_and_writes_nothing(net: Ref, args: list[str], wrong: str) -> None:
    net.ok("touch", "tom", "--on", "2026-03-01")
    outcome = net(*args)
    assert outcome.code != 0 and wrong in outcome.err and outcome.err.count("\n") == 1, outcome
    assert [t["contact"] for t in net.json("touch", "list")] == ["tom"]  # type: ignore[union-attr]


# --- every kind of contact restarts a rhythm: against an independent model ----------------------

PEOPLE = ("ann", "bob", "cat")
START = date(2025, 9, 1)
kinds = st.sampled_from(["touch", "meet", "give", "receive", "introduce", "met", "heard"])
events = st.lists(
    st.tuples(kinds, st.sampled_from(PEOPLE), st.sampled_from(PEOPLE), st.integers(0, (TODAY - START).days)),
    max_size=7,
)
rhythm = st.sampled_from([None, "off", "14", "30", "120"])


def model_due(plan: dict[str, Any]) -> dict[str, date]:
    """When each person is next due, from the definition in the guide: their own rhythm, else the
    shortest of their tags' (off only when no tag sets one), else 90 days; counted from the latest
    contact of any kind (thank-you, the day you met and a report back included), or today for a
    rhythm never yet kept."""
    last: dict[str, date] = {}
    met: dict[str, date] = {}  # the day you met: the last one set counts (an edit replaces it)
    for kind, a, b, offset, later in plan["done"]:
        day = START + timedelta(days=offset)
        if kind == "met":
            met[a] = day
            continue
        involved = [a, b] if kind in ("introduce", "heard") else [a]
        for who in involved:
            last[who] = max(last.get(who, day), day)
        if later is not None:  # the thank-you (receive), or the report back (heard, from b)
            who = b if kind == "heard" else a
            last[who] = max(last[who], START + timedelta(days=later))
    for who, day in met.items():
        last[who] = max(last.get(who, day), day)
    due = {}
    for who in PEOPLE:
        own, tagged = plan["own"][who], who in plan["tagged"] and plan["tag"] is not None
        if own is not None:
            days = 0 if own == "off" else int(own)
        elif tagged:
            days = 0 if plan["tag"] == "off" else int(plan["tag"])
        elif who in last:
            days = 90
        else:
            continue
        if days:
            due[who] = last[who] + timedelta(days=days) if who in last else TODAY
    return due


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    done=events,
    own=st.fixed_dictionaries({p: rhythm for p in PEOPLE}),
    tag=rhythm,
    tagged=st.sets(st.sampled_from(PEOPLE)),
    thank=st.booleans(),
)
def test_every_kind_of_contact_restarts_a_rhythm(
    ref: Ref, query: Any, done: list[Any], own: dict[str, Any], tag: Any, tagged: set[str], thank: bool
) -> None:
    ref.ok("contacts")
    wipe_all(query)
    for who in PEOPLE:
        ref.ok("add-contact", who.title(), "--handle", who, *(["--tag", "bni"] if who in tagged else []))
    recorded = []
    for kind, a, b, offset in done:
        if kind in ("introduce", "heard") and a == b:
            continue
        on = (START + timedelta(days=offset)).isoformat()
        thanked = None
        if kind == "touch":
            ref.ok("touch", a, "--via", "call", "--on", on)
        elif kind == "meet":
            if ref("meet", a, "--on", on).code != 0:  # one one-on-one a day with a person
                continue
        elif kind == "give":
            ref.ok("give", a, "a lead", "--on", on)
        elif kind == "receive":
            ref.ok("receive", a, "a job", "--on", on)
            if thank:
                thanked = min(offset + 3, (TODAY - START).days)
                ref.ok("thank", a, "--on", (START + timedelta(days=thanked)).isoformat())
        elif kind == "met":
            ref.ok("edit", a, "--met-on", on)
        elif kind == "heard":
            made: Any = ref.json("introduce", a, b, "--on", on)
            thanked = min(offset + 5, (TODAY - START).days)  # b reports back five days later
            ref.ok("heard", str(made["id"]), b, "--on", (START + timedelta(days=thanked)).isoformat())
        else:
            ref.ok("introduce", a, b, "--on", on)
        recorded.append((kind, a, b, offset, thanked))
    for who, every in own.items():
        if every is not None:
            ref.ok("cadence", who, every)
    if tag is not None:
        ref.ok("cadence", "--tag", "bni", tag)
    expected = model_due({"done": recorded, "own": own, "tag": tag, "tagged": tagged})
    got = {
        k.removeprefix("meet-"): date.fromisoformat(v["due_on"])
        for k, v in followups(ref, "--all").items()
        if v["kind"] == "meet"
    }
    assert got == expected


# --- birthdays and anniversaries --------------------------------------------------------------


@pytest.mark.parametrize(
    "typed, stored",
    [
        ("1986-04-15", "1986-04-15"),
        ("19860415", "1986-04-15"),
        ("04-15", "--04-15"),
        ("--04-15", "--04-15"),
        ("--0415", "--04-15"),
        ("April 15", "--04-15"),
        ("15 Apr 1986", "1986-04-15"),
        ("02-29", "--02-29"),
    ],
)
def test_a_birthday_is_understood_in_every_form(net: Ref, typed: str, stored: str) -> None:
    net.ok("edit", "fred", "--birthday", typed)
    assert net.json("show", "fred")["birthday"] == stored  # type: ignore[index]


@pytest.mark.parametrize("typed", ["02-30", "13-01", "1986-02-29", "next week", "2999-01-01", "1986-04"])
def test_a_birthday_that_is_no_day_is_refused(net: Ref, typed: str) -> None:
    net.ok("edit", "fred", "--birthday", "1986-04-15")
    err = net.fails(3, "edit", "fred", "--birthday", typed)
    assert "--birthday" in err and "YYYY-MM-DD" in err
    assert net.json("show", "fred")["birthday"] == "1986-04-15"  # type: ignore[index]


@pytest.mark.parametrize(
    "today, stored, expected",
    [
        ("2026-04-08", "1986-04-15", ("2026-04-15", "Fred's birthday on Wednesday 2026-04-15 (turns 40)")),
        ("2026-04-07", "1986-04-15", None),  # eight days before: outside the 7-day notice
        ("2026-04-15", "--04-15", ("2026-04-15", "Fred's birthday today")),
        ("2026-04-16", "--04-15", None),  # the day after: next year's
        ("2026-12-28", "1990-01-02", ("2027-01-02", "Fred's birthday on Saturday 2027-01-02 (turns 37)")),
        ("2027-02-22", "--02-29", ("2027-02-28", "Fred's birthday on Sunday 2027-02-28")),  # no 29th in 2027
        ("2028-02-22", "--02-29", ("2028-02-29", "Fred's birthday on Tuesday 2028-02-29")),
        ("2027-02-21", "--02-29", ("2027-02-28", "Fred's birthday on Sunday 2027-02-28")),
        ("2027-03-01", "--02-29", None),
    ],
)
def test_birthdays_come_up_within_the_notice_window(
    net: Ref, today: str, stored: str, expected: tuple[str, str] | None
) -> None:
    net.ok("edit", "fred", "--birthday", stored)
    due = followups(net, today=today)
    if expected is None:
        assert "birthday-fred" not in due
    else:
        assert (due["birthday-fred"]["due_on"], due["birthday-fred"]["text"]) == expected


def test_anniversaries_family_birthdays_and_the_notice_setting(net: Ref) -> None:
    net.ok("edit", "sally", "--anniversary", "2016-03-20")
    net.ok("family", "add", "fred", "Emma", "--relation", "daughter", "--birthday", "2019-03-17")
    due = followups(net)
    assert due["anniversary-sally"]["text"] == "Sally's anniversary on Friday 2026-03-20 (10 years)"
    family = next(v for k, v in due.items() if k.startswith("birthday-fred-"))
    assert family["text"] == "Fred's daughter Emma: birthday on Tuesday 2026-03-17 (turns 7)"
    net.ok("done", family["id"])
    assert family["id"] not in followups(net)
    net.ok("config", "birthday_notice_days", "2")
    assert "anniversary-sally" not in followups(net)
    assert family["id"] in followups(net, today="2027-03-16")  # next year's comes back
    net.ok("family", "edit", "fred", "Emma", "--birthday", "")
    assert net.json("family", "list", "fred")[0]["birthday"] is None  # type: ignore[index]
    net.ok("archive", "sally")
    assert "anniversary-sally" not in followups(net, "--as-of", "2026-03-19")


def test_why_explains_the_order_of_two_items(net: Ref) -> None:
    net.ok("receive", "sally", "a kitchen job", "--on", "2026-03-10")
    net.ok("cadence", "fred", "1w")
    net.ok("touch", "fred", "--on", "2026-03-03")  # due 2026-03-10 too: the same day as the thank-you
    listed: Any = net.json("followups")
    assert [i["id"] for i in listed][:2] == ["thank-1", "meet-fred"]
    assert listed[0]["priority"] < listed[1]["priority"]
    text = squash(net.ok("followups", "--why", env={"COLUMNS": "200"}))
    assert "why: 4 days late (2026-03-10); a thank-you owed: kind rank 1 of 8" in text
    assert (
        "why: 4 days late (2026-03-10); a rhythm: kind rank 8 of 8; rhythm every week (their own), "
        "last in touch 2026-03-03" in text
    )
    assert text.index("thank-1") < text.index("meet-fred")


def test_show_says_birthdays_and_the_rhythm_in_words(net: Ref) -> None:
    net.ok("edit", "fred", "--birthday", "1986-04-15", "--anniversary", "06-30")
    net.ok("family", "add", "fred", "Emma", "--relation", "daughter", "--birthday", "2019-03-17")
    shown = squash(net.ok("show", "fred", env={"COLUMNS": "200"}))
    assert "birthday 1986-04-15 (next 2026-04-15, turns 40)" in shown
    assert "anniversary 06-30 (next 2026-06-30)" in shown
    assert "Emma (daughter), not met yet, birthday 2019-03-17" in shown
    # Never in touch and on the default rhythm: nothing is due yet (followups agrees).
    assert "in touch every 3 months (the default), no contact recorded" in shown and "next due" not in shown
    assert "meet-fred" not in followups(net, "--all")
    assert "Emma (daughter) not met yet birthday 2019-03-17" in squash(net.ok("family", "list", "fred"))
