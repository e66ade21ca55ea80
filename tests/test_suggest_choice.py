"""`ref suggest` weighs only the candidates that can still make the list, and looks up who was
introduced to whom only for the people it asks about (tracking/suggest.py). On random networks,
with many shared texts (ties) and many introductions, it must choose exactly what the plain
definition chooses: every need, its closest texts, the first few eligible providers of each, all
weighed, with every introduction known (`plain_select` below, written from the definition)."""

from __future__ import annotations

import heapq
import itertools
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import Ref, wipe_all

WORDS = ("kitchen remodels", "accounting offices", "payroll accounting", "kitchen design", "estate planning")
PEOPLE = st.lists(
    st.tuples(
        st.sampled_from(("1", "3", "5", "")),  # trust ("": none)
        st.sampled_from(WORDS),  # business
        st.sampled_from(WORDS),  # ideal referral
        st.booleans(),  # a goal naming another text
    ),
    min_size=3,
    max_size=9,
)


def plain_select(
    net: Any, focus: int | None, keep: int, introduced: set[int], known: Any
) -> tuple[list[Any], set[int]]:
    """The definition, with no shortcut: every candidate is weighed, and kept while among the
    `keep` best (a tie does not replace one kept)."""
    from refcli.tracking import suggest

    heap: list[Any] = []
    counter = itertools.count()
    for owner, kind, text in net.needs:
        if focus is not None and owner != focus and focus not in net.trusts:
            continue
        for pos, score, words in suggest._closest(text, net.index, net.idf):
            if len(words) < 2 and (kind == "note" or len(words[0]) < suggest.STRONG_TERM):
                continue
            offer_kind, offer_text = net.doc_keys[pos]
            eligible = (
                p
                for p in net.docs[net.doc_keys[pos]]
                if p != owner and suggest._pair(owner, p) not in introduced and (focus is None or focus in (owner, p))
            )
            for provider in itertools.islice(eligible, suggest.PER_NEED):
                trust = net.trusts.get(owner, suggest.DEFAULT_TRUST) + net.trusts[provider]
                rank = score * (1 + trust / 10)
                match = suggest.Match(owner, provider, score, kind, text, offer_kind, offer_text)
                if len(heap) < keep:
                    heapq.heappush(heap, (rank, next(counter), match))
                elif rank > heap[0][0]:
                    heapq.heapreplace(heap, (rank, next(counter), match))
    return heap, set()


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(people=PEOPLE, introductions=st.lists(st.tuples(st.integers(0, 8), st.integers(0, 8)), max_size=12))
def test_suggest_chooses_what_weighing_every_candidate_chooses(
    ref: Ref, query: Any, monkeypatch: pytest.MonkeyPatch, people: list[tuple[str, str, str, bool]],
    introductions: list[tuple[int, int]],
) -> None:  # fmt: skip
    from refcli.tracking import suggest

    ref.ok("add-contact", "Someone")  # the database exists before it is emptied
    wipe_all(query)
    handles = []
    for n, (trust, business, ideal, goal) in enumerate(people):
        handle = f"p{n}"
        args = ["add-contact", f"Person {n}", "--handle", handle, "--business", business, "--ideal", ideal]
        ref.ok(*args, *(["--trust", trust] if trust else []), "--offers", WORDS[n % len(WORDS)])
        if goal:
            ref.ok("goal", handle, "add", WORDS[(n + 2) % len(WORDS)])
        handles.append(handle)
    for a, b in introductions:
        if a < len(handles) and b < len(handles) and a != b:
            ref.ok("introduce", handles[a], handles[b])
    views = [("suggest", "--limit", "1"), ("suggest", "--limit", "3"), ("suggest", "p0", "--limit", "2")]
    quick = [ref.json(*view) for view in views]
    with monkeypatch.context() as patch:
        patch.setattr(suggest, "ROUNDS", 0)  # every introduction read at once, as when lookups run out
        assert [ref.json(*view) for view in views] == quick
        patch.setattr(suggest, "_select", plain_select)
        assert [ref.json(*view) for view in views] == quick
