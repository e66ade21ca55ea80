"""Import and export: formats, matching, adversarial files, round trips, safe files."""

from __future__ import annotations

import contextlib
import json
import re
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import Ref, run_installed
from refcli.names import name_key

VCARD = """BEGIN:VCARD\r
VERSION:3.0\r
FN:Fred Smith\r
N:Smith;Fred;;;\r
ORG:Smith Build\r
TITLE:Owner\r
EMAIL;TYPE=work:fred@smith.example\r
TEL;TYPE=cell:+1 555 0101\r
NOTE:Met at the chamber\\, loves boats\r
X-HOBBY:sailing\r
END:VCARD\r
"""


def write(tmp_path: Path, name: str, data: str | bytes) -> str:
    path = tmp_path / name
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return str(path)


def test_vcard_import_maps_fields_and_keeps_the_rest(ref: Ref, tmp_path: Path) -> None:
    out = ref.ok("import", write(tmp_path, "one.vcf", VCARD), "--tag", "imported")
    assert "one.vcf (vcard): 1 created, 0 updated, 0 unchanged, 0 skipped" in out
    p: Any = ref.json("show", "fred")
    assert p["company"] == "Smith Build" and p["title"] == "Owner"
    assert p["emails"] == ["fred@smith.example"] and p["phones"] == ["+1 555 0101"]
    assert {"kind": "email", "label": "work", "value": "fred@smith.example"} in p["channels"]
    assert p["tags"] == ["imported"]
    texts = [n["text"] for n in p["notes"]]
    assert "Met at the chamber, loves boats" in texts
    assert any(t.startswith("imported from one.vcf (card 1):") and "X-HOBBY: sailing" in t for t in texts)


def test_every_nickname_and_a_closing_backslash_are_kept(ref: Ref, tmp_path: Path) -> None:
    """Text vobject lost when it read cards: every name of a NICKNAME list after the first, and a
    value ending in a backslash (it read `\\eof`)."""
    card = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Robert Roe\r\nNICKNAME:Bob,Bobby\\, the builder\r\n" \
        "NOTE:share C:\\\r\nEND:VCARD\r\n"  # fmt: skip
    ref.ok("import", write(tmp_path, "nick.vcf", card))
    texts = [n["text"] for n in ref.json("show", "robert")["notes"]]  # type: ignore[index]
    assert "share C:\\" in texts
    assert any("NICKNAME: Bob, Bobby, the builder" in t for t in texts), texts


def test_import_fills_only_empty_fields_and_adds_channels(ref: Ref, tmp_path: Path) -> None:
    ref.ok("add-contact", "Fred Smith", "--company", "My Own Name For It", "--phone", "555 0101 999")
    out = ref.ok("import", write(tmp_path, "one.vcf", VCARD), "--merge-on", "name")  # the same name is enough
    assert "0 created, 1 updated" in out
    p: Any = ref.json("show", "fred")
    assert p["company"] == "My Own Name For It" and p["title"] == "Owner"
    assert p["emails"] == ["fred@smith.example"] and len(p["phones"]) == 2


def test_matching_by_email_and_by_phone_digits(ref: Ref, tmp_path: Path) -> None:
    ref.ok("add-contact", "Frederick S.", "--email", "FRED@smith.example")
    ref.ok("add-contact", "Sally", "--phone", "(555) 010-2030")
    csv_text = "Name,Email,Phone\nFred Smith,fred@smith.example,\nSal C,,+1 555 010 2030\n"
    out = ref.ok("import", write(tmp_path, "people.csv", csv_text))
    assert "0 created, 2 updated" in out
    assert len(ref.json("contacts")) == 2  # type: ignore[arg-type]
    notes = " ".join(n["text"] for n in ref.json("show", "frederick")["notes"])  # type: ignore[index]
    assert "name: Fred Smith" in notes  # the other spelling is kept


def test_dry_run_reports_and_writes_nothing(ref: Ref, tmp_path: Path, isolated: Path) -> None:
    ref.ok("add-contact", "Someone")
    report: Any = ref.json("import", write(tmp_path, "one.vcf", VCARD), "--dry-run")
    assert report["dry_run"] is True and report["files"][0]["created"] == 1
    assert [p["handle"] for p in ref.json("contacts")] == ["someone"]  # type: ignore[attr-defined]
    assert "dry run, nothing written" in ref.ok("import", write(tmp_path, "two.vcf", VCARD), "--dry-run")


