"""`ref config`, `ref stats` and `ref suggest`."""

from __future__ import annotations

import shlex
from typing import Any

from conftest import Ref


def test_config_shows_sets_validates_and_resets(ref: Ref) -> None:
    values: Any = ref.json("config")
    assert values == {
        "followup_days": 7,
        "payforward_days": 60,
        "imbalance_min_given": 3,
        "imbalance_months": 18,
        "meeting_cadence_days": 90,
        "birthday_notice_days": 7,
        "currency": "USD",
        "name": "",
        "signature": "",
        "sync_folder": "",
        "my_addresses": "",
    }
    assert ref.ok("config", "followup_days", "10").strip() == "followup_days = 10"
    assert ref.json("config", "followup_days") == {"followup_days": 10}
    assert "unknown setting" in ref.fails(3, "config", "nonsense", "1")
    assert "unknown setting" in ref.fails(3, "config", "nonsense")
    assert "whole number" in ref.fails(3, "config", "followup_days", "ten")
    assert "whole number" in ref.fails(3, "config", "followup_days", "--", "-3")
    assert "between" in ref.fails(3, "config", "imbalance_months", "0")
    assert "three-letter" in ref.fails(3, "config", "currency", "dollars")
    ref.ok("config", "currency", "eur")
    assert ref.json("config", "currency") == {"currency": "EUR"}
    ref.ok("config", "followup_days", "--reset")
    assert ref.json("config", "followup_days") == {"followup_days": 7}
    assert "followup_days\t7\t7\t" in ref.ok("config")


def test_config_drives_follow_up_and_currency(ref: Ref) -> None:
    ref.ok("add-contact", "Sally")
    ref.ok("add-contact", "Fred")
    ref.ok("config", "followup_days", "3")
    ref.ok("config", "currency", "EUR")
    intro: Any = ref.json("introduce", "sally", "fred")
    assert intro["follow_up_on"] == "2026-03-17"
    ref.ok("receive", "sally", "a job", "--value", "1,200")
    r: Any = ref.json("referral", "2")
    assert r["value_minor"] == 120000 and r["currency"] == "EUR"
    ref.ok("outcome", "1", "won", "--value", "$50")
    assert ref.json("referral", "1")["currency"] == "USD"  # type: ignore[index]


def test_stats_by_month_with_totals_and_deepest(ref: Ref) -> None:
    ref.ok("add-contact", "Sally", "--offers", "a, b, c", "--met-on", "2024-01-01")
    ref.ok("add-contact", "Fred")
    ref.ok("introduce", "sally", "fred", "--for", "fred", "--on", "2026-01-15")
    ref.ok("outcome", "1", "won", "--value", "1,000", "--on", "2026-02-03")
    ref.ok("give", "fred", "a lead", "--on", "2026-02-20")
    ref.ok("receive", "sally", "a job", "--on", "2026-03-01")
    ref.ok("outcome", "3", "won", "--value", "500", "--on", "2026-03-05")
    ref.ok("meet", "sally", "--on", "2026-03-02")
    ref.ok("give", "fred", "last year", "--on", "2025-12-31")
    report: Any = ref.json("stats")
    assert report["year"] == 2026
    jan, feb, mar = report["months"][:3]
    assert (jan["given"], jan["introductions"], jan["received"]) == (1, 1, 0)
    assert (feb["given"], feb["closed_given"]) == (1, [{"currency": "USD", "value_minor": 100000}])
    assert (mar["received"], mar["closed_received"], mar["meetings"]) == (
        1,
        [{"currency": "USD", "value_minor": 50000}],
        1,
    )
    assert report["totals"] == {
        "given": 2, "received": 1, "closed_given": [{"currency": "USD", "value_minor": 100000}],
        "closed_received": [{"currency": "USD", "value_minor": 50000}], "meetings": 1, "introductions": 1,
    }  # fmt: skip
    assert report["deepest"][0]["handle"] == "sally"
    assert ref.json("stats", "--year", "2025")["totals"]["given"] == 1  # type: ignore[index]
    out = ref.ok("stats")
    assert "2026-01" in out and "▇" in out and "Your deepest relationships (by depth, not by money):" in out
    assert "not a plausible year" in ref.fails(3, "stats", "--year", "20266")


def test_suggest_matches_needs_to_offerings_with_a_reason(ref: Ref) -> None:
    ref.ok("add-contact", "Sally Chen", "--trust", "5")
    ref.ok(
        "add-contact",
        "Fred Okafor",
        "--business",
        "Remodeling",
        "--offers",
        "kitchen remodels, bathrooms",
        "--trust",
        "4",
    )
    ref.ok("add-contact", "Marcus Lee", "--ideal", "accounting offices")
    ref.ok("add-contact", "Tom Becker", "--business", "Accountant for small offices")
    ref.ok("add-contact", "Dodgy Dan", "--offers", "kitchen remodels")
    ref.ok("trait", "dan", "dealbreaker", "Overcharges")
    ref.ok("add-contact", "Old Olga", "--offers", "kitchen remodels")
    ref.ok("archive", "olga")
    ref.ok("goal", "sally", "add", "Remodel the kitchen")
    found: Any = ref.json("suggest")
    pairs = [(s["a"], s["b"], s["for"]) for s in found]
    assert ("sally", "fred", "fred") in pairs and ("marcus", "tom", "marcus") in pairs
    assert not any("dan" in p or "olga" in p for p in pairs)
    kitchen = next(s for s in found if s["b"] == "fred")
    assert (
        kitchen["reason"]
        == "Sally's goal 'Remodel the kitchen' matches Fred's offering 'kitchen remodels' (remodeling)"
    )
    assert kitchen["command"] == (
        "ref introduce sally fred --for fred --suggested --why \"Fred (kitchen remodels) can help with Sally's "
        "'Remodel the kitchen'\""
    )
    assert [s["a"] for s in ref.json("suggest", "marcus")] == ["marcus"]  # type: ignore[attr-defined]
    ref.ok(*shlex.split(kitchen["command"])[1:])  # the command as printed, as a shell reads it
    assert ref.json("referral", "1")["reason"] == "Fred (kitchen remodels) can help with Sally's 'Remodel the kitchen'"
    assert ref.json("stats")["suggested"]["introductions"] == 1  # type: ignore[index]
    assert ("sally", "fred", "fred") not in [(s["a"], s["b"], s["for"]) for s in ref.json("suggest")]  # type: ignore[attr-defined]
    assert "->" in ref.ok("suggest")


def test_suggest_ignores_coincidences(ref: Ref) -> None:
    ref.ok("add-contact", "Fred", "--offers", "lawn care")
    ref.ok("add-contact", "Sally", "--note", "takes great care of clients")
    assert ref.json("suggest") == []
