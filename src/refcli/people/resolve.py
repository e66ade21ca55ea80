"""The one resolver for every CONTACT argument.

A contact is named by its handle, its full name, or a unique prefix of either
(or of any word of the name), case- and accent-insensitively. Ties are broken by
how exact the match is: handle, then full name, then prefix, then word prefix.
Unknown and ambiguous names are errors that list the closest candidates.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from refcli.errors import Ambiguous, InvalidInput, NotFound
from refcli.names import like_escape, match_fold
from refcli.people import contacts_sql as q
from refcli.store import Reader

MAX_CANDIDATES = 5


@dataclass(frozen=True)
class Person:
    id: int
    handle: str
    name: str
    archived: bool

    def label(self) -> str:
        return f"{self.handle} ({self.name})" + (" [archived]" if self.archived else "")


def _tier(row: dict[str, object], key: str) -> int:
    if row["handle"] == key:
        return 0
    if row["name_fold"] == key:
        return 1
    if str(row["handle"]).startswith(key) or str(row["name_fold"]).startswith(key):
        return 2
    return 3


def resolve(reader: Reader, text: str) -> Person:
    key = match_fold(text)
    if not key:
        raise InvalidInput("a contact name cannot be empty", "give a handle or a name, e.g. fred")
    rows = reader.rows(q.RESOLVE_EXACT, {"exact": key})
    if not rows:  # no handle or name is exactly that: a unique start of one, or of a word in a name
        escaped = like_escape(key)
        rows = reader.rows(q.RESOLVE, {"exact": key, "prefix": escaped + "%", "word": "% " + escaped + "%"})
    if not rows:
        raise NotFound(f"no one called {text!r}", _suggest(reader, key))
    best = min(_tier(r, key) for r in rows)
    matches = [r for r in rows if _tier(r, key) == best]
    people = [Person(int(r["id"]), str(r["handle"]), str(r["name"]), r["archived_at"] is not None) for r in matches]
    if len(people) == 1:
        return people[0]
    shown = ", ".join(_labels(reader, people[:MAX_CANDIDATES]))
    more = f" and {len(people) - MAX_CANDIDATES} more" if len(people) > MAX_CANDIDATES else ""
    raise Ambiguous(f"{text!r} matches {len(people)} people: {shown}{more}", "use the handle")


TELL_APART = """
SELECT c.id, c.company, c.business,
  (SELECT ch.value FROM channel ch WHERE ch.contact_id = c.id AND ch.kind = 'email' ORDER BY ch.id LIMIT 1) AS email
FROM contact c WHERE c.id IN ({ids})
"""


def _labels(reader: Reader, people: list[Person]) -> list[str]:
    """Each candidate as `handle (Name)`; where two share a name, with what tells them apart:
    their company, else what they do, else their email (error path only)."""
    names = [p.name.casefold() for p in people]
    twins = [p for p in people if names.count(p.name.casefold()) > 1]
    extra: dict[int, str] = {}
    if twins:
        params = {f"t{i}": p.id for i, p in enumerate(twins)}
        sql = TELL_APART.format(ids=", ".join(f":t{i}" for i in range(len(twins))))
        for r in reader.rows(sql, params):
            detail = r["company"] or r["business"] or r["email"]
            if detail:
                extra[int(r["id"])] = str(detail)
    labels = []
    for p in people:
        label = p.label()
        if p.id in extra:
            label = label.replace(f"({p.name})", f"({p.name}, {extra[p.id]})", 1)
        labels.append(label)
    return labels


def _suggest(reader: Reader, key: str) -> str:
    """Up to five close names, for the 'no one called' error (error path only)."""
    rows = reader.rows(q.ALL_NAMES)
    by_key: dict[str, str] = {}
    for r in rows:
        label = f"{r['handle']} ({r['name']})"
        by_key.setdefault(str(r["handle"]), label)
        by_key.setdefault(str(r["name_fold"]), label)
    close = difflib.get_close_matches(key, list(by_key), n=MAX_CANDIDATES * 2, cutoff=0.6)
    labels = list(dict.fromkeys(by_key[c] for c in close))[:MAX_CANDIDATES]
    if labels:
        return "did you mean: " + ", ".join(labels) + "?"
    return "see `ref contacts`, or add them with `ref add-contact`"


def resolve_exact(reader: Reader, text: str) -> Person | None:
    """A person named exactly (handle or full name), or None: for fields that may be free
    text, like a referral's prospect, where a prefix match would be a guess."""
    key = match_fold(text)
    if not key:
        return None
    rows = reader.rows(q.RESOLVE_EXACT, {"exact": key})
    if not rows:
        return None
    best = min(_tier(r, key) for r in rows)
    matches = [r for r in rows if _tier(r, key) == best]
    if len(matches) > 1:
        candidates = [Person(int(r["id"]), str(r["handle"]), str(r["name"]), False) for r in matches]
        shown = ", ".join(_labels(reader, candidates[:MAX_CANDIDATES]))
        raise Ambiguous(f"{text!r} matches {len(matches)} people: {shown}", "use the handle")
    r = matches[0]
    return Person(int(r["id"]), str(r["handle"]), str(r["name"]), r["archived_at"] is not None)
