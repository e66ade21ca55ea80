"""The givers-gain report: per measure of a year, one query grouped by month. The year's
bounds are passed in as parameters, so the same SQL runs on SQLite and PostgreSQL."""


def _month(column: str) -> str:
    """The month (YYYY-MM) of a day column, on either engine (a server's date is cast to ISO text)."""
    return f"substr(CAST({column} AS TEXT), 1, 7)"


# One row per month of the year (:start to :end), counted from the indexes alone (0015).
_COUNTS = "SELECT {month} AS month, count(*) AS n FROM {source} AND {day} >= :start AND {day} < :end GROUP BY 1"
_MEASURES = {
    "given": ("referral WHERE direction = 'given'", "made_on"),
    "received": ("referral WHERE direction = 'received'", "made_on"),
    "introductions": ("referral WHERE direction = 'given' AND is_introduction = :yes", "made_on"),
    "meetings": ("meeting WHERE status = 'held'", "day"),
}

# Closed business is placed by the outcome's date, one row per month and currency (docs/counting.md).
_CLOSED = (
    "SELECT {month} AS month, currency, sum(coalesce(value, 0)) AS n FROM referral "
    "WHERE direction = '{direction}' AND status = 'won' AND status_on >= :start AND status_on < :end GROUP BY 1, 2"
)


def monthly() -> dict[str, str]:
    """SQL per measure: rows of (month, n), and for closed business (month, currency, n)."""
    sql = {name: _COUNTS.format(month=_month(day), source=source, day=day) for name, (source, day) in _MEASURES.items()}
    for direction in ("given", "received"):
        sql[f"closed_{direction}"] = _CLOSED.format(month=_month("status_on"), direction=direction)
    return sql


# Who could be among the deepest: the people you meet most and rate highest (depth is then
# computed for these few, not for everyone).
DEEPEST_CANDIDATES = """
SELECT contact_id FROM (
  SELECT contact_id, count(*) AS n FROM meeting WHERE status = 'held' AND day > :year_ago
  GROUP BY contact_id ORDER BY n DESC, contact_id LIMIT :pool
) AS busiest
UNION
SELECT contact_id FROM (
  SELECT contact_id, count(*) AS n FROM depth_answer WHERE answer = :yes
  GROUP BY contact_id ORDER BY n DESC, contact_id LIMIT :pool
) AS trusted
"""


# What the year's introductions made from `ref suggest` (`ref introduce --suggested`) became: how
# many, how many were won, and what they closed per currency (one row per status and currency).
SUGGESTED = """
SELECT status, currency, count(*) AS n, sum(coalesce(value, 0)) AS value FROM referral
WHERE suggested = :yes AND is_introduction = :yes AND made_on >= :start AND made_on < :end
GROUP BY status, currency
"""
