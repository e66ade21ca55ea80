"""The per-person balance: what went each way, what closed, how recent.

Two aggregates over a covering index (one for partners, one for the other side of
mutual introductions), merged in Python; then details for the few people shown.
Date cut-offs are parameters, so the SQL is the same on SQLite and PostgreSQL.
"""

from refcli.store import summaries_sql

# Every figure follows docs/counting.md: a referral is counted where it was made (in the window
# from :since to :as_of) and, separately, where it closed (won with status_on in the window);
# values go with the closing, in the configured currency here (`foreign` counts the others,
# which `FOREIGN_VALUES` then sums per currency for the few people that have any).
_MADE = "made_on >= :since"
_WON = "status = 'won' AND status_on >= :since AND status_on <= :as_of"
_TOTALS = f"""
  sum(CASE WHEN direction = 'given' AND {_MADE} THEN 1 ELSE 0 END) AS given,
  sum(CASE WHEN direction = 'given' AND {_WON} THEN 1 ELSE 0 END) AS given_won,
  sum(CASE WHEN direction = 'given' AND {_WON} AND currency = :currency THEN coalesce(value, 0) ELSE 0 END)
      AS given_value,
  sum(CASE WHEN direction = 'received' AND {_MADE} THEN 1 ELSE 0 END) AS received,
  sum(CASE WHEN direction = 'received' AND {_WON} THEN 1 ELSE 0 END) AS received_won,
  sum(CASE WHEN direction = 'received' AND {_WON} AND currency = :currency THEN coalesce(value, 0) ELSE 0 END)
      AS received_value,
  sum(CASE WHEN {_WON} AND currency <> :currency AND value IS NOT NULL THEN 1 ELSE 0 END) AS foreign_,
  min(CASE WHEN direction = 'given' AND {_MADE} THEN made_on END) AS first_given,
  max(CASE WHEN direction = 'given' AND {_MADE} THEN made_on END) AS last_given,
  max(CASE WHEN direction = 'received' AND {_MADE} THEN made_on END) AS last_received,
  min(CASE WHEN direction = 'received' AND {_MADE} AND (thanked_on IS NULL OR thanked_on > :as_of) THEN made_on END)
      AS oldest_unthanked,
  sum(CASE WHEN direction = 'received' AND {_MADE} AND (thanked_on IS NULL OR thanked_on > :as_of) THEN 1 ELSE 0 END)
      AS unthanked
"""


def ids(count: int) -> str:
    return ", ".join(f":c{i}" for i in range(count))


def partner_totals(*, contact: bool, count: int = 0) -> str:
    """Totals per partner: everyone, one person (`contact`), or `count` people (`:c0`...)."""
    who = " AND partner_id = :contact_id" if contact else f" AND partner_id IN ({ids(count)})" if count else ""
    return f"SELECT partner_id AS cid, {_TOTALS} FROM referral WHERE made_on <= :as_of{who} GROUP BY partner_id"


def mutual_totals(*, contact: bool, count: int = 0) -> str:
    """The other side of mutual introductions: given to them too."""
    who = " AND prospect_id = :contact_id" if contact else f" AND prospect_id IN ({ids(count)})" if count else ""
    return (
        f"SELECT prospect_id AS cid, {_TOTALS} FROM referral "
        f"WHERE direction = 'given' AND mutual = :yes AND prospect_id IS NOT NULL AND made_on <= :as_of{who} "
        "GROUP BY prospect_id"
    )


def recent() -> str:
    """Exchanges newest first: enough of them name the people a default `ref balance` shows,
    without aggregating the whole history (index on made_on)."""
    return (
        "SELECT partner_id, prospect_id, mutual, direction FROM referral "
        "WHERE made_on <= :as_of AND made_on >= :since ORDER BY made_on DESC, id DESC LIMIT :scan OFFSET :skip"
    )


# What the signals need and nothing more (no values, no thanks: those have their own queries),
# so `ref followups` can afford every partner's history at any size. One definition, shared with
# the per-person summaries that answer the same as of today (store/summaries.py).
PARTNER_SIGNALS = summaries_sql.partner_signals()
MUTUAL_SIGNALS = summaries_sql.mutual_signals()
TALKED = summaries_sql.talked()

# Won values in other currencies than the configured one, for the people that have any.
FOREIGN_PARTNER = f"""
SELECT partner_id AS cid, direction, currency, sum(value) AS value_minor FROM referral
WHERE partner_id IN ({{ids}}) AND {_WON} AND currency <> :currency AND value IS NOT NULL
GROUP BY partner_id, direction, currency
"""
FOREIGN_MUTUAL = f"""
SELECT prospect_id AS cid, direction, currency, sum(value) AS value_minor FROM referral
WHERE direction = 'given' AND mutual = :yes AND prospect_id IN ({{ids}}) AND {_WON} AND currency <> :currency
  AND value IS NOT NULL
GROUP BY prospect_id, direction, currency
"""

ARCHIVED = "SELECT id FROM contact WHERE archived_at IS NOT NULL"


def people(count: int) -> str:
    """Names and one-on-ones for the people shown (`:c0`, `:c1`...)."""
    ids = ", ".join(f":c{i}" for i in range(count))
    return f"""
SELECT c.id, c.handle, c.name, c.name_fold,
  (SELECT count(*) FROM meeting m WHERE m.contact_id = c.id AND m.status = 'held' AND m.day <= :as_of
     AND m.day >= :since) AS meetings,
  (SELECT max(m.day) FROM meeting m WHERE m.contact_id = c.id AND m.status = 'held' AND m.day <= :as_of
     AND m.day >= :since) AS last_met
FROM contact c WHERE c.id IN ({ids})
"""


HISTORY = """
SELECT r.id, r.direction, r.made_on, r.status, r.status_on, r.value, r.currency, r.is_introduction, r.mutual,
       r.thanked_on,
       r.partner_id, p.name AS partner_name, coalesce(x.name, r.prospect_name) AS prospect_name
FROM referral r JOIN contact p ON p.id = r.partner_id LEFT JOIN contact x ON x.id = r.prospect_id
WHERE (r.partner_id = :contact_id OR (r.mutual = :yes AND r.prospect_id = :contact_id)) AND r.made_on <= :as_of
  AND (r.made_on >= :since OR (r.status_on >= :since AND r.status_on <= :as_of))
ORDER BY r.made_on DESC, r.id DESC
"""

# What each referral's status was on a day before its latest outcome: its status events so far.
STATUS_EVENTS = """
SELECT referral_id, detail FROM referral_event
WHERE kind = 'status' AND referral_id IN ({ids}) AND happened_on <= :as_of ORDER BY happened_on, id
"""

CONVERSATIONS = """
SELECT id, talked_on, notes FROM conversation WHERE contact_id = :contact_id AND talked_on <= :as_of
  AND talked_on >= :since
ORDER BY talked_on DESC
"""

ANY_EXCHANGE = """
SELECT count(*) FROM referral WHERE partner_id = :contact_id OR (mutual = :yes AND prospect_id = :contact_id)
"""
