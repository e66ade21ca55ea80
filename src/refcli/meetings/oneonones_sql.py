"""Queries behind `ref meetings` and the meeting sections of `ref show`."""


def list_meetings(*, contact: bool, upcoming: bool, since: bool) -> str:
    where = []
    if contact:
        where.append("m.contact_id = :contact_id")
    else:
        where.append("c.archived_at IS NULL")
    if upcoming:
        where.append("m.status = 'scheduled' AND m.day >= :today")
    if since:
        where.append("m.day >= :since")
    order = "m.day ASC, m.id ASC" if upcoming else "m.day DESC, m.id DESC"
    return f"""
SELECT m.id, m.day, m.status, m.kind, m.place, m.notes, m.learned, m.they_asked, m.i_asked,
       c.handle, c.name
FROM meeting m JOIN contact c ON c.id = m.contact_id
WHERE {" AND ".join(where)}
ORDER BY {order}
LIMIT :limit
"""


SCHEDULED_NEAR = """
SELECT id, day FROM meeting
WHERE contact_id = :contact_id AND status = 'scheduled' AND day BETWEEN :start AND :end
ORDER BY day
"""

SUMMARY = """
SELECT
  (SELECT count(*) FROM meeting WHERE contact_id = :id AND status = 'held') AS held,
  (SELECT max(day) FROM meeting WHERE contact_id = :id AND status = 'held') AS last_met,
  (SELECT min(day) FROM meeting WHERE contact_id = :id AND status = 'scheduled' AND day >= :today) AS next_on,
  (SELECT count(*) FROM meeting WHERE contact_id = :id AND status = 'held' AND they_asked IS NOT NULL)
      AS asked_recorded,
  (SELECT count(*) FROM meeting WHERE contact_id = :id AND status = 'held' AND they_asked = :yes) AS they_asked
"""

LAST_HELD = """
SELECT day, place, notes, learned FROM meeting
WHERE contact_id = :id AND status = 'held' ORDER BY day DESC, id DESC LIMIT 1
"""
