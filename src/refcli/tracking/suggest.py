"""`ref suggest`: introductions worth making.

A pair is worth introducing when one person's need (their ideal referral, an open goal, a
recent note that says it is a need) means what another does (their business, an offering, their
title): the same trade in other words (`tracking/meaning.py` over the vocabulary in
`tracking/trades.py`), or two telling words in common. Relevance weighs each shared trade or
word by how rare it is across your network (IDF), then by both people's trust and the depth of
your relationship with them. Pairs already introduced, pairs you said are no fit, archived
people and people with a deal-breaker are left out.
"""

from __future__ import annotations

import heapq
import math
from collections import defaultdict
from dataclasses import dataclass
from datetime import timedelta
from typing import Any, TypedDict

from refcli import dates
from refcli.meetings import depth
from refcli.people.resolve import Person
from refcli.store import Reader
from refcli.tracking import meaning
from refcli.tracking import suggest_pick as pick
from refcli.tracking import suggest_sql as q
from refcli.tracking.suggest_pick import PER_NEED, Match

NOTES_DAYS = 365
MAX_POSTINGS = 300  # read at most this many distinct texts per word


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

    doc_keys: list[tuple[str, str]]  # (business, offering or title; text), in one order on every engine
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
        (kind, text) for kind in q.PROVIDED for text in sorted(t for (t,) in reader.all(q.texts(dialect, kind)))
    ]
    index: dict[str, list[int]] = defaultdict(list)
    for pos, (_, text) in enumerate(doc_keys):
        for key in meaning.meaning(text):
            index[key].append(pos)
    total = max(len(doc_keys), 1)
    idf = {term: math.log(1 + total / len(positions)) for term, positions in index.items()}
    needs = [
        (kind, text)
        for kind in pick.KIND_ORDER
        for text in sorted(t for (t,) in reader.all(q.texts(dialect, kind), params))
    ]
    return Texts(doc_keys, index, idf, needs)


def pairs(texts: Texts) -> list[pick.Pair]:
    """Each need with the provided texts close to it (`close`)."""
    found = []
    for kind, text in texts.needs:
        for place, pos, score in close(kind, text, texts.index, texts.idf, texts.doc_keys):
            found.append(pick.Pair(kind, text, place, texts.doc_keys[pos], score))
    return found


def close(
    kind: str, text: str, index: dict[str, list[int]], idf: dict[str, float], doc_keys: list[tuple[str, str]]
) -> list[tuple[int, int, float]]:
    """The provided texts closest to a need (place in closeness, position, score), unless what
    they share is a coincidence (`meaning.telling`); and when some name the trade asked for
    themselves, not those that only belong to it (a divorce lawyer is not offered for "legal
    advice on a contract" when a business lawyer is there)."""
    need = meaning.needed(kind, text)
    kept = [
        (place, pos, score, meaning.direct(doc_keys[pos][1], keys))
        for place, (pos, score, keys) in enumerate(_closest(need, index, idf))
        if meaning.telling(need, meaning.meaning(doc_keys[pos][1]), keys)
    ]
    some_direct = any(is_direct for *_, is_direct in kept)
    return [(place, pos, score) for place, pos, score, is_direct in kept if is_direct or not some_direct]


def _closest(
    keys: frozenset[str], index: dict[str, list[int]], idf: dict[str, float]
) -> list[tuple[int, float, list[str]]]:
    """The PER_NEED texts a need shares most with (position, score, the keys shared), closest first."""
    overlap: dict[int, float] = defaultdict(float)
    shared: dict[int, list[str]] = defaultdict(list)
    for term in sorted(keys):
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
    shared = meaning.trades_of(meaning.needed(m.need_kind, m.need_text) & meaning.meaning(m.offer_text))
    both = f" ({', '.join(shared)})" if shared else ""
    does = f"{b} ({_lower_first(m.offer_text)})"
    if m.need_kind == "ideal referral":
        reason = f"{a} wants to meet '{m.need_text}'; {b}'s {m.offer_kind} is '{m.offer_text}'{both}"
        gets, other = need, provider
        why = f"{does} is the kind of person {a} wants to meet"
    else:
        what = "goal" if m.need_kind == "goal" else "note"
        reason = f"{a}'s {what} '{m.need_text}' matches {b}'s {m.offer_kind} '{m.offer_text}'{both}"
        gets, other = provider, need
        why = f"{does} can help with {a}'s '{m.need_text}'"
    return {
        "a": need["handle"],
        "b": provider["handle"],
        "for": gets["handle"],
        "other": other["handle"],
        "reason": reason,
        "score": round(score, 2),
        "command": f"ref introduce {need['handle']} {provider['handle']} --for {gets['handle']} --suggested"
        f' --why "{_quoted(why)}"',
    }


def _lower_first(text: str) -> str:
    """'Bridal and event coordination' as the middle of a sentence; an acronym ('CPA') stays."""
    head = text.split(" ", 1)[0]
    return text if head.isupper() or not text[:1].isupper() else text[:1].lower() + text[1:]


def _quoted(text: str) -> str:
    """The reason inside the command's double quotes: a quote in a text must not end them."""
    for special in '\\"$`':
        text = text.replace(special, "\\" + special)
    return text
