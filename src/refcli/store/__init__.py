"""Everything about where ref's data lives and how it changes, behind one face: the location
(`location`), the read path (`reader`), engines (`engine`), the schema lifecycle (`schema`), the
two doors `open_reader` and `write_session` (`session`), health checks (`health`), the change
journal, undo and log (`journal`, `undo`, `history`), and what a contact owns (`ownership`).

Importing this package is cheap: each module imports SQLAlchemy only where it needs it, so the
read path never pays for the ORM. Code outside `store/` uses the names below.
"""

from refcli.files import create_private_file
from refcli.store.engine import dispose_engines, engine_for
from refcli.store.health import check, schema_version
from refcli.store.location import Location, default_path, locate, mask_url
from refcli.store.reader import ConnectionReader, Reader, SqliteReader, session_reader, sqlite_connect
from refcli.store.schema import (
    KNOWN_REVISIONS,
    SCHEMA_HEAD,
    backup_sqlite,
    ensure_current,
    migrate,
    upgrade_connection,
)
from refcli.store.session import WRITE_LOCK, open_reader, write_session

__all__ = [
    "KNOWN_REVISIONS",
    "SCHEMA_HEAD",
    "WRITE_LOCK",
    "ConnectionReader",
    "Location",
    "Reader",
    "SqliteReader",
    "backup_sqlite",
    "check",
    "create_private_file",
    "default_path",
    "dispose_engines",
    "engine_for",
    "ensure_current",
    "locate",
    "mask_url",
    "migrate",
    "open_reader",
    "schema_version",
    "session_reader",
    "sqlite_connect",
    "upgrade_connection",
    "write_session",
]
