"""The SQL `ref capture` reads: whose addresses and numbers are whose, and what is already
recorded in the window (captured items by their key, typed touches by their day)."""

EMAILS = """
SELECT ch.contact_id, ch.value_key, c.handle, c.name, c.archived_at IS NOT NULL AS archived
FROM channel ch JOIN contact c ON c.id = ch.contact_id
WHERE ch.kind = 'email'
"""

PHONES = """
SELECT ch.contact_id, ch.value_key, c.handle, c.name, c.archived_at IS NOT NULL AS archived
FROM channel ch JOIN contact c ON c.id = ch.contact_id
WHERE ch.kind = 'phone'
"""

CAPTURED = "SELECT contact_id, source_key FROM touch WHERE source_key IS NOT NULL AND day >= :since"

TYPED = "SELECT contact_id, day, via FROM touch WHERE source_key IS NULL AND day >= :since"

MY_ADDRESSES = "SELECT value FROM setting WHERE key = 'my_addresses'"
