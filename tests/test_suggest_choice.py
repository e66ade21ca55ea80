"""`ref suggest` reads only the people who can make the list (tracking/suggest_pick.py): pairs of
texts best bound first, each text's people most trusted first a page at a time, introductions
only for the people weighed. On random networks, with many shared texts (ties), trust levels,
archived people, deal-breakers, goals, notes, introductions and pairs said to be no fit, it must choose exactly what the
plain definition chooses: everyone read, every candidate weighed, sorted (`plain_choose` below,
written from the definition in suggest_pick's docstring)."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import Ref, wipe_all

WORDS = ("kitchen remodels", "accounting offices", "payroll accounting", "kitchen design", "estate planning")
PEOPLE = st.lists(
    st.tuples(
        st.sampled_from(("1", "3", "5", "5", "")),  # trust ("": none)
        st.sampled_from(WORDS[:3]),  # business (shared by many: a text's people come a page at a time)
        st.sampled_from(WORDS),  # ideal referral
        st.booleans(),  # a goal naming another text
        st.booleans(),  # a note naming another text
        st.sampled_from(("", "", "", "archive", "dealbreaker")),
    ),
    min_size=3,
    max_size=12,
)


def plain_choose(reader: Any, _pairs: Any, params: dict[str, Any], keep: int, focus: int | None) -> list[Any]:
    """The definition, with no shortcut: everyone read, every candidate weighed, sorted by rank
    (higher first) and then by the order found; the first `keep`."""
    from collections import defaultdict
    from math import log

    from refcli.tracking import meaning, suggest
    from refcli.tracking.suggest_pick import PER_NEED, Match

    barred = {cid for (cid,) in reader.all("SELECT contact_id FROM trait WHERE kind = 'dealbreaker'")}
    contacts = reader.all("SELECT id, trust, business, ideal_referral, archived_at, title FROM contact ORDER BY id")
    trust = {cid: 3 if t is None else t for cid, t, _, _, gone, _ in contacts if gone is None and cid not in barred}
    providers: dict[tuple[str, str], list[tuple[int, int]]] = defaultdict(list)  # (row, person)
    for cid, _, business, _, _, title in contacts:
        for kind, text in (("business", business), ("title", title)):
            if cid in trust and text:
                providers[kind, text].append((cid, cid))
    for row, cid, text in reader.all("SELECT id, contact_id, text FROM offering ORDER BY id"):
        if cid in trust and text:
            providers["offering", text].append((row, cid))
    docs = {key: [p for _, p in sorted(rows, key=lambda r: (-trust[r[1]], r[0]))] for key, rows in providers.items()}
    doc_keys = sorted(docs, key=lambda key: (("business", "offering", "title").index(key[0]), key[1]))
    index: dict[str, list[int]] = defaultdict(list)
    for pos, (_, text) in enumerate(doc_keys):
        for term in meaning.meaning(text):
            index[term].append(pos)
    idf = {term: log(1 + max(len(doc_keys), 1) / len(found)) for term, found in index.items()}
    needs = [(0, cid, cid, "ideal referral", ideal) for cid, _, _, ideal, _, _ in contacts if ideal]
    goals = "SELECT id, contact_id, text FROM goal WHERE year = :year AND achieved_on IS NULL ORDER BY id"
    needs += [(1, row, cid, "goal", text) for row, cid, text in reader.all(goals, params) if text]
    notes = "SELECT id, contact_id, text FROM note WHERE noted_on >= :notes_since ORDER BY id"
    needs += [(2, row, cid, "note", text) for row, cid, text in reader.all(notes, params) if text]
    pairs = "SELECT partner_id, prospect_id FROM referral WHERE prospect_id IS NOT NULL"
    introduced = {frozenset(pair) for pair in reader.all(pairs)}
    introduced |= {frozenset(pair) for pair in reader.all("SELECT contact_id, other_id FROM not_a_fit")}
    found = []
    for kind_order, row, owner, kind, text in needs:
        if owner not in trust or (focus is not None and focus not in trust):
            continue
        for place, pos, score in suggest.close(kind, text, index, idf, doc_keys):
            eligible = [
                (i, p)
                for i, p in enumerate(docs[doc_keys[pos]])
                if p != owner and frozenset((owner, p)) not in introduced and focus in (None, owner, p)
            ]
            for i, provider in eligible[:PER_NEED]:
                rank = score * (1 + (trust[owner] + trust[provider]) / 10)
                match = Match(owner, provider, score, kind, text, *doc_keys[pos])
                found.append((rank, (kind_order, row, place, 0 if focus not in (None, owner) else i), match))
    found.sort(key=lambda f: (-f[0], f[1]))
    return [m for _, _, m in found[:keep]]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    people=PEOPLE,
    introductions=st.lists(st.tuples(st.integers(0, 11), st.integers(0, 11)), max_size=12),
    focus=st.integers(0, 11),
)
def test_suggest_chooses_what_weighing_every_candidate_chooses(
    ref: Ref, query: Any, monkeypatch: pytest.MonkeyPatch,
    people: list[tuple[str, str, str, bool, bool, str]], introductions: list[tuple[int, int]], focus: int,
) -> None:  # fmt: skip
    from refcli.tracking import suggest_pick

    ref.ok("add-contact", "Someone")  # the database exists before it is emptied
    wipe_all(query)
    handles = []
    for n, (trust, business, ideal, goal, note, _) in enumerate(people):
        handle = f"p{n}"
        args = ["add-contact", f"Person {n}", "--handle", handle, "--business", business, "--ideal", ideal]
        title = ["--title", WORDS[(n + 1) % len(WORDS)]] if n % 2 else []  # a title is what they do, too
        ref.ok(*args, *(["--trust", trust] if trust else []), *title, "--offers", WORDS[n % len(WORDS)])
        if goal:
            ref.ok("goal", handle, "add", WORDS[(n + 2) % len(WORDS)])
        if note:
            ref.ok("note", handle, f"asked about {WORDS[(n + 3) % len(WORDS)]}")
        handles.append(handle)
    for n, (a, b) in enumerate(introductions):
        if a < len(handles) and b < len(handles) and a != b:  # an introduction, or a pair said to be no fit
            ref.ok(*(("introduce",) if n % 2 else ("suggest", "--not")), handles[a], handles[b])
    for handle, (*_, state) in zip(handles, people, strict=True):
        if state == "archive":
            ref.ok("archive", handle)
        elif state == "dealbreaker":
            ref.ok("trait", "dealbreaker", handle, "late payer")
    who = handles[focus % len(handles)]
    views = [("suggest", "--limit", "1"), ("suggest", "--limit", "3"), ("suggest", who, "--limit", "2")]
    answers = []
    for way in ("pages", "one at a time", "plain"):
        chosen: list[Any] = []  # the candidates kept, best first, before one per pair is shown

        def recorded(
            *args: Any, choose: Any = plain_choose if way == "plain" else suggest_pick.choose, into: Any = chosen
        ) -> Any:
            into.append(choose(*args))
            return into[-1]

        with monkeypatch.context() as patch:
            patch.setattr(suggest_pick, "choose", recorded)
            if way == "one at a time":  # a page of one person, on networks this small too
                patch.setattr(suggest_pick, "FIRST_PAGE", 1)
            answers.append(([ref.json(*view) for view in views], chosen))
    assert answers[0] == answers[2] and answers[1] == answers[2]
