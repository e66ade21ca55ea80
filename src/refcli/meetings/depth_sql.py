"""The facts behind the 14 depth points, for one person or everyone, in one query."""

_FACTS = """
SELECT c.id, c.handle, c.name, c.met_on,
  (SELECT count(*) FROM offering o WHERE o.contact_id = c.id) AS offerings,
  (SELECT count(*) FROM family_member f WHERE f.contact_id = c.id) AS family,
  (SELECT count(*) FROM family_member f WHERE f.contact_id = c.id AND f.met = :yes) AS family_met,
  (SELECT count(*) FROM meeting m WHERE m.contact_id = c.id AND m.status = 'held'
      AND m.they_asked = :yes AND m.i_asked = :yes) AS mutual,
  (SELECT count(*) FROM goal g WHERE g.contact_id = c.id AND g.year = :year) AS goals,
  (SELECT count(*) FROM meeting m WHERE m.contact_id = c.id AND m.status = 'held'
      AND m.day > :year_ago AND m.day <= :today) AS recent_meetings,
  (SELECT count(*) FROM meeting m WHERE m.contact_id = c.id AND m.status = 'scheduled'
      AND m.day >= :today) AS scheduled
FROM contact c
"""

ONE = _FACTS + "WHERE c.id = :id"

# Everyone you have a relationship with: met, or a one-on-one held (referrals join later).
RELATIONSHIPS_FILTER = """
c.archived_at IS NULL AND (c.met_on IS NOT NULL
  OR EXISTS (SELECT 1 FROM meeting m WHERE m.contact_id = c.id AND m.status = 'held')
  OR EXISTS (SELECT 1 FROM referral r WHERE r.partner_id = c.id))
"""

EVERYONE = _FACTS + "WHERE " + RELATIONSHIPS_FILTER

ANSWERS_ONE = "SELECT contact_id, item, answer FROM depth_answer WHERE contact_id = :id"

ANSWERS_EVERYONE = f"""
SELECT a.contact_id, a.item, a.answer FROM depth_answer a JOIN contact c ON c.id = a.contact_id
WHERE {RELATIONSHIPS_FILTER}
"""


def some(count: int) -> str:
    """The facts for a given set of people (`:c0`, `:c1`...)."""
    ids = ", ".join(f":c{i}" for i in range(count))
    return _FACTS + f"WHERE c.id IN ({ids})"


def answers_some(count: int) -> str:
    ids = ", ".join(f":c{i}" for i in range(count))
    return f"SELECT contact_id, item, answer FROM depth_answer WHERE contact_id IN ({ids})"
