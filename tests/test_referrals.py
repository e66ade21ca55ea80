"""Introductions and referrals, from `ref introduce` to the outcome and the thanks
(REF_TODAY is 2026-03-14)."""

from __future__ import annotations

import email
import stat
from pathlib import Path
from typing import Any

import pytest

from conftest import Ref, squash


@pytest.fixture
def people(ref: Ref) -> Ref:
    ref.ok(
        "add-contact", "Sally Chen", "--company", "Chen Realty", "--business", "Residential real estate",
        "--offers", "home buying, relocation", "--email", "work:sally@chen.example", "--phone", "mobile:555 0101",
        "--website", "https://chen.example",
    )  # fmt: skip
    ref.ok("add-contact", "Fred Okafor", "--business", "Kitchen remodels", "--email", "fred@okafor.example")
    ref.ok("add-contact", "Tom Becker")
    return ref


def test_introduce_writes_two_messages_with_every_channel(people: Ref) -> None:
    out = people.ok("introduce", "sally", "fred", "--why", "Her buyers need kitchens redone")
    assert "recorded mutual introduction #1: Sally Chen and Fred Okafor; follow up on 2026-03-21" in out
    to_fred = out.split("--- to Fred Okafor <fred@okafor.example> ---")[1]
    assert "Hi Fred," in to_fred and "introduce you to Sally Chen (Chen Realty)" in to_fred
    assert "Sally's business: Residential real estate (home buying, relocation)." in to_fred
    assert "Why you two should talk: Her buyers need kitchens redone" in to_fred
    for channel in ("email (work): sally@chen.example", "phone (mobile): 555 0101", "url: https://chen.example"):
        assert channel in to_fred
    assert "let me know how it goes" in to_fred
    to_sally = out.split("--- to Fred Okafor")[0].split("--- to Sally Chen <sally@chen.example> ---")[1]
    assert "introduce you to Fred Okafor" in to_sally and "email: fred@okafor.example" in to_sally


def test_introduce_json_and_for(people: Ref) -> None:
    result: Any = people.json(
        "introduce", "sally", "fred", "--for", "fred", "--temperature", "hot", "--on", "2026-03-10"
    )
    assert result["id"] == 1 and result["mutual"] is False and result["for"] == "fred"
    assert result["follow_up_on"] == "2026-03-17"
    assert [m["to"] for m in result["messages"]] == ["sally", "fred"]
    assert "I trust Fred to take great care of you." in result["messages"][0]["body"]
    assert "Please take great care of them" in result["messages"][1]["body"]
    r: Any = people.json("referral", "1")
    assert r["direction"] == "given" and r["partner"] == "fred" and r["prospect"] == "sally"
    assert r["is_introduction"] is True and r["temperature"] == "hot" and r["status"] == "open"
    for key in (
        "id",
        "direction",
        "partner",
        "prospect",
        "is_introduction",
        "status",
        "value_minor",
        "currency",
        "made_on",
        "thanked_on",
    ):
        assert key in r


def test_introduce_follow_up_date(people: Ref) -> None:
    result: Any = people.json("introduce", "sally", "fred", "--follow-up", "+3d")
    assert result["follow_up_on"] == "2026-03-17"
    assert "before the introduction" in people.fails(3, "introduce", "sally", "tom", "--follow-up", "-3d")


def test_introduce_points_out_missing_channels_and_warns(people: Ref) -> None:
    people.ok("trait", "tom", "dealbreaker", "Never returns calls")
    people.ok("edit", "fred", "--trust", "2")
    outcome = people("introduce", "tom", "fred")
    assert outcome.code == 0
    assert "tom has no email or phone" in outcome.err
    assert "Tom Becker has a deal-breaker: Never returns calls (recorded anyway)" in outcome.err
    assert "trust in Fred Okafor 2/5" in outcome.err
    assert "I don't have Tom's details at hand" in outcome.out
    again = people("introduce", "fred", "tom")
    assert (
        "you introduced Tom Becker and Fred Okafor before" in again.err
        or "introduced Fred Okafor and Tom Becker before" in again.err
    )
    assert len(people.json("referrals")) == 2  # type: ignore[arg-type]


