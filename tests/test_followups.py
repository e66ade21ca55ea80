"""`ref followups`: each source, done and snooze, reminders, context, and bad input.
REF_TODAY is 2026-03-14 unless a test says otherwise."""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path
from typing import Any

import pytest

from conftest import Ref


@pytest.fixture
def net(ref: Ref) -> Ref:
    for name in ("Sally Chen", "Fred Okafor", "Tom Becker"):
        ref.ok("add-contact", name)
    return ref


def items(ref: Ref, *args: str, today: str | None = None) -> list[dict[str, Any]]:
    return ref.json("followups", *args, env={"REF_TODAY": today} if today else None)  # type: ignore[return-value]


def ids(ref: Ref, *args: str, today: str | None = None) -> list[str]:
    return [i["id"] for i in items(ref, *args, today=today)]


def test_introduction_with_no_report_back(net: Ref) -> None:
    net.ok("introduce", "sally", "fred", "--on", "2026-03-05")
    assert "intro-1" in ids(net, "--within", "0")  # follow-up due 2026-03-12
    item = next(i for i in items(net) if i["id"] == "intro-1")
    assert item["text"] == "Ask Fred and Sally how the introduction went: 9 days, neither has reported back"
    assert item["kind"] == "intro" and item["due_on"] == "2026-03-12" and item["urgency"] == "overdue"
    assert sorted(item["contacts"]) == ["fred", "sally"]
    for key in ("id", "kind", "due_on", "contacts", "text", "context", "urgency"):
        assert key in item
    net.ok("heard", "1", "sally")
    item = next(i for i in items(net) if i["id"] == "intro-1")
    assert "Ask Fred how the introduction went: Sally reported back, Fred has not" in item["text"]
    net.ok("heard", "1", "fred")
    assert "intro-1" not in ids(net)


def test_a_lead_given_with_no_word_back(net: Ref) -> None:
    net.ok("give", "fred", "Jim from the gym", "--on", "2026-03-01")
    item = next(i for i in items(net) if i["id"] == "lead-1")
    assert item["text"] == "Ask Fred about the lead you gave (Jim from the gym): 13 days, no word back"
    net.ok("outcome", "1", "contacted")
    assert "lead-1" not in ids(net)


def test_not_yet_due_stays_out_of_the_window(net: Ref) -> None:
    net.ok("introduce", "sally", "fred")  # follow-up 2026-03-21
    assert "intro-1" not in ids(net, "--within", "3")
    assert "intro-1" in ids(net, "--within", "7")
    assert "intro-1" in ids(net, "--within", "0", "--all")
    upcoming = next(i for i in items(net) if i["id"] == "intro-1")
    assert upcoming["urgency"] == "upcoming"


def test_thank_items(net: Ref) -> None:
    net.ok("receive", "tom", "a bakery", "--on", "2026-03-10")
    item = next(i for i in items(net) if i["id"] == "thank-1")
    assert item["text"] == "Thank Tom for the referral: a bakery (4 days ago)" and item["kind"] == "thank"
    net.ok("thank", "tom")
    assert "thank-1" not in ids(net)


def test_pay_forward_item(net: Ref) -> None:
    net.ok("receive", "tom", "x", "--on", "2026-01-01")
    net.ok("thank", "tom", "--on", "2026-01-02")
    assert "payforward-tom" not in ids(net, "--within", "0", today="2026-02-01")
    assert "payforward-tom" in ids(net, today="2026-03-02")
    item = next(i for i in items(net, today="2026-03-02") if i["id"] == "payforward-tom")
    assert item["why"] == {"last_received": "2026-01-01", "last_given": None}
    assert item["text"].startswith("Pay it forward to Tom: they referred you on 2026-01-01 and you have not given")
    net.ok("give", "tom", "someone", "--on", "2026-03-10")
    assert "payforward-tom" not in ids(net)


def test_meeting_cadence_counts_from_the_last_touch(net: Ref) -> None:
    net.ok("meet", "fred", "--on", "2025-12-01")
    assert "meet-fred" in ids(net)  # 103 days
    net.ok("receive", "fred", "a job", "--on", "2026-02-01")
    assert "meet-fred" not in ids(net)  # a referral is a touch too
    assert "meet-fred" in ids(net, today="2026-05-02")  # 90 days after the referral
    net.ok("thank", "fred", "--on", "2026-03-01")
    assert "meet-fred" not in ids(net, today="2026-05-02")  # and so is a thank-you
    assert "meet-fred" in ids(net, today="2026-05-23")
    net.ok("schedule", "fred", "2026-06-10", env={"REF_TODAY": "2026-05-23"})
    assert "meet-fred" not in ids(net, today="2026-05-23")  # already planned


