"""Keep track, don't keep score: the balance and its signals, built from dated facts."""

from __future__ import annotations

from typing import Any

import pytest

from conftest import Ref, squash


@pytest.fixture
def net(ref: Ref) -> Ref:
    for name in ("Dave Kowalski", "Sally Chen", "Priya Raman", "Tom Becker", "Ann Lee"):
        ref.ok("add-contact", name)
    return ref


def row(ref: Ref, handle: str, *args: str, env: dict[str, str] | None = None) -> Any:
    rows: Any = ref.json("balance", *args, env=env)
    return next(r for r in rows if r["handle"] == handle)


def test_json_keys_and_counts(net: Ref) -> None:
    net.ok("introduce", "sally", "dave", "--for", "dave", "--on", "2026-01-05")
    net.ok("outcome", "1", "won", "--value", "1,000")
    net.ok("receive", "dave", "a job", "--on", "2026-02-01", "--value", "250")
    net.ok("outcome", "2", "won")
    net.ok("meet", "dave", "--on", "2026-02-10")
    r = row(net, "dave")
    keys = ["handle", "name", "given", "given_won", "given_values", "received", "received_won", "received_values",
            "currency", "last_given", "last_received", "meetings", "last_met", "signal", "signal_text"]  # fmt: skip
    assert all(k in r for k in keys)
    assert (r["given"], r["given_won"], r["given_values"]) == (1, 1, [{"currency": "USD", "value_minor": 100000}])
    assert (r["received"], r["received_won"], r["received_values"]) == (
        1,
        1,
        [{"currency": "USD", "value_minor": 25000}],
    )
    assert (r["last_given"], r["last_received"], r["meetings"], r["last_met"]) == (
        "2026-01-05",
        "2026-02-01",
        1,
        "2026-02-10",
    )
    assert r["currency"] == "USD"
    # Sally was the prospect of an introduction for Dave: nothing was given to her.
    assert "sally" not in [r["handle"] for r in net.json("balance")]  # type: ignore[attr-defined]


def test_sorted_by_most_recent_exchange_not_by_who_owes(net: Ref) -> None:
    for i in range(5):
        net.ok("give", "dave", f"lead {i}", "--on", f"2026-01-0{i + 1}")
    net.ok("receive", "sally", "x", "--on", "2026-03-01")
    net.ok("give", "tom", "y", "--on", "2026-02-01")
    rows: Any = net.json("balance")
    assert [r["handle"] for r in rows] == ["sally", "tom", "dave"]
    table = net.ok("balance")
    assert table.splitlines()[0] == "who\tgiven\treceived\tlast given\tlast received\tone-on-ones\tlast met\tsignal"


def test_thank_them(net: Ref) -> None:
    net.ok("receive", "sally", "a listing", "--on", "2026-03-10")
    r = row(net, "sally")
    assert r["signal"] == "thank" and r["signal_text"] == "thank them"
    net.ok("thank", "sally")
    assert row(net, "sally")["signal"] == "balanced"


def test_pay_it_forward_after_payforward_days(net: Ref) -> None:
    net.ok("receive", "priya", "a client", "--on", "2026-01-01")
    net.ok("thank", "priya", "--on", "2026-01-02")
    assert row(net, "priya", "--as-of", "2026-03-01")["signal"] == "balanced"  # 59 days
    r = row(net, "priya", "--as-of", "2026-03-02")  # 60 days
    assert r["signal"] == "pay_forward" and r["signal_text"] == "pay it forward"
    net.ok("give", "priya", "someone", "--on", "2026-03-05")
    assert row(net, "priya")["signal"] == "balanced"


def test_config_changes_the_threshold(net: Ref) -> None:
    net.ok("receive", "priya", "a client", "--on", "2026-01-01")
    net.ok("thank", "priya", "--on", "2026-01-02")
    net.ok("config", "payforward_days", "90")
    assert row(net, "priya", "--as-of", "2026-03-02")["signal"] == "balanced"
    assert row(net, "priya", "--as-of", "2026-04-01")["signal"] == "pay_forward"


def test_since_limits_the_window(net: Ref) -> None:
    net.ok("give", "dave", "old", "--on", "2025-01-01")
    net.ok("give", "dave", "new", "--on", "2026-02-01")
    assert row(net, "dave", "--since", "2026-01-01")["given"] == 1
    assert row(net, "dave")["given"] == 2


