"""The sources of `ref followups`, one query each, whatever the size of the network.
Date cut-offs (`:as_of`, `:horizon`) are computed in Python."""

_INTRODUCTIONS = """
SELECT r.id, r.is_introduction, r.mutual, r.made_on, r.follow_up_on, r.partner_reported_on,
       r.prospect_reported_on, r.status, r.reason,
       p.id AS partner_id, p.handle AS partner, p.name AS partner_name,
       x.id AS prospect_id, x.handle AS prospect, coalesce(x.name, r.prospect_name) AS prospect_name
FROM referral r
JOIN contact p ON p.id = r.partner_id
LEFT JOIN contact x ON x.id = r.prospect_id
WHERE r.direction = 'given' AND r.status = 'open' AND r.follow_up_on IS NOT NULL
  AND r.follow_up_on <= :horizon AND r.made_on <= :as_of AND p.archived_at IS NULL
  AND (r.partner_reported_on IS NULL
       OR (r.is_introduction = :yes AND r.prospect_id IS NOT NULL AND r.prospect_reported_on IS NULL)){only}
ORDER BY r.follow_up_on, r.id
LIMIT :first
"""

_UNTHANKED = """
SELECT r.id, r.made_on, r.reason, p.id AS partner_id, p.handle AS partner, p.name AS partner_name
FROM referral r JOIN contact p ON p.id = r.partner_id
WHERE r.direction = 'received' AND (r.thanked_on IS NULL OR r.thanked_on > :as_of) AND r.made_on <= :as_of
  AND p.archived_at IS NULL{only}
ORDER BY r.made_on, r.id
LIMIT :first
"""

NEXT_SCHEDULED = """
SELECT contact_id, min(day) AS next_on FROM meeting WHERE status = 'scheduled' AND day >= :as_of GROUP BY contact_id
"""


def names(count: int) -> str:
    ids = ", ".join(f":c{i}" for i in range(count))
    return f"SELECT id, handle, name FROM contact WHERE id IN ({ids})"


_SCHEDULED = """
SELECT m.id, m.day, m.place, c.id AS contact_id, c.handle, c.name
FROM meeting m JOIN contact c ON c.id = m.contact_id
WHERE m.status = 'scheduled' AND m.day <= :horizon AND c.archived_at IS NULL{only}
"""

_REMINDERS = """
SELECT r.id, r.text, r.due_on, c.id AS contact_id, c.handle, c.name
FROM reminder r LEFT JOIN contact c ON c.id = r.contact_id
WHERE r.done_on IS NULL AND r.due_on <= :horizon AND (c.id IS NULL OR c.archived_at IS NULL){only}
"""

# Each source whole, and restricted to one row (:only) for `ref done ID` and `ref snooze ID`.
INTRODUCTIONS, INTRODUCTION_ONE = _INTRODUCTIONS.format(only=""), _INTRODUCTIONS.format(only=" AND r.id = :only")
UNTHANKED, UNTHANKED_ONE = _UNTHANKED.format(only=""), _UNTHANKED.format(only=" AND r.id = :only")
SCHEDULED, SCHEDULED_ONE = _SCHEDULED.format(only=""), _SCHEDULED.format(only=" AND m.id = :only")
REMINDERS, REMINDER_ONE = _REMINDERS.format(only=""), _REMINDERS.format(only=" AND r.id = :only")

STATES = "SELECT key, done_on, snoozed_until, stamp FROM followup_state"


def context(count: int) -> str:
    """One line of context per person: last one-on-one, an open goal, a family name."""
    ids = ", ".join(f":c{i}" for i in range(count))
    return f"""
SELECT c.id,
  (SELECT m.day FROM meeting m WHERE m.contact_id = c.id AND m.status = 'held' AND m.day <= :as_of
     ORDER BY m.day DESC, m.id DESC LIMIT 1) AS last_met,
  (SELECT m.place FROM meeting m WHERE m.contact_id = c.id AND m.status = 'held' AND m.day <= :as_of
     ORDER BY m.day DESC, m.id DESC LIMIT 1) AS last_place,
  (SELECT coalesce(m.learned, m.notes) FROM meeting m WHERE m.contact_id = c.id AND m.status = 'held'
     AND m.day <= :as_of ORDER BY m.day DESC, m.id DESC LIMIT 1) AS last_learned,
  (SELECT g.text FROM goal g WHERE g.contact_id = c.id AND g.achieved_on IS NULL AND g.year = :year
     ORDER BY g.id LIMIT 1) AS open_goal,
  (SELECT f.name FROM family_member f WHERE f.contact_id = c.id ORDER BY f.id LIMIT 1) AS family_name,
  (SELECT f.relation FROM family_member f WHERE f.contact_id = c.id ORDER BY f.id LIMIT 1) AS family_relation
FROM contact c WHERE c.id IN ({ids})
"""
