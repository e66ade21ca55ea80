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