def test_reimport_creates_nothing_and_duplicates_in_one_file_are_one_person(ref: Ref, tmp_path: Path) -> None:
    path = write(tmp_path, "dups.csv", "Name,Email\nAnn Lee,ann@x.example\nAnn Lee,ann@x.example\nBo,bo@x.example\n")
    report: Any = ref.json("import", path)
    assert (report["files"][0]["created"], report["files"][0]["unchanged"]) == (2, 1)
    again: Any = ref.json("import", path)
    assert (again["files"][0]["created"], again["files"][0]["updated"], again["files"][0]["unchanged"]) == (0, 0, 3)


def test_adversarial_files(ref: Ref, tmp_path: Path) -> None:
    assert "empty" in ref("import", write(tmp_path, "empty.vcf", b"")).err
    assert "not a text file" in ref("import", write(tmp_path, "bin.vcf", bytes(range(256)) * 10)).err
    # vCard content with the wrong extension: detected by content.
    assert "(vcard): 1 created" in ref.ok("import", write(tmp_path, "actually-vcard.csv", VCARD))
    # latin-1 CSV with ; delimiters and CRLF.
    latin = "Name;Email;Company\r\nJosé Ñúñez;jose@x.example;Café Olé\r\n".encode("latin-1")
    ref.ok("import", write(tmp_path, "latin.csv", latin))
    jose: Any = ref.json("show", "jose")
    assert jose["name"] == "José Ñúñez" and jose["company"] == "Café Olé"
    # A CSV without a single recognisable column.
    outcome = ref("import", write(tmp_path, "junk.csv", "a,b,c\n1,2,3\n"))
    assert outcome.code == 3 and "no recognisable column names" in outcome.err
    # A missing file and a folder.
    assert ref("import", str(tmp_path / "nope.vcf")).code == 3
    assert "is a folder" in ref("import", str(tmp_path)).err


def test_a_vcard_with_fifty_emails_keeps_them_all(ref: Ref, tmp_path: Path) -> None:
    emails = "".join(f"EMAIL:person{i}@x.example\r\n" for i in range(50))
    ref.ok(
        "import", write(tmp_path, "many.vcf", f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Many Mails\r\n{emails}END:VCARD\r\n")
    )
    assert len(ref.json("show", "many")["emails"]) == 50  # type: ignore[index]


def test_a_ten_megabyte_file(ref: Ref, tmp_path: Path) -> None:
    rows = ["Name,Email,Notes"] + [f"Person {i},p{i}@x.example,{'x' * 5000}" for i in range(2000)]
    path = write(tmp_path, "big.csv", "\n".join(rows))
    assert Path(path).stat().st_size > 10_000_000
    report: Any = ref.json("import", path)
    assert report["files"][0]["created"] == 2000


def test_a_failure_half_way_leaves_the_database_as_it_was(
    ref: Ref, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, query: Any
) -> None:
    from refcli.exchange import filling

    ref.ok("add-contact", "Existing")
    calls = 0
    real = filling.add_notes

    def fail_on_third(*args: Any) -> bool:
        nonlocal calls
        calls += 1
        if calls == 3:
            raise OSError("disk went away")
        return real(*args)

    monkeypatch.setattr(filling, "add_notes", fail_on_third)
    path = write(tmp_path, "five.csv", "Name\n" + "\n".join(f"P{i}" for i in range(5)))
    assert ref("import", path).code != 0
    assert query("SELECT name FROM contact") == [("Existing",)]


def test_markup_and_escapes_in_imported_names_are_inert(ref: Ref, tmp_path: Path) -> None:
    card = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:[bold]Evil[/bold] \x1b]0;owned\x07Co\r\nEND:VCARD\r\n"
    ref.ok("import", write(tmp_path, "evil.vcf", card))
    for env in ({}, {"REF_FORCE_TERMINAL": "1"}):
        out = ref.ok("contacts", env=env)
        assert "[bold]Evil[/bold]" in out and "\x1b]" not in out and "\x07" not in out


# --- export ------------------------------------------------------------------------


@pytest.fixture
def network(ref: Ref) -> Ref:
    ref.ok("add-contact", "Sally Chen", "--email", "sally@x.example", "--phone", "555 0101", "--company", "Chen Realty",
           "--offers", "home buying", "--tag", "bni", "--met-on", "2025-01-01")  # fmt: skip
    ref.ok("add-contact", "Fred Okafor", "--business", "Kitchens", "--via", "sally")
    ref.ok("add-contact", "=cmd|' /C calc'!A0", "--handle", "evil", "--note", "+1 formula")
    ref.ok("knows", "sally", "fred")
    ref.ok("meet", "sally", "--on", "2026-03-01", "--next", "2026-03-20")
    ref.ok("introduce", "sally", "fred", "--for", "fred", "--on", "2026-03-01")
    ref.ok("outcome", "1", "won", "--value", "1,000")
    ref.ok("receive", "sally", "a job")
    ref.ok("goal", "sally", "add", "Hire an assistant")
    ref.ok("family", "sally", "add", "Mei", "--met")
    ref.ok("trait", "fred", "plus", "On time")
    ref.ok("depth", "sally", "--set", "1=yes")
    ref.ok("talked", "sally", "--notes", "fine")
    ref.ok("remind", "sally", "call", "--on", "+2d")
    ref.ok("config", "followup_days", "5")
    return ref


