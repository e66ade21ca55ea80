"""Hostile input an attacker can plant (security review, issue 39): arguments that are not UTF-8,
raw controls in imported text reaching --json, cards that try to smuggle properties."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from conftest import Ref
from test_app import walk_commands

UNDECODABLE = "caf\udce9"  # what Python makes of the byte 0xE9 in a UTF-8 command line


def test_an_argument_that_is_not_utf8_is_a_usage_error_for_every_command(ref: Ref) -> None:
    ref.ok("add-contact", "Eve Stone")
    commands = [name for name, _ in walk_commands()]
    assert len(commands) > 50
    for name in commands:
        outcome = ref(*name.split(), UNDECODABLE)
        assert outcome.code == 2, (name, outcome)
        assert "not UTF-8" in outcome.err and "caf\\xe9" in outcome.err, (name, outcome)
    assert ref.fails(2, "--db", UNDECODABLE, "contacts")
    assert [n["text"] for n in ref.json("show", "eve")["notes"]] == []  # type: ignore[index]


def test_a_real_command_line_with_a_latin1_byte_is_refused_plainly(tmp_path: Path) -> None:
    env = {**os.environ, "REF_DB": str(tmp_path / "ref.db"), "REF_TODAY": "2026-03-14", "LANG": "C.UTF-8"}
    env.pop("REF_DATABASE_URL", None)
    script = [sys.executable, "-m", "refcli"]
    subprocess.run([*script, "add-contact", "Eve Stone"], env=env, check=True, capture_output=True)
    done = subprocess.run([*script, "note", "eve", b"caf\xe9"], env=env, capture_output=True)  # type: ignore[list-item]
    assert done.returncode == 2, done
    assert b"not UTF-8" in done.stderr and b"Traceback" not in done.stderr, done.stderr


CONTROLS = "\u009b31m\u202eevil\u2066x\u2069\x7f\u200fz"  # CSI, bidi overrides and isolates, DEL, RLM


def test_json_output_carries_no_raw_control_and_the_same_text(ref: Ref, tmp_path: Path) -> None:
    card = f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Mallory {CONTROLS}\r\nNOTE:n {CONTROLS}\r\nEND:VCARD\r\n"
    (tmp_path / "m.vcf").write_text(card, encoding="utf-8")
    ref.ok("import", str(tmp_path / "m.vcf"))
    ref.ok("note", "mallory", f"typed {CONTROLS}")  # the command line is in `ref log --json`
    for args in (
        ["contacts", "--json"],
        ["show", "mallory", "--json"],
        ["search", "evil", "--json"],
        ["log", "--json"],
    ):
        out = ref.ok(*args)
        raw = [c for c in out if c in "\x7f\u009b\u202e\u2066\u2069\u200f"]
        assert not raw, (args, raw)
        assert CONTROLS in json.dumps(json.loads(out), ensure_ascii=False), args  # the same text, escaped
    shown = ref.json("show", "mallory")
    assert shown["name"] == f"Mallory {CONTROLS}"  # type: ignore[index]
