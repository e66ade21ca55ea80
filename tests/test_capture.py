"""`ref capture`: touches from a maildir tree, an mbox, calendars and an Android call and message
log, matched to contacts by every address and number they have; bulk mail, crowds, cancelled
and declined events and missed calls never count; a second capture adds nothing; undo takes a
capture back whole; strangers you write to are listed, never added. Today is 2026-03-14."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from conftest import Ref

ME = "me@mine.example"


def message(frm: str, to: str, date: str, subject: str = "hello", *, mid: str | None = None,
            cc: str = "", extra: str = "") -> bytes:  # fmt: skip
    lines = [f"From: {frm}", f"To: {to}", f"Date: {date}", f"Subject: {subject}"]
    if cc:
        lines.append(f"Cc: {cc}")
    if mid:
        lines.append(f"Message-ID: <{mid}>")
    if extra:
        lines.append(extra)
    return ("\r\n".join(lines) + "\r\n\r\nthe body, never read\r\n").encode()


def maildir(root: Path, folder: str, messages: list[bytes]) -> Path:
    box = root / folder
    for sub in ("cur", "new", "tmp"):
        (box / sub).mkdir(parents=True, exist_ok=True)
    for n, data in enumerate(messages):
        (box / "cur" / f"{1700000000 + n}.{n}.host:2,S").write_bytes(data)
    return box


@pytest.fixture
def network(ref: Ref) -> Ref:
    ref.ok("add-contact", "Sally Chen", "--email", "sally@chen.example", "--email", "s.chen@work.example",
           "--phone", "mobile:+1 555 010 2030")  # fmt: skip
    ref.ok("add-contact", "Fred Okafor", "--email", "Fred@Okafor.example", "--phone", "555 0104")
    ref.ok("add-contact", "Tom Nguyen", "--email", "tom@nguyen.example")
    return ref


def captured(ref: Ref, *args: str) -> dict[str, Any]:
    data: Any = ref.json("capture", *args)
    return data  # type: ignore[no-any-return]


def mail_tree(tmp_path: Path) -> Path:
    root = tmp_path / "Mail"
    maildir(root, "INBOX", [
        message("Sally Chen <sally@chen.example>", ME, "Mon, 09 Mar 2026 10:00:00 +0000", mid="a1@x"),
        message("Fred <fred+ref@okafor.example>", ME, "Tue, 10 Mar 2026 11:00:00 +0000", mid="a2@x"),
        message("News <news@list.example>", ME, "Tue, 10 Mar 2026 11:00:00 +0000", mid="a3@x",
                extra="List-Unsubscribe: <mailto:unsub@list.example>"),
        message("Bulk <b@bulk.example>", "sally@chen.example", "Tue, 10 Mar 2026 11:00:00 +0000", mid="a4@x",
                extra="Precedence: bulk"),
        message("Robot <r@robot.example>", ME, "Tue, 10 Mar 2026 11:00:00 +0000", mid="a5@x",
                extra="Auto-Submitted: auto-replied"),
        message("=?utf-8?q?Jane_M=C3=BCller?= <jane@stranger.example>", ME, "Wed, 11 Mar 2026 09:00:00 +0000",
                mid="a6@x"),
        message("Jane <jane@stranger.example>", ME, "Thu, 12 Mar 2026 09:00:00 +0000"),  # no Message-ID
        message("broken", ME, "not a date at all", mid="a8@x"),
    ])  # fmt: skip
    crowd = ", ".join(f"p{n}@crowd.example" for n in range(11))
    maildir(root, "Sent", [
        message(ME, "tom@nguyen.example", "Fri, 13 Mar 2026 16:00:00 +0000", "lunch?", mid="s1@x"),
        message(ME, "S.Chen@work.example", "Fri, 13 Mar 2026 17:00:00 +0000", mid="s2@x"),
        message(ME, f"sally@chen.example, {crowd}", "Fri, 13 Mar 2026 17:00:00 +0000", mid="s3@x"),
        message(ME, "jane@stranger.example", "Fri, 13 Mar 2026 18:00:00 +0000", mid="s4@x"),
        message(ME, "sally@chen.example", "Fri, 01 Jan 2021 18:00:00 +0000", mid="old@x"),
    ])  # fmt: skip
    return root


def test_a_maildir_tree_becomes_touches_by_email(network: Ref, tmp_path: Path) -> None:
    root = mail_tree(tmp_path)
    report = captured(network, str(root), "--since", "2026-01-01")
    got = sorted((t["contact"], t["on"], t["direction"]) for t in report["touches"])
    assert got == [
        ("fred", "2026-03-10", "in"),  # fred+ref@ is Fred
        ("sally", "2026-03-09", "in"),
        ("sally", "2026-03-13", "out"),  # her work address, in another case
        ("tom", "2026-03-13", "out"),
    ]
    assert all(t["via"] == "email" and t["source"] == "mail" and t["note"] is None for t in report["touches"])
    whys = " ".join(s["why"] for s in report["skipped"])
    for reason in ("mailing list", "bulk", "automatically", "no readable Date", "12 people on it"):
        assert reason in whys, reason
    assert report["my_addresses"] == [ME]  # learned from the Sent folder
    assert [(u["address"], u["messages"], u["sent"], u["received"]) for u in report["unknown"]] == [
        ("jane@stranger.example", 3, 1, 2)
    ]
    assert report["unknown"][0]["name"] == "Jane Müller"
    listed: Any = network.json("touch", "list", "sally")
    assert [t["on"] for t in listed] == ["2026-03-13", "2026-03-09"]
    assert [t["source"] for t in listed] == ["mail", "mail"]
    assert "last 2026-03-13 (email)" in network.ok("show", "sally")


def test_a_second_capture_adds_nothing_and_undo_takes_one_back_whole(network: Ref, tmp_path: Path) -> None:
    root = mail_tree(tmp_path)
    first = captured(network, str(root), "--since", "2026-01-01")
    assert len(first["touches"]) == 4
    again = captured(network, str(root), "--since", "2026-01-01")
    assert again["touches"] == [] and again["read"] == 0 and again["unchanged"] == [f"{root} (maildir)"]
    assert "nothing new in" in network.ok("capture", str(root), "--since", "2026-01-01")
    maildir(root, "INBOX2", [message("Tom <tom@nguyen.example>", ME, "Sat, 14 Mar 2026 08:00:00 +0000", mid="n1@x")])
    more = captured(network, str(root), "--since", "2026-01-01")  # a new message: read again, counted once
    assert [t["contact"] for t in more["touches"]] == ["tom"] and more["already"] == 4
    log: Any = network.json("log")
    assert log[0]["command"][:2] == ["ref", "capture"] and log[1]["command"][:2] == ["ref", "capture"]
    network.ok("undo", "--yes")
    network.ok("undo", str(log[1]["id"]), "--yes")
    assert network.json("touch", "list") == []
    assert len(captured(network, str(root), "--since", "2026-01-01")["touches"]) == 5  # undone: read again


def test_capturing_again_reads_nothing_until_the_source_or_your_people_change(network: Ref, tmp_path: Path) -> None:
    root = mail_tree(tmp_path)
    first = captured(network, str(root), "--since", "2026-01-01")
    assert first["unknown"][0]["address"] == "jane@stranger.example"
    entries = len(network.json("log"))  # type: ignore[arg-type]
    assert captured(network, str(root), "--since", "2026-01-01")["read"] == 0
    assert len(network.json("log")) == entries  # type: ignore[arg-type]  # nothing read, nothing written
    assert captured(network, str(root), "--since", "2026-02-01")["read"] > 0  # other options: read again
    network.ok("add-contact", "Jane Müller", "--email", "jane@stranger.example")  # the one it listed
    jane = captured(network, str(root), "--since", "2026-02-01")
    assert sorted(t["on"] for t in jane["touches"] if t["name"] == "Jane Müller") == [
        "2026-03-11",
        "2026-03-12",
        "2026-03-13",
    ]  # her mail from before she was added counts now
    (root / "INBOX" / "cur" / "1700000000.0.host:2,S").rename(root / "INBOX" / "cur" / "1700000000.0.host:2,RS")
    assert captured(network, str(root), "--since", "2026-02-01")["read"] == 0  # a flag a reader set is no change
    assert captured(network, str(root), "--since", "2026-02-01", "--dry-run")["read"] > 0  # a dry run reads


def test_dry_run_records_nothing_and_subjects_only_when_asked(network: Ref, tmp_path: Path) -> None:
    root = mail_tree(tmp_path)
    dry = captured(network, str(root), "--since", "2026-01-01", "--dry-run")
    assert dry["dry_run"] and len(dry["touches"]) == 4
    assert network.json("touch", "list") == []
    kept = captured(network, str(root), "--since", "2026-03-13", "--keep-subjects")
    assert sorted(t["note"] or "" for t in kept["touches"]) == ["hello", "lunch?"]


def test_a_typed_touch_that_day_is_not_counted_twice(network: Ref, tmp_path: Path) -> None:
    network.ok("touch", "tom", "--via", "email", "--on", "2026-03-13")
    report = captured(network, str(mail_tree(tmp_path)), "--since", "2026-01-01")
    assert "tom" not in [t["contact"] for t in report["touches"]]
    assert len(network.json("touch", "list", "tom")) == 1  # type: ignore[arg-type]


def test_an_mbox_file_with_a_truncated_last_message(network: Ref, tmp_path: Path) -> None:
    mbox = tmp_path / "Sent.mbox"
    body = b"".join(
        b"From MAILER-DAEMON Fri Mar 13 10:00:00 2026\n" + m.replace(b"\r\n", b"\n") + b"\n"
        for m in (
            message(ME, "Fred Okafor <fred@okafor.example>", "Wed, 04 Mar 2026 10:00:00 +0000", mid="m1@x"),
            message(ME, "tom@nguyen.example", "Thu, 05 Mar 2026 10:00:00 +0000", mid="m2@x"),
        )
    )
    mbox.write_bytes(body + b"From MAILER-DAEMON Fri Mar 13 10:00:00 2026\nFrom: me@mine.example\nTo: sally@ch")
    report = captured(network, str(mbox))
    assert sorted((t["contact"], t["on"], t["direction"]) for t in report["touches"]) == [
        ("fred", "2026-03-04", "out"), ("tom", "2026-03-05", "out")]  # fmt: skip
    assert any("no readable Date" in s["why"] for s in report["skipped"])


CALENDAR = """BEGIN:VCALENDAR\r
VERSION:2.0\r
PRODID:-//test//EN\r
BEGIN:VEVENT\r
UID:lunch-1\r
DTSTART:20260305T120000Z\r
SUMMARY:Lunch\r
ORGANIZER:mailto:me@mine.example\r
ATTENDEE;CN=Fred:mailto:fred@okafor.example\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:group-1\r
DTSTART:20260306T120000Z\r
SUMMARY:Chapter meeting\r
ORGANIZER:mailto:me@mine.example\r
ATTENDEE:mailto:sally@chen.example\r
ATTENDEE:mailto:tom@nguyen.example\r
ATTENDEE;PARTSTAT=DECLINED:mailto:fred@okafor.example\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:weekly-1\r
DTSTART:20260202T090000Z\r
RRULE:FREQ=WEEKLY;COUNT=3\r
SUMMARY:Standup\r
ATTENDEE:mailto:sally@chen.example\r
ATTENDEE:mailto:tom@nguyen.example\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:off-1\r
DTSTART:20260307T120000Z\r
STATUS:CANCELLED\r
ATTENDEE:mailto:tom@nguyen.example\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:future-1\r
DTSTART:20260320T120000Z\r
ATTENDEE:mailto:tom@nguyen.example\r
ATTENDEE:mailto:me@mine.example\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:nostart\r
SUMMARY:No start\r
ATTENDEE:mailto:tom@nguyen.example\r
END:VEVENT\r
END:VCALENDAR\r
"""


def test_calendar_events_become_touches_and_one_on_ones(network: Ref, tmp_path: Path) -> None:
    network.ok("config", "my_addresses", ME)
    folder = tmp_path / "calendars" / "work"
    folder.mkdir(parents=True)
    (folder / "a.ics").write_text(CALENDAR)
    report = captured(network, str(tmp_path / "calendars"))
    touches = sorted((t["contact"], t["on"]) for t in report["touches"])
    assert touches == [
        ("sally", "2026-02-02"), ("sally", "2026-02-09"), ("sally", "2026-02-16"), ("sally", "2026-03-06"),
        ("tom", "2026-02-02"), ("tom", "2026-02-09"), ("tom", "2026-02-16"), ("tom", "2026-03-06"),
    ]  # fmt: skip
    assert all(t["via"] == "event" for t in report["touches"])
    meetings = sorted((m["contact"], m["on"], m["status"]) for m in report["meetings"])
    assert meetings == [("fred", "2026-03-05", "held"), ("tom", "2026-03-20", "scheduled")]
    whys = " ".join(s["why"] for s in report["skipped"])
    assert "cancelled" in whys and "no DTSTART" in whys
    again = captured(network, str(tmp_path / "calendars"))
    assert again["touches"] == [] and again["meetings"] == []
    held: Any = network.json("meetings", "fred")
    assert [m["status"] for m in held] == ["held"]


def phone_logs(tmp_path: Path) -> tuple[Path, Path]:
    def ms(day: str) -> int:
        from datetime import UTC, datetime

        return int(datetime.fromisoformat(day + "T12:00:00").replace(tzinfo=UTC).timestamp() * 1000)

    calls = tmp_path / "calls.xml"
    calls.write_text(
        "<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>\n<calls count=\"4\">\n"
        f'  <call number="+15550102030" duration="120" date="{ms("2026-03-02")}" type="2" contact_name="Sally" />\n'
        f'  <call number="5550104" duration="0" date="{ms("2026-03-03")}" type="3" contact_name="Fred" />\n'
        f'  <call number="(555) 0104" duration="30" date="{ms("2026-03-04")}" type="1" />\n'
        f'  <call number="5559999" duration="30" date="{ms("2026-03-04")}" type="1" />\n'
        "</calls>\n"
    )
    sms = tmp_path / "sms.xml"
    sms.write_text(
        "<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>\n<smses count=\"2\">\n"
        f'  <sms address="555-010-2030" date="{ms("2026-03-05")}" type="1" body="see you" />\n'
        f'  <mms date="{ms("2026-03-06")}" msg_box="2" address="5550104~+1 555 010 2030" />\n'
        "</smses>\n"
    )
    return calls, sms


def test_a_phone_log_becomes_calls_and_messages(network: Ref, tmp_path: Path) -> None:
    calls, sms = phone_logs(tmp_path)
    report = captured(network, str(calls), str(sms))
    got = sorted((t["contact"], t["on"], t["via"], t["direction"]) for t in report["touches"])
    assert got == [
        ("fred", "2026-03-04", "call", "in"),
        ("fred", "2026-03-06", "message", "out"),
        ("sally", "2026-03-02", "call", "out"),
        ("sally", "2026-03-05", "message", "in"),
        ("sally", "2026-03-06", "message", "out"),
    ]
    assert any("missed" in s["why"] for s in report["skipped"])
    assert captured(network, str(calls), str(sms))["touches"] == []


def test_captured_touches_restart_a_rhythm(network: Ref, tmp_path: Path) -> None:
    network.ok("cadence", "tom", "2w")
    network.ok("touch", "tom", "--on", "2026-01-01")
    due: Any = network.json("followups")
    assert "tom" in [c for i in due for c in i["contacts"]]
    captured(network, str(mail_tree(tmp_path)), "--since", "2026-01-01")
    due = network.json("followups")
    assert "tom" not in [c for i in due for c in i["contacts"]]


def test_captured_touches_are_corrected_and_removed_like_typed_ones(network: Ref, tmp_path: Path) -> None:
    report = captured(network, str(mail_tree(tmp_path)), "--since", "2026-01-01")
    first = report["touches"][0]["id"]
    network.ok("touch", "edit", str(first), "--note", "about the house")
    network.ok("touch", "remove", str(first))
    assert first not in [t["id"] for t in network.json("touch", "list")]  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("make", "message_part"),
    [
        (lambda p: p / "missing", "no such file or folder"),
        (lambda p: (p / "x.txt").write_text("hello") and p / "x.txt", "not a mail, calendar or phone-log"),
        (lambda p: (p / "empty").mkdir() or p / "empty", "no maildir"),
        (lambda p: "imap://me@127.0.0.1:1/INBOX", "no password"),
    ],
)
def test_a_source_ref_cannot_read_is_named_and_nothing_is_recorded(
    network: Ref, tmp_path: Path, make: Any, message_part: str
) -> None:
    good = mail_tree(tmp_path)
    err = network.fails(3, "capture", str(good), str(make(tmp_path)))
    assert message_part in err
    assert network.json("touch", "list") == []


def test_broken_files_never_stop_a_capture(network: Ref, tmp_path: Path) -> None:
    root = mail_tree(tmp_path)
    inbox = root / "INBOX" / "cur"
    (inbox / "binary:2,").write_bytes(b"\xff\xfe\x00garbage\r\n\r\n")
    odd = message("=?x-unknown?q?Wei=FF?= <sally@chen.example>", ME, "Sat, 14 Mar 2026 08:00:00 +0000",
                  "=?utf-8?b?!!!?=", mid="bw@x")  # fmt: skip
    (inbox / "badword:2,").write_bytes(odd)
    (inbox / "latin1:2,").write_bytes(b"From: Caf\xe9 <tom@nguyen.example>\r\nTo: me@mine.example\r\n"
                                      b"Date: Sat, 14 Mar 2026 08:00:00 +0000\r\n\r\n")  # fmt: skip
    calendars = tmp_path / "cals"
    calendars.mkdir()
    (calendars / "bad.ics").write_text("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:garbage\r\nEND:VCALENDAR\r\n")
    (calendars / "rule.ics").write_text(CALENDAR.replace("RRULE:FREQ=WEEKLY;COUNT=3", "RRULE:FREQ=SOMETIMES"))
    xml = tmp_path / "calls.xml"
    xml.write_text("<calls><call number='1' date='x'")
    report = captured(network, str(root), str(calendars), str(xml), "--since", "2026-01-01")
    got = {(t["contact"], t["on"]) for t in report["touches"]}
    assert {("sally", "2026-03-14"), ("tom", "2026-03-14")} <= got
    assert len(report["skipped"]) >= 7
    (inbox / "more:2,").write_bytes(b"\x00more garbage")  # a change: the next capture reads it all again
    text = network.ok("capture", str(root), "--since", "2026-01-01")
    assert "skipped" in text and "see --verbose" in text
    verbose = network.ok("capture", str(root), "--since", "2026-01-01", "--verbose")
    assert "see --verbose" not in verbose
    assert any(line.strip().startswith("skipped ") and "Date" in line for line in verbose.splitlines())


@pytest.mark.parametrize(
    "name", sorted(p.name for p in (Path(__file__).parent / "fixtures" / "real" / "ics").iterdir())
)
def test_every_real_calendar_file_is_read_without_an_error(network: Ref, name: str) -> None:
    path = Path(__file__).parent / "fixtures" / "real" / "ics" / name
    outcome = network("capture", str(path), "--since", "2000-01-01", "--json")
    assert outcome.code in (0, 3), outcome
    if outcome.code == 0:
        assert json.loads(outcome.out)["touches"] == []  # nobody in them is in this network


def test_a_backup_from_before_capture_restores(network: Ref, tmp_path: Path) -> None:
    """A backup made at schema 0017 has no touch.source, source_key or direction: it restores
    (upgraded by the migrations), the three empty."""
    network.ok("touch", "fred", "--via", "call", "--on", "2026-03-01")
    path = tmp_path / "now.json"
    network.ok("export", "-o", str(path))
    data = json.loads(path.read_text())
    old_schema = sqlite3.connect(Path(__file__).parent / "fixtures" / "db" / "schema-0017.db")
    kept = {  # every table and column as schema 0017 had them: what a backup of then holds
        t: [r[1] for r in old_schema.execute(f'PRAGMA table_info("{t}")')]
        for (t,) in old_schema.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
    }
    old_schema.close()
    for name in list(data["tables"]):
        if name not in kept:
            del data["tables"][name]
            continue
        table = data["tables"][name]
        keep = [i for i, c in enumerate(table["columns"]) if c in kept[name]]
        table["columns"] = [table["columns"][i] for i in keep]
        table["rows"] = [[row[i] for i in keep] for row in table["rows"]]
    data["schema"] = "0017"
    old = tmp_path / "old.json"
    old.write_text(json.dumps(data))
    target = str(tmp_path / "restored.db")
    assert "a backup of schema 0017, upgraded to" in network.ok("--db", target, "import", str(old))
    listed: Any = network.json("--db", target, "touch", "list", "fred")
    assert [(t["on"], t["via"], t["source"]) for t in listed] == [("2026-03-01", "call", None)]


def test_a_capture_killed_at_any_moment_is_all_or_nothing(network: Ref, tmp_path: Path, isolated: Path) -> None:
    """kill -9 during a capture: the touches are all there or none, and the next run finishes the
    work with nothing counted twice."""
    import os
    import random
    import signal
    import subprocess
    import sys
    import time

    people = [f"p{n}@many.example" for n in range(40)]
    for n, address in enumerate(people):
        network.ok("add-contact", f"Many Person {n}", "--handle", f"many{n}", "--email", address)
    box = tmp_path / "Big" / "INBOX"
    for sub in ("cur", "new", "tmp"):
        (box / sub).mkdir(parents=True)
    for n in range(3000):
        day = f"{1 + n % 28:02d} Feb 2026"
        (box / "cur" / f"{n}.host:2,S").write_bytes(
            message(people[n % 40], ME, f"Mon, {day} 10:00:00 +0000", mid=f"k{n}@x")
        )
    env = {**os.environ, "REF_DB": str(isolated)}
    rng = random.Random(3)
    counts = []
    for _ in range(3):
        run = subprocess.Popen([sys.executable, "-m", "refcli", "capture", str(tmp_path / "Big")], env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
        time.sleep(rng.uniform(0.3, 1.5))
        run.send_signal(signal.SIGKILL)
        run.wait()
        counts.append(len(network.json("touch", "list", "--limit", "0")))  # type: ignore[arg-type]
        assert counts[-1] in (0, 3000), counts
        assert network("db", "check").code == 0
    network.ok("capture", str(tmp_path / "Big"))
    assert len(network.json("touch", "list", "--limit", "0")) == 3000  # type: ignore[arg-type]


def test_your_own_address_is_guessed_and_the_strangers_list_is_short(network: Ref, tmp_path: Path) -> None:
    """No `my_addresses` and no Sent folder: the address on most of the mail is taken for yours,
    said so, and never listed as a stranger; the text lists ten strangers, --json all of them."""
    messages = [
        message(
            f"Stranger {n} <s{n}@else.example>", ME, f"Mon, 0{1 + n % 9} Mar 2026 10:00:00 +0000", mid=f"x{n}-{k}@x"
        )
        for n in range(12)
        for k in range(3)
    ]
    messages.append(message("Sally <sally@chen.example>", ME, "Mon, 02 Mar 2026 10:00:00 +0000", mid="s@x"))
    maildir(tmp_path / "Mail", "INBOX", messages)
    report = captured(network, str(tmp_path / "Mail"), "--dry-run")
    assert report["likely_mine"] == [ME] and ME not in [u["address"] for u in report["unknown"]]
    assert len(report["unknown"]) == 12
    outcome = network("capture", str(tmp_path / "Mail"))
    assert "and 2 more (--json lists them all)" in outcome.out
    assert f"{ME} is on most of this mail" in outcome.err
