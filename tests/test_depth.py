"""The 14-point depth of a relationship: derived from data (checked against REF_TODAY)
and answered by you."""

from __future__ import annotations

from typing import Any

from conftest import Ref, squash


def points(result: Any) -> dict[int, tuple[object, object]]:
    return {p["item"]: (p["answer"], p["source"]) for p in result["points"]}


def test_nothing_known_is_surface_with_a_next_step(ref: Ref) -> None:
    ref.ok("add-contact", "Fred")
    result: Any = ref.json("depth", "fred")
    assert result["score"] == 0 and result["level"] == "surface"
    assert points(result)[3] == (None, None)  # when you met is unknown
    assert points(result)[4] == (False, "data")
    assert result["next_step"] == "schedule your next one-on-one: ref schedule fred DATE"


def test_each_derived_point(ref: Ref) -> None:
    ref.ok("add-contact", "Fred", "--met-on", "2025-03-14", "--offers", "a, b, c")
    for i in range(5):
        ref.ok("goal", "fred", "add", f"goal {i}")
    ref.ok("family", "fred", "add", "Mei", "--met")
    ref.ok("meet", "fred", "--on", "2025-06-01", "--they-asked", "--i-asked")
    ref.ok("meet", "fred", "--on", "2025-10-01")
    ref.ok("meet", "fred", "--on", "2026-02-01")
    ref.ok("schedule", "fred", "2026-04-01")
    result: Any = ref.json("depth", "fred")
    p = points(result)
    for item in (3, 4, 5, 6, 7, 11):
        assert p[item] == (True, "data"), item
    assert result["score"] == 6 and result["level"] == "growing"
    # A day earlier than a year since met_on: point 3 is not yet true.
    early: Any = ref.json("depth", "fred", env={"REF_TODAY": "2026-03-13"})
    assert points(early)[3] == (False, "data")
    # A year later the meetings are stale and the goals belong to last year.
    later: Any = ref.json("depth", "fred", env={"REF_TODAY": "2027-03-14"})
    assert points(later)[7] == (False, "data") and points(later)[11] == (False, "data")


def test_thresholds_are_exact(ref: Ref) -> None:
    ref.ok("add-contact", "Fred", "--offers", "a, b")
    ref.ok("family", "fred", "add", "Mei", "--met")
    ref.ok("family", "fred", "add", "Bo")
    ref.ok("meet", "fred", "--on", "2026-01-01", "--they-asked", "--i-did-not-ask")
    result: Any = ref.json("depth", "fred")
    p = points(result)
    assert p[4] == (False, "data") and p[5] == (False, "data") and p[6] == (False, "data")
    reasons = {pt["item"]: pt["reason"] for pt in result["points"]}
    assert reasons[4] == "you know 2 of 3 offerings"
    assert reasons[5] == "2 family names known, met 1"


def test_your_answers_override_and_can_be_cleared(ref: Ref) -> None:
    ref.ok("add-contact", "Fred", "--offers", "a, b, c")
    result: Any = ref.json("depth", "fred")
    assert points(result)[4] == (True, "data")
    out = ref.ok("depth", "fred", "--set", "4=no", "--set", "8=yes", "--set", "10=YES")
    assert "Fred (fred): 2/14, surface" in out
    assert "4. [ ] You understand at least three" in out and "data says yes" in out
    result = ref.json("depth", "fred")
    assert points(result)[4] == (False, "you") and points(result)[8] == (True, "you")
    ref.ok("depth", "fred", "--set", "4=clear")
    assert points(ref.json("depth", "fred"))[4] == (True, "data")


def test_bad_depth_input_is_refused_and_nothing_written(ref: Ref) -> None:
    ref.ok("add-contact", "Fred")
    assert "1 to 14" in ref.fails(3, "depth", "fred", "--set", "15=yes")
    assert "1 to 14" in ref.fails(3, "depth", "fred", "--set", "0=yes")
    assert "not yes or no" in ref.fails(3, "depth", "fred", "--set", "8=yes", "--set", "2=maybe")
    assert "ITEM=yes" in ref.fails(3, "depth", "fred", "--set", "eight=yes")
    assert ref.json("depth", "fred")["score"] == 0  # type: ignore[index]


