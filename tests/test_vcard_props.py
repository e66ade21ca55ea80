"""ref reads each vCard line by the rules itself (`exchange/vcard_props.py`); vobject read them
before, and is the independent model here: every line of every real file, and of generated
cards full of escapes, separators, quotes and groups, must mean to ref what it means to vobject.

Where vobject loses text, ref keeps it, and the comparison says how: a NICKNAME list (vobject
keeps the first name), GENDER and CLIENTPIDMAP (vobject keeps the text up to the first comma),
a value ending in a backslash (vobject reads `\\eof`), and a line vobject cannot parse (it drops
it; ref keeps it)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import vobject
from hypothesis import given
from hypothesis import strategies as st

from refcli.exchange.decode import strip_bom_and_utf16
from refcli.exchange.records import ReadResult
from refcli.exchange.vcard_lines import Card, logical_lines, split_cards, value_text
from refcli.exchange.vcard_props import BINARY, LONG_VALUE, card_props

REAL = sorted((Path(__file__).parent / "fixtures" / "real" / "vcard").glob("*.vcf"))
_LISTS = {"N", "ADR", "ORG", "CATEGORIES", "NICKNAME", "GEO", "CLIENTPIDMAP", "GENDER"}
_FIRST_PIECE = {"GENDER", "CLIENTPIDMAP"}


def _clean_line(name: str, group: str | None, params: list[str], text: str, old_style: bool) -> str:
    """The line as vobject was given it (vCard 3.0, escapes spelled out): how ref fed vobject."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")
    if old_style:
        text = re.sub(r"\\(?![;,nN])", r"\\\\", text)
    elif "\\:" in text:
        text = re.sub(r"\\(.)", lambda m: ":" if m.group(1) == ":" else m.group(0), text)
    if name not in _LISTS:
        out, escaped = [], False
        for ch in text:
            if ch in ",;" and not escaped:
                out.append("\\")
            out.append(ch)
            escaped = ch == "\\" and not escaped
        text = "".join(out)
    kept = []
    for p in params:
        key = p.partition("=")[0].strip().upper()
        if key in ("ENCODING", "CHARSET") or p.strip().upper() in ("QUOTED-PRINTABLE", "BASE64", "8BIT"):
            continue
        kept.append(p if "=" in p else f"TYPE={p}")
    prop = f"X-{name}" if name in ("PROFILE", "AGENT") else name
    return ";".join([f"{group}.{prop}" if group else prop, *kept]) + ":" + text


def _plain(value: Any) -> Any:
    """A value as comparable data: vobject's Name and Address as their fields by name."""
    if hasattr(value, "family") or hasattr(value, "street"):
        keys = ("family", "given", "additional", "prefix", "suffix") if hasattr(value, "family") else (
            "box", "extended", "street", "city", "region", "code", "country")  # fmt: skip
        return {k: _plain(getattr(value, k)) for k in keys}
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return str(value).replace("\\eof", "\\")


def _by_vobject(line: str) -> tuple[Any, ...] | None:
    """What vobject makes of one line, read as the only line of a card; None if it drops it."""
    card = vobject.readOne(f"BEGIN:VCARD\r\nVERSION:3.0\r\n{line}\r\nEND:VCARD\r\n", ignoreUnreadable=True)
    found = [c for c in card.getChildren() if c.name != "VERSION"]
    if not found:
        return None
    (item,) = found
    params = {k: [str(v).strip() for v in vs if str(v).strip()] for k, vs in item.params.items()}
    return item.group, item.name, {k: v for k, v in params.items() if v}, _plain(item.value)


def _compare(card: Card, fallback: str = "utf-8") -> int:
    """Each line the way ref reads it against the way vobject reads it; how many compared."""
    props, _, _ = card_props(card, fallback, ReadResult(format="vcard"))
    old_style = any(line.name == "VERSION" and line.value.strip() == b"2.1" for line in card.lines)
    kept = [
        line
        for line in card.lines
        if not (line.name in BINARY and (line.is_binary or line.name == "PHOTO"))
        and line.name not in ("X-UNPARSED", "VERSION", "BEGIN", "END")
        and len(line.value) <= LONG_VALUE
    ]
    assert len(props) == len(kept)
    compared = 0
    for line, prop in zip(kept, props, strict=True):
        text = value_text(line, fallback)
        expected = _by_vobject(_clean_line(line.name, line.group, line.params, text, old_style))
        if expected is None:
            continue  # vobject drops the line; ref keeps it (it reaches the note as an extra)
        group, name, params, value = expected
        mine = _plain(prop.value)
        assert (prop.group, prop.name) == (group, name)
        assert {k: v for k, v in prop.params.items() if v} == params, line
        if name == "NICKNAME":
            assert mine[0] == value and len(mine) >= 1, line
        elif name in _FIRST_PIECE:
            assert mine.startswith(value), line
        elif name == "GEO":
            assert mine.replace("\n", "\\n") == value, line
        else:
            assert mine == value, line
        compared += 1
    return compared


def _cards(data: bytes) -> list[Card]:
    data, _ = strip_bom_and_utf16(data)
    return split_cards(logical_lines(data), ReadResult(format="vcard"))


@pytest.mark.parametrize("path", REAL, ids=[p.name for p in REAL])
def test_every_line_of_a_real_file_means_what_it_meant_to_vobject(path: Path) -> None:
    cards = _cards(path.read_bytes())
    charset = "utf-8"
    try:
        path.read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        charset = "latin-1"  # the lines' meaning is compared, whatever the bytes decode to
    assert sum(_compare(card, charset) for card in cards) > 0


_PIECES = [*'ab Z,;\\"nN:é.-=\t', "\\n", "\\,", "\\;", "\\\\"]
_TEXT = st.lists(st.sampled_from(_PIECES), max_size=24).map("".join)
_NAMES = st.sampled_from(["FN", "N", "ADR", "ORG", "NOTE", "TITLE", "CATEGORIES", "NICKNAME", "EMAIL", "TEL",
                          "X-FOO", "X_LOTUS", "LABEL", "GENDER", "URL", "BDAY", "PROFILE"])  # fmt: skip
_PARAMS = st.lists(
    st.sampled_from(["TYPE=work", "type=home,pref", 'TYPE="a,b"', "WORK", "X-P=1", "VALUE=text", "TYPE=cell, voice"]),
    max_size=3,
)


@given(
    st.lists(st.tuples(st.sampled_from([None, "item1", "g-2"]), _NAMES, _PARAMS, _TEXT), min_size=1, max_size=8),
    st.sampled_from(["2.1", "3.0", "4.0"]),
)
def test_generated_lines_mean_what_they_meant_to_vobject(lines: list[tuple[Any, ...]], version: str) -> None:
    body = "".join(
        (f"{group}." if group else "") + ";".join([name, *params]) + ":" + text.replace("\n", " ") + "\r\n"
        for group, name, params, text in lines
    )
    (card,) = _cards(f"BEGIN:VCARD\r\nVERSION:{version}\r\n{body}END:VCARD\r\n".encode())
    _compare(card)
