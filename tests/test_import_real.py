"""Real files written by other programs (tests/fixtures/real, with their sources and licenses in
SOURCES.md there): every one imports without a traceback and without losing a name, email or
phone it holds; twice is once."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

import pytest

from conftest import Ref
from refcli.exchange.decode import text_of

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(os.environ.get("REF_FIXTURES", ROOT / "tests" / "fixtures" / "real"))
EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")


def real_files(kind: str) -> list[Path]:
    if not FIXTURES.is_dir():
        pytest.fail(f"the real fixtures are missing: {FIXTURES} (set REF_FIXTURES to their folder)")
    return sorted((FIXTURES / kind).iterdir())


def channel_values(query: Any) -> tuple[set[str], set[str], str]:
    emails = {r[0] for r in query("SELECT value_key FROM channel WHERE kind = 'email'")}
    phones = {r[0] for r in query("SELECT value_key FROM channel WHERE kind = 'phone'")}
    texts = " ".join(str(r[0]) for r in query("SELECT name FROM contact UNION ALL SELECT text FROM note"))
    return emails, phones, texts


def test_the_fixtures_are_there() -> None:
    assert len(real_files("vcard")) >= 40 and len(real_files("csv")) >= 5


@pytest.mark.parametrize("kind", ["vcard", "csv"])
def test_every_real_file_imports_without_losing_emails_phones_or_names(ref: Ref, query: Any, kind: str) -> None:
    for path in real_files(kind):
        if path.suffix == ".vcf" and kind == "csv":
            continue  # roundcube's expected conversions are oracles, not inputs
        outcome = ref("import", str(path), "--json")
        assert outcome.code == 0, (path.name, outcome)
        report = json.loads(outcome.out)["files"][0]
        emails, phones, texts = channel_values(query)
        text, _ = text_of(path.read_bytes())
        text = re.sub(r"\r?\n[ \t]", "", text)  # unfold: an address may be folded mid-word
        skipped = {s["where"] for s in report["skipped"]}
        if not skipped:
            for email in EMAIL.findall(text):
                if email.lower().endswith((".jpg", ".png")):
                    continue
                assert email.lower() in emails or email in texts, (path.name, email)
        if kind == "vcard" and not skipped:
            for line in re.findall(r"(?im)^(?:item\d+\.)?TEL[^:\n]*:(.+)$", text):
                digits = re.sub(r"\D", "", line)
                if len(digits) >= 3:
                    assert digits in phones or line.strip() in texts, (path.name, line)
            for line in re.findall(r"(?m)^FN[;:](?:[^:\n]*:)?([^\n\r]+)$", text):
                name = line.strip().replace("\\,", ",")
                if name and "=" not in name and "\\" not in name:
                    assert name in texts, (path.name, name)


def test_known_hard_cases_come_out_right(ref: Ref) -> None:
    apart = []
    for path in real_files("vcard"):
        report: Any = ref.json("import", str(path))
        apart += [k for f in report["files"] for k in f["kept_apart"]]
    names = {p["name"] for p in ref.json("contacts", "--all")}  # type: ignore[attr-defined]
    assert "Piotr Iksiński" in names  # ISO-8859-2 quoted-printable without a charset
    assert "John Doë" in names or "John Doe" in names  # windows-1252
    assert "安藤 ロイド 1" in names  # Shift_JIS
    assert "Ǽgean ĽdaMonté" in names  # UTF-16 without a BOM
    assert "最유림" not in names and "최유림" in names  # Hangul, LF-only 4.0
    assert {"parent", "nest1", "nest2"} <= names  # nested cards become people of their own
    assert "second contact with minimal Vcard" in names  # no END:VCARD: read what was there
    # "Joe Due" shares forrestgump@walladalla.com with "boogie" (read first): two names, so two
    # people, reported as kept apart; nothing lost.
    joe = next(k for k in apart if k["name"] == "Joe Due")
    assert (joe["shares"], joe["with_name"]) == ("forrestgump@walladalla.com", "boogie")
    notes = " ".join(n["text"] for n in ref.json("show", joe["contact"])["notes"])  # type: ignore[index]
    assert "ROLE: Fish Cake Keeper!" in notes  # unmapped fields are kept, with their name


def test_linkedin_connected_on_becomes_met_on(ref: Ref) -> None:
    ref.ok("import", str(FIXTURES / "csv" / "kawsay__linkedin_Connections.csv"))
    jose = ref.json("show", "jose")
    assert jose["met_on"] == "2024-01-15" and jose["company"] == "Acme, Inc."  # type: ignore[index]
    assert jose["title"] == "Senior Engineer" and jose["websites"] == ["https://www.linkedin.com/in/josegarcia"]  # type: ignore[index]


def test_calendars_are_refused_cleanly(ref: Ref) -> None:
    for path in real_files("ics"):
        outcome = ref("import", str(path))
        assert outcome.code == 3 and "a calendar (iCalendar), not contacts" in outcome.err
    assert ref.json("contacts") == []


def test_importing_everything_twice_is_importing_once(ref: Ref, tmp_path: Path) -> None:
    files = [str(p) for p in real_files("vcard")] + [str(p) for p in real_files("csv") if p.suffix == ".csv"]
    ref.ok("import", *files)
    first = json.loads(ref.ok("export"))["tables"]
    again = ref("import", *files, "--json")
    report = json.loads(again.out)
    assert sum(f["created"] + f["updated"] for f in report["files"]) == 0
    assert json.loads(ref.ok("export"))["tables"] == first


# --- the oracle over every text property: an independent reader, written here -------------

ORACLE_PROPS = ("FN", "TITLE", "ORG", "NOTE", "ADR", "TEL", "EMAIL", "URL")


def _unescape(text: str, old_style: bool = False) -> str:
    """A value's escapes undone: 3.0 and 4.0 escape backslashes, commas, semicolons and line
    breaks; 2.1 only separators (and line breaks, leniently), so its other backslashes are text."""
    out, i = [], 0
    while i < len(text):
        if text[i] == "\\" and i + 1 < len(text) and (not old_style or text[i + 1] in ";,nN"):
            nxt = text[i + 1]
            out.append("\n" if nxt in "nN" else nxt)
            i += 2
        else:
            out.append(text[i])
            i += 1
    return "".join(out)


def _components(value: str, old_style: bool) -> list[str]:
    """A structured value's parts (ORG, ADR), split on semicolons and commas not escaped."""
    parts, current, i = [], [], 0
    while i < len(value):
        if value[i] == "\\" and i + 1 < len(value):
            current.append(value[i : i + 2])
            i += 2
            continue
        if value[i] in ";,":
            parts.append("".join(current))
            current = []
        else:
            current.append(value[i])
        i += 1
    parts.append("".join(current))
    return [_unescape(p, old_style) for p in parts]


