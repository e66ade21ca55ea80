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


ROUNDS = 3  # rounds of looking up who was introduced to whom, before reading every pair


@dataclass
class Network:
    """What suggest matches, read once: everyone's trust, each distinct offered text (and who
    offers it, most trusted first) with a word index over them, and every need."""

    trusts: dict[int, int]
    docs: dict[tuple[str, str], list[int]]  # (kind, text) -> providers
    doc_keys: list[tuple[str, str]]
    index: dict[str, list[int]]  # term -> positions in doc_keys
    idf: dict[str, float]
    needs: list[tuple[int, str, str]]  # (owner, kind, text)


def suggest(reader: Reader, person: Person | None = None, limit: int = 10) -> list[Suggestion]:
    """The introductions most worth making. Only the candidates that can still make the list
    are weighed (`_select`), and whether two people were already introduced is looked up for
    the people it is asked about, not read for every referral."""
    focus = person.id if person else None
    net = _network(reader)
    trusts = net.trusts
    introduced: set[int] = set()
    known: set[int] = set()  # people whose every introduction is in `introduced`
    for _ in range(ROUNDS):
        heap, assumed = _select(net, focus, limit * 6, introduced, known)
        if not assumed:
            break
        asked = {who for key in assumed for who in (key >> 32, key & 0xFFFFFFFF)}
        introduced.update(int(key) for (key,) in reader.all(q.INTRODUCED_PAIRS_OF, {"ids": sorted(asked)}))
        known |= asked
        if not introduced & assumed:
            break  # every pair taken as never introduced was not: the same choice as knowing them all
    else:
        introduced = {int(key) for (key,) in reader.all(q.INTRODUCED_PAIRS)}
        heap, _ = _select(net, focus, limit * 6, introduced, None)
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


def _network(reader: Reader) -> Network:
    today = dates.today()
    trusts: dict[int, int] = {}
    ideals: list[tuple[int, str, str]] = []
    # Many people offer the same words ("kitchen remodels"): index each distinct text once.
    business: dict[str, list[int]] = defaultdict(list)
    offered: dict[str, list[int]] = defaultdict(list)
    for cid, trust_value, works_in, ideal in reader.all(q.PEOPLE):
        trusts[cid] = DEFAULT_TRUST if trust_value is None else int(trust_value)
        if works_in:
            business[works_in].append(cid)
        if ideal:
            ideals.append((cid, "ideal referral", ideal))
    for cid, text in reader.all(q.OFFERINGS):
        if cid in trusts:  # eligible
            offered[text].append(cid)
    docs = {("business", text): who for text, who in business.items()}
    docs.update((("offering", text), who) for text, who in offered.items())
    doc_keys = list(docs)
    index: dict[str, list[int]] = defaultdict(list)
    for pos, (_, text) in enumerate(doc_keys):
        for term in terms(text):
            index[term].append(pos)
    for providers in docs.values():
        providers.sort(key=trusts.__getitem__, reverse=True)  # most trusted first (stable: in order read)
    total = max(len(doc_keys), 1)
    idf = {term: math.log(1 + total / len(positions)) for term, positions in index.items()}
    params = {"year": today.year, "notes_since": (today - timedelta(days=NOTES_DAYS)).isoformat()}
    needs = ideals + [(cid, "goal", text) for cid, text in reader.all(q.GOALS, params) if cid in trusts]
    needs += [(cid, "note", text) for cid, text in reader.all(q.NOTES, params) if cid in trusts]
    return Network(trusts, docs, doc_keys, index, idf, needs)


def _select(
    net: Network, focus: int | None, keep: int, introduced: set[int], known: set[int] | None
) -> tuple[list[tuple[float, int, Match]], set[int]]:
    """The `keep` best candidates (rank, order found, match), and the pairs taken as never
    introduced because neither person is `known` (None: every pair is in `introduced`). Each
    need's closest texts come best first and their providers most trusted first, so a candidate
    that cannot beat the weakest kept one ends its text, and every later one: only those that
    can make the list are weighed. For one person (`focus`), another's need can only be theirs."""
    trusts = net.trusts
    heap: list[tuple[float, int, Match]] = []
    counter = itertools.count()
    assumed: set[int] = set()
    closest: dict[str, list[tuple[int, float, list[str]]]] = {}  # per need text: what it shares most with
    most_trusted = max(trusts.values(), default=DEFAULT_TRUST)
    focus_offers = {pos for pos, key in enumerate(net.doc_keys) if focus is not None and focus in net.docs[key]}
    for owner, kind, text in net.needs:
        if focus is not None and owner != focus and focus not in trusts:
            continue
        if text not in closest:  # many people want the same thing, word for word
            closest[text] = _closest(text, net.index, net.idf)
        owner_trust = trusts.get(owner, DEFAULT_TRUST)
        for pos, score, words in closest[text]:
            if len(heap) == keep and score * (1 + (owner_trust + most_trusted) / 10) <= heap[0][0]:
                break  # no provider of this or a less close text can beat the candidates kept
            if len(words) < 2 and (kind == "note" or len(words[0]) < STRONG_TERM):
                continue  # one short or incidental word in common is a coincidence, not a reason
            offer_kind, offer_text = net.doc_keys[pos]
            taken = 0
            providers = net.docs[net.doc_keys[pos]]
            if focus is not None and owner != focus:  # only `focus` can be theirs
                providers = [focus] if pos in focus_offers else []
            for provider in providers:  # each ranks no higher than the one before
                rank = score * (1 + (owner_trust + trusts[provider]) / 10)
                if len(heap) == keep and rank <= heap[0][0]:
                    break
                if provider == owner or (focus is not None and focus not in (owner, provider)):
                    continue
                pair = _pair(owner, provider)
                if known is not None and owner not in known and provider not in known:
                    assumed.add(pair)
                elif pair in introduced:
                    continue
                entry = (rank, next(counter), Match(owner, provider, score, kind, text, offer_kind, offer_text))
                if len(heap) < keep:
                    heapq.heappush(heap, entry)
                else:
                    heapq.heapreplace(heap, entry)
                taken += 1
                if taken == PER_NEED:
                    break
    return heap, assumed


def _closest(text: str, index: dict[str, list[int]], idf: dict[str, float]) -> list[tuple[int, float, list[str]]]:
    """The PER_NEED texts a need shares most with (position, score, the words shared), closest first."""
    overlap: dict[int, float] = defaultdict(float)
    shared: dict[int, list[str]] = defaultdict(list)
    for term in terms(text):
        for pos in index.get(term, [])[:MAX_POSTINGS]:
            overlap[pos] += idf[term]
            shared[pos].append(term)
    top = heapq.nlargest(PER_NEED, overlap.items(), key=lambda kv: kv[1])
    return [(pos, score, shared[pos]) for pos, score in top]


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
