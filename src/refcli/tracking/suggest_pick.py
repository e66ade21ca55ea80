"""Which candidates `ref suggest` keeps, reading only the people who can make the list.

The definition (held by tests/test_suggest_choice.py to a plain weighing of everyone): every
need (an ideal referral, an open goal of this year, a note of the last year) meets each of the
provided texts closest to it; from each such text, the first `PER_NEED` of its eligible providers
(most trusted first, then in the order their rows were made) who are not the person in need and
were never introduced to them (nor said to be no fit) become candidates, ranked by
`score * (1 + (trust of the one in need + trust of the provider) / 10)`. The `keep` best are
kept; among equal ranks, the one found first (ideal referrals, then goals, then notes, each in
the order recorded; then the closer text; then the more trusted provider) goes first.

How it reads little: a candidate's rank can never exceed its texts' score times
`1 + 2 * MAX_TRUST / 10`, so pairs of texts are weighed best bound first and the walk ends when
no pair left can beat the weakest candidate kept. Within a pair, the people in need come most
trusted first, a page at a time (`Ranked`), and stop the same way. Who was introduced to whom
is read only for the people weighed, a page at a time.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from refcli.store import Reader
from refcli.tracking import suggest_sql as q

MAX_TRUST = 5
# Trust is 1-5 (none recorded: suggest_sql.DEFAULT_TRUST); a text's people are read level by level.
KIND_ORDER = {"ideal referral": 0, "goal": 1, "note": 2}
PER_NEED = 5  # the best few providers of each text for each need: the work stays small
FIRST_PAGE = 16


@dataclass
class Match:
    need_of: int
    provider: int
    score: float
    need_kind: str
    need_text: str
    offer_kind: str
    offer_text: str


@dataclass(frozen=True)
class Pair:
    """A need's text and one of the provided texts closest to it (`place` in that closeness)."""

    kind: str
    text: str
    place: int
    doc: tuple[str, str]  # (business, offering or title; text)
    score: float


class Ranked:
    """A text's eligible people, most trusted first and then in the order their rows were made,
    read a page at a time only as far as someone asks. `on_page` learns about each page read."""

    def __init__(
        self, reader: Reader, kind: str, text: str, params: dict[str, Any], on_page: Callable[[list[int]], None]
    ) -> None:
        self.reader, self.kind, self.on_page = reader, kind, on_page
        self.params = {**params, "text": text}
        self.found: list[tuple[int, int, int]] = []  # (person, trust, row)
        self.level: int | None = MAX_TRUST  # where the next page starts (None: all read)
        self.after, self.page = 0, FIRST_PAGE

    def get(self, i: int) -> tuple[int, int, int] | None:
        while i >= len(self.found) and self.level is not None:
            sql = q.people(self.kind, self.level)
            rows = self.reader.all(sql, {**self.params, "after": self.after, "page": self.page})
            self.found.extend((int(p), int(t), int(r)) for p, r, t in rows)
            self.on_page([int(p) for p, _, _ in rows])
            if len(rows) < self.page:
                self.level = None
            else:
                self.level, self.after = int(rows[-1][2]), int(rows[-1][1])
            self.page = min(self.page * 2, 1024)
        return self.found[i] if i < len(self.found) else None

    def __iter__(self) -> Iterator[tuple[int, int, int]]:
        i = 0
        while (found := self.get(i)) is not None:
            yield found
            i += 1


class Introduced:
    """Who was introduced to (or referred) whom, or said to be no fit with whom, read for the
    people weighed, a page at a time."""

    def __init__(self, reader: Reader) -> None:
        self.reader = reader
        self.known: dict[int, set[int]] = {}

    def learn(self, ids: list[int]) -> None:
        new = [i for i in dict.fromkeys(ids) if i not in self.known]
        for start in range(0, len(new), 500):
            chunk = new[start : start + 500]
            self.known.update((i, set()) for i in chunk)
            for (key,) in self.reader.all(q.INTRODUCED_PAIRS_OF, {"ids": chunk}):
                a, b = int(key) >> 32, int(key) & 0xFFFFFFFF
                self.known.get(a, set()).add(b)
                self.known.get(b, set()).add(a)

    def together(self, a: int, b: int) -> bool:
        return b in self.known[a]


class Kept:
    """The `keep` best candidates; the weakest (lowest rank, then found last) is the first out."""

    def __init__(self, keep: int) -> None:
        self.keep = keep
        self.heap: list[tuple[float, tuple[int, ...], Match]] = []

    def weakest(self) -> tuple[float, tuple[int, ...]] | None:
        """(rank, order) of the one to beat, or None while there is room."""
        if len(self.heap) < self.keep:
            return None
        rank, negated, _ = self.heap[0]
        return rank, tuple(-x for x in negated)

    def offer(self, rank: float, order: tuple[int, ...], match: Match) -> bool:
        """Keep it if it beats the weakest; False when it does not (nor will a later, weaker one)."""
        entry = (rank, tuple(-x for x in order), match)
        if len(self.heap) < self.keep:
            heapq.heappush(self.heap, entry)
        elif entry[:2] > self.heap[0][:2]:
            heapq.heapreplace(self.heap, entry)
        else:
            return False
        return True

    def best_first(self) -> list[Match]:
        return [m for _, _, m in sorted(self.heap, key=lambda e: e[:2], reverse=True)]


