"""Everything about where ref's data lives and how it changes, behind one face: the location
(`location`), the read path (`reader`), engines (`engine`), the schema lifecycle (`schema`), the
two doors `open_reader` and `write_transaction` (`session`), health checks and repair (`health`), the
change journal, undo and log (`journal`, `undo`, `history`), what a contact owns (`ownership`),
and the full-text index the write path keeps (`search_index`).

Importing this package costs nothing: each name below loads its module on first use (PEP 562),
and no module imports SQLAlchemy until it needs it, so `ref --help` and the read path never pay
for what they do not use. Code outside `store/` uses the names below.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from refcli.files import create_private_file
    from refcli.store.engine import dispose_engines, engine_for
    from refcli.store.health import check, reindex, schema_version
    from refcli.store.location import Location, default_path, locate, mask_secrets, mask_url
    from refcli.store.reader import ConnectionReader, Reader, SqliteReader, sqlite_connect
    from refcli.store.schema import (
        KNOWN_REVISIONS,
        SCHEMA_HEAD,
        backup_sqlite,
        ensure_current,
        migrate,
        upgrade_connection,
    )
    from refcli.store.session import WRITE_LOCK, open_reader, write_transaction
    from refcli.store.writer import Writer

_HOMES = {
    "create_private_file": "refcli.files",
    "dispose_engines": "refcli.store.engine",
    "engine_for": "refcli.store.engine",
    "check": "refcli.store.health",
    "schema_version": "refcli.store.health",
    "reindex": "refcli.store.health",
    "Location": "refcli.store.location",
    "default_path": "refcli.store.location",
    "locate": "refcli.store.location",
    "mask_url": "refcli.store.location",
    "mask_secrets": "refcli.store.location",
    "ConnectionReader": "refcli.store.reader",
    "Reader": "refcli.store.reader",
    "SqliteReader": "refcli.store.reader",
    "sqlite_connect": "refcli.store.reader",
    "KNOWN_REVISIONS": "refcli.store.schema",
    "SCHEMA_HEAD": "refcli.store.schema",
    "backup_sqlite": "refcli.store.schema",
    "ensure_current": "refcli.store.schema",
    "migrate": "refcli.store.schema",
    "upgrade_connection": "refcli.store.schema",
    "WRITE_LOCK": "refcli.store.session",
    "open_reader": "refcli.store.session",
    "write_transaction": "refcli.store.session",
    "Writer": "refcli.store.writer",
}

__all__ = [
    "KNOWN_REVISIONS",
    "SCHEMA_HEAD",
    "WRITE_LOCK",
    "ConnectionReader",
    "Location",
    "Reader",
    "SqliteReader",
    "Writer",
    "backup_sqlite",
    "check",
    "create_private_file",
    "default_path",
    "dispose_engines",
    "engine_for",
    "ensure_current",
    "locate",
    "mask_secrets",
    "mask_url",
    "migrate",
    "open_reader",
    "reindex",
    "schema_version",
    "sqlite_connect",
    "upgrade_connection",
    "write_transaction",
]  # the same names as _HOMES


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'refcli.store' has no attribute {name!r}")
    value = getattr(importlib.import_module(home), name)
    globals()[name] = value  # the next lookup is a plain attribute
    return value
