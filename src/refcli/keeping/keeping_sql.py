"""The SQL of keeping in touch. Every kind of contact restarts a rhythm: a touch, a one-on-one
held, a referral either way, an introduction (for both people introduced), a thank-you, a talk
about balance."""

from refcli.store.summaries_sql import last_touches

__all__ = ["last_touches"]  # one definition of a person's latest contact, shared with person_summary

PERSONAL = "SELECT id, cadence_days FROM contact WHERE cadence_days IS NOT NULL"
TAGGED = "SELECT t.contact_id, tc.tag, tc.days FROM tag t JOIN tag_cadence tc ON tc.tag = t.name"
TAG_RHYTHMS = "SELECT tag, days FROM tag_cadence ORDER BY tag"
ONE_PERSONAL = "SELECT cadence_days FROM contact WHERE id = :id"
ONE_TAGGED = TAGGED + " WHERE t.contact_id = :id"
NEXT_SCHEDULED_ONE = "SELECT min(day) FROM meeting WHERE contact_id = :id AND status = 'scheduled' AND day >= :as_of"

TOUCHES = """
SELECT t.id, t.day, t.via, t.note, t.source, t.direction, c.handle, c.name
FROM touch t JOIN contact c ON c.id = t.contact_id
WHERE (:all_people = 1 OR t.contact_id = :id)
ORDER BY t.day DESC, t.id DESC
LIMIT :limit
"""

_WITH_RHYTHMS = (
    "cadence_days IS NOT NULL OR id IN (SELECT t.contact_id FROM tag t JOIN tag_cadence tc ON tc.tag = t.name)"
)
WITH_RHYTHMS_COUNT = f"SELECT count(*) FROM contact WHERE {_WITH_RHYTHMS}"
TAG_PEOPLE = "SELECT tc.tag, count(*) AS people FROM tag t JOIN tag_cadence tc ON tc.tag = t.name GROUP BY tc.tag"


PEOPLE_BY_ID = "SELECT id, handle, name, archived_at FROM contact WHERE id IN :ids"


def with_rhythms(only: bool) -> str:
    """Everyone with a rhythm of their own or from a tag (with `only`, those of them in :ids)."""
    return f"SELECT id, handle, name, archived_at FROM contact WHERE ({_WITH_RHYTHMS})" + (
        " AND id IN :ids" if only else ""
    )


# Birthdays and anniversaries whose month and day fall in a window (MM-DD text, compared as
# text; a window across the new year is two ranges). A coarse filter: nudges.py computes the day.
_MONTH_DAY = "substr({c}, length({c}) - 4, 5)"


def yearly_days(wraps: bool) -> str:
    def within(column: str) -> str:
        md = _MONTH_DAY.format(c=column)
        test = f"({md} >= :start OR {md} <= :end)" if wraps else f"{md} BETWEEN :start AND :end"
        return f"({column} IS NOT NULL AND {test})"

    return f"""
SELECT c.id AS contact_id, c.handle, c.name, NULL AS member_id, NULL AS member, NULL AS relation,
       CASE WHEN {within("c.birthday")} THEN c.birthday END AS birthday,
       CASE WHEN {within("c.anniversary")} THEN c.anniversary END AS anniversary
FROM contact c WHERE c.archived_at IS NULL AND ({within("c.birthday")} OR {within("c.anniversary")})
UNION ALL
SELECT c.id, c.handle, c.name, f.id, f.name, f.relation,
       CASE WHEN {within("f.birthday")} THEN f.birthday END,
       CASE WHEN {within("f.anniversary")} THEN f.anniversary END
FROM family_member f JOIN contact c ON c.id = f.contact_id
WHERE c.archived_at IS NULL AND ({within("f.birthday")} OR {within("f.anniversary")})
"""


ALL_YEARLY = """
SELECT c.uid, c.handle, c.name, NULL AS member_id, NULL AS member, NULL AS relation, c.birthday, c.anniversary
FROM contact c WHERE c.archived_at IS NULL AND (c.birthday IS NOT NULL OR c.anniversary IS NOT NULL)
UNION ALL
SELECT c.uid, c.handle, c.name, f.id, f.name, f.relation, f.birthday, f.anniversary
FROM family_member f JOIN contact c ON c.id = f.contact_id
WHERE c.archived_at IS NULL AND (f.birthday IS NOT NULL OR f.anniversary IS NOT NULL)
"""


# Who was in touch (a touch or a held one-on-one) since a day: what a birthday or an anniversary
# follow-up asks for ("send wishes"), so recording it clears the follow-up.
IN_TOUCH_SINCE = """
SELECT contact_id, max(day) AS day FROM (
    SELECT contact_id, day FROM touch WHERE contact_id IN :ids AND day >= :low AND day <= :as_of
    UNION ALL
    SELECT contact_id, day FROM meeting WHERE status = 'held' AND contact_id IN :ids AND day >= :low AND day <= :as_of
) AS contact_days GROUP BY contact_id
"""
