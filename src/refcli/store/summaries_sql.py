"""The per-person aggregates that `ref followups` and `ref cadence` read over everyone: one
definition of each, used both to compute them from the rows (any --as-of day) and to maintain
`person_summary` (store/summaries.py). Portable SQL (SQLite and PostgreSQL).

With `restrict`, each aggregate reads only the people in :ids (an expanding parameter), over the
same indexes, so a write refreshes its few people without reading anyone else's history."""

# One aggregate per kind of contact, each over its own (covering) index; then one row per person:
# the latest day with what it was, as "YYYY-MM-DD how" (ISO days sort as text). Every kind of
# contact restarts a rhythm: a touch, a one-on-one held, a referral either way, an introduction
# (for both people introduced), a thank-you, a talk about balance.
_BRANCHES = (
    ("contact_id", "via", "day", "touch", "1 = 1", "contact_id, via"),
    ("contact_id", "'one-on-one'", "day", "meeting", "status = 'held'", "contact_id"),
    ("partner_id", "'referral'", "made_on", "referral", "1 = 1", "partner_id"),
    ("prospect_id", "'introduction'", "made_on", "referral", "is_introduction = :yes AND prospect_id IS NOT NULL",
     "prospect_id"),
    ("partner_id", "'thank-you'", "thanked_on", "referral", "thanked_on IS NOT NULL", "partner_id"),
    ("contact_id", "'talk'", "talked_on", "conversation", "1 = 1", "contact_id"),
)  # fmt: skip


def _only(column: str, one: bool, restrict: bool) -> str:
    return f" AND {column} = :id" if one else f" AND {column} IN :ids" if restrict else ""


def last_touches(one: bool = False, restrict: bool = False) -> str:
    """Per person, the latest contact of any kind on or before :as_of, as "YYYY-MM-DD how";
    with `one`, only for the person :id."""
    branches = " UNION ALL ".join(
        f"SELECT {who} AS contact_id, {how} AS how, max({day}) AS last_on FROM {table} "
        f"WHERE {where} AND {day} <= :as_of" + _only(who, one, restrict) + f" GROUP BY {group}"
        for who, how, day, table, where, group in _BRANCHES
    )
    return (
        f"SELECT contact_id, max(CAST(last_on AS TEXT) || ' ' || how) AS latest FROM ({branches}) t GROUP BY contact_id"
    )


def partner_signals(restrict: bool = False) -> str:
    """What the balance signals need of the referrals where someone is the partner: given, given
    and won (by :as_of), first and last given, last received."""
    return f"""
SELECT partner_id,
  sum(CASE WHEN direction = 'given' THEN 1 ELSE 0 END),
  sum(CASE WHEN direction = 'given' AND status = 'won' AND status_on <= :as_of THEN 1 ELSE 0 END),
  min(CASE WHEN direction = 'given' THEN made_on END),
  max(CASE WHEN direction = 'given' THEN made_on END),
  max(CASE WHEN direction = 'received' THEN made_on END)
FROM referral WHERE made_on <= :as_of{_only("partner_id", False, restrict)} GROUP BY partner_id
"""


def mutual_signals(restrict: bool = False) -> str:
    """The same for mutual introductions, which count for the prospect too."""
    only = _only("prospect_id", False, restrict)
    return f"""
SELECT prospect_id, count(*), sum(CASE WHEN status = 'won' AND status_on <= :as_of THEN 1 ELSE 0 END), min(made_on),
  max(made_on)
FROM referral
WHERE direction = 'given' AND mutual = :yes AND prospect_id IS NOT NULL AND made_on <= :as_of{only}
GROUP BY prospect_id
"""


def talked(restrict: bool = False) -> str:
    """The latest talk about balance, per person, between :since and :as_of."""
    only = _only("contact_id", False, restrict)
    return f"""
SELECT contact_id, max(talked_on) AS talked_on FROM conversation WHERE talked_on <= :as_of AND talked_on >= :since{only}
GROUP BY contact_id
"""


def latest_outcome(restrict: bool = False) -> str:
    """The latest outcome day of each person's referrals (partner, or prospect of a mutual one):
    with the days above, the last day their summary depends on."""
    partner, prospect = _only("partner_id", False, restrict), _only("prospect_id", False, restrict)
    return f"""
SELECT partner_id, max(status_on) FROM referral WHERE status_on IS NOT NULL{partner} GROUP BY partner_id
UNION ALL
SELECT prospect_id, max(status_on) FROM referral
WHERE status_on IS NOT NULL AND mutual = :yes AND prospect_id IS NOT NULL{prospect} GROUP BY prospect_id
"""


TABLE_DDL = """
CREATE TABLE person_summary (
  contact_id integer PRIMARY KEY, last_contact text,
  p_given integer, p_won integer, p_first text, p_last_given text, p_last_received text,
  m_given integer, m_won integer, m_first text, m_last text,
  talked_on text, latest_day text NOT NULL
)
"""
INDEX_DDL = "CREATE INDEX ix_person_summary_latest ON person_summary (latest_day)"
COLUMNS = ("contact_id", "last_contact", "p_given", "p_won", "p_first", "p_last_given", "p_last_received",
           "m_given", "m_won", "m_first", "m_last", "talked_on", "latest_day")  # fmt: skip

# What the views read back: the same rows as the aggregates above, one per person.
SUMMARY_LAST_CONTACTS = "SELECT contact_id, last_contact FROM person_summary WHERE last_contact IS NOT NULL"
SUMMARY_SIGNALS = (
    "SELECT contact_id, p_given, p_won, p_first, p_last_given, p_last_received, m_given, m_won, m_first, m_last, "
    "talked_on FROM person_summary"
)
