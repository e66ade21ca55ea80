"""Queries behind `ref contacts`, `ref show` and name resolution."""

from refcli.contact_fields import columns

RESOLVE = r"""
SELECT id, handle, name, name_fold, archived_at
FROM contact
WHERE handle = :exact OR name_fold = :exact
   OR handle LIKE :prefix ESCAPE '\' OR name_fold LIKE :prefix ESCAPE '\'
   OR name_fold LIKE :word ESCAPE '\'
ORDER BY name_fold, handle
LIMIT 200
"""

# A handle or a whole name, over their indexes: when it finds anyone, the looser matches below
# cannot win (an exact match always outranks a prefix), so most names never scan the network.
RESOLVE_EXACT = (
    "SELECT id, handle, name, name_fold, archived_at FROM contact WHERE handle = :exact OR name_fold = :exact"
)

ALL_NAMES = "SELECT handle, name, name_fold FROM contact"

HANDLES_LIKE = r"SELECT handle FROM contact WHERE handle = :base OR handle LIKE :pattern ESCAPE '\'"

SAME_NAME = "SELECT id, handle, name FROM contact WHERE name_key = :key AND id <> :exclude"


def list_filter(*, query: bool, tag: bool, digits: bool, archived: bool) -> str:
    """The id filter shared by the list and its batched detail queries.

    Only the clauses in use are included (no `:param IS NULL` tricks, which
    PostgreSQL cannot type). Search text is matched literally: the caller
    escapes LIKE wildcards in `:q`.
    """
    where = ["c.archived_at IS NOT NULL" if archived else "c.archived_at IS NULL"]
    if tag:
        where.append("EXISTS (SELECT 1 FROM tag t WHERE t.contact_id = c.id AND t.name = :tag)")
    if query:
        phone = " OR (ch.kind = 'phone' AND ch.value_key LIKE :digits)" if digits else ""
        where.append(
            f"""(c.search_fold LIKE :q ESCAPE '\\'
       OR EXISTS (SELECT 1 FROM offering o WHERE o.contact_id = c.id AND o.text_key LIKE :q ESCAPE '\\')
       OR EXISTS (SELECT 1 FROM tag t2 WHERE t2.contact_id = c.id AND t2.name LIKE :q ESCAPE '\\')
       OR EXISTS (SELECT 1 FROM channel ch WHERE ch.contact_id = c.id
                  AND (ch.value_key LIKE :q ESCAPE '\\'{phone})))"""
        )
    return (
        "SELECT c.id FROM contact c WHERE " + "\n  AND ".join(where) + "\nORDER BY c.name_fold, c.handle LIMIT :limit"
    )


_DEALBREAKER = "EXISTS (SELECT 1 FROM trait t WHERE t.contact_id = c.id AND t.kind = 'dealbreaker') AS dealbreaker"

LIST = (
    """
SELECT c.id, """
    + columns("c.")
    + """, c.archived_at, c.created_at, v.handle AS introduced_by, """
    + _DEALBREAKER
    + """
FROM contact c LEFT JOIN contact v ON v.id = c.introduced_by_id
WHERE c.id IN ({filter})
ORDER BY c.name_fold, c.handle
"""
)

LIST_CHANNELS = """
SELECT contact_id, kind, label, value FROM channel
WHERE contact_id IN ({filter}) ORDER BY contact_id, id
"""

LIST_OFFERINGS = "SELECT contact_id, text FROM offering WHERE contact_id IN ({filter}) ORDER BY contact_id, id"

LIST_TAGS = "SELECT contact_id, name FROM tag WHERE contact_id IN ({filter}) ORDER BY contact_id, name"

ONE = (
    """
SELECT c.id, """
    + columns("c.")
    + """, c.archived_at, c.created_at, v.handle AS introduced_by, v.name AS introduced_by_name,
       """
    + _DEALBREAKER
    + """
FROM contact c LEFT JOIN contact v ON v.id = c.introduced_by_id
WHERE c.id = :id
"""
)

CHANNELS = "SELECT contact_id, kind, label, value FROM channel WHERE contact_id = :id ORDER BY id"
OFFERINGS = "SELECT contact_id, text FROM offering WHERE contact_id = :id ORDER BY id"
TAGS = "SELECT contact_id, name FROM tag WHERE contact_id = :id ORDER BY name"
NOTES = """
SELECT id, noted_on, text FROM note WHERE contact_id = :id
ORDER BY noted_on DESC, id DESC LIMIT :limit
"""
NOTE_COUNT = "SELECT count(*) FROM note WHERE contact_id = :id"
INTRODUCED = """
SELECT handle, name FROM contact WHERE introduced_by_id = :id ORDER BY name_fold LIMIT 50
"""

TIMELINE = """
SELECT day AS on_day, 'one-on-one' AS kind, learned AS text1, notes AS text2, place AS text3, id
FROM meeting WHERE contact_id = :id AND status = 'held'
UNION ALL
SELECT noted_on, 'note', text, NULL, NULL, id FROM note WHERE contact_id = :id
UNION ALL
SELECT day, 'touch by ' || via, note, NULL, NULL, id FROM touch WHERE contact_id = :id
ORDER BY 1 DESC, 6 DESC
LIMIT :limit
"""


SHARED_CHANNELS = """
SELECT a.kind, a.value FROM channel a JOIN channel b ON b.kind = a.kind AND b.value_key = a.value_key
WHERE a.contact_id = :a AND b.contact_id = :b AND a.kind IN ('email', 'phone') ORDER BY a.id
"""

CHANNEL_OWNER = """
SELECT c.handle, c.name FROM channel ch JOIN contact c ON c.id = ch.contact_id
WHERE ch.kind = :kind AND ch.value_key = :key ORDER BY c.id LIMIT 1
"""
SAME_FOLDED_NAME = "SELECT handle, name, name_key FROM contact WHERE name_fold = :fold ORDER BY id LIMIT 1"

ALL_NOTES = "SELECT contact_id, text FROM note ORDER BY contact_id, noted_on, id"
