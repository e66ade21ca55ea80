"""The per-person aggregates that `ref followups` and `ref cadence` read over everyone: one
definition of each, used both to compute them from the rows (any --as-of day) and to maintain
`person_summary` (store/summaries.py). Portable SQL (SQLite and PostgreSQL).

With `restrict`, each aggregate reads only the people in :ids (an expanding parameter), over the
same indexes, so a write refreshes its few people without reading anyone else's history."""

# One aggregate per kind of contact, each over its own (covering) index; then one row per person:
# the latest day with what it was, as "YYYY-MM-DD how" (ISO days sort as text). Every kind of
# contact restarts a rhythm: a touch, a one-on-one held, a referral either way, an introduction
# (for both people introduced), a thank-you, a talk about balance, the day you met (`--met-on`),
# and a report back on a referral (`ref heard`, from either party; schema 0019's indexes).
_BRANCHES = (
    ("contact_id", "via", "day", "touch", "1 = 1", "contact_id, via"),
    ("contact_id", "'one-on-one'", "day", "meeting", "status = 'held'", "contact_id"),
    ("partner_id", "'referral'", "made_on", "referral", "1 = 1", "partner_id"),
    ("prospect_id", "'introduction'", "made_on", "referral", "is_introduction = :yes AND prospect_id IS NOT NULL",
     "prospect_id"),
    ("partner_id", "'thank-you'", "thanked_on", "referral", "thanked_on IS NOT NULL", "partner_id"),
    ("contact_id", "'talk'", "talked_on", "conversation", "1 = 1", "contact_id"),
    ("id", "'met'", "met_on", "contact", "met_on IS NOT NULL", "id"),
    ("partner_id", "'report back'", "partner_reported_on", "referral", "partner_reported_on IS NOT NULL", "partner_id"),
    ("prospect_id", "'report back'", "prospect_reported_on", "referral",
     "prospect_reported_on IS NOT NULL AND prospect_id IS NOT NULL", "prospect_id"),
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
  talked_on text, talk_start text, forward_from text, latest_day text NOT NULL
)
"""
# `latest_day` tells whether the rows answer a day; the others let `ref followups` read the most
# urgent first over an index, instead of everyone (SUMMARY_* below).
INDEX_DDL = (
    "CREATE INDEX ix_person_summary_latest ON person_summary (latest_day)",
    "CREATE INDEX ix_person_summary_last_day ON person_summary (substr(last_contact, 1, 10), contact_id)",
    "CREATE INDEX ix_person_summary_talked ON person_summary (talked_on)",
    "CREATE INDEX ix_person_summary_talk_start ON person_summary (talk_start, contact_id)",
    "CREATE INDEX ix_person_summary_forward ON person_summary (forward_from, contact_id)",
)
COLUMNS = ("contact_id", "last_contact", "p_given", "p_won", "p_first", "p_last_given", "p_last_received",
           "m_given", "m_won", "m_first", "m_last", "talked_on", "talk_start", "forward_from",
           "latest_day")  # fmt: skip

# `rhythm_due`: one row per person with a rhythm of their own or their tags' (archived or not),
# and the day they are due by it: '' if never in touch, NULL if the rhythm is off or they are
# archived. Computed by RHYTHM_DUE from `contact`, `tag`, `tag_cadence` and `person_summary`.
RHYTHM_TABLE = "rhythm_due"
RHYTHM_TABLE_DDL = "CREATE TABLE rhythm_due (contact_id integer PRIMARY KEY, due_on text)"
RHYTHM_INDEX_DDL = "CREATE INDEX ix_rhythm_due_on ON rhythm_due (due_on, contact_id)"

# What the views read back: the same rows as the aggregates above, one per person.
SUMMARY_LAST_CONTACTS = "SELECT contact_id, last_contact FROM person_summary WHERE last_contact IS NOT NULL"
SUMMARY_SIGNALS = (
    "SELECT contact_id, p_given, p_won, p_first, p_last_given, p_last_received, m_given, m_won, m_first, m_last, "
    "talked_on FROM person_summary"
)

# `ref followups` over the summaries: only the people a follow-up can be due for, the most urgent
# first (`:first` of each kind), with the same ISO-text comparisons tracking/followups.py and
# tracking/nudges.py make when they compute from the rows (a test compares both answers). Each
# kind walks an index in the order it is due, so it reads about `:first` rows, not everyone; an
# archived person is looked up by key (a join would make SQLite scan every contact first).
_NOT_ARCHIVED = "NOT EXISTS (SELECT 1 FROM contact c WHERE c.id = {who} AND c.archived_at IS NOT NULL)"
_NOT_PLANNED = (
    "NOT EXISTS (SELECT 1 FROM meeting m WHERE m.contact_id = {who} AND m.status = 'scheduled' AND m.day >= :as_of)"
)
SUMMARY_DEFAULT_OVERDUE = f"""
SELECT s.contact_id, s.last_contact FROM person_summary s
WHERE substr(s.last_contact, 1, 10) < :day_after AND {_NOT_ARCHIVED.format(who="s.contact_id")}
  AND NOT EXISTS (SELECT 1 FROM rhythm_due d WHERE d.contact_id = s.contact_id)
  AND {_NOT_PLANNED.format(who="s.contact_id")}