def test_a_backup_is_one_snapshot_even_while_someone_writes(
    ref: Ref, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another ref adds a person (and their email) after the contact table has been read:
    the backup shows neither, never an email whose person is missing."""
    from refcli.exchange import backup

    ref.ok("add-contact", "Fred", "--email", "fred@x.example")
    real_tables = backup._tables

    def with_a_write_after_the_first_table() -> Iterator[Any]:
        for table in real_tables():
            yield table
            if table.name == "contact":  # people read; their emails (channel, after them) not yet
                code, _, err = run_installed("add-contact", "Late Comer", "--email", "late@x.example")
                assert code == 0, err

    monkeypatch.setattr(backup, "_tables", with_a_write_after_the_first_table)
    tables = json.loads(ref.ok("export"))["tables"]
    names = [t.name for t in real_tables()]
    assert names.index("contact") < names.index("channel")
    emails = [row[tables["channel"]["columns"].index("value")] for row in tables["channel"]["rows"]]
    assert len(tables["contact"]["rows"]) == 1 and emails == ["fred@x.example"]
    assert [p["handle"] for p in ref.json("contacts")] == ["fred", "late"]  # type: ignore[attr-defined]


def _without_moment(text: str) -> dict[str, Any]:
    backup = json.loads(text)
    backup.pop("exported_at")
    return backup


@pytest.mark.sqlite_only(reason="two reader processes read a large SQLite file")
def test_a_large_backup_read_by_two_readers_is_the_same_backup(
    network: Ref, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tempfile

    from refcli.exchange import backup_parallel

    alone = _without_moment(network.ok("export"))
    monkeypatch.setattr(backup_parallel, "LEAST_ROWS", 0)  # this small file counts as large
    used: list[bool] = []
    real = backup_parallel.readers

    @contextlib.contextmanager
    def watched(*args: Any) -> Iterator[Any]:
        with real(*args) as fetch:
            used.append(fetch is not None)
            yield fetch

    monkeypatch.setattr(backup_parallel, "readers", watched)
    before = set(Path(tempfile.gettempdir()).glob("ref-backup-*"))
    network.ok("export", "-o", str(tmp_path / "backup.json"))
    assert used == [True], "the two readers read it"
    assert _without_moment((tmp_path / "backup.json").read_text()) == alone
    assert set(Path(tempfile.gettempdir()).glob("ref-backup-*")) == before, "their files are gone"


@pytest.mark.sqlite_only(reason="two reader processes read a large SQLite file")
def test_two_readers_share_one_snapshot_and_let_writes_go_on(ref: Ref, monkeypatch: pytest.MonkeyPatch) -> None:
    """Another ref adds a person once the readers have begun: the backup shows neither them nor
    their email, and the write does not wait for the backup to end."""
    from refcli.exchange import backup_parallel

    ref.ok("add-contact", "Fred", "--email", "fred@x.example")
    monkeypatch.setattr(backup_parallel, "LEAST_ROWS", 0)
    real = backup_parallel.readers

    @contextlib.contextmanager
    def with_a_write_once_begun(*args: Any) -> Iterator[Any]:
        with real(*args) as fetch:
            assert fetch is not None
            code, _, err = run_installed("add-contact", "Late Comer", "--email", "late@x.example")
            assert code == 0, err
            yield fetch

    monkeypatch.setattr(backup_parallel, "readers", with_a_write_once_begun)
    tables = json.loads(ref.ok("export"))["tables"]
    emails = [row[tables["channel"]["columns"].index("value")] for row in tables["channel"]["rows"]]
    assert len(tables["contact"]["rows"]) == 1 and emails == ["fred@x.example"]
    assert [p["handle"] for p in ref.json("contacts")] == ["fred", "late"]  # type: ignore[attr-defined]


@pytest.mark.sqlite_only(reason="two reader processes read a large SQLite file")
def test_a_backup_is_read_in_one_process_where_writes_cannot_be_held(
    network: Ref, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sqlite3

    from refcli.exchange import backup_parallel

    alone = _without_moment(network.ok("export"))
    monkeypatch.setattr(backup_parallel, "LEAST_ROWS", 0)

    def locked(path: Path) -> sqlite3.Connection:
        raise sqlite3.OperationalError("database is locked")  # a write that holds on, a read-only file

    monkeypatch.setattr(backup_parallel, "_hold_writes", locked)
    assert _without_moment(network.ok("export")) == alone


def test_backup_round_trip_reproduces_every_row(network: Ref, tmp_path: Path) -> None:
    backup = tmp_path / "backup.json"
    network.ok("export", "-o", str(backup))
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600
    original = json.loads(backup.read_text())
    assert original["schema"] and all(original["tables"][t] for t in ("contact", "referral", "meeting", "setting"))
    # one form for every engine: moments as UTC ISO text with microseconds, flags as booleans
    contact, referral = original["tables"]["contact"], original["tables"]["referral"]
    created = [row[contact["columns"].index("created_at")] for row in contact["rows"]]
    assert all(re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}\+00:00", c) for c in created), created
    flags = {row[referral["columns"].index("is_introduction")] for row in referral["rows"]}
    assert flags <= {True, False} and True in flags, flags
    fresh = str(tmp_path / "fresh.db")
    out = network.ok("--db", fresh, "import", str(backup))
    assert "(backup): restored" in out
    restored = json.loads(network.ok("--db", fresh, "export"))
    assert restored["tables"] == original["tables"]


def test_backup_refusals_write_nothing(network: Ref, tmp_path: Path) -> None:
    backup = tmp_path / "b.json"
    network.ok("export", "-o", str(backup))
    assert "empty database" in network("import", str(backup)).err  # into the same, non-empty database
    data = json.loads(backup.read_text())
    fresh = str(tmp_path / "fresh.db")
    newer = dict(data, schema="9999")
    assert "newer ref" in network("--db", fresh, "import", write(tmp_path, "newer.json", json.dumps(newer))).err

    def broken(column: str, value: object) -> str:
        copy = json.loads(backup.read_text())
        table = copy["tables"]["contact"]
        table["rows"][-1][table["columns"].index(column)] = value
        return write(tmp_path, f"bad-{column}.json", json.dumps(copy))

    assert "trust has the wrong type" in network("--db", fresh, "import", broken("trust", "very")).err
    assert "handle is missing" in network("--db", fresh, "import", broken("handle", None)).err
    short = json.loads(backup.read_text())
    short["tables"]["note"]["rows"][0] = [1]
    assert "expected" in network("--db", fresh, "import", write(tmp_path, "short.json", json.dumps(short))).err
    assert network.json("--db", fresh, "contacts") == []


def test_csv_export_neutralises_formulas(network: Ref) -> None:
    text = network.ok("export", "--format", "csv")
    lines = text.splitlines()
    assert lines[0].startswith("handle,name,company")
    evil = next(line for line in lines if line.startswith("evil,"))
    assert "'=cmd" in evil
    assert "sally@x.example" in text and "home buying" in text


def test_vcard_export_reads_back_with_everything(network: Ref, tmp_path: Path) -> None:
    import vobject

    for version in ("4", "3"):
        text = network.ok("export", "--format", "vcard", "--vcard-version", version)
        cards = list(vobject.readComponents(text))
        assert f"VERSION:{version}.0" in text and len(cards) == 3
        sally = next(c for c in cards if c.fn.value == "Sally Chen")
        assert sally.email.value == "sally@x.example" and sally.tel.value == "555 0101"
        assert sally.org.value == ["Chen Realty"] and sally.x_ref_offering.value == "home buying"
        evil = next(c for c in cards if c.x_ref_handle.value == "evil")
        assert evil.note.value == "+1 formula"  # notes travel, each as its own NOTE
    fresh = str(tmp_path / "fresh.db")
    network.ok("--db", fresh, "import", write(tmp_path, "all.vcf", network.ok("export", "--format", "vcard")))
    names = {p["name"] for p in network.json("--db", fresh, "contacts")}  # type: ignore[attr-defined]
    assert names == {"Sally Chen", "Fred Okafor", "=cmd|' /C calc'!A0"}


def test_ics_export_has_followups_and_meetings_with_stable_uids(network: Ref) -> None:
    from icalendar import Calendar

    first = Calendar.from_ical(network.ok("export", "--format", "ics"))
    todos = {str(c["uid"]): c for c in first.walk("VTODO")}
    events = {str(c["uid"]): c for c in first.walk("VEVENT")}
    assert "thank-2@ref" in todos and "remind-1@ref" in todos
    assert any(uid.startswith("meeting-") for uid in events)
    event = next(iter(events.values()))
    assert str(event["summary"]) == "One-on-one with Sally Chen"
    second = Calendar.from_ical(network.ok("export", "--format", "ics"))
    assert {str(c["uid"]) for c in second.walk("VTODO")} == set(todos)


def test_dot_export_draws_the_web(network: Ref) -> None:
    dot = network.ok("export", "--format", "dot")
    assert dot.startswith("digraph ref {") and "label=knows" in dot and "label=introduced" in dot
    assert 'label="1 referral"' in dot and 'label="1 to you"' in dot and '"Sally Chen"' in dot


def test_export_files_are_never_overwritten_without_force(network: Ref, tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    target.write_text("precious")
    assert "already exists" in network("export", "--format", "csv", "-o", str(target)).err
    assert target.read_text() == "precious"
    link = tmp_path / "link.csv"
    link.symlink_to(tmp_path / "elsewhere.csv")
    assert network("export", "--format", "csv", "-o", str(link), "--force").code == 3
    assert not (tmp_path / "elsewhere.csv").exists()
    assert network("export", "-o", str(tmp_path)).code == 3
    network.ok("export", "--format", "csv", "-o", str(target), "--force")
    assert target.read_text().startswith("handle,name")
    assert "unknown format" in network("export", "--format", "pdf").err


def test_export_one_person_or_one_tag(network: Ref, tmp_path: Path) -> None:
    """Send Fred's card to Sally: name people, or give a tag, for the formats that pick people."""
    import vobject

    fred = list(vobject.readComponents(network.ok("export", "--format", "vcard", "fred")))
    assert [c.fn.value for c in fred] == ["Fred Okafor"]
    both = list(vobject.readComponents(network.ok("export", "--format", "vcard", "fred", "sally chen")))
    assert sorted(c.fn.value for c in both) == ["Fred Okafor", "Sally Chen"]
    bni = network.ok("export", "--format", "csv", "--tag", "bni").splitlines()
    assert len(bni) == 2 and bni[1].startswith("sally,Sally Chen")
    assert network.ok("export", "--format", "csv", "fred", "--tag", "bni").splitlines()[1:] == []
    target = tmp_path / "fred.vcf"
    written: Any = network.json("export", "--format", "vcard", "fred", "-o", str(target))
    assert written["file"] == str(target) and "Fred Okafor" in target.read_text()
    err = network.fails(3, "export", "--format", "backup", "fred")
    assert "backup exports everything: it cannot pick people" in err and "vcard, csv" in err
    assert "no one called 'nobody'" in network.fails(3, "export", "--format", "vcard", "nobody")
    assert not (tmp_path / "nobody.vcf").exists()


def test_one_registry_of_formats_feeds_detection_choices_export_and_the_reference(network: Ref, tmp_path: Path) -> None:
    """Every format in the registry does what the registry says, and the CLI offers exactly those."""
    from refcli.exchange.formats import FORMATS

    reference = (Path(__file__).resolve().parents[1] / "docs" / "reference.md").read_text()
    for f in FORMATS:
        assert f"| `{f.name}` |" in reference
        if f.writes:
            assert network.ok("export", "--format", f.name).strip(), f.name
        else:
            err = network("export", "--format", f.name).err
            assert f"unknown format '{f.name}' for export" in err and "backup" in err
        if not f.reads:
            err = network("import", "--format", f.name, str(tmp_path / "x.vcf")).err
            assert f"unknown format '{f.name}' for import" in err and "linkedin" in err


names = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=30).filter(
    lambda s: s.strip() and "\\" not in s
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    people=st.lists(
        st.tuples(names, st.integers(0, 10**6)),
        min_size=1,
        max_size=5,
        # Different people: the importer rightly treats the same name or number as one person.
        unique_by=(lambda p: name_key(p[0]), lambda p: p[1]),
    )
)
def test_hypothesis_backup_and_vcard_round_trips(
    ref: Ref, tmp_path_factory: pytest.TempPathFactory, people: list
) -> None:
    from refcli import store

    folder = tmp_path_factory.mktemp("rt")
    src = str(folder / "src.db")
    added = []
    for i, (name, number) in enumerate(people):
        outcome = ref("--db", src, "add-contact", "--handle", f"p{i}", "--email", f"p{i}@x.example",
                      "--phone", f"+1 {number:07d}", "--note", name, "--", name)  # fmt: skip
        if outcome.code == 0:
            added.append(name)
    backup = ref.ok("--db", src, "export")
    (folder / "b.json").write_text(backup)
    ref.ok("--db", str(folder / "copy.db"), "import", str(folder / "b.json"))
    assert json.loads(ref.ok("--db", str(folder / "copy.db"), "export"))["tables"] == json.loads(backup)["tables"]
    (folder / "all.vcf").write_text(ref.ok("--db", src, "export", "--format", "vcard"))
    ref.ok("--db", str(folder / "v.db"), "import", str(folder / "all.vcf"))
    back = {p["handle"]: p for p in ref.json("--db", str(folder / "v.db"), "contacts", "--all")}  # type: ignore[attr-defined]
    original = {p["handle"]: p for p in ref.json("--db", src, "contacts", "--all")}  # type: ignore[attr-defined]
    assert sorted(p["name"] for p in back.values()) == sorted(p["name"] for p in original.values())
    assert sorted(e for p in back.values() for e in p["emails"]) == sorted(
        e for p in original.values() for e in p["emails"]
    )
    store.dispose_engines()