def test_introduce_refusals_write_nothing(people: Ref) -> None:
    assert "themselves" in people.fails(3, "introduce", "sally", "sally")
    assert "neither" in people.fails(3, "introduce", "sally", "fred", "--for", "tom")
    assert "neither" in people.fails(3, "introduce", "sally", "fred", "--for", "nobody")
    assert "hot, warm or cold" in people.fails(3, "introduce", "sally", "fred", "--temperature", "tepid")
    assert "in the future" in people.fails(3, "introduce", "sally", "fred", "--on", "tomorrow")
    people.ok("archive", "tom")
    assert "ref unarchive tom" in people.fails(3, "introduce", "sally", "tom")
    assert "ref unarchive tom" in people.fails(3, "give", "tom", "a lead")
    assert people.json("referrals") == []


def test_introduce_write_files(people: Ref, tmp_path: Path) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    people.ok("introduce", "sally", "tom", "--why", "Tom needs a house", "--write", str(folder))
    eml = folder / "intro-1-to-sally.eml"
    txt = folder / "intro-1-to-tom.txt"
    assert eml.exists() and txt.exists()
    assert stat.S_IMODE(eml.stat().st_mode) == 0o600
    parsed = email.message_from_bytes(eml.read_bytes())
    assert parsed["To"] == "Sally Chen <sally@chen.example>"
    assert "Introduction: Sally Chen, meet Tom Becker" in parsed["Subject"]
    assert "Tom needs a house" in parsed.get_payload(decode=True).decode()
    assert "How to reach Sally" in txt.read_text()
    assert parsed["X-Unsent"] == "1"  # opened as a draft to send, not as received mail
    assert txt.read_text().rstrip().endswith("Thanks!")  # no name set: unsigned
    # A folder that does not exist is made, private; one that cannot be made is refused, and the
    # introduction is not recorded.
    people.ok("introduce", "sally", "fred", "--write", str(tmp_path / "new" / "intros"))
    made = tmp_path / "new" / "intros"
    assert len(list(made.iterdir())) == 2 and oct(made.stat().st_mode & 0o777) == "0o700"
    (tmp_path / "a-file").write_text("x")
    err = people.fails(4, "introduce", "sally", "fred", "--write", str(tmp_path / "a-file" / "sub"))
    assert "cannot create" in err
    assert len(people.json("referrals")) == 2  # type: ignore[arg-type]


def test_introductions_are_signed_with_your_name_and_signature(people: Ref, tmp_path: Path) -> None:
    assert "name = Dana Whitfield" in people.ok("config", "name", "  Dana   Whitfield ")
    people.ok("config", "signature", "Whitfield Print\\nwww.whitfield.example")
    assert people.json("config", "signature") == {"signature": "Whitfield Print\nwww.whitfield.example"}
    data: Any = people.json("introduce", "sally", "tom", "--why", "Tom needs a house")
    for message in data["messages"]:
        assert message["body"].endswith("Thanks!\nDana Whitfield\n\nWhitfield Print\nwww.whitfield.example\n")
    assert "at most 120" in people.fails(3, "config", "name", "x" * 121)
    people.ok("config", "name", "--reset")
    people.ok("config", "signature", "--reset")
    data = people.json("introduce", "sally", "fred")
    assert data["messages"][0]["body"].endswith("Thanks!\n")


def test_give_a_lead_to_a_contact_or_free_text(people: Ref) -> None:
    assert "recorded lead #1 for Fred Okafor: Jim from the gym" in people.ok(
        "give", "fred", "Jim from the gym", "--why", "deck"
    )
    people.ok("give", "fred", "tom becker", "--temperature", "warm", "--on", "yesterday")
    rows: Any = people.json("referrals", "--given")
    assert [(r["prospect"], r["prospect_is_contact"], r["is_introduction"]) for r in rows] == [
        ("Jim from the gym", False, False),
        ("tom", True, False),
    ]
    assert rows[1]["made_on"] == "2026-03-13" and rows[1]["follow_up_on"] == "2026-03-20"
    assert "own prospect" in people.fails(3, "give", "fred", "fred okafor")