ORDER BY substr(s.last_contact, 1, 10), s.contact_id LIMIT :first
"""


def _plus_rhythm(dialect: str) -> str:
    """The day a person's last contact (`s`) plus their rhythm's days (`r.days`) falls on, as ISO text."""
    day = "substr(s.last_contact, 1, 10)"
    if dialect == "postgresql":
        return f"CAST(CAST({day} AS date) + r.days AS text)"
    return f"date({day}, '+' || r.days || ' days')"


# Everyone with a rhythm of their own or their tags' (c), and its days: their own, else their
# tags' shortest, else off (0), as keeping/rhythms.rhythm_of decides.
_RHYTHM_TAGS = "tag t JOIN tag_cadence tc ON tc.tag = t.name WHERE t.contact_id = c.id"  # c: the person
_EXPLICIT_RHYTHM = f"c.cadence_days IS NOT NULL OR EXISTS (SELECT 1 FROM {_RHYTHM_TAGS})"
_WITH_RHYTHM = f"""
SELECT c.id, c.handle, c.archived_at,
  coalesce(c.cadence_days, (SELECT min(tc.days) FROM {_RHYTHM_TAGS} AND tc.days > 0), 0) AS days
FROM contact c WHERE ({_EXPLICIT_RHYTHM})
"""


def rhythm_due(dialect: str, restrict: bool = False) -> str:
    """The rows of `rhythm_due` (with `restrict`, of the people in :ids): who has a rhythm of
    their own or their tags', and the day after their last contact by it ('' never in touch,
    NULL off or archived). Read after their `person_summary` rows are current."""
    only = " AND c.id IN :ids" if restrict else ""
    return f"""
SELECT r.id, CASE WHEN r.days = 0 OR r.archived_at IS NOT NULL THEN NULL WHEN s.last_contact IS NULL THEN ''
  ELSE {_plus_rhythm(dialect)} END
FROM ({_WITH_RHYTHM}{only}) r LEFT JOIN person_summary s ON s.contact_id = r.id
"""


# Who is due by :horizon on a rhythm of their own or their tags' (no one-on-one planned), the
# `:first` soonest of those never in touch (due :never_due, the day asked about) and of the
# others; with their last contact.
_DUE = """
SELECT d.contact_id, {due} AS due_on, s.last_contact FROM rhythm_due d
LEFT JOIN person_summary s ON s.contact_id = d.contact_id
WHERE {which} AND {planned} ORDER BY d.due_on, d.contact_id LIMIT :first
"""
SUMMARY_EXPLICIT_DUE = (
    "SELECT * FROM ("
    + _DUE.format(due=":never_due", which="d.due_on = ''", planned=_NOT_PLANNED.format(who="d.contact_id"))
    + ") never UNION ALL SELECT * FROM ("
    + _DUE.format(
        due="d.due_on", which="d.due_on > '' AND d.due_on <= :horizon", planned=_NOT_PLANNED.format(who="d.contact_id")
    )
    + ") due"
)


def rhythms_soonest(dialect: str) -> str:
    """`ref cadence`: everyone with a rhythm of their own or their tags', the `:first` soonest due
    (never in touch: :never_due, the day asked about; off: last), by handle on the same day;
    with their last contact."""
    plus = _plus_rhythm(dialect)
    return f"""
SELECT r.id, CASE WHEN r.days = 0 THEN NULL WHEN s.last_contact IS NULL THEN :never_due ELSE {plus} END AS due_on,
  s.last_contact
FROM ({_WITH_RHYTHM}) r LEFT JOIN person_summary s ON s.contact_id = r.id
ORDER BY CASE WHEN r.days = 0 THEN 1 ELSE 0 END, due_on, r.handle LIMIT :first
"""


# The balance figures of those a balance follow-up can be due for: everyone who talked about it
# since :since, and the `:first` earliest to be due a talk (`talk_start`: giving started, or
# resumed after their last referral to you) and a referral to pay forward (`forward_from`: the
# last one they sent you, when you have given none since). summaries.signal_keys defines both.
_FIRST_GIVEN = "CASE WHEN s.m_first IS NULL OR s.p_first < s.m_first THEN s.p_first ELSE s.m_first END"
_LAST_GIVEN = "CASE WHEN s.m_last IS NULL OR s.p_last_given > s.m_last THEN s.p_last_given ELSE s.m_last END"
_SIGNALS = f"""
SELECT s.contact_id AS id, coalesce(s.p_given, 0) + coalesce(s.m_given, 0) AS given,
  coalesce(s.p_won, 0) + coalesce(s.m_won, 0) AS given_won, {_FIRST_GIVEN} AS first_given,
  {_LAST_GIVEN} AS last_given, s.p_last_received AS last_received,
  CASE WHEN s.talked_on >= :since THEN s.talked_on END AS talked_on
FROM person_summary s
WHERE (s.p_given IS NOT NULL OR s.m_given IS NOT NULL) AND {_NOT_ARCHIVED.format(who="s.contact_id")}
"""
SUMMARY_SIGNAL_CANDIDATES = f"""
SELECT * FROM ({_SIGNALS} AND s.talked_on >= :since) talked
UNION
SELECT * FROM ({_SIGNALS} AND (s.talked_on IS NULL OR s.talked_on < :since) AND s.talk_start <= :talk_before
  AND coalesce(s.p_given, 0) + coalesce(s.m_given, 0) >= :least AND coalesce(s.p_won, 0) + coalesce(s.m_won, 0) >= 1
  ORDER BY s.talk_start, s.contact_id LIMIT :first) talks
UNION
SELECT * FROM ({_SIGNALS} AND s.forward_from <= :forward_before
  ORDER BY s.forward_from, s.contact_id LIMIT :first) forwards
"""