def independent_cards(data: bytes) -> list[list[tuple[str, str, bool]]]:
    """(property, text) of the oracle's properties, card by card, as the file's own bytes say:
    unfolded, quoted-printable and soft breaks decoded, each value in its declared charset or
    UTF-8. A value it cannot decode without guessing is left out (the hard-cases test covers
    guessed charsets)."""
    import quopri

    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        data = data.decode("utf-16").encode("utf-8")
    elif b"\x00" in data[:4]:  # UTF-16 without a byte order mark
        data = data.decode("utf-16-le" if data[1:2] == b"\x00" else "utf-16-be").encode("utf-8")
    data = data.removeprefix(b"\xef\xbb\xbf")
    raw = re.split(rb"\r\n|\r|\n", data)
    lines: list[bytes] = []
    for line in raw:
        if lines and lines[-1].endswith(b"=") and b"QUOTED-PRINTABLE" in lines[-1].split(b":")[0].upper():
            lines[-1] = lines[-1][:-1] + line  # a soft break: the next line is text, spaces too
        elif line[:1] in (b" ", b"\t") and lines:
            lines[-1] += line[1:]
        elif lines and lines[-1].endswith(b"\\") and b":" not in line:  # Android 2.1: a line break kept
            lines[-1] = lines[-1][:-1] + b"\\n" + line
        else:
            lines.append(line)
    cards: list[list[tuple[str, str, bool]]] = []
    old_style = False
    for line in lines:
        colon = next((i for i, b in enumerate(line) if b == ord(":") and line[:i].count(b'"') % 2 == 0), -1)
        head, sep, value = (line[:colon], b":", line[colon + 1 :]) if colon >= 0 else (line, b"", b"")
        name, *params = re.split(r';(?=(?:[^"]*"[^"]*")*[^"]*$)', head.decode("ascii", "replace"))
        name = name.split(".")[-1].upper()
        if name == "BEGIN" and value.strip().upper() == b"VCARD":
            cards.append([])
            old_style = False
        if name == "VERSION":
            old_style = value.strip() == b"2.1"
        if name == "KIND" and value.strip().lower() == b"group" and cards:
            cards[-1].append(("KIND", "group", False))
        if not sep or not cards or name not in ORACLE_PROPS:
            continue
        upper = [p.upper() for p in params]
        if any("BASE64" in p or p == "ENCODING=B" for p in upper):
            continue
        if any("QUOTED-PRINTABLE" in p for p in upper):
            value = quopri.decodestring(value)
        charset = next((p.split("=", 1)[1].strip('"') for p in params if p.upper().startswith("CHARSET=")), "utf-8")
        try:
            text = value.decode(charset)
        except (UnicodeDecodeError, LookupError):
            continue
        cards[-1].append((name, text, old_style))
    return cards


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_every_text_property_of_every_real_card_is_kept_whole(ref: Ref, tmp_path: Path) -> None:
    """Each FN, TITLE, ORG, NOTE, ADR, TEL, EMAIL and URL of every fixture, read by the reader
    above (not ref's), appears whole in what ref stored: names, companies, titles, channels and
    notes. Commas and semicolons stay inside the one text they belong to."""
    checked = 0
    for number, path in enumerate(real_files("vcard")):
        db = str(tmp_path / f"{number}.db")
        report = json.loads(ref.ok("--db", db, "import", str(path), "--json"))["files"][0]
        stored: Any = ref.json("--db", db, "export")
        tables = {name: [dict(zip(t["columns"], row, strict=True)) for row in t["rows"]]
                  for name, t in stored["tables"].items()}  # fmt: skip
        texts = [v for t in ("contact", "note", "channel", "offering") for row in tables.get(t, [])
                 for v in row.values() if isinstance(v, str)]  # fmt: skip
        haystack = _flat("\n".join(texts))
        digits = {re.sub(r"\D", "", r["value"]) for r in tables.get("channel", []) if r["kind"] == "phone"}
        missing = []
        for card in independent_cards(path.read_bytes()):
            if ("KIND", "group", False) in card:
                continue  # a group card is reported as not a person
            for prop, text, old in card:
                if prop in ("ORG", "ADR"):
                    wanted = [_flat(p) for p in _components(text, old) if p.strip()]
                elif prop == "TEL":
                    number_digits = re.sub(r"\D", "", text)
                    if number_digits in digits or _flat(_unescape(text, old)) in haystack:
                        checked += 1
                        continue
                    wanted = [_flat(_unescape(text, old))]
                else:
                    wanted = [_flat(_unescape(text, old).removeprefix("mailto:"))]
                for want in wanted:
                    if not want:
                        continue
                    checked += 1
                    if want not in haystack and want.lower() not in haystack.lower():
                        missing.append((prop, want))
        assert not missing, (path.name, missing[:5], report["skipped"])
        people = [c for c in independent_cards(path.read_bytes()) if ("KIND", "group", False) not in c]
        assert len(tables["contact"]) == len(people), path.name  # every person, none merged into another
    assert checked > 500
