"""`ref map`: one self-contained page of the network (issue 35), through the CLI, and opened in
headless Chromium (Debian's `chromium`; `.ci/run` installs it and sets REF_TEST_REQUIRE_CHROMIUM,
so there a missing browser fails instead of skipping)."""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from conftest import Ref

HOSTILE = ['<script>alert("x")</script>', "Bob \"Quotes\" & 'Co'", "Eve \u202egnp.exe", "</script><b>x</b>"]


class Page(HTMLParser):
    """What a browser would see: the people drawn, their label texts, every URL-bearing attribute."""

    def __init__(self) -> None:
        super().__init__()
        self.people = 0
        self.texts: list[str] = []
        self.urls: list[str] = []
        self.scripts: list[dict[str, str | None]] = []
        self._in_text = False
        self.data: Any = None
        self._data = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "g" and found.get("class") == "person":
            self.people += 1
        self._in_text = tag == "text"
        if tag == "script":
            self.scripts.append(found)
            self._data = found.get("type") == "application/json"
        self.urls += [v or "" for k, v in attrs if k in ("href", "src", "xlink:href", "action")]

    def handle_endtag(self, tag: str) -> None:
        self._in_text = False
        self._data = False

    def handle_data(self, data: str) -> None:
        if self._in_text:
            self.texts.append(data)
        if self._data:
            self.data = json.loads(data)


def read_page(path: Path) -> Page:
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def small_network(ref: Ref) -> None:
    ref.ok("add-contact", "Sally Chen", "--tag", "bni", "--business", "Florist")
    ref.ok("add-contact", "Fred Okafor", "--tag", "bni", "--business", "Remodeling")
    ref.ok("add-contact", "Tom Becker", "--tag", "chamber")
    ref.ok("add-contact", "Old Olga")
    ref.ok("archive", "olga")
    ref.ok("give", "fred", "Kitchen job", "--on", "2026-01-05")
    ref.ok("give", "fred", "Bathroom", "--on", "2026-01-06")
    ref.ok("outcome", "1", "won", "--value", "3000")
    ref.ok("receive", "sally", "Wedding flowers", "--on", "2026-02-01")
    ref.ok("meet", "sally", "--on", "2026-02-02")
    ref.ok("introduce", "sally", "tom", "--on", "2026-02-03")
    ref.ok("knows", "fred", "tom")


def test_map_writes_one_private_page_with_everyone_and_what_passes_between_you(ref: Ref, tmp_path: Path) -> None:
    small_network(ref)
    out = tmp_path / "network.html"
    summary: Any = ref.json("map", "-o", str(out))
    assert summary["people"] == 3 and summary["introductions"] == 1 and summary["knows"] == 1
    assert out.stat().st_mode & 0o777 == 0o600
    page = read_page(out)
    assert page.people == 3 and {"Sally Chen", "Fred Okafor", "Tom Becker"} <= set(page.texts)
    assert "Old Olga" not in page.texts  # archived: hidden unless asked
    # What passes between you, against a count of what was recorded above (the model).
    cards = {p["handle"]: p for p in page.data["people"]}
    assert (cards["fred"]["given"], cards["fred"]["won_given"], cards["fred"]["received"]) == (2, 1, 0)
    assert (cards["sally"]["received"], cards["sally"]["meetings"], cards["sally"]["given"]) == (1, 1, 1)
    assert "already exists" in ref.fails(3, "map", "-o", str(out))
    again: Any = ref.json("map", "-o", str(out), "--force", "--archived")
    assert again["people"] == 4 and "Old Olga" in read_page(out).texts
    first = out.read_bytes()
    ref.ok("map", "-o", str(out), "--force", "--archived")
    assert out.read_bytes() == first  # the same data, the same picture
    assert read_page(out).urls == []  # nothing to fetch: no href, no src
    assert not re.search(rb"https?://(?!www\.w3\.org/2000/svg)", first), "an outside URL in the page"
    policy = re.search(rb'Content-Security-Policy" content="([^"]+)"', first)
    assert policy is not None and policy.group(1).startswith(b"default-src 'none'")


