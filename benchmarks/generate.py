"""Build a realistic synthetic network for benchmarks, deterministic by seed.

    python benchmarks/generate.py --contacts 10000 --out /tmp/ref-10k.db

Per contact, on average: 2 channels, 3 offerings, a tag, a note, 3 one-on-ones,
about 1 goal and half a family member, 2 acquaintances, and 10 referrals (given
and received, a third of them introductions) with outcomes, values and history;
plus reminders, balance conversations and depth answers. The schema comes from
ref's own migrations; rows go in with stdlib sqlite3 `executemany` in one
transaction, so 100k contacts with 1M referrals take well under two minutes.
"""

from __future__ import annotations

import argparse
import os
import random
import sqlite3
import sys
import time
from datetime import date, timedelta
from pathlib import Path

BASE = date(2026, 11, 24)  # the benchmark's "today" (run commands with REF_TODAY set to it)
FIRST = [
    "Ann",
    "Bob",
    "Carla",
    "Dev",
    "Elif",
    "Fred",
    "Gita",
    "Hugo",
    "Ines",
    "Jon",
    "Kemal",
    "Lena",
    "Mateo",
    "Nora",
    "Omar",
    "Priya",
    "Quinn",
    "Rosa",
    "Sam",
    "Tariq",
    "Uma",
    "Vera",
    "Wen",
    "Xavi",
    "Yara",
    "Zoe",
]
LAST = [
    "Smith",
    "Okafor",
    "Chen",
    "Garcia",
    "Müller",
    "Rossi",
    "Kowalski",
    "Nakamura",
    "Silva",
    "Dubois",
    "Novak",
    "Haddad",
    "Larsen",
    "Moreau",
    "Patel",
    "Kim",
    "Santos",
    "Ivanova",
    "Brown",
    "Lee",
]
TRADES = [
    ("Kitchen remodeling", ["kitchen remodels", "bathroom remodels", "cabinet refacing"]),
    ("Residential real estate", ["home buying", "home selling", "relocation help"]),
    ("Mortgage broker", ["first-time buyer loans", "refinancing", "HELOCs"]),
    ("Small-business accounting", ["tax returns", "bookkeeping setup", "payroll"]),
    ("Estate-planning attorney", ["wills", "trusts", "powers of attorney"]),
    ("Commercial insurance", ["general liability", "workers comp", "commercial auto"]),
    ("Web design", ["websites", "local SEO", "booking systems"]),
    ("Event catering", ["corporate lunches", "weddings", "office parties"]),
    ("Financial planning", ["retirement planning", "college savings", "business succession"]),
    ("IT support", ["managed IT", "backups", "network setup"]),
    ("Photography", ["headshots", "family portraits", "real-estate photos"]),
    ("Landscaping", ["garden design", "lawn care", "irrigation"]),
]
STATUSES = ["open", "contacted", "met", "won", "won", "lost", "no_response"]


def day(rng: random.Random, back: int) -> str:
    return (BASE - timedelta(days=rng.randint(0, back))).isoformat()


def _md(rng: random.Random) -> str:
    """A month and day, February 29 included."""
    month = rng.randint(1, 12)
    return f"{month:02d}-{rng.randint(1, 29 if month == 2 else 30):02d}"


def ascii_fold(text: str) -> str:
    import unicodedata

    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)).lower()


def create_schema(path: Path) -> None:
    """An empty database made by ref itself, so the benchmark uses the real schema and indexes."""
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
    from refcli import store

    store.ensure_current(store.locate(str(path)))
    store.dispose_engines()


