"""Birthdays, anniversaries and identities between ref and other programs: every vCard form read,
written back in vCard (with a stable UID) and as yearly events in iCalendar, read from CSV."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from conftest import Ref


def card(*lines: str, name: str = "Fred Okafor") -> str:
    body = "".join(f"{line}\r\n" for line in lines)
    return f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:{name}\r\n{body}END:VCARD\r\n"


def imported(ref: Ref, tmp_path: Path, text: str, name: str = "in.vcf") -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    done = ref("import", str(path))
    assert done.code == 0, done
    return done.out + done.err  # the report, and its warnings


@pytest.mark.parametrize(
    "line, field, stored",
    [
        ("BDAY:19860415", "birthday", "1986-04-15"),
        ("BDAY:1986-04-15", "birthday", "1986-04-15"),
        ("BDAY:--0415", "birthday", "--04-15"),
        ("BDAY;VALUE=date:--04-15", "birthday", "--04-15"),
        ("ANNIVERSARY:20100612", "anniversary", "2010-06-12"),
        ("X-ANNIVERSARY:2010-06-12", "anniversary", "2010-06-12"),
        ("BDAY:1986-04-15T10:30:00Z", "birthday", "1986-04-15"),  # a date-time: its day (issue 33)
        ("BDAY;X-APPLE-OMIT-YEAR=1604:1604-08-02", "birthday", "--08-02"),  # Apple's "no year"
    ],
)
def test_every_vcard_form_of_a_birthday_is_read(ref: Ref, tmp_path: Path, line: str, field: str, stored: str) -> None:
    imported(ref, tmp_path, card(line))
    shown: Any = ref.json("show", "fred")
    assert shown[field] == stored
    assert shown["notes"] == []  # nothing left over for a note
    near = "2026-" + stored[-5:-2] + "10" if stored[-2:] > "10" else "2026-" + stored[-5:]
    due: Any = ref.json("followups", env={"REF_TODAY": near})
    assert f"{field}-fred" in [i["id"] for i in due]
    out = tmp_path / "out.vcf"
    ref.ok("export", "--format", "vcard", "-o", str(out))
    assert f"{'BDAY' if field == 'birthday' else 'ANNIVERSARY'}:{stored}" in out.read_text(encoding="utf-8")


@pytest.mark.parametrize("line", ["BDAY;VALUE=text:circa 1980", "BDAY:sometime", "BDAY:1986-13-45T10:30:00Z"])
def test_a_birthday_that_is_no_day_is_kept_as_text_and_reported(ref: Ref, tmp_path: Path, line: str) -> None:
    said = imported(ref, tmp_path, card(line))
    value = line.split(":", 1)[1]
    assert "is not a day of the year: kept as text in the note" in said
    shown: Any = ref.json("show", "fred")
    assert shown["birthday"] is None
    assert any(value in n["text"] for n in shown["notes"])


def test_vcard_export_writes_birthdays_anniversaries_and_a_stable_uid(ref: Ref, tmp_path: Path) -> None:
    ref.ok("add-contact", "Fred Okafor", "--birthday", "1986-04-15", "--anniversary", "06-30")
    uid = ref.json("show", "fred")["uid"]  # type: ignore[index]
    assert str(uid).startswith("urn:uuid:")
    out = tmp_path / "fred.vcf"
    ref.ok("export", "--format", "vcard", "-o", str(out))
    text = out.read_text(encoding="utf-8")
    assert "BDAY:1986-04-15" in text and "ANNIVERSARY:--06-30" in text and f"UID:{uid}" in text
    out3 = tmp_path / "fred3.vcf"
    ref.ok("export", "--format", "vcard", "--vcard-version", "3", "-o", str(out3))
    assert "X-ANNIVERSARY:--06-30" in out3.read_text(encoding="utf-8")
    ref.ok("export", "--format", "vcard", "-o", str(tmp_path / "again.vcf"))
    assert f"UID:{uid}" in (tmp_path / "again.vcf").read_text(encoding="utf-8")  # the same every time
    # Into another database: the birthday, the anniversary and the identity travel.
    other = tmp_path / "other.db"
    ref.ok("--db", str(other), "import", str(out))
    theirs: Any = ref.json("--db", str(other), "show", "fred")
    assert (theirs["birthday"], theirs["anniversary"], theirs["uid"]) == ("1986-04-15", "--06-30", uid)


def test_a_card_ref_wrote_is_the_same_person_by_its_uid_even_renamed(ref: Ref, tmp_path: Path) -> None:
    ref.ok("add-contact", "Fred Okafor")
    uid = ref.json("show", "fred")["uid"]  # type: ignore[index]
    said = imported(ref, tmp_path, card(f"UID:{uid}", "BDAY:--0415", name="Frederick O."))
    assert "0 created, 1 updated" in said
    people: Any = ref.json("contacts")
    assert [p["handle"] for p in people] == ["fred"] and people[0]["birthday"] == "--04-15"
    said = imported(
        ref,
        tmp_path,
        card(
            "UID:urn:uuid:someone-else",
            name="Fred Okafor",
        ),
        "b.vcf",
    )
    assert ref.json("contacts")[0]["uid"] == uid  # type: ignore[index]  # ours is kept


def test_ics_export_has_a_yearly_event_for_each_birthday_and_anniversary(ref: Ref, tmp_path: Path) -> None:
    from icalendar import Calendar

    ref.ok("add-contact", "Fred Okafor", "--birthday", "1986-04-15")
    ref.ok("add-contact", "Sally Chen", "--anniversary", "02-29")
    ref.ok("family", "add", "fred", "Emma", "--relation", "daughter", "--birthday", "2019-03-17")
    out = tmp_path / "cal.ics"
    ref.ok("export", "--format", "ics", "-o", str(out))
    cal = Calendar.from_ical(out.read_bytes())
    events = {str(e["summary"]): e for e in cal.walk("VEVENT")}
    fred = events["Fred Okafor: birthday"]
    assert fred.decoded("dtstart") == date(1986, 4, 15) and fred["rrule"]["FREQ"] == ["YEARLY"]
    emma = events["Emma (Fred Okafor's daughter): birthday"]
    assert emma.decoded("dtstart") == date(2019, 3, 17)
    sally = events["Sally Chen: anniversary"]
    assert sally["rrule"]["BYMONTH"] == [2] and sally["rrule"]["BYMONTHDAY"] == [-1]  # Feb 28 in other years
    uids = [str(e["uid"]) for e in cal.walk("VEVENT")]
    assert len(uids) == len(set(uids)) == 3
    ref.ok("export", "--format", "ics", "-o", str(out), "--force")
    assert sorted(str(e["uid"]) for e in Calendar.from_ical(out.read_bytes()).walk("VEVENT")) == sorted(uids)


def test_csv_birthday_columns_are_read_and_refs_own_csv_round_trips(ref: Ref, tmp_path: Path) -> None:
    google = "Name,Birthday,E-mail 1 - Value\r\nFred Okafor,1986-04-15,fred@example.org\r\nSally Chen,--06-02,\r\n"
    path = tmp_path / "google.csv"
    path.write_text(google, encoding="utf-8")
    ref.ok("import", str(path))
    assert ref.json("show", "fred")["birthday"] == "1986-04-15"  # type: ignore[index]
    assert ref.json("show", "sally")["birthday"] == "--06-02"  # type: ignore[index]
    out = tmp_path / "ours.csv"
    ref.ok("export", "--format", "csv", "-o", str(out))
    other = tmp_path / "other.db"
    ref.ok("--db", str(other), "import", str(out))
    assert ref.json("--db", str(other), "show", "sally")["birthday"] == "--06-02"  # type: ignore[index]