PAIR = """BEGIN:VCARD\r
VERSION:3.0\r
FN:Mustermann, Heiko\r
N:Mustermann;Heiko;;;\r
TITLE:VP, Sales\r
NOTE:Met at the fair, likes golf\r
TEL:+49 30 1234\r
END:VCARD\r
BEGIN:VCARD\r
VERSION:3.0\r
FN:Anna Schmidt\r
N:Schmidt;Anna;;;\r
TEL:+49 30 1234\r
END:VCARD\r
"""


def test_text_is_kept_whole_and_people_sharing_a_number_are_kept_apart(ref: Ref, tmp_path: Path) -> None:
    path = write(tmp_path, "pair.vcf", PAIR)
    report: Any = ref.json("import", path)
    (file,) = report["files"]
    assert file["created"] == 2
    (apart,) = file["kept_apart"]
    assert (apart["name"], apart["shares"], apart["with_name"]) == ("Anna Schmidt", "+49 30 1234", "Mustermann, Heiko")
    heiko: Any = ref.json("show", apart["with"])
    assert (heiko["name"], heiko["title"]) == ("Mustermann, Heiko", "VP, Sales")
    shown = ref("show", apart["with"]).out  # the title is its own row, not run into a company
    assert re.search(r"(?m)^  title +VP, Sales$", shown) and not re.search(r"(?m)^  company ", shown)
    texts = [n["text"] for n in heiko["notes"]]
    assert "Met at the fair, likes golf" in texts
    assert not any("N: Heiko Mustermann" in t for t in texts)  # the same name written two ways
    anna: Any = ref.json("show", apart["contact"])
    assert anna["name"] == "Anna Schmidt" and anna["phones"] == ["+49 30 1234"]
    said = ref("import", path)
    assert "0 created, 0 updated, 2 unchanged" in said.out and "kept apart" not in said.err  # nothing new
    assert f"ref merge {apart['with']} {apart['contact']}" in ref("import", write(tmp_path, "again.vcf", PAIR.replace(
        "Anna Schmidt", "Anna Berg").replace("Schmidt;Anna", "Berg;Anna"))).err  # fmt: skip


