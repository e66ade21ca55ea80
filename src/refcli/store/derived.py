"""The tables ref derives from the others: the search index (`search_index.py`) and the per-person
summaries (`summaries.py`). Both are kept by the write path in the same transaction as the change
(`refresh`, from its journal entry), rebuilt whole where no journal says what changed (a restore,
`ref db reindex`, every upgrade), compared with a computation from scratch by `ref db check`, and
never journaled, backed up, exported or filled by hand."""

from __future__ import annotations

from typing import TYPE_CHECKING

from refcli.store import search_index, summaries

if TYPE_CHECKING:
    from refcli.store.writer import Writer


def is_derived(table: str) -> bool:
    return search_index.is_index_table(table) or table in summaries.TABLES


def refresh(conn: Writer, entry: int) -> None:
    search_index.refresh(conn, entry)
    summaries.refresh(conn, entry)


def rebuild(conn: Writer) -> None:
    search_index.rebuild(conn)
    summaries.rebuild(conn)


def out_of_step(conn: Writer) -> list[str]:
    return search_index.out_of_step(conn) + summaries.out_of_step(conn)
