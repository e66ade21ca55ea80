"""The journal's tables: each write as it was run, and the rows it changed (`store/journal.py`).

Kept apart from `models.py` (the ledger's tables) and defined after them: triggers on every
other table file rows here."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, ForeignKey, Index, Integer
from sqlmodel import Field, SQLModel

from refcli.model_fields import timestamp as _ts


class Journal(SQLModel, table=True):
    """One write, as it was run: the journal entry `ref log` shows and `ref undo` reverses.

    Rows are filed under it by database triggers (`store/journal.py`) while it is open."""

    __tablename__ = "journal"

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = _ts()
    command: str  # the command line, as a JSON list of its arguments (a password masked)
    is_open: bool = False  # true only inside its own transaction: triggers record rows then
    undoes_id: int | None = Field(default=None, foreign_key="journal.id", index=True)


class JournalRow(SQLModel, table=True):
    """One row inserted, updated or deleted by a journal entry, with its values before and after."""

    __tablename__ = "journal_row"
    __table_args__ = (
        Index("ix_journal_row_entry", "entry_id", "id"),
        Index("ix_journal_row_key", "table_name", "row_key", "entry_id"),
        Index("ix_journal_row_contact", "contact_id", "entry_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    entry_id: int = Field(sa_column=Column(Integer, ForeignKey("journal.id", ondelete="CASCADE"), nullable=False))
    table_name: str
    op: str  # insert, update, delete
    row_key: str  # the row's primary key, as text
    contact_id: int | None = None  # the contact the row belongs to (no foreign key: it outlives them)
    before: str | None = None  # JSON object of the row's columns; None for an insert
    after: str | None = None  # None for a delete
