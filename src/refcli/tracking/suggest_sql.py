"""What `ref suggest` matches: what people need (ideal referral, open goals, recent notes)
against what others provide (business and offerings)."""

ELIGIBLE = """
c.archived_at IS NULL
AND NOT EXISTS (SELECT 1 FROM trait t WHERE t.contact_id = c.id AND t.kind = 'dealbreaker')
"""

# Column order matters: these are read as tuples.
PEOPLE = f"SELECT c.id, c.trust, c.business, c.ideal_referral FROM contact c WHERE {ELIGIBLE}"


def names(count: int) -> str:
    ids = ", ".join(f":c{i}" for i in range(count))
    return f"SELECT id, handle, name FROM contact WHERE id IN ({ids})"


OFFERINGS = f"SELECT o.contact_id, o.text FROM offering o JOIN contact c ON c.id = o.contact_id WHERE {ELIGIBLE}"

GOALS = f"""
SELECT g.contact_id, g.text FROM goal g JOIN contact c ON c.id = g.contact_id
WHERE g.achieved_on IS NULL AND g.year = :year AND {ELIGIBLE}
"""

NOTES = f"""
SELECT n.contact_id, n.text FROM note n JOIN contact c ON c.id = n.contact_id
WHERE n.noted_on >= :notes_since AND {ELIGIBLE}
"""

# Each pair already introduced (or referred) as one number, the smaller id first: suggest.pair.
INTRODUCED_PAIRS = """
SELECT CASE WHEN partner_id < prospect_id THEN partner_id * 4294967296 + prospect_id
                     ELSE prospect_id * 4294967296 + partner_id END
FROM referral WHERE prospect_id IS NOT NULL
"""
