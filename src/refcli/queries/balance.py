"""The per-person balance: what went each way, what closed, how recent. One aggregate
query over the referral indexes; a mutual introduction counts as given to both sides."""


def exchanges(*, since: bool) -> str:
    """Every exchange as (contact, direction, ...), one row per side it touched."""
    window = "made_on <= :as_of" + (" AND made_on >= :since" if since else "")
    cols = "status, value, currency, made_on, thanked_on"
    return f"""
SELECT partner_id AS cid, direction AS dir, {cols} FROM referral WHERE {window}
UNION ALL
SELECT prospect_id AS cid, 'given' AS dir, {cols} FROM referral
WHERE direction = 'given' AND mutual = :yes AND prospect_id IS NOT NULL AND {window}
"""


def balance(*, since: bool, contact: bool) -> str:
    who = "AND c.id = :contact_id" if contact else "AND c.archived_at IS NULL"
    return f"""
WITH ex AS ({exchanges(since=since)}),
agg AS (
  SELECT cid,
    sum(CASE WHEN dir = 'given' THEN 1 ELSE 0 END) AS given,
    sum(CASE WHEN dir = 'given' AND status = 'won' THEN 1 ELSE 0 END) AS given_won,
    sum(CASE WHEN dir = 'given' AND status = 'won' AND currency = :currency THEN coalesce(value, 0) ELSE 0 END)
        AS given_value,
    sum(CASE WHEN dir = 'received' THEN 1 ELSE 0 END) AS received,
    sum(CASE WHEN dir = 'received' AND status = 'won' THEN 1 ELSE 0 END) AS received_won,
    sum(CASE WHEN dir = 'received' AND status = 'won' AND currency = :currency THEN coalesce(value, 0) ELSE 0 END)
        AS received_value,
    min(CASE WHEN dir = 'given' THEN made_on END) AS first_given,
    max(CASE WHEN dir = 'given' THEN made_on END) AS last_given,
    max(CASE WHEN dir = 'received' THEN made_on END) AS last_received,
    min(CASE WHEN dir = 'received' AND (thanked_on IS NULL OR thanked_on > :as_of) THEN made_on END)
        AS oldest_unthanked,
    sum(CASE WHEN dir = 'received' AND (thanked_on IS NULL OR thanked_on > :as_of) THEN 1 ELSE 0 END)
        AS unthanked
  FROM ex GROUP BY cid
)
SELECT c.id, c.handle, c.name, agg.*,
  (SELECT count(*) FROM meeting m WHERE m.contact_id = c.id AND m.status = 'held' AND m.day <= :as_of)
      AS meetings,
  (SELECT max(m.day) FROM meeting m WHERE m.contact_id = c.id AND m.status = 'held' AND m.day <= :as_of)
      AS last_met,
  (SELECT max(t.talked_on) FROM conversation t WHERE t.contact_id = c.id AND t.talked_on <= :as_of)
      AS talked_on,
  CASE WHEN agg.last_given IS NULL THEN agg.last_received
       WHEN agg.last_received IS NULL OR agg.last_given > agg.last_received THEN agg.last_given
       ELSE agg.last_received END AS last_exchange
FROM agg JOIN contact c ON c.id = agg.cid
WHERE 1 = 1 {who}
ORDER BY last_exchange DESC, c.name_fold
LIMIT :limit
"""


HISTORY = """
SELECT r.id, r.direction, r.made_on, r.status, r.value, r.currency, r.is_introduction, r.mutual, r.thanked_on,
       r.partner_id, p.name AS partner_name, coalesce(x.name, r.prospect_name) AS prospect_name
FROM referral r JOIN contact p ON p.id = r.partner_id LEFT JOIN contact x ON x.id = r.prospect_id
WHERE (r.partner_id = :contact_id OR (r.mutual = :yes AND r.prospect_id = :contact_id)) AND r.made_on <= :as_of
ORDER BY r.made_on DESC, r.id DESC
"""

CONVERSATIONS = """
SELECT talked_on, notes FROM conversation WHERE contact_id = :contact_id AND talked_on <= :as_of
ORDER BY talked_on DESC
"""

ANY_EXCHANGE = """
SELECT count(*) FROM referral WHERE partner_id = :contact_id OR (mutual = :yes AND prospect_id = :contact_id)
"""
