"""The SQL of `ref sync`."""

from refcli.contact_fields import SYNCED

LINKED = "SELECT id, contact_id, href, etag, base FROM sync_card WHERE folder = :folder"
LINK = """
INSERT INTO sync_card (contact_id, folder, href, etag, base, synced_at)
VALUES (:contact_id, :folder, :href, :etag, :base, :synced_at)
"""
RELINK = """
UPDATE sync_card SET contact_id = :contact_id, etag = :etag, base = :base, synced_at = :synced_at
WHERE folder = :folder AND href = :href
"""
UNLINK = "DELETE FROM sync_card WHERE folder = :folder AND href = :href"

PEOPLE = f"""
SELECT id, handle, uid, {", ".join(SYNCED)}, archived_at, updated_at
FROM contact WHERE :all_people = 1 OR id = :id
"""
CHANNELS = """
SELECT contact_id, kind, value, label FROM channel
WHERE kind IN ('email', 'phone', 'url') AND (:all_people = 1 OR contact_id = :id) ORDER BY contact_id, id
"""
TAGS = "SELECT contact_id, name FROM tag WHERE :all_people = 1 OR contact_id = :id ORDER BY contact_id, name"
IDS = "SELECT id, handle FROM contact"

# `ref db check` and its repair (sync/health.py).
BASES = "SELECT id, folder, href, base FROM sync_card"
DOUBLE_LINKS = """
SELECT folder, contact_id, count(*) AS n FROM sync_card WHERE contact_id IS NOT NULL
GROUP BY folder, contact_id HAVING count(*) > 1 ORDER BY folder, contact_id
"""
DROP_LATER_LINKS = """
DELETE FROM sync_card WHERE folder = :folder AND contact_id = :contact
AND id > (SELECT min(id) FROM sync_card WHERE folder = :folder AND contact_id = :contact)
"""
FORGET_BASE = "UPDATE sync_card SET base = '{}', etag = '' WHERE id = :id"

# Who has any of these email addresses (by their lowercased key): `ref sync --merge-cards`
EMAIL_OWNERS = "SELECT DISTINCT contact_id FROM channel WHERE kind = 'email' AND value_key IN :keys"
