"""The fields ref and an address book share, in one comparable shape, and the three-way merge
that carries a change from either side to the other.

A synced person is: a name, the name's parts (N: family, given...), a company, a title, a
birthday and an anniversary (one value each),
and emails, phones, websites and tags (sets, compared by their keys: an email by its lower
case, a phone by its digits). Everything else on a card is the address book's alone and is
never touched; everything else in ref (notes, one-on-ones, referrals) is ref's alone.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import Any

from refcli.contact_fields import SYNCED
from refcli.names import phone_digits, tag_name

SCALARS = SYNCED  # the contact's fields sync carries (contact_fields.py)
LISTS = ("emails", "phones", "urls", "tags")


@functools.lru_cache(maxsize=1 << 16)  # a sync compares each value several times
def key(kind: str, value: str) -> str:
    """What makes two values of a list the same value."""
    if kind == "phones":
        return phone_digits(value) or value.strip()
    if kind == "tags":
        return tag_name(value)
    return value.strip().lower() if kind == "emails" else value.strip()


def empty() -> dict[str, Any]:
    return {**{k: None for k in SCALARS}, **{k: [] for k in LISTS}}


def normal(fields: dict[str, Any]) -> dict[str, Any]:
    """One shape for comparing: blank scalars are None, lists keep one value per key, in order."""
    out: dict[str, Any] = {}
    for name in SCALARS:
        value = fields.get(name)
        out[name] = (value.strip() or None) if isinstance(value, str) else None
    for kind in LISTS:
        seen: dict[str, str] = {}
        for value in fields.get(kind) or ():
            text = str(value)
            stripped = text.strip()
            if stripped and (k := key(kind, text)) not in seen:
                seen[k] = stripped
        out[kind] = list(seen.values())
    return out


def same(kind: str, a: Any, b: Any) -> bool:
    if kind in LISTS:
        return {key(kind, v) for v in a} == {key(kind, v) for v in b}
    return bool(a == b)


def all_same(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Every synced field the same (`same`); equal dicts always are."""
    return all(same(k, a[k], b[k]) for k in (*SCALARS, *LISTS))


@dataclass
class Conflict:
    field: str
    ours: Any
    theirs: Any
    kept: str  # "ref" or "vdir"


@dataclass
class Merged:
    fields: dict[str, Any]
    conflicts: list[Conflict] = field(default_factory=list)


def merge(base: dict[str, Any], ours: dict[str, Any], theirs: dict[str, Any], prefer: str) -> Merged:
    """Both sides' changes since `base`. A one-value field changed on one side takes that side's
    value; changed on both to different values, `prefer` ("ref" or "vdir") wins and the conflict
    is reported. A list takes every value added on either side and drops every value removed on
    either side, so it never conflicts."""
    if ours == theirs:  # both sides agree (as after a first sync): that is the merge of normal fields
        return Merged(dict(ours))
    result = empty()
    conflicts = []
    for name in SCALARS:
        b, o, t = base[name], ours[name], theirs[name]
        if o == t or t == b:
            result[name] = o
        elif o == b:
            result[name] = t
        else:
            kept = prefer
            result[name] = o if kept == "ref" else t
            conflicts.append(Conflict(name, o, t, kept))
    for kind in LISTS:
        base_keys = {key(kind, v) for v in base[kind]}
        their_keys = {key(kind, v) for v in theirs[kind]}
        our_keys = {key(kind, v) for v in ours[kind]}
        kept_values: dict[str, str] = {}
        for value in [*ours[kind], *theirs[kind]]:
            k = key(kind, value)
            removed = k in base_keys and (k not in our_keys or k not in their_keys)
            if not removed and k not in kept_values:
                kept_values[k] = value
        result[kind] = list(kept_values.values())
    return Merged(result, conflicts)
