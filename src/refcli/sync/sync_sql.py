"""The SQL of `ref sync`."""

LINKED = "SELECT id, contact_id, href, etag, base FROM sync_card WHERE folder = :folder"

PEOPLE = """
SELECT id, handle, uid, name, company, title, birthday, anniversary, archived_at, updated_at
FROM contact WHERE :all_people = 1 OR id = :id
"""
CHANNELS = """
SELECT contact_id, kind, value FROM channel
WHERE kind IN ('email', 'phone', 'url') AND (:all_people = 1 OR contact_id = :id) ORDER BY contact_id, id
"""
TAGS = "SELECT contact_id, name FROM tag WHERE :all_people = 1 OR contact_id = :id ORDER BY contact_id, name"
IDS = "SELECT id, handle FROM contact"
