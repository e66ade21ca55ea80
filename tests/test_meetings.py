"""One-on-ones: logging, scheduling, and listing them (REF_TODAY is 2026-03-14)."""

from __future__ import annotations

from typing import Any

from conftest import Ref, squash


def test_meet_logs_a_one_on_one_with_everything(ref: Ref) -> None:
    ref.ok("add-contact", "Fred Smith")
    out = ref.ok(
        "meet", "fred", "--on", "2026-03-10", "--where", "Cafe Luna", "--notes", "Good chat",
        "--learned", "Wants commercial jobs", "--they-asked", "--i-asked", "--next", "+4w",
    )  # fmt: skip
    assert "logged a one-on-one with Fred Smith (fred) on 2026-03-10; next one scheduled for 2026-04-11" in out
    rows: Any = ref.json("meetings")
    assert [(r["on"], r["status"]) for r in rows] == [("2026-04-11", "scheduled"), ("2026-03-10", "held")]
    held = rows[1]
    assert held["where"] == "Cafe Luna" and held["notes"] == "Good chat" and held["learned"] == "Wants commercial jobs"
    assert held["they_asked"] is True and held["i_asked"] is True and held["contact"] == "fred"


def test_meet_defaults_to_today_and_unknown_reciprocity(ref: Ref) -> None:
    ref.ok("add-contact", "Fred")
    ref.ok("meet", "fred")
    row: Any = ref.json("meetings", "fred")[0]  # type: ignore[index]
    assert row["on"] == "2026-03-14" and row["they_asked"] is None and row["i_asked"] is None


def test_meet_refuses_the_future_and_next_before_on(ref: Ref) -> None:
    ref.ok("add-contact", "Fred")
    err = ref.fails(3, "meet", "fred", "--on", "tomorrow")
    assert "in the future" in err and "ref schedule" in err
    assert "not after" in ref.fails(3, "meet", "fred", "--on", "2026-03-10", "--next", "2026-03-01")
    assert "not after" in ref.fails(3, "meet", "fred", "--on", "2026-03-10", "--next", "2026-03-10")
    assert "YYYY-MM-DD" in ref.fails(3, "meet", "fred", "--on", "03/04/2026")
    assert ref.json("meetings") == []


def test_a_scheduled_meeting_becomes_held_when_logged_near_its_date(ref: Ref) -> None:
    ref.ok("add-contact", "Fred")
    assert "scheduled one-on-one #1 with Fred (fred) on 2026-03-16" in ref.ok(
        "schedule", "fred", "monday", "--where", "Office"
    )
    assert "already scheduled" in ref.ok("schedule", "fred", "2026-03-16")
    ref.ok("schedule", "fred", "+6w")
    out = ref.ok("meet", "fred", env={"REF_TODAY": "2026-03-17"})
    assert "(it was on your schedule)" in out
    rows: Any = ref.json("meetings", env=None)
    held = [r for r in rows if r["status"] == "held"]
    assert len(rows) == 2 and len(held) == 1
    assert held[0]["on"] == "2026-03-17" and held[0]["where"] == "Office"


def test_schedule_refuses_the_past(ref: Ref) -> None:
    ref.ok("add-contact", "Fred")
    err = ref.fails(3, "schedule", "fred", "yesterday")
    assert "has passed" in err and "ref meet fred --on 2026-03-13" in err


def test_meetings_filters(ref: Ref) -> None:
    ref.ok("add-contact", "Fred")
    ref.ok("add-contact", "Sally")
    ref.ok("meet", "fred", "--on", "2026-01-05")
    ref.ok("meet", "sally", "--on", "2026-03-01")
    ref.ok("schedule", "sally", "2026-03-20")
    ref.ok("schedule", "fred", "2026-04-20")
    assert [r["on"] for r in ref.json("meetings", "--upcoming")] == ["2026-03-20", "2026-04-20"]  # type: ignore[attr-defined]
    assert [r["on"] for r in ref.json("meetings", "--since", "2026-02-01")] == [  # type: ignore[attr-defined]
        "2026-04-20",
        "2026-03-20",
        "2026-03-01",
    ]
    assert {r["contact"] for r in ref.json("meetings", "fred")} == {"fred"}  # type: ignore[attr-defined]
    table = ref.ok("meetings")
    assert table.splitlines()[0].startswith("id\ton\twith\tstatus")  # ids: what `ref meeting ID` takes
    assert "scheduled, not logged" in ref.ok("meetings", env={"REF_TODAY": "2026-05-01"})


def test_show_has_meetings_and_reciprocity(ref: Ref) -> None:
    ref.ok("add-contact", "Fred")
    ref.ok("meet", "fred", "--on", "2026-01-05", "--they-asked")
    ref.ok("meet", "fred", "--on", "2026-02-05", "--they-did-not-ask", "--learned", "Loves old houses")
    ref.ok("meet", "fred", "--on", "2026-03-05")
    ref.ok("schedule", "fred", "2026-04-01")
    p: Any = ref.json("show", "fred")
    m = p["meetings"]
    assert m["held"] == 3 and m["last_met"] == "2026-03-05" and m["next_on"] == "2026-04-01"
    assert m["reciprocity"] == "asked about your business in 1 of 2 one-on-ones"
    out = squash(ref.ok("show", "fred"))
    assert "one-on-ones 3 held, last 2026-03-05, next 2026-04-01" in out
    assert "asked about your business in 1 of 2 one-on-ones" in out
    assert "2026-02-05 one-on-one: Loves old houses" in out