def test_merge_on_loosens_matching_knowingly(ref: Ref, tmp_path: Path) -> None:
    report: Any = ref.json("import", write(tmp_path, "pair.vcf", PAIR), "--merge-on", "phone")
    assert report["files"][0]["created"] == 1 and report["files"][0]["kept_apart"] == []
    assert "--merge-on takes" in ref.fails(3, "import", write(tmp_path, "x.vcf", PAIR), "--merge-on", "uid")


def test_the_same_name_with_other_addresses_is_kept_apart_unless_asked(ref: Ref, tmp_path: Path) -> None:
    ref.ok("add-contact", "Bob Smith", "--email", "bob@build.example")
    card = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Bob Smith\r\nEMAIL:bob@law.example\r\nEND:VCARD\r\n"
    report: Any = ref.json("import", write(tmp_path, "bob.vcf", card))
    assert report["files"][0]["created"] == 1 and report["files"][0]["kept_apart"][0]["with"] == "bob"
    ref.ok("undo")
    report = ref.json("import", write(tmp_path, "bob.vcf", card), "--merge-on", "name")
    assert report["files"][0]["updated"] == 1
    assert ref.json("show", "bob")["emails"] == ["bob@build.example", "bob@law.example"]  # type: ignore[index]


def test_compatible_names_and_nameless_cards_still_match(ref: Ref, tmp_path: Path) -> None:
    ref.ok("add-contact", "Fred Okafor", "--email", "fred@okafor.example", "--phone", "+1 555 0102")
    cards = (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Fred\r\nEMAIL:fred@okafor.example\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:3.0\r\nORG:Okafor Build\r\nTEL:+1 555 0102\r\nEND:VCARD\r\n"
    )
    report: Any = ref.json("import", write(tmp_path, "fred.vcf", cards))
    assert report["files"][0]["created"] == 0 and report["files"][0]["kept_apart"] == []
    assert ref.json("show", "fred")["company"] == "Okafor Build"  # type: ignore[index]


