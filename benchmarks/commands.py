"""Every command of ref as the benchmark runs it, read against the command tree: a test fails
when a command is neither here nor said to be timed elsewhere, so no command can hide over its
budget again. `{name}` in the arguments is filled from the network just before each run (the
newest meeting, referral, note...), so a correction always has a record to correct."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Bench:
    args: tuple[str, ...]  # after `ref --db DB`
    write: bool = False  # a write's budget (2.5x), else a view's (2x at 10k, 3x at 100k)
    setup: tuple[tuple[str, ...], ...] = ()  # run with ref first, outside the timing (each filled anew)


# Commands timed by their own rows of run.py (with budgets of their own), or not timed and why.
ELSEWHERE = {
    "import": "timed as `import N vCards` (its own budget in seconds)",
    "export": "timed as `export --format backup` (its own budget in seconds)",
    "sync": "timed as `sync N cards` (first and unchanged)",
    "capture": "reads mail, calendars and call logs, not the network: its own rows belong to a mail benchmark",
    "demo": "builds its own throwaway database: the size of your network does not touch it",
    "db migrate": "a database at the current schema has nothing to migrate: the read of `db check` covers it",
    "db reindex": "rebuilds the whole search index on purpose: linear in the network, no interactive budget",
    "db check": "compares every derived table with a computation from scratch on purpose: linear, no budget",
}


def V(args: tuple[str, ...], *setup: tuple[str, ...]) -> Bench:  # a view
    return Bench(args, False, setup)


def W(*args: str, setup: tuple[tuple[str, ...], ...] = ()) -> Bench:  # a write
    return Bench(tuple(args), True, setup)


REMINDER = ("remind", "{h}", "a benchmark reminder", "--on", "today")
VICTIM = ("add-contact", "Bench Victim {unique}", "--handle", "bench-victim-{unique}")


COMMANDS: dict[str, Bench] = {
    "followups": V(("followups",)),
    "done": W("done", "remind-{reminder}", setup=(REMINDER,)),
    "snooze": W("snooze", "remind-{reminder}", "+1w", setup=(REMINDER,)),
    "remind": W("remind", "{h}", "call about the benchmark", "--on", "+1w"),
    "unsnooze": W("unsnooze", "remind-{reminder}", setup=(REMINDER, ("snooze", "remind-{reminder}", "+1w"))),
    "reminders": V(("reminders",)),
    "reminder": W("reminder", "{reminder}", "--on", "+5d", setup=(REMINDER,)),
    "add-contact": W("add-contact", "Benchmark Person {unique}"),
    "edit": W("edit", "{h}", "--company", "Benchmark {unique}"),
    "contacts": V(("contacts", "okafor")),
    "show": V(("show", "{h}")),
    "tag": W("tag", "{h}", "bench-{unique}"),
    "archive": W("archive", "{victim}", setup=(VICTIM,)),
    "unarchive": W("unarchive", "{h}"),
    "search": V(("search", "okafor")),
    "note": W("note", "{h}", "a benchmark note"),
    "notes": V(("notes", "{h}")),
    "delete": W("delete", "{victim}", "--yes", setup=(VICTIM,)),
    "merge": W("merge", "{h}", "{victim}", "--yes", setup=(VICTIM,)),
    "meet": W("meet", "{h}"),
    "schedule": W("schedule", "{h}", "+3w", "--add"),
    "meetings": V(("meetings",)),
    "meeting": V(("meeting", "{meeting}"), ("meet", "{h}")),
    "cadence": W("cadence", "{h}", "2w"),
    "knows": W("knows", "{h}", "{h2}"),
    "network": V(("network", "{h}")),
    "depth": W("depth", "{h}", "--set", "1=yes"),
    "introduce": W("introduce", "{h}", "{h2}", "--why", "a benchmark"),
    "give": W("give", "{h}", "a benchmark lead"),
    "receive": W("receive", "{h}", "a benchmark job"),
    "heard": W("heard", "{referral}", "{h}", setup=(("introduce", "{h}", "{h2}"),)),
    "outcome": W("outcome", "{open_referral}", "contacted", setup=(("give", "{h}", "a lead"),)),
    "thank": W("thank", "{h}"),
    "referrals": V(("referrals",)),
    "referral": V(("referral", "{referral}"), ("give", "{h}", "a lead")),
    "balance": V(("balance",)),
    "talked": W("talked", "{h}"),
    "conversation": W("conversation", "{talk}", "--notes", "a benchmark talk", setup=(("talked", "{h}"),)),
    "stats": V(("stats",)),
    "map": V(("map", "-o", "{picture}", "--force", "--json")),
    "suggest": V(("suggest",)),
    "config": W("config", "followup_days", "{unique_days}"),
    "log": V(("log",)),
    "undo": W("undo", "--yes"),
    "touch add": W("touch", "add", "{h}", "--via", "call"),
    "touch list": V(("touch", "list", "{h}")),
    "touch edit": W("touch", "edit", "{touch}", "--note", "corrected", setup=(("touch", "{h}"),)),
    "touch remove": W("touch", "remove", "{touch}", setup=(("touch", "{h}"),)),
    "offer list": V(("offer", "list", "{h}")),
    "offer add": W("offer", "add", "{h}", "bench offer {unique}"),
    "offer remove": W("offer", "remove", "{h}", "{offer}", setup=(("offer", "add", "{h}", "bench {unique}"),)),
    "family list": V(("family", "list", "{h}")),
    "family add": W("family", "add", "{h}", "Bench {unique}"),
    "family met": W("family", "met", "{h}", "{family}", setup=(("family", "add", "{h}", "Kin {unique}"),)),
    "family edit": W(
        "family", "edit", "{h}", "{family}", "--relation", "cousin", setup=(("family", "add", "{h}", "Kin {unique}"),)
    ),
    "family remove": W("family", "remove", "{h}", "{family}", setup=(("family", "add", "{h}", "Kin {unique}"),)),
    "goal list": V(("goal", "list", "{h}")),
    "goal add": W("goal", "add", "{h}", "a benchmark goal"),
    "goal done": W("goal", "done", "{h}", "{goal}", setup=(("goal", "add", "{h}", "goal {unique}"),)),
    "goal edit": W(
        "goal", "edit", "{h}", "{goal}", "--text", "an edited goal", setup=(("goal", "add", "{h}", "goal {unique}"),)
    ),
    "goal remove": W("goal", "remove", "{h}", "{goal}", setup=(("goal", "add", "{h}", "goal {unique}"),)),
    "trait list": V(("trait", "list", "{h}")),
    "trait plus": W("trait", "plus", "{h}", "on time"),
    "trait minus": W("trait", "minus", "{h}", "late once"),
    "trait dealbreaker": W("trait", "dealbreaker", "{h}", "rude to staff"),
    "trait edit": W(
        "trait", "edit", "{h}", "{trait}", "--text", "always on time", setup=(("trait", "plus", "{h}", "t {unique}"),)
    ),
    "trait remove": W("trait", "remove", "{h}", "{trait}", setup=(("trait", "plus", "{h}", "t {unique}"),)),
    "db path": V(("db", "path")),
}

# What each placeholder is, read from the network just before a run (`{h}`: the first person).
_FIRST = "(SELECT min(id) FROM contact WHERE archived_at IS NULL)"
QUERIES = {
    "h": f"SELECT handle FROM contact WHERE id = {_FIRST}",
    "h2": f"SELECT handle FROM contact WHERE id = {_FIRST} + 1",
    "meeting": "SELECT max(id) FROM meeting",
    "referral": "SELECT max(id) FROM referral",
    "open_referral": "SELECT max(id) FROM referral WHERE status = 'open'",
    "reminder": "SELECT max(id) FROM reminder",
    "touch": "SELECT max(id) FROM touch",
    "talk": "SELECT max(id) FROM conversation",
    "goal": f"SELECT max(id) FROM goal WHERE contact_id = {_FIRST}",
    "trait": f"SELECT max(id) FROM trait WHERE contact_id = {_FIRST}",
    "family": f"SELECT name FROM family_member WHERE contact_id = {_FIRST} ORDER BY id DESC LIMIT 1",
    "offer": f"SELECT text FROM offering WHERE contact_id = {_FIRST} ORDER BY id DESC LIMIT 1",
}


def values(db: Path, unique: int) -> dict[str, str]:
    """Every placeholder's value now."""
    conn = sqlite3.connect(db)
    try:
        rows = {k: conn.execute(sql).fetchone() for k, sql in QUERIES.items()}
        found = {k: "" if row is None or row[0] is None else str(row[0]) for k, row in rows.items()}
    finally:
        conn.close()
    found["unique"] = str(unique)
    found["unique_days"] = str(5 + unique % 20)
    found["victim"] = f"bench-victim-{unique}"
    found["picture"] = str(db.with_name("bench-map.html"))  # `ref map` writes its page here, again each run
    return found


def filled(args: tuple[str, ...] | list[str], found: dict[str, str]) -> list[str]:
    return [a.format(**found) for a in args]
