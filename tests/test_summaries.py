"""The per-person summaries behind `ref followups` and `ref cadence` (store/summaries.py), and who
is due by a rhythm of their own or their tags' (`rhythm_due`), are kept exactly current by every
write and undo, on SQLite and PostgreSQL: after random histories, `ref db check` finds them equal
to a computation from scratch, and the views read from them answer the same as the views computed
from every row (the path taken for a day before the latest history)."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import Ref


@pytest.fixture
def people(ref: Ref) -> Ref:
    for name in ("Sally Chen", "Fred Okafor", "Tom Baker", "Dana Reyes"):
        ref.ok("add-contact", name)
    ref.ok("cadence", "dana", "2w")
    for key, value in (("payforward_days", "2"), ("imbalance_min_given", "1"), ("imbalance_months", "1")):
        ref.ok("config", key, value)  # so March's referrals make balance follow-ups within 60 days
    return ref


# Writes that change what a summary holds; each is valid whatever ran before it. {d} is a day of
# March 2026 (REF_TODAY is the 14th), {n} makes texts unique.
STEPS = [
    ("give", "{a}", "lead {n}", "--on", "2026-03-0{d}"),
    ("receive", "{a}", "job {n}", "--on", "2026-03-0{d}"),
    ("introduce", "{a}", "{b}", "--on", "2026-03-0{d}"),
    ("introduce", "{a}", "{b}", "--for", "{b}", "--on", "2026-03-0{d}"),
    ("outcome", "{r}", "won", "--on", "2026-03-1{e}"),
    ("outcome", "{r}", "lost", "--on", "2026-03-1{e}"),
    ("thank", "{a}", "--on", "2026-03-0{d}"),
    ("talked", "{a}", "--on", "2026-03-0{d}"),
    ("touch", "{a}", "--via", "call", "--on", "2026-03-0{d}"),
    ("meet", "{a}", "--on", "2026-03-0{d}"),
    ("referral", "{r}", "--partner", "{b}"),
    ("referral", "{r}", "--delete"),
    ("archive", "{a}"),
    ("unarchive", "{a}"),
    ("merge", "{a}", "{b}", "--yes"),
    ("add-contact", "{a} {n}"),
    ("cadence", "{a}", "{d}d"),
    ("cadence", "{a}", "off"),
    ("cadence", "{a}", "default"),
    ("tag", "{a}", "bni"),
    ("edit", "{a}", "--untag", "bni"),
    ("cadence", "--tag", "bni", "{e}w"),
    ("cadence", "--tag", "bni", "off"),
]
HANDLES = ("sally", "fred", "tom", "dana")


def views(ref: Ref) -> tuple[Any, ...]:
    return (ref.json("followups", "--all", "--why"), ref.json("followups", "--all", "--why", "--within", "60"),
            ref.json("cadence"), ref.json("balance", "--all"))  # fmt: skip


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    steps=st.lists(
        st.tuples(st.integers(0, len(STEPS) - 1), st.integers(1, 9), st.integers(0, 3), st.integers(0, 3),
                  st.integers(1, 4), st.integers(1, 4)),
        min_size=3, max_size=14,
    ),
    undos=st.integers(0, 4),
)  # fmt: skip
def test_summaries_follow_every_write_and_undo_and_answer_as_the_rows_do(
    people: Ref, steps: list[tuple[int, ...]], undos: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    from refcli.store import summaries

    first = max(e["id"] for e in people.json("log", "--limit", "1000"))  # type: ignore[attr-defined]
    for n, (which, d, a, b, r, e) in enumerate(steps):
        if b == a:
            b = (a + 1) % len(HANDLES)
        ids = [x["id"] for x in people.json("referrals", "--all")]  # type: ignore[attr-defined]
        if "{r}" in STEPS[which] and not ids:
            continue
        rid = ids[r % len(ids)] if ids else 0
        args = [x.format(a=HANDLES[a], b=HANDLES[b], d=d, e=e % 4, n=n, r=rid) for x in STEPS[which]]
        people(*args)  # some fail (an archived partner, a merged name, no thank-you owed): that is fine
    for _ in range(undos):
        people("undo")
    assert people.ok("db", "check").startswith("ok"), "the summaries differ from a computation from scratch"
    used: list[bool] = []
    real = summaries.valid_on
    with monkeypatch.context() as patch:
        patch.setattr(summaries, "valid_on", lambda reader, day: used.append(real(reader, day)) or used[-1])
        kept = views(people)
    assert used and all(used), "every day of these histories is on or before today: the summaries answer"
    with monkeypatch.context() as patch:
        patch.setattr(summaries, "valid_on", lambda *_: False)  # every view from the rows instead
        assert views(people) == kept
    made = [e["id"] for e in people.json("log", "--limit", "1000") if e["id"] > first]  # type: ignore[attr-defined]
    for entry in made:  # newest first: back to the start for the next example
        people.ok("undo", str(entry))


def test_a_summary_holds_what_the_definitions_say(people: Ref, query: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from refcli.store import summaries

    people.ok("give", "sally", "lead", "--on", "2026-03-02")
    people.ok("outcome", "1", "won", "--on", "2026-03-12")
    people.ok("touch", "fred", "--via", "call", "--on", "2026-03-10")
    people.ok("introduce", "tom", "fred", "--on", "2026-03-04")  # mutual: counts for both
    rows = {r[0]: r[1:] for r in query("SELECT contact_id, last_contact, p_given, p_won, m_given, latest_day "
                                       "FROM person_summary")}  # fmt: skip
    ids = {h: query(f"SELECT id FROM contact WHERE handle = '{h}'")[0][0] for h in HANDLES}
    assert rows[ids["sally"]] == ("2026-03-02 referral", 1, 1, None, "2026-03-12")  # the outcome's day counts
    assert rows[ids["fred"]] == ("2026-03-10 call", None, None, 1, "2026-03-10")
    assert rows[ids["tom"]] == ("2026-03-04 referral", 1, 0, None, "2026-03-04")
    assert ids["dana"] not in rows  # no history, no row
    starts = dict(query("SELECT contact_id, talk_start || ' ' || coalesce(forward_from, '-') FROM person_summary "
                        "WHERE talk_start IS NOT NULL"))  # fmt: skip
    assert starts == {ids["sally"]: "2026-03-02 -", ids["tom"]: "2026-03-04 -", ids["fred"]: "2026-03-04 -"}
    people.ok("receive", "sally", "job", "--on", "2026-03-05")  # giving resumes after it; one to pay forward
    people.ok("give", "tom", "lead", "--on", "2026-03-06")  # tom: given after his last received
    people.ok("receive", "tom", "job", "--on", "2026-03-01")
    people.ok("receive", "fred", "job", "--on", "2026-03-04")  # the day of the mutual introduction: even
    keys = {r[0]: r[1:] for r in query("SELECT contact_id, talk_start, forward_from FROM person_summary")}
    assert keys[ids["sally"]] == ("2026-03-05", "2026-03-05") and keys[ids["tom"]] == ("2026-03-04", None)
    assert keys[ids["fred"]] == ("2026-03-04", None)
    asked: list[str] = []
    real = summaries.valid_on
    monkeypatch.setattr(summaries, "valid_on", lambda reader, day: asked.append(day) or real(reader, day))
    people.ok("followups", "--as-of", "2026-03-11")
    assert asked and set(asked) == {"2026-03-11"}  # each view asked about the day it shows
    from refcli.store import open_reader
    from refcli.store.location import locate

    with open_reader(locate(None)) as reader:
        assert real(reader, "2026-03-12") and not real(reader, "2026-03-11")  # sally's outcome is later


def test_db_check_notices_summaries_out_of_step_and_reindex_mends_them(people: Ref, query: Any) -> None:
    people.ok("give", "sally", "lead", "--on", "2026-03-02")
    query("UPDATE person_summary SET p_given = 7")
    said = people("db", "check")
    assert said.code == 4 and "summaries of 1 people are out of step" in said.err + said.out
    people.ok("db", "reindex")
    assert people.ok("db", "check").startswith("ok")
    query("UPDATE rhythm_due SET due_on = '2001-01-01'")  # dana's rhythm: never in touch, due now
    said = people("db", "check")
    assert said.code == 4 and "summaries of 1 people are out of step" in said.err + said.out
    people.ok("db", "reindex")
    assert people.ok("db", "check").startswith("ok")


def test_who_is_due_by_a_rhythm_is_kept_with_their_rhythm_and_last_contact(people: Ref, query: Any) -> None:
    def due() -> dict[str, Any]:
        return dict(query("SELECT c.handle, d.due_on FROM rhythm_due d JOIN contact c ON c.id = d.contact_id"))

    assert due() == {"dana": ""}  # a rhythm of her own, never in touch
    people.ok("touch", "dana", "--via", "call", "--on", "2026-03-10")
    assert due() == {"dana": "2026-03-24"}  # two weeks after
    people.ok("tag", "fred", "bni")
    people.ok("cadence", "--tag", "bni", "10d")
    people.ok("give", "fred", "lead", "--on", "2026-03-02")
    assert due() == {"dana": "2026-03-24", "fred": "2026-03-12"}
    people.ok("cadence", "--tag", "bni", "off")
    people.ok("archive", "dana")
    assert due() == {"dana": None, "fred": None}  # off, archived: never due
    people.ok("undo")
    people.ok("edit", "fred", "--untag", "bni")
    assert due() == {"dana": "2026-03-24"}
    assert people.ok("db", "check").startswith("ok")
