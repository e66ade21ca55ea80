"""Queries behind `ref referrals`, `ref referral`, introductions and referral quality."""

_COLUMNS = """
r.id, r.direction, r.is_introduction, r.mutual, r.reason, r.temperature, r.made_on, r.status, r.status_on,
r.value, r.currency, r.repeat, r.lost_reason, r.treated, r.partner_reported_on, r.prospect_reported_on,
r.follow_up_on, r.thanked_on, r.thanked_how, r.prospect_name,
p.handle AS partner, p.name AS partner_name, x.handle AS prospect, x.name AS prospect_contact_name
"""

_FROM = """
FROM referral r
JOIN contact p ON p.id = r.partner_id
LEFT JOIN contact x ON x.id = r.prospect_id
"""

ONE = "SELECT " + _COLUMNS + _FROM + "WHERE r.id = :id"

EVENTS = """
SELECT happened_on, kind, detail FROM referral_event WHERE referral_id = :id ORDER BY happened_on, id
"""

STATUS_GROUPS = {
    "open": "r.status IN ('open', 'contacted', 'met')",
    "won": "r.status = 'won'",
    "lost": "r.status IN ('lost', 'no_response')",
}


def list_referrals(*, direction: str | None, status: str | None, with_contact: bool, since: bool) -> str:
    where = ["1 = 1"]
    if direction:
        where.append("r.direction = :direction")
    if status:
        where.append(STATUS_GROUPS[status])
    if with_contact:
        where.append("(r.partner_id = :contact_id OR r.prospect_id = :contact_id)")
    if since:
        where.append("r.made_on >= :since")
    return (
        "SELECT "
        + _COLUMNS
        + _FROM
        + "WHERE "
        + " AND ".join(where)
        + "\nORDER BY r.made_on DESC, r.id DESC LIMIT :limit"
    )


PREVIOUS_INTRODUCTIONS = """
SELECT r.id, r.made_on FROM referral r
WHERE r.is_introduction = :yes
  AND ((r.partner_id = :a AND r.prospect_id = :b) OR (r.partner_id = :b AND r.prospect_id = :a))
ORDER BY r.made_on
"""

# Referrals you gave that this person was on the receiving end of: as the partner, or as
# either party of a mutual introduction.
_SENT_TO = "r.direction = 'given' AND (r.partner_id = :id OR (r.mutual = :yes AND r.prospect_id = :id))"

QUALITY = f"""
SELECT count(*) AS sent,
  sum(CASE WHEN (r.partner_id = :id AND r.partner_reported_on IS NOT NULL)
            OR (r.prospect_id = :id AND r.prospect_reported_on IS NOT NULL) THEN 1 ELSE 0 END) AS reported,
  sum(CASE WHEN r.status = 'won' THEN 1 ELSE 0 END) AS won,
  sum(CASE WHEN r.status IN ('lost', 'no_response') THEN 1 ELSE 0 END) AS lost,
  avg(r.treated) AS treated
FROM referral r WHERE {_SENT_TO}
"""

QUALITY_VALUE = f"""
SELECT r.currency, sum(r.value) AS value FROM referral r
WHERE {_SENT_TO} AND r.status = 'won' AND r.value IS NOT NULL
GROUP BY r.currency ORDER BY r.currency
"""

LOSS_REASONS = f"""
SELECT r.id, r.made_on, r.status, r.lost_reason FROM referral r
WHERE {_SENT_TO} AND r.status IN ('lost', 'no_response') AND r.lost_reason IS NOT NULL
ORDER BY r.made_on DESC LIMIT 10
"""

# What came from them: referrals they sent you.
RECEIVED = """
SELECT count(*) AS received,
  sum(CASE WHEN r.status = 'won' THEN 1 ELSE 0 END) AS won,
  sum(CASE WHEN r.thanked_on IS NULL THEN 1 ELSE 0 END) AS unthanked
FROM referral r WHERE r.direction = 'received' AND r.partner_id = :id
"""

RECEIVED_VALUE = """
SELECT r.currency, sum(r.value) AS value FROM referral r
WHERE r.direction = 'received' AND r.partner_id = :id AND r.status = 'won' AND r.value IS NOT NULL
GROUP BY r.currency ORDER BY r.currency
"""

TIMELINE_EVENTS = """
SELECT e.happened_on AS on_day, e.referral_id, e.detail, r.direction
FROM referral_event e JOIN referral r ON r.id = e.referral_id
WHERE r.partner_id = :id OR r.prospect_id = :id
ORDER BY e.happened_on DESC, e.id DESC LIMIT :limit
"""
