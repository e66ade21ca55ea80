"""Hostile input an attacker can plant (security review, issue 39): arguments that are not UTF-8,
raw controls in imported text reaching --json, cards that try to smuggle properties."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

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


# --- a backup is untrusted input, recognised by its own header -------------------------------


def backup_of(ref: Ref, tmp_path: Path, name: str = "backup.json") -> dict[str, Any]:
    path = tmp_path / name
    ref.ok("export", "--format", "backup", "-o", str(path), "--force")
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def write_json(tmp_path: Path, data: object, name: str = "crafted.json") -> str:
    path = tmp_path / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return str(path)


def test_a_backup_with_a_pasted_card_in_a_note_restores_as_a_backup(ref: Ref, tmp_path: Path) -> None:
    ref.ok("add-contact", "Fred Okafor")
    ref.ok("note", "fred", "his card: BEGIN:VCARD VERSION:3.0 FN:Fred END:VCARD")
    data = backup_of(ref, tmp_path)
    path = write_json(tmp_path, data)
    assert "BEGIN:VCARD" in Path(path).read_text()[:4000]
    restored: Any = ref.json("--db", str(tmp_path / "new.db"), "import", path)
    assert restored["files"][0]["format"] == "backup" and restored["files"][0]["created"] == 1
    assert "BEGIN:VCARD" in ref.ok("--db", str(tmp_path / "new.db"), "show", "fred")


def test_json_that_is_not_a_backup_is_refused_by_name(ref: Ref, tmp_path: Path) -> None:
    path = write_json(tmp_path, {"people": [{"name": "BEGIN:VCARD"}], "format": "ref-backup"})
    assert "not a ref backup" in ref.fails(3, "import", path)
    assert ref.json("contacts") == []


def crafted(ref: Ref, tmp_path: Path, table: str, column: str, value: object) -> str:
    """A real backup with one value of `table` changed, restored into a new file: its error."""
    data = backup_of(ref, tmp_path)
    columns = data["tables"][table]["columns"]
    data["tables"][table]["rows"][0][columns.index(column)] = value
    target = tmp_path / f"crafted-{table}-{column}.db"
    err = ref.fails(3, "--db", str(target), "import", write_json(tmp_path, data))
    assert ref.json("--db", str(target), "contacts", "--all") == []  # nothing was restored
    return err


def test_a_crafted_backup_is_refused_with_the_first_problem_named(ref: Ref, tmp_path: Path) -> None:
    ref.ok("add-contact", "Fred Okafor", "--email", "fred@x.example", "--tag", "bni")
    assert "handle '../../../escaped' is not valid" in crafted(ref, tmp_path, "contact", "handle", "../../../escaped")
    assert "line break" in crafted(ref, tmp_path, "contact", "name", "Fred\r\nBcc: x")
    assert "line break" in crafted(ref, tmp_path, "channel", "value", "fred@x.example\r\nBcc: eve@x.example")
    assert "NUL" in crafted(ref, tmp_path, "tag", "name", "b\x00ni")
    assert "points at a contact that is not in the backup" in crafted(ref, tmp_path, "channel", "contact_id", 999)
    data = backup_of(ref, tmp_path)
    del data["tables"]["channel"]
    assert "no table channel" in ref.fails(3, "--db", str(tmp_path / "cut.db"), "import", write_json(tmp_path, data))
    deep = '{"format": "ref-backup", "schema": "x", "tables": ' + "[" * 100_000 + "]" * 100_000 + "}"
    (tmp_path / "deep.json").write_text(deep)
    err = ref.fails(3, "--db", str(tmp_path / "deep.db"), "import", str(tmp_path / "deep.json"))
    assert "nests deeper" in err or "schema" in err


def test_an_email_that_is_two_addresses_never_reaches_a_to_header(ref: Ref, tmp_path: Path) -> None:
    card = tmp_path / "odd.vcf"
    card.write_text("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Odd Mail\r\nEMAIL:a>,<b@x.example\r\nEND:VCARD\r\n")
    ref.ok("import", str(card))
    ref.ok("add-contact", "Sally Chen", "--email", "sally@x.example")
    out = tmp_path / "mail"
    out.mkdir()
    ref.ok("introduce", "odd", "sally", "--write", str(out))
    written = sorted(p.name for p in out.iterdir())
    assert any(n.endswith("-to-odd.txt") for n in written) and any(n.endswith("-to-sally.eml") for n in written)
    from email import message_from_bytes, policy

    eml = message_from_bytes(next(p for p in out.iterdir() if p.suffix == ".eml").read_bytes(), policy=policy.default)
    assert [a.addr_spec for a in eml["To"].addresses] == ["sally@x.example"]


def test_csv_cells_up_to_the_limit_are_read_and_longer_ones_named(ref: Ref, tmp_path: Path) -> None:
    from refcli.exchange.csvfiles import MAX_CELL

    ok = tmp_path / "ok.csv"
    ok.write_text("Name,Email,Notes\nAnn Lee,ann@x.example," + "n" * MAX_CELL + "\n")
    ref.ok("import", str(ok))
    notes: Any = ref.json("show", "ann")
    assert max(len(n["text"]) for n in notes["notes"]) >= MAX_CELL
    over = tmp_path / "over.csv"
    over.write_text("Name,Email,Notes\nBob Roe,bob@x.example," + "m" * (MAX_CELL + 1) + "\n")
    err = ref.fails(3, "import", str(over))
    assert "line 2" in err and f"{MAX_CELL:,} characters" in err


def test_a_twenty_megabyte_folded_card_is_read_in_linear_time(ref: Ref, tmp_path: Path) -> None:
    import time

    note = "x" * 18_000_000
    folded = "NOTE:" + "\r\n ".join(note[i : i + 74] for i in range(0, len(note), 74))
    qp = "=\r\n".join("=41" * 24 for _ in range(100_000))
    card = tmp_path / "huge.vcf"
    card.write_text(
        f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Huge Fold\r\n{folded}\r\nEND:VCARD\r\n"
        f"BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Quoted Printable\r\nNOTE;ENCODING=QUOTED-PRINTABLE:{qp}\r\nEND:VCARD\r\n"
    )
    started = time.monotonic()
    ref.ok("import", str(card))
    assert time.monotonic() - started < 30  # quadratic unfolding took minutes; linear takes about two seconds
    shown: Any = ref.json("show", "quoted")
    assert shown["notes"][0]["text"] == "A" * 24 * 100_000


# --- sharing without oversharing, and exports on a terminal ----------------------------------


def test_exporting_one_person_shares_only_what_is_theirs(ref: Ref, tmp_path: Path) -> None:
    ref.ok("add-contact", "Fred Okafor", "--email", "fred@okafor.example", "--company", "Okafor Build",
           "--business", "Kitchen remodels", "--offers", "kitchens", "--tag", "slow-payer",
           "--met-at", "the bar")  # fmt: skip
    ref.ok("note", "fred", "owes money, drinks too much")
    ref.ok("edit", "fred", "--trust", "2")
    for fmt in ("vcard", "csv"):
        outcome = ref("export", "--format", fmt, "fred")
        assert outcome.code == 0 and "--with-notes" in outcome.err, outcome
        for private in ("owes money", "slow-payer", "the bar"):
            assert private not in outcome.out, (fmt, private)
        for shared in ("Fred Okafor", "fred@okafor.example", "Okafor Build", "Kitchen remodels", "kitchens"):
            assert shared in outcome.out, (fmt, shared)
        told = ref.ok("export", "--format", fmt, "fred", "--with-notes")
        assert "owes money" in told and "slow-payer" in told
        assert "owes money" in ref.ok("export", "--format", fmt)  # everyone: the whole record, as before
    csv_text = ref.ok("export", "--format", "csv", "--tag", "slow-payer")
    assert "owes money" not in csv_text and ",2," not in csv_text  # no trust rating either


def test_an_export_to_the_terminal_carries_no_escape_and_a_file_keeps_every_byte(ref: Ref, tmp_path: Path) -> None:
    card = tmp_path / "esc.vcf"
    card.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Esc Ape\r\nNOTE:\x1b[2J\x1b]8;;http://evil.example\x07link\u009b1m\r\nEND:VCARD\r\n"
    )
    ref.ok("import", str(card))
    for fmt in ("vcard", "csv"):
        shown = ref.ok("export", "--format", fmt, env={"REF_FORCE_TERMINAL": "1"})
        assert not any(c in shown for c in "\x1b\x07\u009b"), fmt
        assert "link" in shown and "Esc Ape" in shown
        ref.ok("export", "--format", fmt, "-o", str(tmp_path / f"out.{fmt}"))
        assert "\x1b[2J" in (tmp_path / f"out.{fmt}").read_text(encoding="utf-8"), fmt  # a file is exact