def test_vcard_21_text_keeps_its_commas_and_escaped_ones_are_not_doubled(ref: Ref, tmp_path: Path) -> None:
    card = (
        "BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Lee, Marcus\r\nN:Lee;Marcus\r\nTITLE:Owner, IT\r\n"
        "NOTE;ENCODING=QUOTED-PRINTABLE:Knows everyone=2C really; call after 5\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Jean Dupont\r\nNOTE:Bakery\\, caf\u00e9\\; open Sundays\r\nEND:VCARD\r\n"
    )
    ref.ok("import", write(tmp_path, "two.vcf", card))
    marcus: Any = ref.json("show", "lee")
    assert (marcus["name"], marcus["title"]) == ("Lee, Marcus", "Owner, IT")
    assert "Knows everyone, really; call after 5" in [n["text"] for n in marcus["notes"]]
    jean: Any = ref.json("show", "jean")
    assert "Bakery, caf\u00e9; open Sundays" in [n["text"] for n in jean["notes"]]


def test_addresses_and_dotless_emails_read_back_as_they_were(ref: Ref, tmp_path: Path) -> None:
    card = (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada Lane\r\nADR;TYPE=work:;;1 Main St;Springfield;;12345;USA\r\n"
        "EMAIL:contact1@invalid\r\nEND:VCARD\r\n"
    )
    ref.ok("import", write(tmp_path, "ada.vcf", card))
    ada: Any = ref.json("show", "ada")
    assert ada["emails"] == ["contact1@invalid"]  # a dotless domain is a valid address
    address = [(c["label"], c["value"]) for c in ada["channels"] if c["kind"] == "address"]
    assert address == [("work", "1 Main St, Springfield, 12345, USA")]
    exported = tmp_path / "out.vcf"
    ref.ok("export", "--format", "vcard", "-o", str(exported))
    assert "X-REF-ADDRESS" not in exported.read_text()
    other = str(tmp_path / "other.db")
    ref.ok("--db", other, "import", str(exported))
    again: Any = ref.json("--db", other, "show", "ada")
    assert [(c["label"], c["value"]) for c in again["channels"] if c["kind"] == "address"] == address
    assert not [n for n in again["notes"] if "ADDRESS" in n["text"]]  # an address, not a note
    assert "not an address" in ref.fails(3, "add-contact", "Bo", "--email", "bo@")
    assert "not an address" in ref.fails(3, "add-contact", "Bo", "--email", "bo@example.")
    assert "not an address" in ref.fails(3, "add-contact", "Bo", "--email", "bo@example.com;")
    semi = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Semi Colon\r\nEMAIL:name@example.com;\r\nEND:VCARD\r\n"
    ref.ok("import", write(tmp_path, "semi.vcf", semi))
    assert ref.json("show", "semi")["emails"] == ["name@example.com"]  # type: ignore[index]  # one, without the ;


