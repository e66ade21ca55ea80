"""The givers-gain report: per month of a year, one query. Month boundaries are passed
in as parameters, so the same SQL runs on SQLite and PostgreSQL."""

_MEASURES = {
    "given": "SELECT {cases} FROM referral WHERE direction = 'given' AND made_on >= :start AND made_on < :end",
    "received": "SELECT {cases} FROM referral WHERE direction = 'received' AND made_on >= :start AND made_on < :end",
    "introductions": (
        "SELECT {cases} FROM referral WHERE direction = 'given' AND is_introduction = :yes "
        "AND made_on >= :start AND made_on < :end"
    ),
    "meetings": "SELECT {cases} FROM meeting WHERE status = 'held' AND day >= :start AND day < :end",
}

# Closed business is placed by the outcome's date, one row per currency (docs/counting.md).
_CLOSED = (
    "SELECT currency, {cases} FROM referral WHERE direction = '{direction}' AND status = 'won' "
    "AND status_on >= :start AND status_on < :end GROUP BY currency"
)


def monthly(column: str = "made_on") -> dict[str, str]:
    """SQL per measure: twelve columns m1..m12, one per month."""

    def counts(col: str) -> str:
        return ", ".join(
            f"sum(CASE WHEN {col} >= :m{i} AND {col} < :m{i + 1} THEN 1 ELSE 0 END) AS m{i}" for i in range(1, 13)
        )

    def sums(col: str) -> str:
        return ", ".join(
            f"sum(CASE WHEN {col} >= :m{i} AND {col} < :m{i + 1} THEN coalesce(value, 0) ELSE 0 END) AS m{i}"
            for i in range(1, 13)
        )

    sql = {name: text.format(cases=counts("day" if name == "meetings" else column)) for name, text in _MEASURES.items()}
    sql["closed_given"] = _CLOSED.format(cases=sums("status_on"), direction="given")
    sql["closed_received"] = _CLOSED.format(cases=sums("status_on"), direction="received")
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
