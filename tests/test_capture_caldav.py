"""`ref capture` on a calendar folder that vdirsyncer keeps in step with a real CalDAV server
(Radicale on 127.0.0.1, a free port, throwaway storage, stopped at the end): the setup the
guide describes, end to end. Events are put on the server as a phone or another calendar app
would; vdirsyncer brings them down; ref reads the folder."""

from __future__ import annotations

import base64
import subprocess
import sys
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from conftest import Ref
from radicale_server import radicale

pytest.importorskip("radicale")
pytest.importorskip("vdirsyncer")

AUTH = "Basic " + base64.b64encode(b"me:secret").decode()
ME = "me@mine.example"


@dataclass
class Calendar:
    base: str
    folder: Path
    config: Path

    def put(self, name: str, body: str) -> None:
        headers = {"Authorization": AUTH, "Content-Type": "text/calendar; charset=utf-8"}
        req = urllib.request.Request(self.base + name, data=body.encode(), method="PUT", headers=headers)
        with urllib.request.urlopen(req, timeout=10) as answer:
            assert answer.status in (201, 204)

    def vdirsyncer(self, *args: str) -> None:
        done = subprocess.run(
            [sys.executable, "-m", "vdirsyncer", "-c", str(self.config), *args],
            input="y\n" * 5, capture_output=True, text=True, timeout=120,
        )  # fmt: skip
        assert done.returncode == 0, done.stdout + done.stderr


@pytest.fixture
def calendar(tmp_path: Path) -> Iterator[Calendar]:
    with radicale(tmp_path / "radicale") as port:
        base = f"http://127.0.0.1:{port}/me/work/"
        mkcol = (
            b'<?xml version="1.0" encoding="utf-8"?><D:mkcol xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">'
            b"<D:set><D:prop><D:resourcetype><D:collection/><C:calendar/></D:resourcetype></D:prop></D:set>"
            b"</D:mkcol>"
        )
        req = urllib.request.Request(base, data=mkcol, method="MKCOL", headers={"Authorization": AUTH})
        with urllib.request.urlopen(req, timeout=10) as answer:
            assert answer.status == 201
        folder = tmp_path / "calendars" / "work"
        folder.mkdir(parents=True)
        config = tmp_path / "vdirsyncer.conf"
        config.write_text(  # the guide's setup: a CalDAV calendar kept as a folder of .ics files
            f'[general]\nstatus_path = "{tmp_path / "status"}/"\n\n'
            '[pair work]\na = "work_local"\nb = "work_remote"\ncollections = null\n\n'
            f'[storage work_local]\ntype = "filesystem"\npath = "{folder}/"\nfileext = ".ics"\n\n'
            f'[storage work_remote]\ntype = "caldav"\nurl = "{base}"\nusername = "me"\npassword = "secret"\n',
            encoding="utf-8",
        )
        made = Calendar(base, folder, config)
        made.vdirsyncer("discover")
        yield made


def event(uid: str, start: str, summary: str, *attendees: str, status: str = "CONFIRMED") -> str:
    people = "".join(f"ATTENDEE;CN=Someone:mailto:{a}\r\n" for a in attendees)
    return (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\n"
        f"UID:{uid}\r\nDTSTAMP:20260101T000000Z\r\nDTSTART:{start}\r\nDURATION:PT1H\r\n"
        f"SUMMARY:{summary}\r\nSTATUS:{status}\r\nORGANIZER:mailto:{ME}\r\n{people}"
        "END:VEVENT\r\nEND:VCALENDAR\r\n"
    )


def test_a_caldav_calendar_kept_by_vdirsyncer_becomes_touches_and_one_on_ones(ref: Ref, calendar: Calendar) -> None:
    ref.ok("add-contact", "Sally Chen", "--email", "sally@chen.example")
    ref.ok("add-contact", "Tom Nguyen", "--email", "tom@nguyen.example")
    ref.ok("config", "my_addresses", ME)
    calendar.put("coffee.ics", event("coffee-1", "20260310T090000Z", "Coffee", "sally@chen.example"))
    calendar.put("lunch.ics", event("lunch-1", "20260320T120000Z", "Lunch", "tom@nguyen.example"))
    calendar.put("team.ics", event("team-1", "20260311T150000Z", "Team", "sally@chen.example", "tom@nguyen.example"))
    calendar.put("off.ics", event("off-1", "20260312T150000Z", "Off", "tom@nguyen.example", status="CANCELLED"))
    calendar.vdirsyncer("sync")
    assert len(list(calendar.folder.glob("*.ics"))) == 4
    report: Any = ref.json("capture", str(calendar.folder.parent))
    meetings = sorted((m["contact"], m["on"], m["status"]) for m in report["meetings"])
    assert meetings == [("sally", "2026-03-10", "held"), ("tom", "2026-03-20", "scheduled")]
    touches = sorted((t["contact"], t["on"], t["via"]) for t in report["touches"])
    assert touches == [("sally", "2026-03-11", "event"), ("tom", "2026-03-11", "event")]  # not the cancelled one
    assert ref.json("capture", str(calendar.folder.parent))["read"] == 0  # nothing new
    calendar.put("call.ics", event("call-1", "20260313T100000Z", "Call", "tom@nguyen.example", "sally@chen.example"))
    calendar.vdirsyncer("sync")
    again: Any = ref.json("capture", str(calendar.folder.parent))
    assert sorted((t["contact"], t["on"]) for t in again["touches"]) == [("sally", "2026-03-13"), ("tom", "2026-03-13")]
    assert again["already"] >= 2 and again["meetings"] == []