def test_refs_own_csv_reads_back_several_phones_and_neutralised_cells(ref: Ref, tmp_path: Path) -> None:
    ref.ok("add-contact", "Dee Vance", "--phone", "+1 555 0100", "--phone", "+1 555 0199", "--company", "=SUM(A1)")
    exported = tmp_path / "out.csv"
    ref.ok("export", "--format", "csv", "-o", str(exported))
    assert "'=SUM(A1)" in exported.read_text()  # neutralised for spreadsheets...
    other = str(tmp_path / "other.db")
    ref.ok("--db", other, "import", str(exported))
    dee: Any = ref.json("--db", other, "show", "dee")
    assert dee["company"] == "=SUM(A1)"  # ...and restored when ref reads its own file back
    assert dee["phones"] == ["+1 555 0100", "+1 555 0199"]  # two phones, not one "a; b"


def test_a_text_that_starts_with_a_quote_reads_back_as_it_was(ref: Ref, tmp_path: Path) -> None:
    """A spreadsheet's own escape (`'` before `=`, `@`...) must not eat a quote the text had:
    `'@home` and `'=x` and `'tis` come back whole (found by the round-trip property test)."""
    ref.ok("add-contact", "Quinn Quote", "--company", "'@home", "--title", "'=x", "--business", "'tis the season")
    exported = tmp_path / "out.csv"
    ref.ok("export", "--format", "csv", "-o", str(exported))
    other = str(tmp_path / "other.db")
    ref.ok("--db", other, "import", str(exported))
    quinn: Any = ref.json("--db", other, "show", "quinn")
    assert (quinn["company"], quinn["title"], quinn["business"]) == ("'@home", "'=x", "'tis the season")