def test_single_contact_history_and_reason(net: Ref) -> None:
    net.ok("give", "dave", "a lead", "--on", "2026-01-01")
    net.ok("receive", "dave", "a job", "--on", "2026-02-01")
    r: Any = net.json("balance", "dave")
    assert [h["direction"] for h in r["history"]] == ["received", "given"]
    assert r["signal"] == "thank" and "not thanked" in r["reason"]
    out = squash(net.ok("balance", "dave"))
    assert out.startswith("Dave Kowalski (dave): thank them") and "Both ways:" in out
    assert net.json("balance", "ann")["reason"] == "nothing has passed between you yet"  # type: ignore[index]


def test_talked_needs_an_exchange(net: Ref) -> None:
    err = net.fails(3, "talked", "ann")
    assert "no balance to talk about" in err
    net.ok("give", "ann", "x", "--on", "2026-01-01")
    assert "in the future" in net.fails(3, "talked", "ann", "--on", "tomorrow")


def test_eighteen_months_of_giving_then_the_talk_then_six_more_months(net: Ref) -> None:
    """The story: 18 months of giving to Dave, who never gives back; the talk; six months on."""
    dates = ["2024-09-01", "2025-01-15", "2025-06-01", "2025-11-01"]
    for i, day in enumerate(dates, start=1):
        net.ok("give", "dave", f"lead {i}", "--on", day, env={"REF_TODAY": day})
    net.ok("outcome", "1", "won", "--value", "3,200", "--on", "2024-10-01", env={"REF_TODAY": "2024-10-01"})
    net.ok("outcome", "2", "won", "--value", "2,100", "--on", "2025-02-01", env={"REF_TODAY": "2025-02-01"})
    # A year in: three given, two won, but not yet 18 months: keep giving.
    assert row(net, "dave", env={"REF_TODAY": "2025-12-01"})["signal"] == "balanced"
    # 18 months after the first referral, nothing has come back: worth one conversation.
    r = row(net, "dave", env={"REF_TODAY": "2026-03-01"})
    assert r["signal"] == "conversation" and r["signal_text"] == "worth a conversation"
    items: Any = net.json("followups", env={"REF_TODAY": "2026-03-01"})
    talk = next(i for i in items if i["id"] == "talk-dave")
    assert "what would it take" in talk["text"] and talk["kind"] == "talk"
    assert talk["why"] == {"given": 4, "given_won": 2, "months": 18, "last_received": None}
    why = squash(net.ok("followups", "--why", env={"REF_TODAY": "2026-03-01", "COLUMNS": "200"}))
    assert "you gave 4 (2 closed), nothing back in 18 months" in why
    net.ok("talked", "dave", "--on", "2026-03-05", "--notes", "He shrugged", env={"REF_TODAY": "2026-03-05"})
    r = row(net, "dave", env={"REF_TODAY": "2026-04-01"})
    assert r["signal"] == "watching" and r["signal_text"] == "talked 2026-03-05, watching"
    assert "talk-dave" not in [i["id"] for i in net.json("followups", env={"REF_TODAY": "2026-04-01"})]  # type: ignore[attr-defined]
    # Six months after the talk and still nothing: taker?
    r = row(net, "dave", env={"REF_TODAY": "2026-09-06"})
    assert r["signal"] == "taker" and r["signal_text"] == "taker?"
    items = net.json("followups", env={"REF_TODAY": "2026-09-06"})
    taker = next(i for i in items if i["id"] == "taker-dave")
    assert taker["why"]["talked_on"] == "2026-03-05"
    assert squash(net.ok("balance", "dave", env={"REF_TODAY": "2026-09-06"})).startswith("Dave Kowalski (dave): taker?")
    # If Dave does refer someone after the talk, the relationship is back in balance.
    net.ok("receive", "dave", "a client at last", "--on", "2026-09-10", env={"REF_TODAY": "2026-09-10"})
    net.ok("thank", "dave", env={"REF_TODAY": "2026-09-10"})
    assert row(net, "dave", env={"REF_TODAY": "2026-09-11"})["signal"] == "balanced"


def test_archived_people_leave_the_balance(net: Ref) -> None:
    net.ok("give", "dave", "x")
    net.ok("archive", "dave")
    assert net.json("balance") == []
