"""`ref search`: what was written about whom, found by words.

A query is terms: each argument is a word or, if it holds several, a phrase (`"photo update"`);
inside one argument, double quotes mark phrases too. A term ending in `*` matches words that start
with it (`foot*`). Words are folded like names (case, accents, apostrophes), so `obrien` finds
O'Brien and `cafe` finds café. Every term must match something about a person; the person's
matching records are shown, best first, each with a snippet of where the words are.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from refcli.errors import InvalidInput
from refcli.finding import search_sql
from refcli.names import words
from refcli.store.search_index import BY_CODE

if TYPE_CHECKING:
    from refcli.store import Reader

SNIPPET_WORDS = 14  # words of context around the first match


@dataclass(frozen=True)
class Term:
    """One word or phrase of a query; `prefix`: its last word may go on (`foot*`)."""

    words: tuple[str, ...]
    prefix: bool = False

    def fts5(self) -> str:
        return '"' + " ".join(self.words) + '"' + (" *" if self.prefix else "")

    def tsquery(self) -> str:
        quoted = [f"'{w}'" for w in self.words]
        if self.prefix:
            quoted[-1] += ":*"
        return " <-> ".join(quoted)

    def matches(self, folded: list[str]) -> int | None:
        """Where in a record's folded words this term starts, if it is there."""
        n = len(self.words)
        for i in range(len(folded) - n + 1):
            window = folded[i : i + n]
            if window[:-1] == list(self.words[:-1]) and (
                window[-1].startswith(self.words[-1]) if self.prefix else window[-1] == self.words[-1]
            ):
                return i
        return None

    def __str__(self) -> str:
        return " ".join(self.words) + ("*" if self.prefix else "")


def parse(args: list[str]) -> list[Term]:
    """The terms of a query, in order, without repeats."""
    terms: list[Term] = []
    for arg in args:
        for quoted, bare in re.findall(r'"([^"]*)"?|(\S+)', arg if '"' in arg else f'"{arg}"'):
            part = quoted if quoted else bare
            found = tuple(words(part))
            term = Term(found, part.rstrip().endswith("*")) if found else None
            if term is not None and term not in terms:
                terms.append(term)
    if not terms:
        raise InvalidInput("give a word to search for", 'e.g. ref search accountant, ref search "photo update"')
    return terms


@dataclass
class Hit:
    source: str
    id: int
    on: str | None
    field: str
    snippet: str
    text: str

    def as_json(self) -> dict[str, Any]:
        return {"source": self.source, "id": self.id, "on": self.on, "field": self.field, "snippet": self.snippet,
                "text": self.text}  # fmt: skip


@dataclass
class Found:
    """Everything found about one person (contact None: records about no one)."""

    contact: str | None
    name: str | None
    archived: bool
    hits: list[Hit] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {"contact": self.contact, "name": self.name, "archived": self.archived,
                "hits": [h.as_json() for h in self.hits]}  # fmt: skip


WINDOW = 25  # records read from the index per person wanted, before reading further


def search(reader: Reader, args: list[str], limit: int) -> tuple[list[Term], list[Found], bool]:
    """The people and records matching the query (at most `limit` people, best first), and
    whether more people matched than were returned."""
    terms = parse(args)
    dialect = reader.dialect
    params: dict[str, Any] = {}
    postgres = dialect == "postgresql"
    params["any"] = " | ".join(t.tsquery() for t in terms) if postgres else " OR ".join(t.fts5() for t in terms)
    for n, term in enumerate(terms):
        params[f"t{n}"] = term.tsquery() if postgres else term.fts5()
    rows, cut = _best_rows(reader, dialect, len(terms), params, limit)
    chosen = list(dict.fromkeys(int(row["who"]) for row in rows))
    more = len(chosen) > limit
    chosen = chosen[:limit]
    if cut:  # some of these people's records lie beyond the window: read them all
        if not more:
            more = int(reader.scalar(search_sql.people(dialect, len(terms)), params) or 0) > len(chosen)
        picked = {f"p{n}": who for n, who in enumerate(chosen)}
        rows = (
            reader.rows(search_sql.of_people(dialect, len(terms), len(chosen)), {**params, **picked}) if chosen else []
        )
    groups: dict[int, Found] = {}
    for row in rows:
        who = int(row["who"])
        if who not in chosen:
            continue
        if who not in groups:
            groups[who] = Found(row["handle"], row["name"], row["archived_at"] is not None)
        source = BY_CODE[int(row["source"])]
        label, text, snippet = _best_field(json.loads(row["shown"]), terms)
        on = str(row["day"])[:10] if row["day"] else None
        groups[who].hits.append(Hit(source.what, int(row["row_id"]), on, label, snippet, text))
    return terms, [groups[who] for who in chosen if who in groups], more


def _best_rows(
    reader: Reader, dialect: str, terms: int, params: dict[str, Any], limit: int
) -> tuple[list[dict[str, Any]], bool]:
    """The index's best records, a window at a time until they name more than `limit` people or
    every match is read (a common word matches thousands of records; only the best few are
    needed); and whether the window was cut before the last match."""
    window = limit * WINDOW
    while True:
        rows = reader.rows(search_sql.best(dialect, terms), {**params, "window": window})
        if len(rows) < window:
            return rows, False
        if len({row["who"] for row in rows}) > limit:
            return rows, True
        window *= 4


def _best_field(shown: dict[str, str], terms: list[Term]) -> tuple[str, str, str]:
    """The field of a record that matches the most terms, with a snippet around the first match."""
    best: tuple[int, str, str, str] | None = None
    for label, text in shown.items():
        chunks = text.split()
        folded_chunks = [words(chunk) for chunk in chunks]
        flat = [w for ws in folded_chunks for w in ws]
        owner = [i for i, ws in enumerate(folded_chunks) for _ in ws]  # folded word -> its chunk
        places = [p for t in terms if (p := t.matches(flat)) is not None]
        if not places:
            continue
        snippet = _snippet(chunks, owner[min(places)])
        if best is None or len(places) > best[0]:
            best = (len(places), label, text, snippet)
    if best is None:  # matched only across fields (a phrase spanning two): show the first
        label, text = next(iter(shown.items()))
        return label, text, _snippet(text.split(), 0)
    return best[1], best[2], best[3]


def _snippet(chunks: list[str], at: int) -> str:
    start = max(0, at - SNIPPET_WORDS // 3)
    end = min(len(chunks), start + SNIPPET_WORDS)
    start = max(0, min(start, end - SNIPPET_WORDS))
    text = " ".join(chunks[start:end])
    return ("…" if start > 0 else "") + text + ("…" if end < len(chunks) else "")
