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
from refcli.tracking import suggest_pick as pick
from refcli.tracking import suggest_sql as q
from refcli.tracking.suggest_pick import PER_NEED, Match

STOPWORDS = frozenset(
    """a an and are as at be by for from has have in into is it its of on or our that the their them they this to
    with who whom want wants need needs looking help more new small local people clients client customers owner
    owners business businesses company companies service services work year years just about all any some very
    your you we me my his her he she do does get got like good great best first""".split()
)  # fmt: skip
NOTES_DAYS = 365
STRONG_TERM = 5  # a match on one word alone needs a word at least this long (and never from a note)
MAX_POSTINGS = 300  # read at most this many distinct texts per word


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


# An introduction worth making: the two people, whom it is for ("for" is a Python keyword: the
# functional form), why, its score, and the command that makes it.
Suggestion = TypedDict(
    "Suggestion",
    {"a": str, "b": str, "for": str, "other": str, "reason": str, "score": float, "command": str},
)


@dataclass
class Texts:
    """What suggest matches, read once: each distinct provided text with a word index over them,
    and each distinct need (kind, text)."""

    doc_keys: list[tuple[str, str]]  # (business or offering, text), in one order on every engine
    index: dict[str, list[int]]  # term -> positions in doc_keys
    idf: dict[str, float]
    needs: list[tuple[str, str]]  # (ideal referral, goal or note; text)


def suggest(reader: Reader, person: Person | None = None, limit: int = 10) -> list[Suggestion]:
    """The introductions most worth making: the best candidates (`suggest_pick.choose`, which
    reads only the people who can make the list), one per pair of people, then weighed by how
    deeply you know both."""
    params = _params()
    texts = read_texts(reader, params)
    kept = pick.choose(reader, pairs(texts), params, limit * 6, person.id if person else None)
    best: dict[frozenset[int], Match] = {}  # one suggestion per pair of people
    for m in kept:
        best.setdefault(frozenset((m.need_of, m.provider)), m)
    ranked = list(best.values())
    ids = sorted({cid for m in ranked for cid in (m.need_of, m.provider)})
    depths = depth.for_ids(reader, ids)
    people = {int(r["id"]): r for r in reader.rows(q.NAMES, {"ids": ids})}

    def final(m: Match) -> float:
        deep = (depths[m.need_of]["score"] + depths[m.provider]["score"]) / 28 if depths else 0
        trusts = int(people[m.need_of]["trust"]), int(people[m.provider]["trust"])
        return pick.rank(m.score, *trusts) * (1 + deep)

    ordered = sorted(ranked, key=lambda m: (-final(m), people[m.need_of]["name"]))[:limit]
    return [_shape(m, people, final(m)) for m in ordered]


def _params() -> dict[str, Any]:
    today = dates.today()
    return {"year": today.year, "notes_since": (today - timedelta(days=NOTES_DAYS)).isoformat()}


def read_texts(reader: Reader, params: dict[str, Any]) -> Texts:
    """The distinct texts, not the rows: many people share a business, an offering or an ideal
    referral word for word. Sorted here, so that every engine weighs them in one order."""
    dialect = reader.dialect
    doc_keys = [
        (kind, text)
        for kind in ("business", "offering")
        for text in sorted(t for (t,) in reader.all(q.texts(dialect, kind)))
    ]
    index: dict[str, list[int]] = defaultdict(list)
    for pos, (_, text) in enumerate(doc_keys):
        for term in terms(text):
            index[term].append(pos)
    total = max(len(doc_keys), 1)
    idf = {term: math.log(1 + total / len(positions)) for term, positions in index.items()}
    needs = [
        (kind, text)
        for kind in pick.KIND_ORDER
        for text in sorted(t for (t,) in reader.all(q.texts(dialect, kind), params))
    ]
    return Texts(doc_keys, index, idf, needs)


def pairs(texts: Texts) -> list[pick.Pair]:
    """Each need with each provided text close to it, unless what they share is a coincidence:
    one short or incidental word in common is not a reason."""
    found = []
    for kind, text in texts.needs:
        for place, (pos, score, words) in enumerate(_closest(text, texts.index, texts.idf)):
            if len(words) < 2 and (kind == "note" or len(words[0]) < STRONG_TERM):
                continue
            found.append(pick.Pair(kind, text, place, texts.doc_keys[pos], score))
    return found


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
