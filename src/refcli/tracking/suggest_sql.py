"""What `ref suggest` reads: the distinct texts people provide (business, offerings) and need
(ideal referral, this year's open goals, the last year's notes), then, for the texts worth it,
their people most trusted first, a page at a time. Every text column read here has an index
(migration 0017): a text's people are found without reading anyone else's."""

from __future__ import annotations

ELIGIBLE = """
c.archived_at IS NULL
AND NOT EXISTS (SELECT 1 FROM trait t WHERE t.contact_id = c.id AND t.kind = 'dealbreaker')
"""

PROVIDED = ("business", "offering", "title")  # what people do, in the order suggest weighs them
DEFAULT_TRUST = 3  # no trust recorded counts as the middle of 1-5
TRUST = f"coalesce(c.trust, {DEFAULT_TRUST})"

# Where each kind of text lives: (table, alias, its text column, its row id, who it belongs to, the
# rows that count, and how that table reaches `contact c`).
_SOURCES = {
    "business": ("contact", "c", "business", "c.id", "c.id", "1 = 1", ""),
    "offering": ("offering", "o", "text", "o.id", "o.contact_id", "1 = 1", "JOIN contact c ON c.id = o.contact_id"),
    "title": ("contact", "c", "title", "c.id", "c.id", "1 = 1", ""),
    "ideal referral": ("contact", "c", "ideal_referral", "c.id", "c.id", "1 = 1", ""),
    "goal": (
        "goal", "g", "text", "g.id", "g.contact_id", "g.year = :year AND g.achieved_on IS NULL",
        "JOIN contact c ON c.id = g.contact_id",
    ),
    "note": (
        "note", "n", "text", "n.id", "n.contact_id", "n.noted_on >= :notes_since",
        "JOIN contact c ON c.id = n.contact_id",
    ),
}  # fmt: skip


def texts(dialect: str, kind: str) -> str:
    """The distinct non-empty texts of one kind that an eligible person has. SQLite walks the
    text's index one distinct value at a time (a loose index scan: as many seeks as texts,
    however many rows share them); a server's hash index cannot be walked in order, so it reads
    the rows. Only eligible people count: which texts are provided weighs every word, and a need
    nobody eligible has would only be looked up for nothing."""
    table, alias, column, _, _, where, join = _SOURCES[kind]
    col = f"{alias}.{column}"
    if dialect == "sqlite":
        found = f"""WITH RECURSIVE d(v) AS (
            SELECT (SELECT min({col}) FROM {table} {alias} WHERE {where} AND {col} > '')
            UNION ALL
            SELECT (SELECT min({col}) FROM {table} {alias} WHERE {where} AND {col} > d.v) FROM d WHERE d.v IS NOT NULL
        ) SELECT v FROM d WHERE v IS NOT NULL"""
    else:
        found = f"SELECT DISTINCT {col} AS v FROM {table} {alias} WHERE {where} AND {col} > ''"
    return f"""SELECT v FROM ({found}) AS d WHERE EXISTS (
        SELECT 1 FROM {table} {alias} {join} WHERE {col} = d.v AND {where} AND {ELIGIBLE})"""


def people(kind: str, top: int) -> str:
    """One page of a text's eligible people, most trusted first (from trust `top` down, the
    first level resuming after row :after), each level in the order its rows were made:
    (person, row id, trust). One statement: each level walks the text's index in row order and
    stops at the page's end, and a level is read only while the page is not full."""
    table, alias, column, row, who, where, join = _SOURCES[kind]
    levels = [
        f"""SELECT * FROM (SELECT {who} AS who, {row} AS row_id, {level} AS trust FROM {table} {alias} {join}
        WHERE {alias}.{column} = :text AND {where} AND {TRUST} = {level}
        AND {row} > {":after" if level == top else "0"} AND {ELIGIBLE}
        ORDER BY {row} LIMIT :page) AS level_{level}"""
        for level in range(top, 0, -1)
    ]
    return " UNION ALL ".join(levels) + " LIMIT :page"


def own_needs(kind: str) -> str:
    """One person's needs of one kind: (text, row id)."""
    table, alias, column, row, who, where, _ = _SOURCES[kind]
    return f"""SELECT {alias}.{column}, {row} FROM {table} {alias}
    WHERE {who} = :person AND {where} AND {alias}.{column} > '' ORDER BY {row}"""


def own_offers(kind: str) -> str:
    """The texts one person provides of one kind."""
    table, alias, column, _, who, _, _ = _SOURCES[kind]
    return f"SELECT {alias}.{column} FROM {table} {alias} WHERE {who} = :person AND {alias}.{column} > ''"


PERSON = f"SELECT {TRUST} FROM contact c WHERE c.id = :person AND {ELIGIBLE}"


# The people of the suggestions kept, with the trust they are weighed by.
NAMES = f"SELECT c.id, c.handle, c.name, {TRUST} AS trust FROM contact c WHERE c.id IN :ids"


# Each pair already introduced (or referred), or said to be no fit, as one number, the smaller id first: suggest._pair;
# of the people in :ids only (each side over its own index).
_PAIR = """
SELECT CASE WHEN partner_id < prospect_id THEN partner_id * 4294967296 + prospect_id
                     ELSE prospect_id * 4294967296 + partner_id END
FROM referral WHERE prospect_id IS NOT NULL"""
_NO_FIT = """
SELECT CASE WHEN contact_id < other_id THEN contact_id * 4294967296 + other_id
                     ELSE other_id * 4294967296 + contact_id END
FROM not_a_fit"""  # pairs you said are no fit (`ref suggest --not`): left out like an introduction
INTRODUCED_PAIRS_OF = (
    f"{_PAIR} AND partner_id IN :ids UNION {_PAIR} AND prospect_id IN :ids"
    f" UNION {_NO_FIT} WHERE contact_id IN :ids UNION {_NO_FIT} WHERE other_id IN :ids"
)