def test_a_charset_declared_on_one_line_applies_to_the_whole_card(ref: Ref, tmp_path: Path) -> None:
    """Old phones declare the charset on some lines only: the Greek card's LABEL says
    Windows-1253, so its undeclared name is Windows-1253 too (not a guess over the file). A card
    declaring nothing is guessed among the code pages address books use, Hebrew's included, and
    the report names it."""
    greek, city = "Γιώργος Παπαδόπουλος".encode("cp1253"), "Αθήνα".encode("cp1253")
    hebrew, note = "דוד כהן".encode("cp1255"), "שלום עולם, מה שלומך היום? אני בסדר גמור".encode("cp1255")
    data = (
        b"BEGIN:VCARD\r\nVERSION:2.1\r\nN:" + greek + b"\r\nFN:" + greek + b"\r\nLABEL;CHARSET=WINDOWS-1253:" + city
        + b"\r\nTEL:+30 210 1234567\r\nEND:VCARD\r\n"
        + b"BEGIN:VCARD\r\nVERSION:2.1\r\nFN:" + hebrew + b"\r\nNOTE:" + note
        + b"\r\nTEL:+972 3 1234567\r\nEND:VCARD\r\n"
    )  # fmt: skip
    done = ref("import", write(tmp_path, "old-phone.vcf", data))
    assert done.code == 0 and "card 2: text without a declared charset was read as cp1255 (a guess)" in done.err
    names = sorted(p["name"] for p in ref.json("contacts"))  # type: ignore[union-attr]
    assert names == ["Γιώργος Παπαδόπουλος", "דוד כהן"]


def test_glued_begin_less_and_nickname_only_cards_are_all_read_and_reported(ref: Ref, tmp_path: Path) -> None:
    glued = (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Anna One\r\nTEL:+1 555 0001\r\nEND:VCARDBEGIN:VCARD\r\nVERSION:3.0\r\n"
        "FN:Bob Two\r\nTEL:+1 555 0002\r\nEND:VCARD\r\nBEGIN:VCARD\r\nVERSION:3.0\r\nNICKNAME:Bubba\r\n"
        "ADR;TYPE=home:;;1 Main St;Springfield;;;\r\nEND:VCARD\r\n"
    )
    done = ref("import", write(tmp_path, "glued.vcf", glued))
    assert done.code == 0 and "card 2: glued onto the previous card's END:VCARD" in done.err
    assert "3 created" in done.out
    begin_less = (
        "VERSION:3.0\r\nFN:Cara Three\r\nEMAIL:cara@example.org\r\nEND:VCARD\r\n"
        "VERSION:3.0\r\nFN:Dan Four\r\nEMAIL:dan@example.org\r\nEND:VCARD\r\n"
    )
    path = write(tmp_path, "cards.txt", begin_less)
    done = ref("import", path)
    assert done.code == 0 and "(vcard): 2 created" in done.out and "no BEGIN:VCARD" in done.err
    people: Any = ref.json("contacts")
    assert sorted(p["name"] for p in people) == ["Anna One", "Bob Two", "Bubba", "Cara Three", "Dan Four"]
    bubba: Any = ref.json("show", "bubba")
    assert bubba["channels"] == [{"kind": "address", "label": "home", "value": "1 Main St, Springfield"}]


def test_a_shift_jis_csv_is_read_as_shift_jis_and_says_so(ref: Ref, tmp_path: Path) -> None:
    """A Japanese Outlook CSV in Shift-JIS: names, emails and notes come in whole (not read as
    cp1252, which pushed the email into a note), and the report says the file was not UTF-8."""
    rows = (
        "Name,E-mail Address,Notes\n山田 太郎,taro@example.jp,大阪の不動産会社の社長です\n"
        "鈴木 花子,hanako@example.jp,東京\n"
    )
    done = ref("import", write(tmp_path, "sjis.csv", rows.encode("shift_jis")))
    assert done.code == 0 and "read as SHIFT-JIS" in done.err
    people = {p["name"]: p for p in ref.json("contacts")}  # type: ignore[union-attr]
    assert people["山田 太郎"]["emails"] == ["taro@example.jp"] and people["鈴木 花子"]["emails"] == [
        "hanako@example.jp"
    ]
    taro: Any = ref.json("show", people["山田 太郎"]["handle"])
    assert [n["text"] for n in taro["notes"]] == ["大阪の不動産会社の社長です"]
