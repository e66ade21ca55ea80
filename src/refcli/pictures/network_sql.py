"""What `ref map` reads: the people to draw (nearest first, at most a page's worth), what passes
between you and each of them, and the links among them; every query bounded by the ids drawn
and served by an index (referral by partner, meeting by contact, acquaintance both ways)."""

from __future__ import annotations


def where(archived: bool, tag: bool, since: bool, ids: bool) -> str:
    """The people a map shows: not archived (unless asked), carrying a tag, in touch since a day,
    or among given ids (one person's circle)."""
    parts = ["1 = 1"]
    if not archived:
        parts.append("c.archived_at IS NULL")
    if tag:
        parts.append("EXISTS (SELECT 1 FROM tag t WHERE t.contact_id = c.id AND t.name = :tag)")
    if since:
        parts.append("s.last_contact >= :since")
    if ids:
        parts.append("c.id IN :ids")
    return " AND ".join(parts)


_FROM = """FROM contact c LEFT JOIN person_summary s ON s.contact_id = c.id
LEFT JOIN rhythm_due d ON d.contact_id = c.id"""
_FIRST_TAG = "(SELECT min(t.name) FROM tag t WHERE t.contact_id = c.id)"


def people(condition: str) -> str:
    """The people to draw, in touch most recently first, at most :most of them."""
    return f"""SELECT c.id, c.handle, c.name, c.business, c.company, c.archived_at, {_FIRST_TAG} AS tag,
    s.last_contact, d.due_on {_FROM} WHERE {condition}
    ORDER BY s.last_contact IS NULL, s.last_contact DESC, c.id LIMIT :most"""


def groups(condition: str) -> str:
    """How many people each group (first tag, '' for none) has in all: the ones not drawn are
    counted in their group's label."""
    return f"SELECT coalesce({_FIRST_TAG}, '') AS tag, count(*) AS n {_FROM} WHERE {condition} GROUP BY 1"


EXCHANGES = """SELECT partner_id AS id, direction, count(*) AS n,
  sum(CASE WHEN status = 'won' THEN 1 ELSE 0 END) AS won,
  sum(CASE WHEN status IN ('lost', 'no_response') THEN 1 ELSE 0 END) AS lost
FROM referral WHERE partner_id IN :ids AND made_on >= :since GROUP BY partner_id, direction"""

MEETINGS = """SELECT contact_id AS id, count(*) AS n FROM meeting
WHERE status = 'held' AND contact_id IN :ids AND day >= :since GROUP BY contact_id"""

INTRODUCTIONS = """SELECT partner_id AS a, prospect_id AS b, count(*) AS n FROM referral
WHERE is_introduction = :yes AND partner_id IN :ids AND prospect_id IN :ids AND made_on >= :since
GROUP BY partner_id, prospect_id"""

KNOWS = "SELECT contact_id AS a, other_id AS b FROM acquaintance WHERE contact_id IN :ids AND other_id IN :ids"

# One person's circle: whom they know (either way), and whom referrals and introductions link them to.
CIRCLE = """SELECT other_id FROM acquaintance WHERE contact_id = :id
UNION SELECT contact_id FROM acquaintance WHERE other_id = :id
UNION SELECT prospect_id FROM referral WHERE partner_id = :id AND prospect_id IS NOT NULL
UNION SELECT partner_id FROM referral WHERE prospect_id = :id"""
