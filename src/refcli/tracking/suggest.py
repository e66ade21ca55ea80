"""`ref suggest`: introductions worth making.

A pair is worth introducing when one person's need (their ideal referral, an open
goal, a recent note) shares rare words with what another provides (their business
or an offering). Relevance weighs each shared word by how rare it is across your
network (IDF), then by both people's trust and the depth of your relationship with
them. Pairs already introduced, archived people and people with a deal-breaker
are left out.
"""

from __future__ import annotations

import functools
import heapq
import itertools
import math
import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import timedelta
from typing import Any, TypedDict

from refcli import dates
from refcli.meetings import depth
from refcli.names import fold
from refcli.people.resolve import Person
from refcli.store import Reader
from refcli.tracking import suggest_sql as q

STOPWORDS = frozenset(
    """a an and are as at be by for from has have in into is it its of on or our that the their them they this to
    with who whom want wants need needs looking help more new small local people clients client customers owner
    owners business businesses company companies service services work year years just about all any some very
    your you we me my his her he she do does get got like good great best first""".split()
)  # fmt: skip
DEFAULT_TRUST = 3
NOTES_DAYS = 365
STRONG_TERM = 5  # a match on one word alone needs a word at least this long (and never from a note)
MAX_POSTINGS = 300  # read at most this many distinct texts per word
PER_NEED = 5  # keep the best few providers for each need: the work stays linear in the network's size


