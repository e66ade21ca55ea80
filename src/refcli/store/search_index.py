"""The full-text index behind `ref search`: derived data, kept by the write path.

What is indexed: every text a person wrote about someone (`SOURCES`: names, companies,
offerings, notes, one-on-one notes and what was learned, goals, family, traits, referral
reasons and prospects, reminders...). Each source row is one index entry, keyed by
`row_id * KEY_STRIDE + code`, holding its words folded the way names are folded (case,
accents and apostrophes, `names.match_fold`) and the original texts for showing.

How it stays current: `write_transaction` calls `refresh` before every commit, with the journal
entry of that transaction, so the rows the journal saw change (including those removed by a
cascade, moved by a merge or put back by an undo) are re-indexed in the same transaction.
Restoring a backup (which writes without a journal) and every schema upgrade `rebuild` it whole.

The index is never journaled, backed up or exported: it is rebuilt from the data. On SQLite it
is an FTS5 table; on PostgreSQL a table with a generated `tsvector` column and a GIN index, both
made by migration 0010. Adding a source or changing a code or the folding needs a migration (keys
are stored; every upgrade ends by rebuilding the index).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from refcli.contact_fields import TEXT_FIELDS, label
from refcli.names import words

if TYPE_CHECKING:
    from refcli.store.writer import Writer

TABLE = "search_index"
KEY_STRIDE = 32  # entry key = source row id * KEY_STRIDE + the source's code
BATCH = 500


@dataclass(frozen=True)
class Source:
    """One table whose text is searched: where its rows belong and what each column means."""

    table: str
    code: int  # stored in every key: never reuse or renumber
    what: str  # how a result says where it was written
    contact: str | None  # the column naming the person the row is about
    day: str | None  # the column dating it, if any
    fields: tuple[tuple[str, str], ...]  # (column, label)


SOURCES: tuple[Source, ...] = (
    Source(
        "contact", 1, "profile", "id", "met_on",
        (("name", "name"), ("handle", "handle"), *((f, label(f)) for f in TEXT_FIELDS)),
    ),
    Source("channel", 2, "contact detail", "contact_id", None, (("value", "contact detail"),)),
    Source("offering", 3, "offering", "contact_id", None, (("text", "offers"),)),
    Source("tag", 4, "tag", "contact_id", None, (("name", "tag"),)),
    Source("note", 5, "note", "contact_id", "noted_on", (("text", "note"),)),
    Source(
        "meeting", 6, "one-on-one", "contact_id", "day",
        (("place", "place"), ("notes", "notes"), ("learned", "learned")),
    ),
    Source("family_member", 7, "family", "contact_id", None, (("name", "family"), ("relation", "relation"))),
    Source("goal", 8, "goal", "contact_id", "achieved_on", (("text", "goal"),)),
    Source("trait", 9, "trait", "contact_id", None, (("text", "trait"),)),
    Source("acquaintance", 10, "knows", "contact_id", None, (("note", "knows"),)),
    Source(
        "referral", 11, "referral", "partner_id", "made_on",
        (("prospect_name", "prospect"), ("reason", "reason"), ("lost_reason", "lost because"),
         ("thanked_how", "thanked with")),
    ),
    Source("conversation", 12, "talk", "contact_id", "talked_on", (("notes", "talk"),)),
    Source("reminder", 13, "reminder", "contact_id", "due_on", (("text", "reminder"),)),
    Source("touch", 14, "touch", "contact_id", "day", (("note", "touch"),)),
)  # fmt: skip
BY_TABLE = {s.table: s for s in SOURCES}
BY_CODE = {s.code: s for s in SOURCES}

# Text columns that are deliberately not searched (keys, codes and states, not words someone
# wrote); tests/test_search.py fails on a text column in neither list.
NOT_SEARCHED = frozenset(
    {
        "contact.name_key", "contact.name_fold", "contact.search_fold", "channel.kind", "channel.label",
        "channel.value_key", "offering.text_key", "family_member.name_key", "goal.kind", "trait.kind",
        "meeting.status", "meeting.kind", "referral.direction", "referral.temperature", "referral.status",
        "referral.currency", "referral_event.kind", "referral_event.detail", "setting.key", "setting.value",
        "followup_state.key", "followup_state.stamp", "followup_state.notes", "journal.command",
        "journal_row.table_name", "journal_row.op", "journal_row.row_key", "journal_row.before",
        "journal_row.after", "contact.birthday", "contact.anniversary", "family_member.birthday",
        "family_member.anniversary", "touch.via", "tag_cadence.tag", "contact.uid", "sync_card.folder",
        "sync_card.href", "sync_card.etag", "sync_card.base", "contact.name_parts", "touch.source",
        "touch.source_key", "touch.direction", "capture_seen.source", "capture_seen.print",
    }
)  # fmt: skip


def is_index_table(name: str) -> bool:
    """The index and SQLite's own tables behind it (never journaled, backed up or checked)."""
    return name == TABLE or name.startswith(TABLE + "_")


