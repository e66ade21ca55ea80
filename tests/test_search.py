"""`ref search`: everything written about people is found, by words, and the index behind it
follows every write, correction, undo, merge and restore (store/search_index.py)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from conftest import Ref


def found(ref: Ref, *words: str) -> dict[str, list[tuple[str, str]]]:
    """What `ref search --json` found: {person's handle: [(where, field), ...]}."""
    data: Any = ref.json("search", *words)
    return {p["contact"] or "": [(h["source"], h["field"]) for h in p["hits"]] for p in data["people"]}


@pytest.fixture
def network(ref: Ref) -> Ref:
    ref.ok("add-contact", "Seán O'Brien", "--business", "Football coaching", "--company", "Kicks Ltd")
    ref.ok("add-contact", "Sally Smith", "--business", "Accountant")
    ref.ok("add-contact", "Fred Jones", "--business", "Print shop")
    ref.ok("note", "sally", "Her daughter plays football on Sundays", "--on", "2026-02-01")
    ref.ok(
        "meet",
        "fred",
        "--on",
        "2026-03-01",
        "--notes",
        "Met at his showroom",
        "--learned",
        "Wants bigger photo update jobs",
    )
    ref.ok("goal", "fred", "add", "Open a second showroom")
    ref.ok("family", "sally", "add", "Mei", "--relation", "daughter")
    ref.ok("trait", "fred", "plus", "Always punctual")
    ref.ok("offer", "sally", "add", "Year-end tax returns")
    ref.ok("give", "fred", "Hartley & Co", "--why", "they need brochures", "--on", "2026-03-02")
    ref.ok("remind", "sally", "Send the VAT checklist")
    ref.ok("knows", "sally", "fred", "--note", "same rotary club")
    return ref


def test_everything_written_is_found_with_where_and_when(network: Ref) -> None:
    assert found(network, "football") == {"sally": [("note", "note")], "sean": [("profile", "business")]}
    assert {k: sorted(v) for k, v in found(network, "showroom").items()} == {
        "fred": [("goal", "goal"), ("one-on-one", "notes")]
    }
    assert found(network, "brochures") == {"fred": [("referral", "reason")]}
    assert found(network, "hartley") == {"fred": [("referral", "prospect")]}
    assert found(network, "punctual") == {"fred": [("trait", "trait")]}
    assert found(network, "mei") == {"sally": [("family", "family")]}
    assert found(network, "vat") == {"sally": [("reminder", "reminder")]}
    assert found(network, "tax") == {"sally": [("offering", "offers")]}
    assert found(network, "rotary") == {"sally": [("knows", "knows")]}
    people: Any = network.json("search", "football")["people"]  # type: ignore[index]
    hit = next(p for p in people if p["contact"] == "sally")["hits"][0]
    assert (hit["on"], hit["text"]) == ("2026-02-01", "Her daughter plays football on Sundays")
    assert isinstance(hit["id"], int)


def test_words_fold_like_names_and_phrases_and_prefixes_work(network: Ref) -> None:
    for spelling in ("obrien", "o'brien", "O’Brien", "SEAN", "seán"):
        assert list(found(network, spelling)) == ["sean"], spelling
    assert list(found(network, "photo update")) == ["fred"]  # one argument: a phrase
    assert found(network, "update photo") == {}  # the words are there, not in that order
    assert list(found(network, "update", "photo")) == ["fred"]  # two arguments: both words, any order
    assert list(found(network, '"photo update" punctual')) == ["fred"]
    assert found(network, "foot") == {}
    assert sorted(found(network, "foot*")) == ["sally", "sean"]
    assert list(found(network, "accountant", "football")) == ["sally"]  # all terms, across her records


def test_terminal_output_groups_by_person_and_nothing_found_says_how_to_widen(network: Ref) -> None:
    out = network.ok("search", "football", env={"REF_FORCE_TERMINAL": "1"})
    assert "Sally Smith (sally)" in out and "note #" in out and "2026-02-01" in out
    assert "Seán O'Brien (sean)" in out and "profile · business: Football coaching" in out
    piped = network.ok("search", "football")
    assert piped.splitlines()[0].split("\t") == ["contact", "name", "where", "id", "on", "field", "text"]
    outcome = network("search", "foot")
    assert outcome.code == 0 and outcome.out == ""
    assert "ref search foot*" in outcome.err
    assert "ref search Sundays" in network("contacts", "Sundays").err
    assert "give a word" in network.fails(3, "search", "***")


def test_more_people_than_the_limit_are_counted(ref: Ref) -> None:
    for n in range(4):
        ref.ok("add-contact", f"Person {n}", "--business", "plumbing")
    data: Any = ref.json("search", "plumbing", "--limit", "3")
    assert len(data["people"]) == 3 and data["more"] is True
    assert "--limit N" in ref("search", "plumbing", "--limit", "3").err


def test_the_index_follows_corrections_deletions_merges_and_undo(network: Ref) -> None:
    note_id = network.json("notes", "sally")["notes"][0]["id"]  # type: ignore[index]
    network.ok("note", "--edit", str(note_id), "Her daughter plays tennis now")
    assert list(found(network, "football")) == ["sean"]
    assert list(found(network, "tennis")) == ["sally"]
    network.ok("undo")
    assert sorted(found(network, "football")) == ["sally", "sean"] and found(network, "tennis") == {}
    network.ok("note", "--delete", str(note_id))
    assert list(found(network, "football")) == ["sean"]
    network.ok("merge", "sally", "fred", "--yes")  # Fred's records now belong to Sally
    assert list(found(network, "showroom")) == ["sally"]
    network.ok("undo")
    assert list(found(network, "showroom")) == ["fred"]
    network.ok("delete", "fred", "--yes")
    assert found(network, "showroom") == {} and found(network, "brochures") == {}
    network.ok("undo")
    assert list(found(network, "brochures")) == ["fred"]


def test_a_dry_run_import_leaves_no_trace_and_a_real_one_is_found(ref: Ref, tmp_path: Path) -> None:
    card = tmp_path / "one.vcf"
    card.write_text("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Zoe Quill\r\nNOTE:Breeds alpacas\r\nEND:VCARD\r\n")
    ref.ok("import", str(card), "--dry-run")
    assert found(ref, "alpacas") == {}
    ref.ok("import", str(card))
    assert list(found(ref, "alpacas")) == ["zoe"]


def test_the_index_is_never_journaled_backed_up_and_is_rebuilt_on_restore(
    network: Ref, tmp_path: Path, query: Any
) -> None:
    tables = {r[0] for r in query("SELECT DISTINCT table_name FROM journal_row")}
    assert tables and not any(t.startswith("search_index") for t in tables)
    backup = json.loads(network.ok("export", "--format", "backup"))
    assert not any(t.startswith("search_index") for t in backup["tables"])
    path = tmp_path / "backup.json"
    path.write_text(json.dumps(backup))
    network.ok("delete", "sally", "--yes")
    network.ok("delete", "fred", "--yes")
    network.ok("delete", "sean", "--yes")
    query("DELETE FROM journal_row")
    query("DELETE FROM journal")
    network.ok("import", str(path))
    assert sorted(found(network, "football")) == ["sally", "sean"]
    assert list(found(network, "showroom")) == ["fred"]


def test_db_check_notices_an_index_out_of_step_and_reindex_mends_it(network: Ref, query: Any) -> None:
    assert network.ok("db", "check").startswith("ok")
    query("DELETE FROM search_index WHERE source = 5")  # the notes' entries, as if a write went around ref
    assert "missing note rows" in network("db", "check").out
    assert "ref db reindex" in network("db", "check").out
    entries = network.json("db", "reindex")["entries"]  # type: ignore[index]
    assert entries == query("SELECT count(*) FROM search_index")[0][0] > 0
    assert network.ok("db", "check").startswith("ok")
    assert sorted(found(network, "football")) == ["sally", "sean"]


def test_hostile_text_is_shown_inert(ref: Ref) -> None:
    ref.ok("add-contact", "Eve")
    ref.ok("note", "eve", "payload \x1b[31mred\x1b]0;title\x07 here")
    out = ref.ok("search", "payload", env={"REF_FORCE_TERMINAL": "1"})
    assert "\x1b[31mred" not in out and "\x07" not in out and "payload" in out


@pytest.mark.sqlite_only(reason="reads SQLite's own FTS5 tables")
def test_the_index_is_sqlites_fts5(network: Ref, query: Any) -> None:
    assert query("SELECT count(*) FROM search_index WHERE search_index MATCH 'football'")[0][0] == 2


@pytest.mark.postgres_only(reason="reads PostgreSQL's tsvector column")
def test_the_index_is_postgres_full_text(network: Ref, query: Any) -> None:
    assert query("SELECT count(*) FROM search_index WHERE doc @@ to_tsquery('simple', 'football')")[0][0] == 2


def test_every_text_column_is_searched_or_deliberately_not() -> None:
    from refcli.models import metadata
    from refcli.store.search_index import NOT_SEARCHED, SOURCES

    searched = {f"{s.table}.{c}" for s in SOURCES for c, _ in s.fields}
    text_columns = {f"{t.name}.{c.name}" for t in metadata.tables.values() for c in t.columns if _is_text(c.type)}
    assert searched <= text_columns
    assert text_columns - searched - NOT_SEARCHED == set()
    codes = [s.code for s in SOURCES]
    assert len(set(codes)) == len(codes)


def _is_text(kind: Any) -> bool:
    from sqlalchemy import String

    return isinstance(getattr(kind, "impl", kind), String)


@pytest.mark.sqlite_only(reason="the committed fixtures are SQLite files")
def test_upgrading_an_older_database_indexes_what_it_holds(ref: Ref, isolated: Path) -> None:
    import shutil

    shutil.copy(Path(__file__).parent / "fixtures" / "db" / "schema-0009.db", isolated)
    data: Any = ref.json("search", "note text")
    assert [(p["contact"], [h["source"] for h in p["hits"]]) for p in data["people"]][:1] == [("person-1", ["note"])]
    assert ref.ok("db", "check").startswith("ok")


def test_a_common_word_gives_each_person_found_all_their_records(ref: Ref) -> None:
    """More matches than the first window of the index holds: the people shown still come with
    every record of theirs, and the rest are counted."""
    for who in ("Ann", "Ben", "Cal"):
        ref.ok("add-contact", who)
        for n in range(20):
            ref.ok("note", who.lower(), f"chapter breakfast number {n}")
    data: Any = ref.json("search", "chapter", "--limit", "1")
    assert len(data["people"]) == 1 and data["more"] is True
    assert len(data["people"][0]["hits"]) == 20
    everyone: Any = ref.json("search", "chapter")
    assert sorted(len(p["hits"]) for p in everyone["people"]) == [20, 20, 20] and everyone["more"] is False
