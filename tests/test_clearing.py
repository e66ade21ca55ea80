"""One rule for clearing follow-ups (issue 38): each kind names what satisfies it, in its
`command`, and recording that thing clears it; `ref done` is never needed for any kind but a
reminder you set yourself (whose only satisfaction is saying it is done)."""

from __future__ import annotations

from typing import Any

import pytest

from conftest import Ref

EARLIER = {"REF_TODAY": "2026-03-01"}  # to plan what is due by the suite's today (2026-03-14)

# kind: (what makes it due, what satisfies it; the item's command names the same verb)
CASES: dict[str, tuple[list[tuple[str, ...]], tuple[str, ...] | list[tuple[str, ...]]]] = {
    "thank": ([("receive", "tom", "A kitchen job", "--on", "2026-03-01")], ("thank", "tom")),
    "intro": (
        [("add-contact", "Sally"), ("introduce", "tom", "sally", "--on", "2026-03-01")],
        [("heard", "1", "tom"), ("heard", "1", "sally")],  # each asked in turn: both report back
    ),
    "lead": ([("give", "tom", "A lead", "--on", "2026-03-01")], ("heard", "1", "tom")),
    "remind": ([("@", "remind", "tom", "call about the fair", "--on", "2026-03-10")], ("done", "remind-1")),
    "oneonone": ([("@", "schedule", "tom", "2026-03-10")], ("meet", "tom", "--on", "2026-03-10")),
    "birthday": ([("edit", "tom", "--birthday", "03-14")], ("touch", "tom", "--via", "message")),
    "anniversary": ([("edit", "tom", "--anniversary", "03-14")], ("touch", "tom", "--via", "call")),
    "meet": ([("cadence", "tom", "2w"), ("touch", "tom", "--on", "2026-02-01")], ("touch", "tom", "--via", "call")),
    "payforward": (
        [("receive", "tom", "A job", "--on", "2025-12-01"), ("thank", "tom")],
        ("give", "tom", "A lead for Tom"),
    ),
    "talk": (
        [
            *[("give", "tom", f"Lead {n}", "--on", f"2024-0{n}-01") for n in (1, 2, 3)],
            ("outcome", "1", "won", "--value", "500", "--on", "2024-02-01"),
        ],
        ("talked", "tom", "--notes", "asked what would help"),
    ),
    "taker": (
        [
            *[("give", "tom", f"Lead {n}", "--on", f"2024-0{n}-01") for n in (1, 2, 3)],
            ("outcome", "1", "won", "--value", "500", "--on", "2024-02-01"),
            ("talked", "tom", "--on", "2025-06-01"),
        ],
        ("receive", "tom", "A job at last"),
    ),
}


def items(ref: Ref, kind: str) -> list[dict[str, Any]]:
    """The follow-ups of a kind due by today (a rhythm's next one, weeks away, is not this one)."""
    found: Any = ref.json("followups", "--all")
    return [i for i in found if i["kind"] == kind and i["due_on"] <= "2026-03-14"]


@pytest.mark.parametrize("kind", sorted(CASES))
def test_recording_what_a_follow_up_asks_for_clears_it(ref: Ref, kind: str) -> None:
    ref.ok("add-contact", "Tom Becker", "--handle", "tom")
    setup, satisfy = CASES[kind]
    for step in setup:
        if step[0] == "@":
            ref.ok(*step[1:], env=EARLIER)
        else:
            ref.ok(*step)
    for step in satisfy if isinstance(satisfy, list) else [satisfy]:
        due = items(ref, kind)
        assert len(due) == 1, (kind, ref.json("followups", "--all"))
        named = " ".join(step[:3]) if kind in ("intro", "lead", "thank", "remind") else step[0]
        assert f"ref {named} " in due[0]["command"] + " ", (step, due[0]["command"])  # it names what satisfies it
        ref.ok(*step)
    assert items(ref, kind) == [], (kind, satisfy)
