"""`ref stats --chart` and `ref balance --chart`: SVG pictures of the same figures the tables
print (issue 35), checked against `--json` of the same command and parsed as XML."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

from conftest import Ref

SVG = "{http://www.w3.org/2000/svg}"


def test_the_givers_gain_chart_draws_the_months_of_stats(ref: Ref, tmp_path: Path) -> None:
    ref.ok("add-contact", "Fred Okafor")
    ref.ok("add-contact", "Sally Chen")
    ref.ok("give", "fred", "Kitchen", "--on", "2026-01-10")
    ref.ok("give", "fred", "Bath", "--on", "2026-02-10")
    ref.ok("receive", "sally", "Flowers", "--on", "2026-02-11")
    ref.ok("outcome", "1", "won", "--value", "1200", "--on", "2026-02-01")
    out = tmp_path / "gg.svg"
    assert ref.json("stats", "--chart", "-o", str(out))["file"] == str(out)  # type: ignore[index]
    assert out.stat().st_mode & 0o777 == 0o600
    report: Any = ref.json("stats")
    root = ET.parse(out).getroot()
    titles = [t.text or "" for rect in root.iter(f"{SVG}rect") for t in rect.iter(f"{SVG}title")]
    drawn = {}
    for title in titles[:24]:  # the referrals panel: month, count, way
        month, count, way = re.fullmatch(r"(\w+): (\S+) (given|received)", title).groups()  # type: ignore[union-attr]
        drawn[month, way] = int(count)
    months = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
    assert drawn == {(months[i], way): m[way] for i, m in enumerate(report["months"]) for way in ("given", "received")}
    assert "Feb: $1,200 given" in titles[24:]  # closed business, placed by the outcome's day
    assert "already exists" in ref.fails(3, "stats", "--chart", "-o", str(out))
    ref.ok("stats", "--chart", "-o", str(out), "--force", "--year", "2025")


def test_the_balance_chart_has_each_relationship_as_text(ref: Ref, tmp_path: Path) -> None:
    ref.ok("add-contact", '<b>Bold</b> & "Co"', "--handle", "bold")
    ref.ok("add-contact", "Sally Chen")
    ref.ok("give", "bold", "Kitchen", "--on", "2026-01-10")
    ref.ok("give", "bold", "Bath", "--on", "2026-01-11")
    ref.ok("receive", "sally", "Flowers", "--on", "2026-02-11")
    out = tmp_path / "b.svg"
    ref.ok("balance", "--chart", "-o", str(out))
    root = ET.parse(out).getroot()  # well-formed: the name did not become markup
    texts = [t.text for t in root.iter(f"{SVG}text")]
    rows: Any = ref.json("balance")
    for r in rows:
        assert f"{r['name']} ({r['handle']})" in texts
    assert not list(root.iter(f"{SVG}b"))
    bars = [float(r.get("width", 0)) for r in root.iter(f"{SVG}rect") if float(r.get("height", 0)) == 14]
    assert sorted(bars) == sorted([160.0 * v / 2 for r in rows for v in (r["given"], r["received"])])