def test_scheduled_one_on_ones_in_the_window(net: Ref) -> None:
    net.ok("schedule", "sally", "2026-03-18", "--where", "Cafe Luna")
    net.ok("schedule", "tom", "2026-04-30")
    got = ids(net)
    assert "oneonone-1" in got and "oneonone-2" not in got
    item = next(i for i in items(net) if i["id"] == "oneonone-1")
    assert item["text"] == "One-on-one with Sally on Wednesday 2026-03-18 at Cafe Luna"
    late = next(i for i in items(net, today="2026-03-20") if i["id"] == "oneonone-1")
    assert late["text"].startswith("Log your one-on-one with Sally from 2026-03-18")


def test_reminders_and_done(net: Ref) -> None:
    assert "remind-1" in net.ok("remind", "fred", "send him the article", "--on", "2026-03-16")
    net.ok("remind", "renew the chapter membership", "--on", "+1m")
    got = items(net)
    first = next(i for i in got if i["id"] == "remind-1")
    assert first["text"] == "Fred: send him the article" and first["contacts"] == ["fred"]
    assert "remind-2" not in [i["id"] for i in got]
    assert "done:" in net.ok("done", "remind-1", "--notes", "sent")
    assert "remind-1" not in ids(net, "--all")
    assert "too many words" in net.fails(3, "remind", "fred", "send", "it")


def test_done_stays_done_until_the_facts_change(net: Ref) -> None:
    net.ok("introduce", "sally", "fred", "--on", "2026-03-01")
    net.ok("done", "intro-1")
    assert "intro-1" not in ids(net)
    net.ok("heard", "1", "sally")  # a new report: the item is back, asking Fred
    assert "intro-1" in ids(net)


def test_snooze(net: Ref) -> None:
    net.ok("introduce", "sally", "fred", "--on", "2026-03-01")
    assert "snoozed until 2026-03-17" in net.ok("snooze", "intro-1", "+3d")
    assert "intro-1" not in ids(net)
    assert "intro-1" in ids(net, today="2026-03-17")
    assert "not in the future" in net.fails(3, "snooze", "intro-1", "yesterday")
    assert "not in the future" in net.fails(3, "snooze", "intro-1", "today")


def test_snoozed_follow_ups_are_listed_and_can_come_back(net: Ref) -> None:
    net.ok("introduce", "sally", "fred", "--on", "2026-03-01")
    net.ok("receive", "tom", "a bakery", "--on", "2026-03-13")
    assert "nothing snoozed" in net("followups", "--snoozed").err
    net.ok("snooze", "intro-1", "2026-03-20")
    net.ok("snooze", "thank-2", "+3d")
    listed: Any = net.json("followups", "--snoozed")
    assert [(i["id"], i["snoozed_until"]) for i in listed] == [("thank-2", "2026-03-17"), ("intro-1", "2026-03-20")]
    assert "[thank-2] back on 2026-03-17" in net.ok("followups", "--snoozed")
    assert "thank-2" not in ids(net)
    assert "back in your follow-ups: [thank-2]" in net.ok("unsnooze", "thank-2")
    assert "thank-2" in ids(net) and "thank-2" not in [i["id"] for i in net.json("followups", "--snoozed")]  # type: ignore[union-attr]
    assert "thank-2 is not snoozed" in net.fails(3, "unsnooze", "thank-2")
    assert "no follow-up 'intro-99'" in net.fails(3, "unsnooze", "intro-99")
    net.ok("undo")  # the unsnooze
    assert "thank-2" not in ids(net)
    assert "intro-1" not in [i["id"] for i in net.json("followups", "--snoozed", "--as-of", "2026-03-21")]  # type: ignore[union-attr]


def test_bad_input(net: Ref) -> None:
    assert "no follow-up 'intro-99'" in net.fails(3, "done", "intro-99")
    assert "no follow-up" in net.fails(3, "snooze", "meet-nobody", "+3d")
    assert "negative" in net.fails(3, "followups", "--within", "-3")