def test_interactive_walk(ref: Ref) -> None:
    ref.ok("add-contact", "Fred", "--offers", "a, b, c")
    answers = "yes\nno\n\n\nmaybe\nskip\n" + "y\n" * 8
    outcome = ref("depth", "fred", "--ask", input=answers)
    assert outcome.code == 0, outcome
    assert "4. You understand at least three of their products or services" in outcome.err
    assert "now: yes (from data: you know 3 of 3 offerings)" in outcome.err
    assert "not yes or no" in outcome.err  # 'maybe' is asked again
    result: Any = ref.json("depth", "fred")
    p = points(result)
    assert p[1] == (True, "you") and p[2] == (False, "you") and p[3] == (None, None)
    assert p[5] == (False, "data")  # 'maybe' then 'skip'
    assert all(p[i] == (True, "you") for i in range(6, 14))


def test_interactive_walk_saves_what_was_answered_when_input_ends(ref: Ref) -> None:
    ref.ok("add-contact", "Fred")
    assert ref("depth", "fred", "--ask", input="yes\n").code == 0
    assert points(ref.json("depth", "fred"))[1] == (True, "you")


def test_everyone_shallowest_first_with_a_next_step(ref: Ref) -> None:
    ref.ok("add-contact", "Fred", "--met-on", "2024-01-01", "--offers", "a, b, c")
    ref.ok("add-contact", "Sally")
    ref.ok("add-contact", "Tom", "--met-on", "2026-01-01")
    ref.ok("meet", "sally", "--on", "2026-03-01")
    ref.ok("add-contact", "Stranger")
    ref.ok("add-contact", "Partner Only")
    ref.ok("receive", "partner", "a job")  # exchanged a referral: a relationship too
    rows: Any = ref.json("depth")
    assert "partner" in [r["handle"] for r in rows] and "stranger" not in [r["handle"] for r in rows]
    rows = [r for r in rows if r["handle"] != "partner"]
    assert [r["handle"] for r in rows] == ["sally", "tom", "fred"]
    assert rows[-1]["score"] == 2
    assert len(ref.json("depth", "--limit", "2")) == 2  # type: ignore[arg-type]
    table = ref.ok("depth")
    assert table.splitlines()[0] == "who\tdepth\tlevel\tnext step"
    assert "Fred (fred)\t2/14\tsurface\tschedule your next one-on-one" in table


def test_show_carries_depth_with_unmet_points(ref: Ref) -> None:
    ref.ok("add-contact", "Fred", "--offers", "a, b")
    for i in range(2):
        ref.ok("goal", "fred", "add", f"goal {i}")
    out = squash(ref.ok("show", "fred"))
    assert "depth 0/14, surface" in out
    assert "To deepen the relationship:\nnext: schedule your next one-on-one" in out
    ref.ok("meet", "fred", "--on", "2026-03-01", "--they-asked", "--i-asked", "--next", "+2w")
    ref.ok("meet", "fred", "--on", "2026-02-01")
    ref.ok("meet", "fred", "--on", "2026-01-01")
    ref.ok("offer", "fred", "add", "c")
    step: Any = ref.json("show", "fred")
    assert step["depth"]["next_step"] == "ask about their goals for this year: you know 2 of 5"


def test_piped_depth_shows_without_prompting(ref: Ref) -> None:
    ref.ok("add-contact", "Fred")
    outcome = ref("depth", "fred", input="yes\n")
    assert outcome.code == 0 and "yes/no/skip" not in outcome.err
    assert "Fred (fred): 0/14, surface" in outcome.out
    assert ref.json("depth", "fred")["score"] == 0  # type: ignore[index]