# --- keeping it current ------------------------------------------------------------------


_JSON = json.JSONEncoder(ensure_ascii=False)  # made once: json.dumps makes one a call with these options


def _entries(source: Source, rows: Iterable[Any]) -> Iterator[dict[str, Any]]:
    """Index entries of `rows` (read by `_select`: the id, the fields, the person, the day)."""
    labels = [label for _, label in source.fields]
    last = len(labels) + 1
    code, encode = source.code, _JSON.encode
    for row in rows:
        values = tuple(row)
        shown = {label: value for label, value in zip(labels, values[1:last], strict=True) if value}
        found = words(" ".join(shown.values()))
        if not found:
            continue
        day = values[last + 1]
        yield {
            "id": values[0] * KEY_STRIDE + code,
            "source": code,
            "row_id": values[0],
            "contact_id": values[last],
            "day": None if day is None else str(day)[:10],
            "shown": encode(shown),
            "words": " ".join(found),
        }


def _select(source: Source) -> str:
    columns = ["id", *(c for c, _ in source.fields)]
    columns.append(f"{source.contact} AS contact_" if source.contact else "NULL AS contact_")
    columns.append(f"{source.day} AS day_" if source.day else "NULL AS day_")
    return f"SELECT {', '.join(columns)} FROM {source.table}"


def _insert(conn: Writer, entries: list[dict[str, Any]]) -> None:
    if entries:
        conn.executemany(
            f"INSERT INTO {TABLE} ({'id' if conn.dialect == 'postgresql' else 'rowid'}, source, row_id, "
            "contact_id, day, shown, words) VALUES (:id, :source, :row_id, :contact_id, :day, :shown, :words)",
            entries,
        )


def refresh(conn: Writer, entry: int) -> None:
    """Re-index every searched row the journal entry `entry` touched (before its commit). Rows the
    entry created had no entry to remove; the removals all go before the additions (on SQLite,
    full-text removals between additions made an import of 10,000 cards pay ~2 s)."""
    touched = conn.stream(
        "SELECT table_name, row_key, op FROM journal_row WHERE entry_id = :e AND table_name IN :searched ORDER BY id",
        {"e": entry, "searched": list(BY_TABLE)},
    )
    keys: dict[str, set[int]] = {}
    first_op: dict[tuple[str, int], str] = {}  # a row whose first change was its insert was not indexed
    for table, row_key, op in touched:
        if table in BY_TABLE:
            keys.setdefault(table, set()).add(int(row_key))
            first_op.setdefault((table, int(row_key)), op)
    created = {key for key, op in first_op.items() if op == "insert"}
    key_column = "id" if conn.dialect == "postgresql" else "rowid"
    for table, ids in keys.items():
        code = BY_TABLE[table].code
        stale = sorted(i * KEY_STRIDE + code for i in ids if (table, i) not in created)
        for start in range(0, len(stale), BATCH):
            conn.execute(f"DELETE FROM {TABLE} WHERE {key_column} IN :keys", {"keys": stale[start : start + BATCH]})
    for table, ids in keys.items():
        source, ordered = BY_TABLE[table], sorted(ids)
        for start in range(0, len(ordered), BATCH):
            chunk = ordered[start : start + BATCH]
            _insert(conn, list(_entries(source, conn.all(f"{_select(source)} WHERE id IN :ids", {"ids": chunk}))))


def rebuild(conn: Writer) -> None:
    """Index everything again from the data (after a restore or an upgrade)."""
    conn.execute(f"DELETE FROM {TABLE}")
    for source in SOURCES:
        last = 0
        while rows := conn.all(f"{_select(source)} WHERE id > :last ORDER BY id LIMIT {BATCH}", {"last": last}):
            _insert(conn, list(_entries(source, rows)))
            last = rows[-1][0]


def out_of_step(conn: Writer) -> list[str]:
    """What `ref db check` reports: rows with words but no index entry, and entries whose row
    is gone (either means a write went around `write_transaction`)."""
    key = "id" if conn.dialect == "postgresql" else "rowid"
    problems = []
    for source in SOURCES:
        any_text = " OR ".join(f"(s.{c} IS NOT NULL AND s.{c} <> '')" for c, _ in source.fields)
        missing = conn.all(
            f"{_select(source)} s WHERE ({any_text}) AND NOT EXISTS "
            f"(SELECT 1 FROM {TABLE} i WHERE i.{key} = s.id * {KEY_STRIDE} + {source.code})"
        )
        if list(_entries(source, missing)):  # rows of punctuation only are rightly absent
            problems.append(f"the search index is missing {source.table} rows: run `ref db reindex`")
        stale = conn.row(
            f"SELECT 1 AS stale FROM {TABLE} i WHERE i.source = {source.code} AND NOT EXISTS "
            f"(SELECT 1 FROM {source.table} s WHERE s.id = i.row_id) LIMIT 1"
        )
        if stale is not None:
            problems.append(f"the search index has entries for deleted {source.table} rows: run `ref db reindex`")
    return problems
