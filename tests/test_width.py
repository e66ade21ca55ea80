"""Any width from 40 columns: tables never cut a handle, id or date (they drop columns instead,
and say so), lists and cards wrap under their own indent without splitting a command, long
entries are clipped on a terminal with a pointer to the whole, and piped output is never
clipped. Checked through CliRunner at 40, 60, 80 and 200 columns, and in a real pseudo-terminal."""

from __future__ import annotations

import os
import re
import sys
from typing import Any

import pytest

from conftest import Ref

WIDTHS = (40, 60, 80, 200)
LONG_NOTE = " ".join(["The chapter breakfast ran long and we talked about succession planning"] * 30)
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def terminal(ref: Ref, width: int, *args: str) -> tuple[str, str]:
    outcome = ref(*args, env={"REF_FORCE_TERMINAL": "1", "COLUMNS": str(width)})
    assert outcome.code == 0, outcome
    return ANSI.sub("", outcome.out), outcome.err


@pytest.fixture
def network(ref: Ref) -> Ref:
    ref.ok("add-contact", "Alexandra Montgomery-Fitzgerald", "--handle", "alexandra-montgomery",
           "--company", "Montgomery Fitzgerald Architecture", "--email", "alexandra@montgomery-fitzgerald.example",
           "--business", "Architecture for restaurants and small hotels", "--tag", "bni-north")  # fmt: skip
    ref.ok("add-contact", "Bob Smith", "--company", "Smith Build", "--phone", "+1 555 0100")
    ref.ok("add-contact", "Bob Smith", "--handle", "bob-print", "--business", "Printing")
    ref.ok("give", "alexandra-montgomery", "A restaurant owner opening a second site", "--on", "2026-02-01")
    ref.ok("receive", "bob", "A kitchen refit for the bakery on Main Street", "--on", "2026-02-03")
    ref.ok("meet", "bob-print", "--on", "2026-02-10", "--notes", LONG_NOTE)
    ref.ok("note", "bob", LONG_NOTE)
    return ref


@pytest.mark.parametrize("width", WIDTHS)
def test_tables_never_cut_a_handle_id_or_date(network: Ref, width: int) -> None:
    people: Any = network.json("contacts")
    referrals: Any = network.json("referrals")
    meetings: Any = network.json("meetings")
    for args, must_show in (
        (("contacts",), [p["handle"] for p in people]),
        (("referrals",), [str(r["id"]) for r in referrals] + [r["made_on"] for r in referrals]),
        (("meetings",), [str(m["id"]) for m in meetings] + [m["on"] for m in meetings]),
        (("notes", "bob"), ["2026-03-14"]),
        (("balance",), ["alexandra-montgomery", "bob"]),
    ):
        out, err = terminal(network, width, *args)
        assert "…" not in out, (args, out)
        assert all(len(line) <= width for line in out.splitlines()), (args, width, out)
        tokens = set(re.findall(r"[^\s│┃|]+", out))
        for value in must_show:
            assert value in tokens or f"({value})" in tokens, (args, width, value, out)
        if width == 200:
            assert err == "", err  # wide enough for every column
    _, note = terminal(network, 40, "contacts")
    assert "too narrow to show" in note and "--json" in note


@pytest.mark.parametrize("width", WIDTHS)
def test_followups_and_cards_wrap_without_splitting_a_command(network: Ref, width: int) -> None:
    items: Any = network.json("followups", "--all")
    assert items
    out, _ = terminal(network, width, "followups", "--all")
    joined = " ".join(out.split())
    for item in items:
        for command in re.split(r"  or  ", item["command"]):
            assert any(command in line for line in out.splitlines()), (command, out)  # whole, on one line
        assert " ".join(item["text"].split()) in joined
    for line in out.splitlines():
        assert len(line) <= width or line.lstrip().startswith(("-> ref", "ref ")), (width, line)
    card, _ = terminal(network, width, "show", "bob")
    assert all(len(line) <= width or "ref " in line for line in card.splitlines()), card
    assert "whole: ref notes bob" in " ".join(card.split())
    assert LONG_NOTE not in " ".join(card.split())  # clipped on a terminal


def test_piped_output_is_never_clipped(network: Ref) -> None:
    assert LONG_NOTE in network.ok("meetings")
    assert LONG_NOTE in network.ok("show", "bob")
    assert LONG_NOTE in network.ok("notes", "bob")


@pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")
@pytest.mark.parametrize("width", (40, 60))
def test_in_a_real_pseudo_terminal(network: Ref, width: int) -> None:
    """The real program on a real terminal of `width` columns (no forcing, no COLUMNS)."""
    import fcntl
    import pty
    import struct
    import subprocess
    import termios

    main, child = pty.openpty()
    fcntl.ioctl(child, termios.TIOCSWINSZ, struct.pack("HHHH", 24, width, 0, 0))
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES", "REF_FORCE_TERMINAL")}
    proc = subprocess.Popen(
        [sys.executable, "-m", "refcli", "contacts"], stdin=child, stdout=child, stderr=child, env=env
    )
    os.close(child)
    chunks = []
    while True:
        try:
            data = os.read(main, 4096)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    proc.wait(timeout=60)
    os.close(main)
    out = ANSI.sub("", b"".join(chunks).decode("utf-8", "replace")).replace("\r", "")
    assert proc.returncode == 0, out
    assert "\t" not in out  # a table, not the piped form
    assert "…" not in out and all(len(line) <= width for line in out.splitlines()), out
    for handle in ("alexandra-montgomery", "bob", "bob-print"):
        assert handle in out.split(), out


EVERY_VIEW = (
    ("followups",), ("contacts",), ("show", "bob"), ("balance",), ("balance", "bob"), ("cadence",), ("referrals",),
    ("meetings",), ("log",), ("reminders",), ("notes", "bob"), ("network", "bob"), ("depth",), ("touch", "list"),
    ("goal", "list", "bob"), ("trait", "list", "bob"), ("family", "list", "bob"), ("offer", "list", "bob"),
    ("config",), ("search", "chapter"), ("referral", "1"), ("meeting", "1"), ("stats",),
)  # fmt: skip
UNBREAKABLE = re.compile(r"^\s*(ref \S.*|\S+)$")  # a command (never split) or one long word


@pytest.mark.parametrize("width", (40, 60, 80, 120, 200))
def test_every_view_fits_the_terminal(network: Ref, width: int) -> None:
    """Every line of every view, and of what it says on stderr, fits the width; only a command
    (kept whole, to be pasted) or a single long word may run over."""
    for args in EVERY_VIEW:
        out, err = terminal(network, width, *args)
        for line in (out + ANSI.sub("", err)).splitlines():
            assert len(line) <= width or UNBREAKABLE.match(line), (args, width, line)
