"""The SQL of keeping in touch. Every kind of contact restarts a rhythm: a touch, a one-on-one
held, a referral either way, an introduction (for both people introduced), a thank-you, a talk
about balance."""

# One aggregate per kind of contact, each over its own (covering) index; then one row per person:
# the latest day with what it was, as "YYYY-MM-DD how" (ISO days sort as text).
_BRANCHES = (
    ("contact_id", "via", "day", "touch", "1 = 1", "contact_id, via"),
    ("contact_id", "'one-on-one'", "day", "meeting", "status = 'held'", "contact_id"),
    ("partner_id", "'referral'", "made_on", "referral", "1 = 1", "partner_id"),
    ("prospect_id", "'introduction'", "made_on", "referral", "is_introduction = :yes AND prospect_id IS NOT NULL",
     "prospect_id"),
    ("partner_id", "'thank-you'", "thanked_on", "referral", "thanked_on IS NOT NULL", "partner_id"),
    ("contact_id", "'talk'", "talked_on", "conversation", "1 = 1", "contact_id"),
)  # fmt: skip


def last_touches(one: bool = False) -> str:
    """Per person, the latest contact of any kind on or before :as_of, as "YYYY-MM-DD how";
    with `one`, only for the person :id."""
    branches = " UNION ALL ".join(
        f"SELECT {who} AS contact_id, {how} AS how, max({day}) AS last_on FROM {table} "
        f"WHERE {where} AND {day} <= :as_of" + (f" AND {who} = :id" if one else "") + f" GROUP BY {group}"
        for who, how, day, table, where, group in _BRANCHES
    )
    return (
        f"SELECT contact_id, max(CAST(last_on AS TEXT) || ' ' || how) AS latest FROM ({branches}) t GROUP BY contact_id"
    )


PERSONAL = "SELECT id, cadence_days FROM contact WHERE cadence_days IS NOT NULL"
TAGGED = "SELECT t.contact_id, tc.tag, tc.days FROM tag t JOIN tag_cadence tc ON tc.tag = t.name"
TAG_RHYTHMS = "SELECT tag, days FROM tag_cadence ORDER BY tag"
ONE_PERSONAL = "SELECT cadence_days FROM contact WHERE id = :id"
ONE_TAGGED = TAGGED + " WHERE t.contact_id = :id"
NEXT_SCHEDULED_ONE = "SELECT min(day) FROM meeting WHERE contact_id = :id AND status = 'scheduled' AND day >= :as_of"

TOUCHES = """
SELECT t.id, t.day, t.via, t.note, c.handle, c.name
FROM touch t JOIN contact c ON c.id = t.contact_id
WHERE (:all_people = 1 OR t.contact_id = :id)
ORDER BY t.day DESC, t.id DESC
LIMIT :limit
"""

WITH_RHYTHMS = """
SELECT id, handle, name, archived_at FROM contact
WHERE cadence_days IS NOT NULL OR id IN (SELECT t.contact_id FROM tag t JOIN tag_cadence tc ON tc.tag = t.name)
"""

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
