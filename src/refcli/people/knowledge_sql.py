"""Queries for what you know about a person: family, goals, traits and who they know."""

FAMILY = "SELECT id, name, relation, met, birthday, anniversary FROM family_member WHERE contact_id = :id ORDER BY id"

GOALS = """
SELECT id, year, kind, text, achieved_on FROM goal
WHERE contact_id = :id AND (:all_years = 1 OR year = :year)
ORDER BY year DESC, achieved_on IS NOT NULL, id
"""

TRAITS = """
SELECT id, kind, text FROM trait WHERE contact_id = :id
ORDER BY CASE kind WHEN 'dealbreaker' THEN 0 WHEN 'minus' THEN 1 ELSE 2 END, id
"""

THEY_KNOW = """
SELECT c.handle, c.name, a.note FROM acquaintance a JOIN contact c ON c.id = a.other_id
WHERE a.contact_id = :id ORDER BY c.name_fold
"""

KNOW_THEM = """
SELECT c.handle, c.name, a.note FROM acquaintance a JOIN contact c ON c.id = a.contact_id
WHERE a.other_id = :id ORDER BY c.name_fold
"""

# People you know through this person: they introduced you, or they know them and
# you have never met them yourself (no met_on, no held one-on-one).
THROUGH_THEM = """
SELECT c.handle, c.name, 'introduced you' AS how FROM contact c WHERE c.introduced_by_id = :id
UNION
SELECT c.handle, c.name, 'they know them; you have not met' AS how
FROM acquaintance a JOIN contact c ON c.id = a.other_id
WHERE a.contact_id = :id AND c.met_on IS NULL
  AND NOT EXISTS (SELECT 1 FROM meeting m WHERE m.contact_id = c.id AND m.status = 'held')
ORDER BY 2
"""