def generate(path: Path, contacts: int, seed: int = 7, per_contact_referrals: int = 10) -> dict[str, int]:
    rng = random.Random(seed)
    if path.exists():
        raise SystemExit(f"{path} exists; give a new path")
    create_schema(path)
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA foreign_keys=OFF")  # bulk load in dependency order; checked at the end
    conn.execute("PRAGMA synchronous=OFF")
    conn.execute("BEGIN")
    now = "2026-01-01 00:00:00.000000"
    rows: dict[str, list[tuple[object, ...]]] = {
        k: []
        for k in (
            "contact",
            "channel",
            "offering",
            "tag",
            "note",
            "meeting",
            "goal",
            "family_member",
            "acquaintance",
            "referral",
            "referral_event",
            "reminder",
            "conversation",
            "depth_answer",
            "touch",
        )
    }
    keeping = random.Random(seed + 1)  # rhythms, touches, birthdays: the rest stays as it was
    for cid in range(1, contacts + 1):
        first, last = rng.choice(FIRST), rng.choice(LAST)
        name = f"{first} {last} {cid}"
        handle = f"{ascii_fold(first)}-{ascii_fold(last)}-{cid}"
        business, offers = rng.choice(TRADES)
        fold = ascii_fold(name)
        rows["contact"].append(
            (
                cid,
                handle,
                name,
                name.lower(),
                fold,
                f"{fold} {handle} {business.lower()}",
                f"{last} & Co",
                None,
                business,
                f"People who need {rng.choice(TRADES)[1][0]}",
                day(rng, 1500),
                "Chapter",
                None,
                rng.choice([None, 3, 4, 5]),
                None,
                now,
                now,
                f"urn:uuid:00000000-0000-4000-8000-{cid:012d}",
                keeping.choice([None] * 18 + [14, 30]),
                keeping.choice([None, None, f"19{keeping.randint(50, 99)}-{_md(keeping)}", f"--{_md(keeping)}"]),
                keeping.choice([None] * 5 + [f"20{keeping.randint(0, 20):02d}-{_md(keeping)}"]),
            )
        )
        for _ in range(keeping.randint(0, 3)):
            rows["touch"].append((cid, day(keeping, 400), keeping.choice(["call", "email", "message", "event"]),
                                  keeping.choice([None, "caught up about the chapter"]), now))  # fmt: skip
        email = f"{handle}@example.com"
        rows["channel"].append((cid, "email", "work", email, email))
        phone = f"+1 555 {cid:07d}"
        rows["channel"].append((cid, "phone", "mobile", phone, "1555" + f"{cid:07d}"))
        for text in offers:
            rows["offering"].append((cid, text, text.lower()))
        rows["tag"].append((cid, rng.choice(["bni-north", "bni-south", "chamber", "alumni"])))
        rows["note"].append((cid, day(rng, 700), f"Met {first} at the chapter; wants {rng.choice(offers)}", now))
        for _ in range(3):
            rows["meeting"].append(
                (
                    cid,
                    day(rng, 700),
                    "held",
                    "one-on-one",
                    "Cafe",
                    None,
                    f"Learned about {rng.choice(offers)}",
                    rng.random() < 0.6,
                    rng.random() < 0.7,
                    now,
                )
            )
        if rng.random() < 0.1:
            rows["meeting"].append(
                (
                    cid,
                    (BASE + timedelta(days=rng.randint(1, 30))).isoformat(),
                    "scheduled",
                    "one-on-one",
                    None,
                    None,
                    None,
                    None,
                    None,
                    now,
                )
            )
        if cid % 3 == 0:
            for g in range(3):
                rows["goal"].append(
                    (cid, BASE.year, rng.choice(["business", "personal"]), f"Goal {g} of {first}", None, now)
                )
        if cid % 2 == 0:
            rows["family_member"].append(
                (cid, f"Kid of {first}", f"kid of {first.lower()} {cid}", "child", rng.random() < 0.5,
                 keeping.choice([None, f"20{keeping.randint(5, 20):02d}-{_md(keeping)}"]))
            )  # fmt: skip
        for other in {rng.randint(1, contacts) for _ in range(2)} - {cid}:
            rows["acquaintance"].append((cid, other, None, now))
        if cid % 20 == 0:
            rows["reminder"].append((cid, f"Call {first}", day(rng, 10), None, now))
        if cid % 100 == 0:
            rows["conversation"].append((cid, day(rng, 300), "what would it take?", now))
        rows["depth_answer"].append((cid, rng.randint(1, 14), rng.random() < 0.7, day(rng, 300)))
    referral_id = 0
    for cid in range(1, contacts + 1):
        for _ in range(per_contact_referrals):
            referral_id += 1
            direction = "given" if rng.random() < 0.6 else "received"
            intro = direction == "given" and rng.random() < 0.5
            prospect = rng.randint(1, contacts)
            prospect = None if prospect == cid else prospect
            made = day(rng, 900)
            status = rng.choice(STATUSES)
            value = rng.randint(200, 50000) * 100 if status == "won" else None
            thanked = made if direction == "received" and rng.random() < 0.8 else None
            follow = (date.fromisoformat(made) + timedelta(days=7)).isoformat() if direction == "given" else None
            reported = made if rng.random() < 0.7 else None
            rows["referral"].append(
                (
                    referral_id,
                    direction,
                    cid,
                    prospect,
                    f"Prospect {prospect or 'outside'}",
                    intro,
                    intro and rng.random() < 0.4,
                    "needs help",
                    rng.choice(["hot", "warm", "cold"]),
                    made,
                    status,
                    made if status != "open" else None,
                    value,
                    "USD",
                    False,
                    "went elsewhere" if status == "lost" else None,
                    rng.choice([None, 3, 4, 5]),
                    reported,
                    None,
                    follow,
                    thanked,
                    None,
                    now,
                )
            )
            rows["referral_event"].append((referral_id, made, "made", "made", now))
            if status != "open":
                rows["referral_event"].append((referral_id, made, "status", status, now))
    inserts = {
        "contact": "INSERT INTO contact (id, handle, name, name_key, name_fold, search_fold, company, title, business, "
        "ideal_referral, met_on, met_at, introduced_by_id, trust, archived_at, created_at, updated_at, uid, "
        "cadence_days, birthday, anniversary) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        "channel": "INSERT INTO channel (contact_id, kind, label, value, value_key) VALUES (?,?,?,?,?)",
        "offering": "INSERT INTO offering (contact_id, text, text_key) VALUES (?,?,?)",
        "tag": "INSERT OR IGNORE INTO tag (contact_id, name) VALUES (?,?)",
        "note": "INSERT INTO note (contact_id, noted_on, text, created_at) VALUES (?,?,?,?)",
        "meeting": "INSERT INTO meeting (contact_id, day, status, kind, place, notes, learned, they_asked, i_asked, "
        "created_at) VALUES (?,?,?,?,?,?,?,?,?,?)",
        "goal": "INSERT INTO goal (contact_id, year, kind, text, achieved_on, created_at) VALUES (?,?,?,?,?,?)",
        "family_member": "INSERT OR IGNORE INTO family_member (contact_id, name, name_key, relation, met, birthday) "
        "VALUES (?,?,?,?,?,?)",
        "acquaintance": "INSERT OR IGNORE INTO acquaintance (contact_id, other_id, note, created_at) VALUES (?,?,?,?)",
        "referral": "INSERT INTO referral (id, direction, partner_id, prospect_id, prospect_name, is_introduction, "
        "mutual, reason, temperature, made_on, status, status_on, value, currency, repeat, lost_reason, treated, "
        "partner_reported_on, prospect_reported_on, follow_up_on, thanked_on, thanked_how, created_at) "
        "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        "referral_event": "INSERT INTO referral_event (referral_id, happened_on, kind, detail, created_at) "
        "VALUES (?,?,?,?,?)",
        "reminder": "INSERT INTO reminder (contact_id, text, due_on, done_on, created_at) VALUES (?,?,?,?,?)",
        "conversation": "INSERT INTO conversation (contact_id, talked_on, notes, created_at) VALUES (?,?,?,?)",
        "depth_answer": "INSERT OR IGNORE INTO depth_answer (contact_id, item, answer, answered_on) VALUES (?,?,?,?)",
        "touch": "INSERT INTO touch (contact_id, day, via, note, created_at) VALUES (?,?,?,?,?)",
    }
    for table, sql in inserts.items():
        conn.executemany(sql, rows[table])
    conn.execute("INSERT INTO tag_cadence (tag, days) VALUES ('bni-north', 30), ('alumni', 0)")
    conn.execute("COMMIT")
    problems = conn.execute("PRAGMA foreign_key_check").fetchall()
    conn.execute("ANALYZE")
    conn.close()
    if problems:
        raise SystemExit(f"generated data breaks {len(problems)} foreign keys")
    os.chmod(path, 0o600)
    from refcli import store  # ref's own write path builds the search index, as an upgrade does

    store.reindex(store.locate(str(path)))
    store.dispose_engines()
    return {table: len(values) for table, values in rows.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--contacts", type=int, default=1000)
    parser.add_argument("--referrals", type=int, default=10, help="referrals per contact (default 10)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    start = time.perf_counter()
    counts = generate(args.out, args.contacts, args.seed, args.referrals)
    took = time.perf_counter() - start
    summary = ", ".join(f"{n:,} {t}" for t, n in counts.items() if n)
    print(f"generated {args.out} in {took:.1f} s: {summary}")


if __name__ == "__main__":
    main()
