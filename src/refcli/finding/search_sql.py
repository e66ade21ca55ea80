"""The queries behind `ref search`. Full-text matching is the one place SQL cannot be portable:
SQLite's FTS5 (`MATCH`, `bm25` where lower is better, `ORDER BY rank` served by the index) and
PostgreSQL's tsvector (`@@`, `ts_rank` where higher is better) each get their expressions; the
shape of the queries is shared.

A person is found when every term matches something written about them (not necessarily in the
same record); the records shown are those matching any term. `coalesce(contact_id, 0)` groups
what belongs to no one (a reminder without a person). The best records come first from the
index (`best`), a window at a time: when the window holds every match, it is the answer; when
it was cut, it picks the people and `of_people` reads all their matching records; `people`
counts everyone found, for "N more", when the window cannot tell."""


def _match(dialect: str, param: str) -> str:
    if dialect == "postgresql":
        return f"doc @@ to_tsquery('simple', :{param})"
    return f"search_index MATCH :{param}"


def _score(dialect: str) -> str:
    if dialect == "postgresql":
        return "ts_rank(doc, to_tsquery('simple', :any), 1)"  # 1: longer records weigh less, as bm25
    return "-bm25(search_index)"


def _where(dialect: str, terms: int) -> str:
    """Any term matches the record; each term (when there are several) matches the person."""
    each = "".join(
        f"\n  AND coalesce(contact_id, 0) IN (SELECT coalesce(contact_id, 0) FROM search_index "
        f"WHERE {_match(dialect, f't{n}')})"
        for n in range(terms if terms > 1 else 0)
    )
    return f"WHERE {_match(dialect, 'any')}{each}"


def _hits(dialect: str, terms: int, inner: str = "", outer: str = "") -> str:
    """Matching records with who they are about; `inner` narrows the index's side (order, limit),
    `outer` the people's."""
    return f"""
SELECT h.who, c.handle, c.name, c.archived_at, h.source, h.row_id, h.day, h.shown, h.score
FROM (
    SELECT coalesce(contact_id, 0) AS who, source, row_id, day, shown, {_score(dialect)} AS score
    FROM search_index
    {_where(dialect, terms)}
    {inner}
) h
LEFT JOIN contact c ON c.id = h.who
{outer}
ORDER BY h.score DESC, h.source, h.row_id
"""


def best(dialect: str, terms: int) -> str:
    """The `:window` best records, best first."""
    order = "score DESC" if dialect == "postgresql" else "rank"
    return _hits(dialect, terms, inner=f"ORDER BY {order} LIMIT :window")


def of_people(dialect: str, terms: int, people: int) -> str:
    """Every matching record of the people `:p0`..`:pN`, with who they are."""
    chosen = ", ".join(f":p{n}" for n in range(people))
    return _hits(dialect, terms, outer=f"WHERE h.who IN ({chosen})")


def people(dialect: str, terms: int) -> str:
    """How many people (and no one) the query finds."""
    return f"SELECT count(DISTINCT coalesce(contact_id, 0)) AS n FROM search_index {_where(dialect, terms)}"