def rank(score: float, need_trust: int, provider_trust: int) -> float:
    return score * (1 + (need_trust + provider_trust) / 10)


@dataclass
class Choice:
    """One run of the walk: what it reads, cached, and what it keeps."""

    reader: Reader
    params: dict[str, Any]
    kept: Kept
    introduced: Introduced

    def __post_init__(self) -> None:
        self.lists: dict[tuple[str, str], Ranked] = {}

    def people(self, kind: str, text: str, learn: bool = False) -> Ranked:
        if (kind, text) not in self.lists:
            on_page = self.introduced.learn if learn else (lambda _: None)
            self.lists[kind, text] = Ranked(self.reader, kind, text, self.params, on_page)
        return self.lists[kind, text]

    def weigh(
        self, pair: Pair, owners: Iterator[tuple[int, int, int]], top: int,
        providers: Callable[[int], Iterator[tuple[int, int, int]]],
    ) -> None:  # fmt: skip
        """Weigh one pair's people in need (most trusted first, then in order), each with their
        providers (`providers(person)`: index, provider, trust), until none left can enter."""
        for person, trust, row in owners:
            start = (KIND_ORDER[pair.kind], row, pair.place)
            if (weakest := self.kept.weakest()) is not None:
                bound = rank(pair.score, trust, top)
                if bound < weakest[0] or (bound == weakest[0] and start > weakest[1][:3]):
                    return  # nobody later in this list ranks higher, or comes earlier at this rank
            for index, provider, provider_trust in providers(person):
                match = Match(person, provider, pair.score, pair.kind, pair.text, *pair.doc)
                if not self.kept.offer(rank(pair.score, trust, provider_trust), (*start, index), match):
                    break  # the next providers rank no higher and come later

    def first_providers(self, doc: tuple[str, str]) -> Callable[[int], Iterator[tuple[int, int, int]]]:
        """A need's providers of `doc`: its first PER_NEED eligible ones, not the person in need
        and never introduced to them."""
        ranked = self.people(*doc)

        def of(person: int) -> Iterator[tuple[int, int, int]]:
            taken = 0
            for index, (provider, trust, _) in enumerate(ranked):
                if provider == person or self.introduced.together(person, provider):
                    continue
                yield index, provider, trust
                taken += 1
                if taken == PER_NEED:
                    return

        return of


def choose(reader: Reader, pairs: list[Pair], params: dict[str, Any], keep: int, focus: int | None) -> list[Match]:
    """The `keep` best candidates, best first (see the module's definition). With `focus`, only
    their candidates: their own needs, and others' needs they can meet."""
    choice = Choice(reader, params, Kept(keep), Introduced(reader))
    own: dict[tuple[str, str], list[int]] = {}
    offers: set[tuple[str, str]] = set()
    focus_trust = 0
    if focus is not None:
        found = reader.scalar(q.PERSON, {"person": focus})
        if found is None:
            return []  # archived or with a deal-breaker: never suggested
        focus_trust = int(found)
        for kind in KIND_ORDER:
            for text, row in reader.all(q.own_needs(kind), {**params, "person": focus}):
                own.setdefault((kind, text), []).append(int(row))
        for kind in q.PROVIDED:
            offers.update((kind, text) for (text,) in reader.all(q.own_offers(kind), {"person": focus}))
        choice.introduced.learn([focus])
    for pair in sorted(pairs, key=lambda p: -p.score):
        weakest = choice.kept.weakest()
        if weakest is not None and rank(pair.score, MAX_TRUST, MAX_TRUST) < weakest[0]:
            break  # no pair left can beat the weakest kept
        top = choice.people(*pair.doc).get(0)
        if top is None:
            continue
        if focus is None:
            owners = iter(choice.people(pair.kind, pair.text, learn=True))
            choice.weigh(pair, owners, top[1], choice.first_providers(pair.doc))
            continue
        mine = [(focus, focus_trust, row) for row in own.get((pair.kind, pair.text), [])]
        choice.weigh(pair, iter(mine), top[1], choice.first_providers(pair.doc))
        if pair.doc in offers:
            others = (o for o in choice.people(pair.kind, pair.text) if o[0] != focus)
            only_focus = _only(focus, focus_trust, choice.introduced)
            choice.weigh(pair, others, focus_trust, only_focus)
    return choice.kept.best_first()


def _only(focus: int, trust: int, introduced: Introduced) -> Callable[[int], Iterator[tuple[int, int, int]]]:
    """For another's need, the one provider that can be theirs: `focus`, if never introduced."""

    def of(person: int) -> Iterator[tuple[int, int, int]]:
        if not introduced.together(focus, person):
            yield 0, focus, trust

    return of
