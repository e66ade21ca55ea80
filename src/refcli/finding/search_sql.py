"""The query behind `ref search`. Full-text matching is the one place SQL cannot be portable:
SQLite's FTS5 (`MATCH`, `bm25`, lower is better) and PostgreSQL's tsvector (`@@`, `ts_rank`,
higher is better) each get their expression; the shape of the query is shared.

A person is found when every term matches something written about them (not necessarily in the
same record); the records shown are those matching any term, best first. `coalesce(contact_id, 0)`
groups what belongs to no one (a reminder without a person)."""


def _match(dialect: str, param: str) -> str:
    if dialect == "postgresql":
        return f"doc @@ to_tsquery('simple', :{param})"
    return f"search_index MATCH :{param}"


def _score(dialect: str) -> str:
    if dialect == "postgresql":
        return "ts_rank(doc, to_tsquery('simple', :any), 1)"  # 1: longer records weigh less, as bm25
    return "-bm25(search_index)"


def search(dialect: str, terms: int) -> str:
    """Hits for `:any` (any term) among people matching each of `:t0`..`:tN`, best people first,
    at most `:people` of them; `:people + 1` tells the caller whether more were left out."""
    each = "".join(
        f"\n    AND coalesce(contact_id, 0) IN (SELECT coalesce(contact_id, 0) FROM search_index "
        f"WHERE {_match(dialect, f't{n}')})"
        for n in range(terms)
    )
    return f"""
WITH hits AS (
    SELECT coalesce(contact_id, 0) AS who, source, row_id, day, shown, {_score(dialect)} AS score
    FROM search_index
    WHERE {_match(dialect, "any")}{each}
),
people AS (
    SELECT who, max(score) AS best FROM hits GROUP BY who ORDER BY best DESC, who LIMIT :people
)
SELECT h.who, c.handle, c.name, c.archived_at, h.source, h.row_id, h.day, h.shown, h.score, p.best
FROM hits h
JOIN people p ON p.who = h.who
LEFT JOIN contact c ON c.id = h.who
ORDER BY p.best DESC, h.who, h.score DESC, h.source, h.row_id
"""
