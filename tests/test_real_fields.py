"""Field by field over the real files (tests/fixtures/real): each title, organisation, address,
birthday and kind of phone a file holds is found in its field in ref, not in a note.

The oracle is independent of ref's readers: vobject (another project's vCard parser) reads
each vCard fixture, and for Roundcube's CSV fixtures Roundcube's own expected conversions
(`*.expected.vcf`, written by that project) say what each column meant. A value the oracle
cannot read is not counted; a file neither can read is not a test of this.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from conftest import Ref
from test_import_real import real_files

FIELDS = ("title", "organisation", "address", "birthday", "phone kind")
USES = ("fax", "pager", "video")


def _text(value: Any) -> str:
    return " ".join(_text(v) for v in value) if isinstance(value, list | tuple) else str(value or "").strip()


def _words(text: str) -> set[str]:
    return set(re.findall(r"\w+", text.casefold()))


def _within(value: str, stored: str | None) -> bool:
    """Every word of the oracle's value is in the stored text (as a piece of it: Japanese
    writes an address without spaces)."""
    return bool(stored) and all(w in (stored or "").casefold() for w in _words(value))


def oracle(path: Path) -> list[dict[str, Any]]:
    """What vobject reads in a vCard file: per card its name and the five fields."""
    import vobject

    from refcli.exchange.decode import text_of

    text, _ = text_of(path.read_bytes())
    cards = []
    try:
        for card in vobject.readComponents(text, ignoreUnreadable=True):
            if card.name != "VCARD" or "fn" not in card.contents:
                continue
            kind = _text(card.contents.get("kind", [None])[0] and card.kind.value).lower()
            group = any(p.name.upper() == "X-ADDRESSBOOKSERVER-KIND" for p in card.getChildren())
            if kind in ("group", "org") or group:
                continue
            adr = card.contents.get("adr", [])
            cards.append(
                {
                    "name": _text(card.fn.value),
                    "title": [_text(t.value) for t in card.contents.get("title", []) if _text(t.value)],
                    "organisation": [
                        _text(o.value[0] if isinstance(o.value, list) else o.value)
                        for o in card.contents.get("org", [])
                        if _text(o.value)
                    ],
                    "address": [_address(a.value) for a in adr if _address(a.value)],
                    "birthday": [_text(b.value) for b in card.contents.get("bday", []) if _day(_text(b.value))],
                    "phone kind": [
                        (used, re.sub(r"\D", "", _text(t.value)))
                        for t in card.contents.get("tel", [])
                        for used in USES
                        if any(used in p.lower() for p in t.params.get("TYPE", []))
                        and len(re.sub(r"\D", "", _text(t.value))) >= 3
                    ],
                }
            )
    except Exception:  # vobject gives up on some real files: then it says nothing
        return cards
    return cards


def _address(value: Any) -> str:
    parts = [getattr(value, k, "") for k in ("box", "extended", "street", "city", "region", "code", "country")]
    return " ".join(_text(p) for p in parts).strip()


def _day(text: str) -> str | None:
    """MM-DD of a birthday the oracle can read (any year, none, or Apple's 1604)."""
    found = re.search(r"(?:\d{4}|--)-?(\d{2})-?(\d{2})(?:T|$)", text)
    return f"{found[1]}-{found[2]}" if found else None


def check(person: dict[str, Any], card: dict[str, Any], tally: Counter[str], misses: list[str], where: str) -> None:
    notes = " ".join(n["text"] for n in person["notes"])
    kept = {
        "title": lambda v: v == person["title"],
        "organisation": lambda v: _within(v, person["company"]),
        "address": lambda v: any(_within(v, c["value"]) for c in person["channels"] if c["kind"] == "address"),
        "birthday": lambda v: bool(person["birthday"]) and person["birthday"][-5:] == _day(v),
        "phone kind": lambda v: any(
            re.sub(r"\D", "", c["value"]) == v[1] and v[0] in (c["label"] or "")
            for c in person["channels"]
            if c["kind"] == "phone"
        ),
    }
    for field in FIELDS:
        for value in card[field][:1] if field in ("title", "organisation", "birthday") else card[field]:
            tally[field] += 1
            if not kept[field](value):
                misses.append(f"{where}: {card['name']}: {field} {value!r} (notes: {notes[:120]!r})")


@pytest.mark.parametrize("source", ["vcard", "csv"])
def test_every_real_value_lands_in_its_field(ref: Ref, tmp_path: Path, source: str) -> None:
    tally: Counter[str] = Counter()
    misses: list[str] = []
    for n, path in enumerate(real_files(source)):
        if source == "vcard":
            imported, expected = path, path
        elif path.name.endswith(".expected.vcf"):
            imported, expected = path.with_name(path.name.replace(".expected.vcf", ".csv")), path
        else:
            continue
        cards = oracle(expected)
        if not cards:
            continue
        db = str(tmp_path / f"{n}.db")
        ref.ok("--db", db, "import", str(imported))
        people: Any = ref.json("--db", db, "contacts", "--all")
        shown = [ref.json("--db", db, "show", p["handle"]) for p in people]
        for card in cards:
            match = [p for p in shown if p["name"] == card["name"]]  # type: ignore[index]
            if len(match) == 1:
                check(match[0], card, tally, misses, path.name)  # type: ignore[arg-type]
    assert not misses, "\n".join(misses)
    if source == "vcard":  # the oracle read enough of every field for the test to mean something
        assert all(tally[f] >= 3 for f in FIELDS), tally
    else:
        assert tally["title"] >= 2 and tally["address"] >= 4 and tally["phone kind"] >= 2, tally
