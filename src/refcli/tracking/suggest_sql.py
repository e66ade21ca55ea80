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


# What everyone offers and needs; only the people PEOPLE reads are matched (suggest._network
# filters): a join to `contact` for each row costs more than the rows.
OFFERINGS = "SELECT contact_id, text FROM offering"
GOALS = "SELECT contact_id, text FROM goal WHERE achieved_on IS NULL AND year = :year"
NOTES = "SELECT contact_id, text FROM note WHERE noted_on >= :notes_since"

# Each pair already introduced (or referred) as one number, the smaller id first: suggest._pair.
_PAIR = """
SELECT CASE WHEN partner_id < prospect_id THEN partner_id * 4294967296 + prospect_id
                     ELSE prospect_id * 4294967296 + partner_id END
FROM referral WHERE prospect_id IS NOT NULL"""
INTRODUCED_PAIRS = _PAIR
# The same, of the people in :ids only (each side over its own index).
INTRODUCED_PAIRS_OF = f"{_PAIR} AND partner_id IN :ids UNION {_PAIR} AND prospect_id IN :ids"
