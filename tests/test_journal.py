"""The change journal, `ref log` and `ref undo`: every write is recorded, and undoing it puts
the database back exactly as it was (compared as a full backup export, row for row)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import Ref

JOURNAL = {"journal", "journal_row"}
VCARD = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Dana Reyes\r\nEMAIL:dana@x.example\r\nTEL:555 0199\r\nEND:VCARD\r\n"


def snapshot(ref: Ref) -> dict[str, Any]:
    """Every row of every table but the journal, from a full backup export."""
    data: Any = json.loads(ref.ok("export", "--format", "backup"))
    return {name: rows for name, rows in data["tables"].items() if name not in JOURNAL}


def entries(ref: Ref) -> list[dict[str, Any]]:
    return ref.json("log", "--limit", "1000")  # type: ignore[return-value]


@pytest.fixture
def network(ref: Ref) -> Ref:
    ref.ok("add-contact", "Sally Chen", "--email", "sally@x.example", "--offers", "home buying", "--tag", "bni",
           "--met-on", "2025-01-01")  # fmt: skip
    ref.ok("add-contact", "Fred Okafor", "--business", "Kitchens", "--via", "sally", "--note", "first")
    ref.ok("add-contact", "Tom Baker", "--phone", "555 0102")
    ref.ok("knows", "sally", "fred")
    ref.ok("meet", "sally", "--on", "2026-03-01", "--next", "2026-03-20")
    ref.ok("introduce", "sally", "fred", "--for", "fred", "--on", "2026-03-01")
    ref.ok("receive", "sally", "a job", "--on", "2026-03-02")
    ref.ok("give", "tom", "a lead", "--on", "2026-03-03")
    ref.ok("remind", "fred", "call", "--on", "+2d")
    ref.ok("talked", "tom", "--notes", "fine")
    ref.ok("goal", "sally", "add", "Hire an assistant")
    return ref


WRITES: list[tuple[str, ...]] = [
    ("add-contact", "Dana Reyes", "--email", "dana@x.example", "--tag", "chamber", "--note", "met at lunch"),
    ("edit", "fred", "--company", "Okafor Build", "--name", "Fred O. Okafor", "--trust", "4"),
    ("note", "fred", "Sends a photo update every evening"),
    ("tag", "fred", "trades", "bni"),
    ("archive", "tom"),
    ("meet", "fred", "--on", "2026-03-10", "--learned", "does decks"),
    ("schedule", "tom", "2026-04-01"),
    ("give", "fred", "Hartley & Co", "--on", "2026-03-05"),
    ("outcome", "1", "won", "--value", "6,000"),
    ("thank", "sally", "--how", "coffee"),
    ("heard", "1", "fred"),
    ("offer", "fred", "add", "decks"),
    ("family", "fred", "add", "Ada", "--met"),
    ("goal", "fred", "add", "Open a showroom"),
    ("trait", "tom", "dealbreaker", "late"),
    ("knows", "tom", "fred"),
    ("depth", "fred", "--set", "1=yes"),
    ("talked", "sally"),
    ("remind", "sally", "send the deck", "--on", "+1w"),
    ("config", "followup_days", "5"),
    ("note", "--edit", "1", "corrected text", "--on", "2026-03-01"),
    ("note", "--delete", "1"),
    ("meeting", "1", "--on", "2026-03-02", "--learned", "decks"),
    ("meeting", "2", "--cancel"),
    ("referral", "1", "--partner", "tom", "--value", "500"),
    ("referral", "2", "--delete"),
    ("reminder", "1", "--on", "+5d"),
    ("reminder", "1", "--delete"),
    ("goal", "sally", "edit", "1", "--text", "Hire two assistants"),
    ("knows", "sally", "fred", "--remove"),
    ("conversation", "1", "--notes", "he will try"),
    ("conversation", "1", "--delete"),
    ("merge", "fred", "tom", "--yes"),
    ("delete", "sally", "--yes"),
]


@pytest.mark.parametrize("write", WRITES, ids=lambda w: " ".join(w[:2]))
def test_undo_restores_every_row_and_undo_again_redoes(network: Ref, write: tuple[str, ...]) -> None:
    before = snapshot(network)
    network.ok(*write)
    after = snapshot(network)
    assert after != before, "the write changed something"
    latest = entries(network)[0]
    assert latest["command"] == ["ref", *write] and latest["summary"]
    undone: Any = network.json("undo")
    assert undone["undid"] == latest["id"]
    assert snapshot(network) == before
    network.ok("undo")  # undo the undo: a redo
    assert snapshot(network) == after
    assert network.ok("db", "check").startswith("ok")


def test_import_undoes_completely(network: Ref, tmp_path: Path) -> None:
    before = snapshot(network)
    card = tmp_path / "one.vcf"
    card.write_text(VCARD + VCARD.replace("Dana Reyes", "Eve Stone").replace("dana@", "eve@").replace("0199", "0200"))
    network.ok("import", str(card))
    assert len(network.json("contacts")) == 5  # type: ignore[arg-type]
    network.ok("undo", "--yes")
    assert snapshot(network) == before


def test_log_lists_writes_newest_first_by_person_and_date(network: Ref) -> None:
    log = entries(network)
    assert [e["command"][1] for e in log][:3] == ["goal", "talked", "remind"]
    assert [e["id"] for e in log] == sorted((e["id"] for e in log), reverse=True)
    assert log[0]["at"].endswith("+00:00") and "T" in log[0]["at"]
    assert len(network.json("log", "--limit", "2")) == 2  # type: ignore[arg-type]
    toms: Any = network.json("log", "tom")
    assert [e["command"][1:3] for e in toms] == [["talked", "tom"], ["give", "tom"], ["add-contact", "Tom Baker"]]
    assert network.json("log", "--since", "2099-01-01") == []  # journal times are real moments
    assert len(network.json("log", "--since", "2020-01-01", "--limit", "1000")) == len(log)  # type: ignore[arg-type]
    out = network.ok("log", "fred")
    assert "remind fred call" in out and "added fred" in out
    network.ok("contacts")  # a read writes nothing
    network.ok("archive", "tom")
    network.ok("archive", "tom")  # nothing to change: no entry
    assert len(entries(network)) == len(log) + 1


def test_undo_refuses_when_a_later_change_depends_on_it(network: Ref) -> None:
    network.ok("add-contact", "Dana Reyes")
    added = entries(network)[0]["id"]
    network.ok("note", "dana", "later note")
    noted = entries(network)[0]["id"]
    before = snapshot(network)
    err = network.fails(3, "undo", str(added))
    assert "nothing undone" in err and f"#{noted}" in err and f"ref undo {noted}" in err
    assert snapshot(network) == before
    network.ok("undo", str(noted))
    network.ok("undo", str(added))
    assert network.fails(3, "show", "dana")
    assert "no change #999" in network.fails(3, "undo", "999")


def test_nothing_to_undo_on_a_new_database(ref: Ref) -> None:
    assert "nothing to undo" in ref.fails(3, "undo")


def test_a_restored_backup_keeps_the_journal(network: Ref, tmp_path: Path) -> None:
    network.ok("note", "fred", "to be undone after the restore")
    backup = tmp_path / "backup.json"
    network.ok("export", "-o", str(backup))
    restored = str(tmp_path / "restored.db")
    network.ok("--db", restored, "import", str(backup))
    assert network.json("--db", restored, "log", "--limit", "1000") == entries(network)
    network.ok("--db", restored, "undo")
    notes = [n["text"] for n in network.json("--db", restored, "show", "fred")["notes"]]  # type: ignore[index]
    assert "to be undone after the restore" not in notes


# Writes a property test draws from: each is valid whatever ran before it.
STEPS = [
    ("add-contact", "Person {n}", "--handle", "p{n}", "--email", "p{n}@x.example"),
    ("note", "sally", "note {n}"),
    ("tag", "fred", "tag{n}"),
    ("meet", "fred", "--on", "2026-03-0{d}"),
    ("give", "sally", "lead {n}", "--on", "2026-03-0{d}"),
    ("edit", "fred", "--company", "Company {n}"),
    ("goal", "sally", "add", "goal {n}"),
    ("remind", "tom", "call {n}", "--on", "+{d}d"),
    ("config", "followup_days", "{d}"),
]


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.integers(0, len(STEPS) - 1), st.integers(1, 9)), min_size=1, max_size=6))
def test_any_sequence_of_writes_undoes_to_the_start_and_redoes_to_the_end(
    network: Ref, steps: list[tuple[int, int]]
) -> None:
    start = snapshot(network)
    first = entries(network)[0]["id"]
    for n, (which, d) in enumerate(steps):
        args = [a.format(n=f"{n}{d}{len(entries(network))}", d=d) for a in STEPS[which]]
        network.ok(*args)
    end = snapshot(network)
    made = [e["id"] for e in entries(network) if e["id"] > first]
    for entry in made:  # newest first
        network.ok("undo", str(entry))
    assert snapshot(network) == start
    undos = [e["id"] for e in entries(network) if e["undoes"] in made]
    for entry in undos:  # the undos, newest first: redo everything
        network.ok("undo", str(entry))
    assert snapshot(network) == end
    for entry in made:  # leave the network as the next example expects it
        network.ok("undo", str(entry))


def test_a_backup_from_a_file_restored_anywhere_still_undoes(ref: Ref, tmp_path: Path) -> None:
    """The journal written by one engine is undone by the other (booleans, timestamps)."""
    source = str(tmp_path / "source.db")
    ref.ok("--db", source, "add-contact", "Fred Okafor", "--tag", "bni")
    ref.ok("--db", source, "archive", "fred")
    ref.ok("--db", source, "unarchive", "fred")
    ref.ok("--db", source, "meet", "fred", "--on", "2026-03-01", "--they-asked")
    backup = tmp_path / "backup.json"
    ref.ok("--db", source, "export", "-o", str(backup))
    ref.ok("import", str(backup))  # the test's own database: SQLite, or PostgreSQL in the server run
    before = snapshot(ref)
    ref.ok("undo")
    assert ref.json("meetings") == []
    ref.ok("undo")
    assert snapshot(ref) == before
    meeting: Any = ref.json("meetings")
    assert meeting[0]["they_asked"] is True
    ref.ok("undo", "3")  # the unarchive, restoring a timestamp
    assert ref.json("show", "fred")["archived"] is True  # type: ignore[index]


@pytest.mark.sqlite_only(reason="drives a real terminal against the test's file")
def test_undo_in_a_terminal_says_what_it_will_reverse_and_asks(ref: Ref, isolated: Path) -> None:
    import os
    import subprocess
    import sys

    ref.ok("add-contact", "Fred Okafor")
    ref.ok("note", "fred", "likes golf")
    for answer, code in ((b"n\n", 3), (b"y\n", 0)):
        primary, secondary = os.openpty()
        proc = subprocess.Popen(
            [sys.executable, "-m", "refcli", "undo"], stdin=secondary, stdout=subprocess.PIPE,
            stderr=subprocess.PIPE, env={**os.environ, "REF_DB": str(isolated)},
        )  # fmt: skip
        os.write(primary, answer)
        _, err = proc.communicate(timeout=60)
        os.close(primary)
        os.close(secondary)
        assert proc.returncode == code, err
        assert b"this will reverse #2: note fred 'likes golf' (added note #1)" in err
    assert ref.json("notes", "fred")["notes"] == []  # type: ignore[index]


def test_db_check_reports_a_table_whose_changes_would_escape_the_journal(ref: Ref, query: Any) -> None:
    from conftest import POSTGRES

    ref.ok("add-contact", "Fred Okafor")
    assert ref.ok("db", "check").startswith("ok")
    query("DROP TRIGGER journal_note ON note" if POSTGRES else "DROP TRIGGER journal_note_insert")
    out = ref("db", "check")
    assert out.code == 4 and "changes to note would not be journaled" in out.out


def test_data_commands_speak_json(ref: Ref, tmp_path: Path) -> None:
    ref.ok("add-contact", "Fred Okafor")
    where: Any = ref.json("db", "path")
    assert where["source"] in ("REF_DB", "REF_DATABASE_URL") and where["location"]
    migrated: Any = ref.json("db", "migrate")
    assert migrated["from"] == migrated["to"]
    written: Any = ref.json("export", "--format", "vcard", "-o", str(tmp_path / "all.vcf"))
    assert written["bytes"] == (tmp_path / "all.vcf").stat().st_size > 0


def test_prune_forgets_old_changes_only_and_undo_says_why(ref: Ref, query: Any) -> None:
    """`ref log --prune DATE` removes the journal entries (and their row images) of changes made
    before DATE, and nothing else; undoing one of them explains it is too old."""
    ref.ok("add-contact", "Ann Old")
    ref.ok("note", "ann", "an old note")
    ref.ok("add-contact", "Bob New")
    first, second, third = (r[0] for r in query("SELECT id FROM journal ORDER BY id"))
    query(f"UPDATE journal SET at = '2020-01-01 10:00:00.000000' WHERE id IN ({first}, {second})")
    rows_before = query(f"SELECT count(*) FROM journal_row WHERE entry_id = {third}")[0][0]
    pruned: Any = ref.json("log", "--prune", "2021-01-01")
    assert (pruned["entries"], pruned["rows"] > 0) == (2, True)
    assert query(f"SELECT count(*) FROM journal_row WHERE entry_id IN ({first}, {second})") == [(0,)]
    assert query(f"SELECT count(*) FROM journal_row WHERE entry_id = {third}") == [(rows_before,)]
    shown = [e["id"] for e in ref.json("log")]  # type: ignore[attr-defined]
    assert first not in shown and second not in shown and third in shown
    assert "an old note" in [n["text"] for n in ref.json("show", "ann")["notes"]]  # type: ignore[index]
    assert "older than the journal keeps" in ref.fails(3, "undo", str(first), "--yes")
    assert "no change #999" in ref.fails(3, "undo", "999", "--yes")
    ref.ok("undo", str(third), "--yes")  # what is kept still undoes
    assert [p["name"] for p in ref.json("contacts")] == ["Ann Old"]  # type: ignore[union-attr]


@pytest.mark.postgres_only(reason="a database URL with a password on the command line")
def test_the_journal_keeps_no_password(ref: Ref, query: Any) -> None:
    import os

    from sqlalchemy.engine import make_url

    url = os.environ["REF_DATABASE_URL"]
    password = make_url(url).password
    assert password
    ref.ok("--db", url, "add-contact", "Zed Secret")
    stored = " ".join(str(r) for r in query("SELECT command FROM journal") + query("SELECT after FROM journal_row"))
    assert password not in stored and "***" in stored
    assert password not in ref.ok("log", "--json")


def test_rows_inserted_in_bulk_are_journaled_as_the_triggers_journal_each(
    ref: Ref, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An import and a sync insert their new rows in bulk and file them in the journal in one
    statement each (`journal.insert_many`): the journal must hold, row for row and in order,
    what the triggers write for each row, and an undo must still take it all back."""
    import os
    import re
    import sqlite3
    from contextlib import closing

    from conftest import POSTGRES
    from refcli.store import journal

    if POSTGRES:
        pytest.skip("on a server the triggers journal every row: there is nothing to compare")
    people = "".join(
        VCARD.replace("Dana Reyes", f"Person {n}").replace("dana@", f"p{n}@").replace("0199", f"{n:04d}")
        .replace("END:VCARD", f"NOTE:met {n}\r\nCATEGORIES:bni,golf\r\nEND:VCARD")
        for n in range(6)
    )  # fmt: skip
    (tmp_path / "people.vcf").write_text(people)

    def journaled(book: Path) -> list[tuple[Any, ...]]:
        book.mkdir()  # a folder of its own: the sync writes everyone else's card into it
        for n in range(4):
            (book / f"c{n}.vcf").write_text(VCARD.replace("Dana Reyes", f"Card {n}").replace("dana@", f"c{n}@"))
        ref.ok("add-contact", "Someone", "--email", "p1@x.example")  # known: filled in, not made in bulk
        before = snapshot(ref)
        ref.ok("import", str(tmp_path / "people.vcf"))
        ref.ok("sync", str(book))
        with closing(sqlite3.connect(os.environ["REF_DB"])) as db:  # the database of this run
            rows = db.execute(
                "SELECT entry_id, table_name, op, row_key, contact_id, before, after FROM journal_row ORDER BY id"
            ).fetchall()
        synced, imported = (e["id"] for e in entries(ref)[:2])
        ref.ok("undo", str(synced), "--yes")
        ref.ok("undo", str(imported), "--yes")
        assert snapshot(ref) == before
        # when each row was made, and what differs between runs by chance: UIDs and the etags of
        # the cards holding them
        made = re.compile(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d+)?|[0-9a-f]{8}-[0-9a-f-]{27}|[0-9a-f]{64}")
        return [tuple(made.sub("T", v.replace(str(book), "BOOK")) if isinstance(v, str) else v for v in row)
                for row in rows]  # fmt: skip

    in_bulk = journaled(tmp_path / "book")
    monkeypatch.setenv("REF_DB", str(tmp_path / "other.db"))
    monkeypatch.setattr(journal, "insert_many", lambda writer, table, sql, rows: writer.executemany(sql, rows))
    assert journaled(tmp_path / "other book") == in_bulk
    assert {(r[1], r[2]) for r in in_bulk} >= {("contact", "insert"), ("channel", "insert"), ("tag", "insert"),
                                               ("note", "insert"), ("sync_card", "insert")}  # fmt: skip
