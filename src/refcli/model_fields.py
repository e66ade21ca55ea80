"""The column kinds every table of `models.py` is built from: UTC moments, and the two ways a
row can point at a contact (owned and deleted with them, or cleared when they go)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Column, DateTime, ForeignKey, Index, Integer
from sqlalchemy.types import TypeDecorator
from sqlmodel import Field

from refcli.dates import new_uid, stored_moment, utcnow

__all__ = ["new_uid", "utcnow"]  # the models' factories, kept with the other moments


class UTCDateTime(TypeDecorator[datetime]):
    """Timestamps stored as UTC; a naive datetime is a bug and is refused."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        return None if value is None else stored_moment(value)

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC)


def timestamp(nullable: bool = False) -> Any:
    if nullable:
        return Field(default=None, sa_type=UTCDateTime, nullable=True)
    return Field(default_factory=utcnow, sa_type=UTCDateTime, nullable=False)


def owner_fk() -> Any:
    """A child row's link to its contact: deleting the contact deletes the row."""
    return Field(sa_column=Column(Integer, ForeignKey("contact.id", ondelete="CASCADE"), nullable=False, index=True))


def cleared_fk(on_delete: str, *, on_merge: str = "move") -> Any:
    """A link to a contact that is cleared (not deleted) with them; `on_delete` says what that
    means to a person, in delete's confirmation (store/ownership.py). `on_merge`: "move" (the
    merged person's rows come to the one kept) or "clear" (they are cleared, as a delete does:
    what may exist once a person, such as their address-book card, is not doubled by a merge)."""
    return Field(
        default=None,
        sa_column=Column(
            Integer,
            ForeignKey("contact.id", ondelete="SET NULL"),
            nullable=True,
            index=True,
            info={"on_delete": on_delete, "on_merge": on_merge},
        ),
    )


def other_fk() -> Any:
    """A second link to a contact (the person someone knows): deleted with either side."""
    return Field(sa_column=Column(Integer, ForeignKey("contact.id", ondelete="CASCADE"), nullable=False, index=True))


def text_index(table: str, column: str) -> Index:
    """`ref suggest` finds a text's people by the text (migration 0017): a server gets a hash
    index, with no limit on a text's length (its ordered index refuses one over about 2.7 kB)."""
    return Index(f"ix_{table}_{column}", column, postgresql_using="hash")