def test_receive_then_thank(people: Ref) -> None:
    people.ok(
        "receive", "sally", "Listing for the Lees", "--prospect", "The Lees", "--value", "$4,500", "--on", "2026-03-01"
    )
    people.ok("receive", "sally", "A second one", "--on", "2026-03-05")
    rows: Any = people.json("referrals", "--received")
    assert rows[1]["value_minor"] == 450000 and rows[1]["currency"] == "USD" and rows[1]["prospect"] == "The Lees"
    out = people.ok("thank", "sally", "--how", "coffee and a card")
    assert "thanked Sally Chen for #1" in out  # the oldest unthanked
    people.ok("thank", "sally", "--referral", "2", "--on", "yesterday")
    rows = people.json("referrals", "--received")
    assert [(r["id"], r["thanked_on"]) for r in rows] == [(2, "2026-03-13"), (1, "2026-03-14")]
    assert "every referral" in people.fails(3, "thank", "sally")
    assert "already thanked" in people.fails(3, "thank", "sally", "--referral", "1")
    err = people.fails(3, "thank", "fred")
    assert "has not sent you a referral" in err and "ref note fred" in err
    assert "has not sent you a referral" in people.fails(3, "thank", "fred", "--referral", "1")
    people.ok("receive", "fred", "a job")
    assert "#1 is not one Fred Okafor sent you" in people.fails(3, "thank", "fred", "--referral", "1")


def test_heard_and_outcomes_move_forward(people: Ref) -> None:
    people.ok("introduce", "sally", "fred", "--for", "fred")
    assert "Sally Chen reported back on #1" in people.ok("heard", "1", "sally")
    assert "not party to referral #1" in people.fails(3, "heard", "1", "tom")
    assert "no referral #9" in people.fails(3, "heard", "9", "sally")
    people.ok("outcome", "1", "contacted")
    people.ok("outcome", "1", "met", "--on", "2026-03-14")
    assert "only move forward" in people.fails(3, "outcome", "1", "contacted")
    assert "unknown outcome" in people.fails(3, "outcome", "1", "great")
    assert "negative" in people.fails(3, "outcome", "1", "won", "--value", "-5")
    assert "cannot read amount" in people.fails(3, "outcome", "1", "won", "--value", "lots")
    assert "out of range" in people.fails(3, "outcome", "1", "won", "--treated", "7")
    assert "--value goes with won" in people.fails(3, "outcome", "1", "lost", "--value", "5")
    people.ok("outcome", "1", "won", "--value", "12,000", "--treated", "5", "--repeat")
    assert "already won" in people.fails(3, "outcome", "1", "lost")
    people.ok("outcome", "1", "lost", "--why", "financing fell through", "--force")
    r: Any = people.json("referral", "1")
    assert r["status"] == "lost" and r["lost_reason"] == "financing fell through" and r["treated"] == 5
    assert [e["kind"] for e in r["history"]] == ["made", "heard", "status", "status", "status", "status"]
    assert "corrected from won" in r["history"][-1]["detail"]
    assert "no referral #5" in people.fails(3, "outcome", "5", "met")


def test_referrals_filters(people: Ref) -> None:
    people.ok("introduce", "sally", "fred", "--on", "2026-01-10")
    people.ok("give", "tom", "someone", "--on", "2026-02-10")
    people.ok("receive", "fred", "a job", "--on", "2026-03-10")
    people.ok("outcome", "2", "won", "--value", "100")
    ids = lambda *a: [r["id"] for r in people.json("referrals", *a)]  # type: ignore[attr-defined]  # noqa: E731
    assert ids() == [3, 2, 1]
    assert ids("--given") == [2, 1] and ids("--received") == [3]
    assert ids("--won") == [2] and ids("--open") == [3, 1] and ids("--lost") == []
    assert ids("--with", "fred") == [3, 1] and ids("--since", "2026-02-01") == [3, 2]
    assert "exclude each other" in people.fails(3, "referrals", "--given", "--received")
    table = people.ok("referrals")
    assert table.splitlines()[0].startswith("id\tmade\t\tpartner\tprospect")