def test_map_of_a_tag_a_person_a_period(ref: Ref, tmp_path: Path) -> None:
    small_network(ref)
    out = tmp_path / "m.html"
    assert ref.json("map", "-o", str(out), "--tag", "BNI")["people"] == 2  # type: ignore[index]
    assert set(read_page(out).texts) >= {"Sally Chen", "Fred Okafor"} and "Tom Becker" not in read_page(out).texts
    circle: Any = ref.json("map", "tom", "-o", str(out), "--force")
    assert circle["people"] == 3  # Tom, whom he knows (Fred) and whom he was introduced to (Sally)
    assert "Tom Becker's circle" in html.unescape(out.read_text())
    recent: Any = ref.json("map", "-o", str(out), "--force", "--since", "2026-02-01")
    assert recent["people"] == 2  # Sally and Tom were in touch since; Fred's last was in January
    assert "not a way to colour" in ref.fails(3, "map", "-o", str(out), "--force", "--color", "shoe")
    ref.ok("map", "-o", str(out), "--force", "--color", "tag")
    assert "bni" in out.read_text()
    assert "no one called 'nobody'" in ref.fails(3, "map", "nobody", "-o", str(tmp_path / "x.html"))
    assert not (tmp_path / "x.html").exists()


def test_hostile_names_stay_text(ref: Ref, tmp_path: Path) -> None:
    for n, name in enumerate(HOSTILE):
        ref.ok("add-contact", name, "--handle", f"h{n}", "--business", name)
    out = tmp_path / "m.html"
    ref.ok("map", "-o", str(out))
    raw = out.read_text(encoding="utf-8")
    page = read_page(out)
    assert len(page.scripts) == 2 and page.scripts[0].get("type") == "application/json"  # no script of theirs
    assert "<script>alert" not in raw and "</script><b>" not in raw and "\u202e" not in raw
    names = {p["name"] for p in page.data["people"]}
    assert names == {n.replace("\u202e", "") for n in HOSTILE}  # the data keeps the text, less the bidi override


def test_a_big_network_is_drawn_nearest_first_and_the_rest_counted(
    ref: Ref, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from refcli.pictures import network

    for n in range(9):
        ref.ok("add-contact", f"Person {n}", "--handle", f"p{n}", "--tag", "bni" if n % 2 else "chamber")
        ref.ok("touch", f"p{n}", "--on", f"2025-{n + 1:02d}-01")
    monkeypatch.setattr(network, "MOST", 5)
    out = tmp_path / "m.html"
    summary: Any = ref.json("map", "-o", str(out))
    assert (summary["people"], summary["not_drawn"]) == (5, 4)
    page = read_page(out)
    assert set(page.texts) >= {f"Person {n}" for n in range(4, 9)}  # the five most recently in touch
    assert "bni (4)" in page.texts and "chamber (5)" in page.texts  # every group counted in full


def chromium() -> str | None:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None and os.environ.get("REF_TEST_REQUIRE_CHROMIUM") == "1":
        pytest.fail("REF_TEST_REQUIRE_CHROMIUM=1 but no chromium on PATH")
    return found


def test_the_page_in_a_real_browser(ref: Ref, tmp_path: Path) -> None:
    browser = chromium()
    if browser is None:
        pytest.skip("no chromium (Debian's `chromium` package); .ci/run installs it")
    tags = ["bni", "chamber", "alumni", "neighbours"]
    for n in range(50):  # fifty people, names long and short, some wide (CJK) and hostile
        name = HOSTILE[n] if n < len(HOSTILE) else f"{['Ana', 'Bartholomew', '陳大文', 'Zoë'][n % 4]} Person {n}"
        ref.ok("add-contact", name, "--handle", f"p{n}", "--tag", tags[n % 4])
        if n % 3 == 0:
            ref.ok("give", f"p{n}", f"Job {n}")
        if n % 5 == 0 and n:
            ref.ok("introduce", f"p{n}", f"p{n - 1}")
    out = tmp_path / "m.html"
    ref.ok("map", "-o", str(out))
    flags = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--enable-logging=stderr",
        "--v=0",
        f"--user-data-dir={tmp_path / 'profile'}",
    ]
    run = subprocess.run(
        [browser, *flags, "--dump-dom", out.as_uri()], capture_output=True, text=True, timeout=120, check=True
    )
    root = re.search(r"<html([^>]*)>", run.stdout)
    assert root is not None
    seen = dict(re.findall(r'data-(\w+)="([^"]*)"', root.group(1)))
    assert seen == {"overlaps": "0", "people": "50", "ready": "1"}, seen  # the script ran; no label over another
    assert "CONSOLE" not in run.stderr, [line for line in run.stderr.splitlines() if "CONSOLE" in line]
    shot = tmp_path / "map.png"
    subprocess.run(
        [browser, *flags, "--window-size=1400,1000", f"--screenshot={shot}", out.as_uri()],
        capture_output=True, timeout=120, check=True,
    )  # fmt: skip
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 20_000
