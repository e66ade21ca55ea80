"""What a text means to `ref suggest`: the trades it names, and the words left over.

A text is read left to right; at each word the longest phrase of the vocabulary
(`tracking/trades.py`) that starts there names a trade (and the broader trades it belongs
to). Its words that are neither common (`STOPWORDS`) nor shared by many trades
(`trades.AMBIGUOUS`) are kept too, by their stem: "kitchen remodels" is remodeling and a
kitchen, closer to "remodel the kitchen" than "remodeling" alone; and two texts about a trade
the vocabulary does not know still meet if they share two such words (`telling`). A key is a
trade ("=wedding planning") or a stem ("drone"); trades and stems never collide.
"""

from __future__ import annotations

import functools
import re

from refcli.names import fold
from refcli.tracking import trades

STOPWORDS = frozenset(
    """a an and are as at be by for from has have in into is it its of on or our that the their them they this to
    with who whom want wants need needs looking help more new small local people clients client customers
    business businesses company companies work year years just about all any some very your you we me my his
    her he she do does get got like good great best first also other such well""".split()
)  # fmt: skip
TRADE = "="  # a key naming a trade starts with this
# A note is a need only when it says so ("needs an accountant", "asked about caterers").
NEED_CUE = re.compile(
    r"\b(needs?|needed|needing|looking for|look for|wants?|wanted|asked (?:about|for|me)|searching for|"
    r"seeking|could use|in the market for|hire|hiring|recommend|recommendation|struggling with)\b"
)


def _singular(word: str) -> str:
    """The vocabulary's form of a word: plurals are the word ("planners" is "planner", "coaches"
    is "coach"); nothing else is cut ("accounting" is not "account", so an account manager is no
    accountant)."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith(("ches", "shes", "sses", "xes", "zes")):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def stem(word: str) -> str:
    """The other words' stem: kitchens/kitchen, remodeling/remodels/remodel."""
    if word.endswith("s") and not word.endswith("ss") and len(word) > 4:
        word = word[:-1]
    if word.endswith("e") and len(word) > 4:
        word = word[:-1]
    for suffix in ("ation", "ing", "ant", "er"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def _words(text: str) -> list[str]:
    return [_singular(w) for w in re.findall(r"[a-z0-9]+", fold(text))]


def _phrases() -> tuple[dict[tuple[str, ...], frozenset[str]], int]:
    """Each phrase (as singular words) with the trades it names, and the longest phrase's length."""
    found: dict[tuple[str, ...], set[str]] = {}
    for trade, listed in trades.TRADES.items():
        for phrase in listed.split(","):
            if words := tuple(_words(phrase)):
                found.setdefault(words, set()).add(trade)
    return {words: frozenset(named) for words, named in found.items()}, max(map(len, found))


PHRASES, LONGEST = _phrases()
IGNORED = STOPWORDS | {_singular(w) for w in trades.AMBIGUOUS} | trades.AMBIGUOUS
JOINING = frozenset(("and", "or", "plus"))  # "accountants and lawyers": two trades asked for at once


@functools.lru_cache(maxsize=8192)
def _read(text: str | None) -> tuple[tuple[frozenset[str], ...], frozenset[str]]:
    """A text as the trades its phrases name, in order (an empty set for a word that names
    none; "and" between trades is kept as an empty set too), and its telling words' stems."""
    words = _words(text or "")
    named: list[frozenset[str]] = []
    stems: set[str] = set()
    i = 0
    while i < len(words):
        length, found = 1, frozenset[str]()
        for length in range(min(LONGEST, len(words) - i), 0, -1):
            if (hit := PHRASES.get(tuple(words[i : i + length]))) is not None:
                found = hit
                break
        named.append(found if found or words[i] not in JOINING else frozenset({""}))
        stems.update(stem(w) for w in words[i : i + length] if len(w) > 2 and not w.isdigit() and w not in IGNORED)
        i += length
    return tuple(named), frozenset(stems)


def _keys(names: set[str] | frozenset[str], stems: frozenset[str]) -> frozenset[str]:
    return frozenset({TRADE + name for name in names if name} | stems)


def own(text: str | None) -> frozenset[str]:
    """The trades a text is about itself (not the broader ones they belong to)."""
    return frozenset(TRADE + name for name in _head(_read(text)[0]))


def _head(named: tuple[frozenset[str], ...]) -> set[str]:
    """The trades a text names first, with any joined to them ("accountants and lawyers"): what
    it is about. What follows is a market or a circumstance ("bookkeeping for restaurants" is
    bookkeeping; "a website for the bakery" asks for a web designer, not a baker)."""
    head: set[str] = set()
    for found in named:
        if found:
            head |= found
        elif head - {""}:
            break  # a word that names no trade (nor joins two) ends the first trades named
    head.discard("")
    return head


@functools.lru_cache(maxsize=8192)
def meaning(text: str | None) -> frozenset[str]:
    """What a provided text offers: the trades it is about, the broader trades they belong to (an
    estate planning attorney is there for "a lawyer" too), and its telling words. Remembered
    per text: in a network many people share a business or an offering word for word."""
    named, stems = _read(text)
    head = _head(named)
    return _keys(head | {p for name in head for p in trades.PARENTS.get(name, ())}, stems)


@functools.lru_cache(maxsize=8192)
def needed(kind: str, text: str | None) -> frozenset[str]:
    """What a need asks for: the trades it is about (`_head`: "HR managers planning a company
    retreat" asks for HR managers, not event planners), exactly (a divorce lawyer is asked
    for, not any lawyer), and its telling words. A note counts only when it says it is a need,
    and then only for those trades: its other words are no request."""
    if kind == "note" and not NEED_CUE.search(fold(text or "")):
        return frozenset()
    named, stems = _read(text)
    return _keys(_head(named), frozenset() if kind == "note" else stems)


def direct(provided_text: str, shared: list[str] | frozenset[str]) -> bool:
    """Whether a match names a trade the provider names itself (not only one it belongs to)."""
    return bool(own(provided_text) & set(shared))


def trades_of(keys: frozenset[str] | set[str]) -> list[str]:
    """The trade names among keys, most specific first (a parent trade comes after its own)."""
    names = sorted(key[len(TRADE) :] for key in keys if key.startswith(TRADE))
    parents = {p for name in names for p in trades.PARENTS.get(name, ())}
    return [n for n in names if n not in parents] + [n for n in names if n in parents]


def names_trade(keys: frozenset[str]) -> bool:
    return any(key.startswith(TRADE) for key in keys)


def telling(need: frozenset[str], provided: frozenset[str], shared: list[str]) -> bool:
    """Whether what two texts share is a reason: a trade; or, when they do not name two
    different trades (a wedding planner is no financial planner, whatever words they share),
    two telling words."""
    if any(key.startswith(TRADE) for key in shared):
        return True
    return len(shared) >= 2 and not (names_trade(need) and names_trade(provided))