def test_whole_story_introduce_follow_up_report_back_won_quality(people: Ref) -> None:
    """introduce, the follow-up falls due, both report back, won with a value, visible in quality."""
    intro: Any = people.json("introduce", "sally", "fred", "--for", "fred", "--why", "kitchen for her buyers")
    assert intro["follow_up_on"] == "2026-03-21"
    waiting: Any = people.json("referral", "1", env={"REF_TODAY": "2026-03-22"})
    assert waiting["follow_up_on"] < "2026-03-22" and waiting["partner_reported_on"] is None  # follow-up due
    later = {"REF_TODAY": "2026-03-26"}  # time passes: what happened cannot be recorded ahead of time
    people.ok("heard", "1", "fred", "--on", "2026-03-22", env=later)
    people.ok("heard", "1", "sally", "--on", "2026-03-23", env=later)
    people.ok("outcome", "1", "met", "--on", "2026-03-25", env=later)
    people.ok("outcome", "1", "won", "--value", "$18,500", "--treated", "4", env=later)
    profile: Any = people.json("show", "fred")
    quality = profile["referrals"]
    assert quality["sent"] == 1 and quality["reported_back"] == 1 and quality["won"] == 1
    assert quality["value"] == [{"currency": "USD", "value_minor": 1850000}] and quality["treated_mean"] == 4.0
    shown = squash(people.ok("show", "fred"))
    assert "you sent them 1: 1 reported back, 1 closed ($18,500), treated your people 4.0/5 on average" in shown
    assert "referral: #1 won ($18,500)" in shown
    listed = people("referrals", "--with", "fred")
    assert "1 closed ($18,500)" in listed.err


def test_quality_lists_what_went_wrong(people: Ref) -> None:
    people.ok("give", "fred", "Jim", "--on", "2026-03-01")
    people.ok("give", "fred", "Ann", "--on", "2026-03-02")
    people.ok("outcome", "1", "lost", "--why", "too expensive")
    people.ok("outcome", "2", "no-response", "--why", "never called back")
    q: Any = people.json("show", "fred")["referrals"]  # type: ignore[index]
    assert q["lost"] == 2 and [r["why"] for r in q["loss_reasons"]] == ["never called back", "too expensive"]


def test_delete_of_a_referral_party_needs_yes_and_merge_moves_referrals(people: Ref) -> None:
    people.ok("add-contact", "Fred O", "--handle", "fo")
    people.ok("introduce", "sally", "fo", "--for", "fo")
    people.ok("receive", "fo", "a job")
    people.ok("give", "fred", "fo")
    report: Any = people.json("merge", "fred", "fo", "--yes")
    assert report["moved"]["referrals"] == 3
    rows: Any = people.json("referrals", "--with", "fred")
    assert len(rows) == 3 and {r["partner"] for r in rows} == {"fred"}
    self_ref = next(r for r in rows if r["id"] == 3)
    assert self_ref["prospect"] == "Fred O" and self_ref["prospect_is_contact"] is False
    outcome = people("delete", "sally", input="y\n")
    assert outcome.code == 3 and "referral history" in outcome.err and "--yes" in outcome.err
    assert "1 referrals keep them as prospect by name only" in outcome.err
    people.ok("delete", "sally", "--yes")
    r: Any = people.json("referral", "1")
    assert r["prospect"] == "Sally Chen" and r["prospect_is_contact"] is False
    people.ok("delete", "fred", "--yes")
    assert people.json("referrals") == []
    assert people.ok("db", "check").startswith("ok")