def stem(word: str) -> str:
    """A small stemmer: kitchens/kitchen, remodeling/remodels/remodel, accountant/accounting."""
    if word.endswith("s") and not word.endswith("ss") and len(word) > 4:
        word = word[:-1]
    if word.endswith("e") and len(word) > 4:
        word = word[:-1]
    for suffix in ("ation", "ing", "ant", "er"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


@functools.lru_cache(maxsize=8192)
def terms(text: str | None) -> frozenset[str]:
    """The words a text is matched on. Remembered per text: in a network many people share the
    same ideal referral, business or offering, word for word."""
    words = re.findall(r"[a-z0-9]+", fold(text or ""))
    return frozenset(stem(w) for w in words if len(w) > 2 and w not in STOPWORDS)


@dataclass
class Match:
    need_of: int
    provider: int
    score: float
    need_kind: str
    need_text: str
    offer_kind: str
    offer_text: str


# An introduction worth making: the two people, whom it is for ("for" is a Python keyword: the
# functional form), why, its score, and the command that makes it.
Suggestion = TypedDict(
    "Suggestion",
    {"a": str, "b": str, "for": str, "other": str, "reason": str, "score": float, "command": str},
)


def suggest(reader: Reader, person: Person | None = None, limit: int = 10) -> list[Suggestion]:
    """The introductions most worth making. Rows are streamed as tuples and only a bounded
    heap of candidates is kept, so memory stays modest at any size."""
    today = dates.today()
    focus = person.id if person else None
    trusts: dict[int, int] = {}
    ideals: list[tuple[int, str]] = []
    # Many people offer the same words ("kitchen remodels"): index each distinct text once.
    docs: dict[tuple[str, str], list[int]] = defaultdict(list)  # (kind, text) -> providers
    for cid, trust_value, business, ideal in reader.stream(q.PEOPLE):
        trusts[cid] = int(trust_value) if trust_value is not None else DEFAULT_TRUST
        if business:
            docs[("business", str(business))].append(cid)
        if ideal:
            ideals.append((cid, str(ideal)))
    for cid, text in reader.stream(q.OFFERINGS):
        docs[("offering", str(text))].append(cid)
    introduced = {int(key) for (key,) in reader.stream(q.INTRODUCED_PAIRS)}
    doc_keys = list(docs)
    index: dict[str, list[int]] = defaultdict(list)  # term -> positions in doc_keys
    for pos, (_, text) in enumerate(doc_keys):
        for term in terms(text):
            index[term].append(pos)
    for providers in docs.values():
        providers.sort(key=lambda cid: -trusts[cid])  # most trusted first
    total = max(len(doc_keys), 1)
    idf = {term: math.log(1 + total / len(positions)) for term, positions in index.items()}

    params = {"year": today.year, "notes_since": (today - timedelta(days=NOTES_DAYS)).isoformat()}
    needs = itertools.chain(
        ((cid, "ideal referral", text) for cid, text in ideals),
        ((int(cid), "goal", str(text)) for cid, text in reader.stream(q.GOALS, params)),
        ((int(cid), "note", str(text)) for cid, text in reader.stream(q.NOTES, params)),
    )
    keep = limit * 6
    heap: list[tuple[float, int, Match]] = []  # the best candidates so far, by score and trust
    counter = itertools.count()
    closest: dict[str, list[tuple[int, float, list[str]]]] = {}  # per need text: what it shares most with
    for owner, kind, text in needs:
        if focus is not None and owner != focus and focus not in trusts:
            continue
        if text not in closest:  # many people want the same thing, word for word
            overlap: dict[int, float] = defaultdict(float)
            shared: dict[int, list[str]] = defaultdict(list)
            for term in terms(text):
                for pos in index.get(term, [])[:MAX_POSTINGS]:
                    overlap[pos] += idf[term]
                    shared[pos].append(term)
            top = heapq.nlargest(PER_NEED, overlap.items(), key=lambda kv: kv[1])
            closest[text] = [(pos, score, shared[pos]) for pos, score in top]
        for pos, score, words in closest[text]:
            if len(words) < 2 and (kind == "note" or len(words[0]) < STRONG_TERM):
                continue  # one short or incidental word in common is a coincidence, not a reason
            offer_kind, offer_text = doc_keys[pos]
            candidates = (
                p
                for p in docs[doc_keys[pos]]
                if p != owner and _pair(owner, p) not in introduced and (focus is None or focus in (owner, p))
            )
            for provider in itertools.islice(candidates, PER_NEED):
                rank = score * (1 + (trusts.get(owner, DEFAULT_TRUST) + trusts[provider]) / 10)
                entry = (rank, next(counter), Match(owner, provider, score, kind, text, offer_kind, offer_text))
                if len(heap) < keep:
                    heapq.heappush(heap, entry)
                elif rank > heap[0][0]:
                    heapq.heapreplace(heap, entry)
    best: dict[frozenset[int], Match] = {}  # one suggestion per pair of people
    for _, _, m in sorted(heap, key=lambda e: -e[0]):
        best.setdefault(frozenset((m.need_of, m.provider)), m)
    ranked = list(best.values())
    ids = sorted({cid for m in ranked for cid in (m.need_of, m.provider)})
    depths = depth.for_ids(reader, ids)
    people = (
        {int(r["id"]): r for r in reader.rows(q.names(len(ids)), {f"c{i}": c for i, c in enumerate(ids)})}
        if ids
        else {}
    )

    def final(m: Match) -> float:
        deep = (depths[m.need_of]["score"] + depths[m.provider]["score"]) / 28 if depths else 0
        return m.score * (1 + (trusts.get(m.need_of, DEFAULT_TRUST) + trusts[m.provider]) / 10) * (1 + deep)

    ordered = sorted(ranked, key=lambda m: (-final(m), people[m.need_of]["name"]))[:limit]
    return [_shape(m, people, final(m)) for m in ordered]


def _pair(a: int, b: int) -> int:
    """Two people as one int, in either order (a set of these is far smaller than of frozensets);
    suggest_sql.INTRODUCED_PAIRS computes the same number."""
    return (min(a, b) << 32) | max(a, b)


def _first(name: str) -> str:
    return name.split()[0]


def _shape(m: Match, people: dict[int, dict[str, Any]], score: float) -> Suggestion:
    need, provider = people[m.need_of], people[m.provider]
    a, b = _first(need["name"]), _first(provider["name"])
    if m.need_kind == "ideal referral":
        reason = f"{a} wants to meet '{m.need_text}'; {b}'s {m.offer_kind} is '{m.offer_text}'"
        gets, other = need, provider
        why = f"{b} is the kind of person {a} wants to meet: {m.offer_text}"
    else:
        what = "goal" if m.need_kind == "goal" else "note"
        reason = f"{a}'s {what} '{m.need_text}' matches {b}'s {m.offer_kind} '{m.offer_text}'"
        gets, other = provider, need
        why = f"{a} needs what {b} does: {m.offer_text}"
    return {
        "a": need["handle"],
        "b": provider["handle"],
        "for": gets["handle"],
        "other": other["handle"],
        "reason": reason,
        "score": round(score, 2),
        "command": f'ref introduce {need["handle"]} {provider["handle"]} --for {gets["handle"]} --why "{why}"',
    }