def test_most_urgent_first_with_context_and_plain_text(net: Ref) -> None:
    net.ok("meet", "sally", "--on", "2026-01-10", "--where", "Cafe Luna", "--learned", "Wants relocation work")
    net.ok("goal", "sally", "add", "Hire an assistant")
    net.ok("family", "sally", "add", "Mei", "--relation", "daughter")
    net.ok("introduce", "sally", "fred", "--on", "2026-03-01")
    net.ok("receive", "tom", "a bakery", "--on", "2026-03-13")
    got = items(net)
    assert [i["id"] for i in got][:2] == ["intro-1", "thank-2"]
    intro = got[0]
    assert intro["context"].startswith("last met 2026-01-10 at Cafe Luna: Wants relocation work")
    assert "goal: Hire an assistant" in intro["context"] and "family: Mei (daughter)" in intro["context"]
    out = net.ok("followups")
    assert "[intro-1] 6d late: Ask Fred and Sally how the introduction went" in out
    assert "-> ref heard 1" in out
    assert net.ok("followups", env={"REF_TODAY": "2020-01-01"}) == ""


def test_query_count_does_not_grow_with_the_network(ref: Ref, monkeypatch: pytest.MonkeyPatch) -> None:
    from refcli import store

    def build(n: int) -> None:
        for i in range(n):
            ref.ok("add-contact", f"Person {i}", "--handle", f"p{n}-{i}")
            ref.ok("give", f"p{n}-{i}", "someone", "--on", "2026-01-01")
            ref.ok("receive", f"p{n}-{i}", "something", "--on", "2026-01-02")
            ref.ok("meet", f"p{n}-{i}", "--on", "2025-10-01")

    counts: dict[str, list[int]] = {"balance": [], "followups": []}
    real_rows = store.SqliteReader.rows
    calls = 0

    def counting(self: Any, sql: str, params: Any = None) -> Any:
        nonlocal calls
        calls += 1
        return real_rows(self, sql, params)

    monkeypatch.setattr(store.SqliteReader, "rows", counting)
    for n in (3, 12):
        build(n)
        for command in counts:
            calls = 0
            ref.ok(command, "--all")
            counts[command].append(calls)
    assert counts["balance"][0] == counts["balance"][1], counts
    assert counts["followups"][0] == counts["followups"][1], counts


def test_a_shorter_list_is_the_top_of_a_longer_one(ref: Ref, tmp_path: Path) -> None:
    """`followups` builds only the most urgent items of each kind for the rows it shows; on a
    generated network of 400 people where meetings, talks and paying forward are what is
    due, every --limit gives exactly the top of the full list."""
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
    from generate import generate

    path = tmp_path / "net.db"
    generate(path, 400, seed=9)
    # Settle every thank-you and open referral, so the per-person kinds come first.
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE referral SET thanked_on = made_on WHERE direction = 'received'")
        conn.execute("UPDATE referral SET status = 'won' WHERE status = 'open'")
    conn.close()
    env = {"REF_TODAY": "2026-11-24"}
    everything = [i["id"] for i in ref.json("--db", str(path), "followups", "--limit", "100000", env=env)]  # type: ignore[attr-defined]
    assert len(everything) > 100
    kinds = [i.split("-")[0] for i in everything]
    assert {"meet", "talk", "payforward"} <= set(kinds[:60]) and "thank" not in kinds
    for n in (1, 5, 20, 60, len(everything) - 20):
        top = [i["id"] for i in ref.json("--db", str(path), "followups", "--limit", str(n), env=env)]  # type: ignore[attr-defined]
        assert top == everything[:n], n


def test_done_and_snooze_find_a_rows_follow_up_as_the_full_list_shows_it(net: Ref) -> None:
    """`ref done ID` and `ref snooze ID` read a one-row follow-up (an introduction, a lead, a
    thank-you, a planned one-on-one, a reminder) from that row alone: it must be the very item
    `followups --all` lists, and a row with nothing open must be no follow-up."""
    net.ok("introduce", "sally", "fred", "--on", "2026-03-01")
    net.ok("give", "tom", "a lead for tom", "--on", "2026-03-02")
    net.ok("receive", "sally", "a bakery", "--on", "2026-03-10")
    net.ok("receive", "fred", "a florist", "--on", "2026-03-11")
    net.ok("thank", "fred")
    net.ok("schedule", "tom", "2026-03-18")
    net.ok("remind", "sally", "call about the lease", "--on", "2026-03-15")
    listed: Any = net.json("followups", "--all")
    rows = [i for i in listed if i["id"].split("-")[0] in ("intro", "lead", "thank", "oneonone", "remind")]
    assert sorted(i["kind"] for i in rows) == ["intro", "lead", "oneonone", "remind", "thank"]
    for item in rows:
        snoozed: Any = net.json("snooze", item["id"], "2026-04-30")
        assert {k: v for k, v in snoozed.items() if k != "snoozed_until"} == item, item["id"]
    assert "no follow-up 'thank-4'" in net.fails(3, "done", "thank-4")  # fred was thanked
    assert "no follow-up 'remind-9'" in net.fails(3, "done", "remind-9")
