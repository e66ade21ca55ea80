"""Per-person summaries (`person_summary`): derived data, kept by the write path, so `ref
followups` and `ref cadence` read one row per person instead of every person's whole history.

What a row holds: the outputs of the aggregates in `summaries_sql.py` (the latest contact of any
kind; what the balance signals need of the referrals where they are the partner, and of mutual
introductions where they are the prospect; the latest talk about balance) computed over all time,
the days the balance follow-ups are due from (`signal_keys`), and `latest_day`, the last day any
of it depends on (an outcome's day included). A row therefore
answers "as of D" exactly when D is on or after its `latest_day`; `valid_on(D)` says whether every
row does, and the views read the rows only then (the usual case: as of today), and otherwise
compute the aggregates from the rows as before. Beside it, `rhythm_due` holds the day each person
with a rhythm of their own or their tags' is due by it (summaries_sql.rhythm_due).

How it stays current: `write_transaction` calls `refresh` before every commit with the journal entry,
and the people whose referrals, touches, one-on-ones or talks that entry changed (before and after
the change: a merge or a moved referral changes two people) are computed again in the same
transaction, and their `rhythm_due` rows with those of anyone whose contact row, tags or tag's
rhythm changed; undo and sync are writes like any other. A write without a journal (a restore), `ref
db reindex` and every upgrade `rebuild` it whole; `ref db check` compares it with a computation
from scratch (`out_of_step`). Never journaled, backed up or exported. Made by migrations 0014
and 0016.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from refcli.store import summaries_sql as q

if TYPE_CHECKING:
    from refcli.store.reader import Reader
    from refcli.store.writer import Writer

TABLE = "person_summary"
FOREVER = {"as_of": "9999-12-31", "since": "0001-01-01", "yes": True}
BATCH = 500
# The tables a summary is computed from, and the columns naming the people a row counts for.
FEEDS = {"referral": ("partner_id", "prospect_id"), "touch": ("contact_id",), "meeting": ("contact_id",),
         "conversation": ("contact_id",), "contact": ("id",)}  # fmt: skip  # contact: the day you met
# The tables a person's rhythm is decided from (tag_cadence: through the tag's name).
RHYTHM_FEEDS = {"contact": "id", "tag": "contact_id", "tag_cadence": "tag"}
TABLES = (TABLE, q.RHYTHM_TABLE)


def _comparable(row: Iterable[Any]) -> tuple[str | None, ...]:
    """A summary row as text, so a stored row and a computed one compare on either engine."""
    return tuple(None if v is None else str(v) for v in row)


def compute(conn: Writer, ids: list[int] | None) -> dict[int, tuple[Any, ...]]:
    """The summary rows of these people (everyone with any history when `ids` is None)."""
    from refcli.dates import iso

    restrict = ids is not None

    def run(sql: str) -> Iterable[Any]:
        return conn.stream(sql, {**FOREVER, "ids": ids} if restrict else FOREVER)

    rows: dict[int, dict[str, Any]] = {}

    def row(cid: int) -> dict[str, Any]:
        return rows.setdefault(int(cid), {"days": []})

    for cid, latest in run(q.last_touches(restrict=restrict)):
        row(cid)["last_contact"] = str(latest)
        row(cid)["days"].append(str(latest)[:10])
    for cid, given, won, first, last_given, last_received in run(q.partner_signals(restrict)):
        row(cid).update(p_given=given, p_won=won, p_first=iso(first), p_last_given=iso(last_given),
                        p_last_received=iso(last_received))  # fmt: skip
        row(cid)["days"] += [iso(last_given), iso(last_received)]
    for cid, given, won, first, last in run(q.mutual_signals(restrict)):
        row(cid).update(m_given=given, m_won=won, m_first=iso(first), m_last=iso(last))
        row(cid)["days"].append(iso(last))
    for cid, talked_on in run(q.talked(restrict)):
        row(cid)["talked_on"] = iso(talked_on)
        row(cid)["days"].append(iso(talked_on))
    for cid, day in run(q.latest_outcome(restrict)):
        if int(cid) in rows:
            rows[int(cid)]["days"].append(iso(day))
    for r in rows.values():
        r.update(signal_keys(r))
    return {cid: (cid, *(r.get(c) for c in q.COLUMNS[1:-1]), max(d for d in r["days"] if d)) for cid, r in rows.items()}


def signal_keys(row: dict[str, Any]) -> dict[str, str | None]:
    """The days the balance follow-ups are due from, by which `ref followups` reads the earliest
    first: `talk_start`, the later of the first referral given (either kind) and the last
    received; `forward_from`, the last referral received when none was given after it. As
    tracking/followups.py decides from the rows (the summaries test holds both to one answer)."""
    firsts = [d for d in (row.get("p_first"), row.get("m_first")) if d]
    lasts = [d for d in (row.get("p_last_given"), row.get("m_last")) if d]
    first_given, last_given, received = min(firsts, default=None), max(lasts, default=None), row.get("p_last_received")
    talk_start = max(received, first_given) if received and first_given else first_given
    forward_from = received if received and (last_given is None or last_given < received) else None
    return {"talk_start": talk_start, "forward_from": forward_from}


def _write(conn: Writer, ids: list[int] | None, computed: dict[int, tuple[Any, ...]]) -> None:
    if ids is None:
        conn.execute(f"DELETE FROM {TABLE}")
    else:
        conn.execute(f"DELETE FROM {TABLE} WHERE contact_id IN :ids", {"ids": ids})
    if computed:
        marks = ", ".join(f":{c}" for c in q.COLUMNS)
        conn.executemany(
            f"INSERT INTO {TABLE} ({', '.join(q.COLUMNS)}) VALUES ({marks})",
            [dict(zip(q.COLUMNS, values, strict=True)) for values in computed.values()],
        )


def _rhythms(conn: Writer, ids: list[int] | None) -> None:
    """`rhythm_due` again for these people (everyone when None), from their current summaries."""
    restrict = {"ids": ids} if ids is not None else {}
    conn.execute(f"DELETE FROM {q.RHYTHM_TABLE}" + (" WHERE contact_id IN :ids" if ids is not None else ""), restrict)
    conn.execute(f"INSERT INTO {q.RHYTHM_TABLE} (contact_id, due_on) {q.rhythm_due(conn.dialect, ids is not None)}",
                 restrict)  # fmt: skip


def refresh(conn: Writer, entry: int) -> None:
    """Compute again the summaries of everyone the journal entry `entry` touched (before commit):
    whose history changed, and whose rhythm may have (their contact row or tags, or everyone
    carrying a tag whose rhythm changed)."""
    tables = "SELECT before, after, table_name FROM journal_row WHERE entry_id = :e AND table_name IN :tables"
    people: set[int] = set()
    rhythm: set[int] = set()
    tags: set[str] = set()
    for before, after, table in conn.stream(tables, {"e": entry, "tables": [*FEEDS, *RHYTHM_FEEDS]}):
        for image in (before, after):
            if image:
                values = json.loads(image)
                if table == "tag_cadence":  # everyone carrying the tag, looked up below
                    tags.add(values[RHYTHM_FEEDS[table]])
                elif table in RHYTHM_FEEDS:
                    rhythm.add(int(values[RHYTHM_FEEDS[table]]))
                if table in FEEDS:
                    people.update(int(values[c]) for c in FEEDS[table] if values.get(c) is not None)
    if tags:
        carrying = conn.stream("SELECT contact_id FROM tag WHERE name IN :t", {"t": sorted(tags)})
        rhythm.update(int(cid) for (cid,) in carrying)
    ordered = sorted(people)
    for start in range(0, len(ordered), BATCH):
        chunk = ordered[start : start + BATCH]
        _write(conn, chunk, compute(conn, chunk))
    everyone = sorted(people | rhythm)
    for start in range(0, len(everyone), BATCH):
        _rhythms(conn, everyone[start : start + BATCH])


def rebuild(conn: Writer) -> None:
    """Every summary again, from the rows (after a restore, `ref db reindex` and every upgrade)."""
    _write(conn, None, compute(conn, None))
    _rhythms(conn, None)


def out_of_step(conn: Writer) -> list[str]:
    """What `ref db check` reports: summary rows that differ from a computation from scratch."""
    stored = {int(r[0]): _comparable(r) for r in conn.stream(f"SELECT {', '.join(q.COLUMNS)} FROM {TABLE}")}
    fresh = {cid: _comparable(values) for cid, values in compute(conn, None).items()}
    kept = {int(r[0]): _comparable(r) for r in conn.stream(f"SELECT contact_id, due_on FROM {q.RHYTHM_TABLE}")}
    due = {int(r[0]): _comparable(r) for r in conn.stream(q.rhythm_due(conn.dialect))}
    wrong = {cid for cid in stored.keys() | fresh.keys() if stored.get(cid) != fresh.get(cid)}
    wrong |= {cid for cid in kept.keys() | due.keys() if kept.get(cid) != due.get(cid)}
    if not wrong:
        return []
    return [f"the summaries of {len(wrong)} people are out of step with their history: run `ref db reindex`"]


def valid_on(reader: Reader, as_of: str) -> bool:
    """True when every summary answers "as of `as_of`" (nothing in anyone's history is later)."""
    return reader.scalar(f"SELECT 1 FROM {TABLE} WHERE latest_day > :d LIMIT 1", {"d": as_of}) is None


def last_contacts(reader: Reader) -> Iterable[tuple[Any, ...]]:
    """(contact id, "YYYY-MM-DD how") for everyone ever in touch: what `last_touches` computes."""
    return reader.stream(q.SUMMARY_LAST_CONTACTS)


def signal_rows(reader: Reader, since: str) -> tuple[list[Any], list[Any], list[Any]]:
    """The rows the three signal aggregates give (partner, mutual, latest talk since `since`), in
    their shapes, read from the summaries."""
    partners, mutuals, talks = [], [], []
    for cid, p_given, p_won, p_first, p_last_given, p_last_received, m_given, m_won, m_first, m_last, talked in (
        reader.stream(q.SUMMARY_SIGNALS)
    ):  # fmt: skip
        if p_given is not None:
            partners.append((cid, p_given, p_won, p_first, p_last_given, p_last_received))
        if m_given is not None:
            mutuals.append((cid, m_given, m_won, m_first, m_last))
        if talked is not None and talked >= since:
            talks.append((cid, talked))
    return partners, mutuals, talks


def default_overdue(reader: Reader, params: dict[str, Any]) -> list[tuple[int, str]]:
    """(contact id, "YYYY-MM-DD how"): who is due on the default rhythm, longest untouched first
    (:day_after, :as_of, :first), not archived, with no rhythm of their own or their tags', no
    one-on-one planned."""
    return [(int(cid), str(last)) for cid, last in reader.stream(q.SUMMARY_DEFAULT_OVERDUE, params)]


def explicit_due(reader: Reader, params: dict[str, Any]) -> list[tuple[int, str, str | None]]:
    """(contact id, due day, "YYYY-MM-DD how" or None): who is due by :horizon on a rhythm of
    their own or their tags', the `:first` soonest never in touch and of the others (:as_of)."""
    found = reader.stream(q.SUMMARY_EXPLICIT_DUE, {**params, "never_due": params["as_of"]})
    return [(int(cid), str(due), last) for cid, due, last in found]


def rhythms_soonest(reader: Reader, as_of: str, first: int) -> list[tuple[int, str | None, str | None]]:
    """(contact id, next due or None, "YYYY-MM-DD how" or None): the `first` people with a rhythm of
    their own or their tags' who are due soonest, as `ref cadence` lists them."""
    params = {"as_of": as_of, "never_due": as_of, "first": first}
    return [(int(cid), due, last) for cid, due, last in reader.stream(q.rhythms_soonest(reader.dialect), params)]


def signal_candidates(reader: Reader, params: dict[str, Any]) -> list[dict[str, Any]]:
    """The balance figures of the people a balance follow-up can be due for (:since, :least,
    :talk_before, :forward_before, :first): everyone who talked about balance, and the `first`
    earliest of each other kind."""
    return reader.rows(q.SUMMARY_SIGNAL_CANDIDATES, params)
