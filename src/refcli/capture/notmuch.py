"""A notmuch database as a capture source, through notmuch's own Python bindings (`notmuch2`,
the optional extra `refcli[notmuch]`): `ref capture notmuch:` (the database notmuch's config
names), `notmuch:/path/to/mail`, or either with a query (`notmuch:?query=date:2026..`).

notmuch finds the messages (its query, and its excluded tags: spam and deleted mail, as
`search.exclude_tags` in its config says); each message's header block is read from its file
and counted by the same rules as a maildir's (capture/mail.py). A message tagged `sent`, or in
a Sent folder, is one you sent. Nothing is written to the database: it is opened read-only.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from refcli.capture import mail
from refcli.capture.items import Item, Skip
from refcli.errors import InvalidInput

PREFIX = "notmuch:"


@dataclass(frozen=True)
class Database:
    path: Path | None  # None: the one notmuch's config names
    query: str

    def label(self) -> str:
        where = str(self.path) if self.path else "notmuch's database"
        return f"{where} (notmuch{': ' + self.query if self.query != '*' else ''})"


def parse(text: str) -> Database:
    """`notmuch:`, `notmuch:PATH`, `notmuch://PATH`, each with `?query=...`."""
    parts = urlsplit(text)
    raw_path = unquote(parts.netloc + parts.path) if parts.netloc else unquote(parts.path)
    query = parse_qs(parts.query).get("query", ["*"])[0].strip() or "*"
    path = Path(raw_path).expanduser() if raw_path else None
    if path is not None and not path.exists():
        raise InvalidInput(f"{path}: no such folder", "give notmuch: (the database in notmuch's config) or its folder")
    return Database(path, query)


def _bindings() -> Any:
    try:
        import notmuch2
    except ImportError:
        raise InvalidInput(
            "reading a notmuch database needs notmuch's Python bindings",
            "pip install 'refcli[notmuch]' (with libnotmuch installed), or give the mail folder itself",
        ) from None
    return notmuch2


def _open(db: Database) -> Any:
    """The database, read-only, with notmuch's config when there is one (its excluded tags);
    a database given by its folder opens without one too."""
    notmuch2 = _bindings()
    where = str(db.path) if db.path else None
    read_only = notmuch2.Database.MODE.READ_ONLY
    try:
        try:
            return notmuch2.Database(where, mode=read_only)
        except notmuch2.NoConfigError:
            if where is None:
                raise
            return notmuch2.Database(where, mode=read_only, config=notmuch2.Database.CONFIG.EMPTY)
    except notmuch2.NotmuchError as exc:
        raise InvalidInput(f"cannot open the notmuch database ({exc})", "run `notmuch new` there first") from None


EXCLUDED = ("deleted", "spam")  # notmuch's own default `search.exclude_tags`


def _excluded(handle: Any) -> list[str]:
    configured = dict(handle.config).get("search.exclude_tags")
    return [t for t in configured.split(";") if t] if configured is not None else list(EXCLUDED)


def revision(db: Database) -> str:
    """What changes when the database does (its revision and uuid): the print for `capture_seen`."""
    with _open(db) as handle:
        found = handle.revision()
        return f"{found.uuid}:{found.rev}:{db.query}"


def items(db: Database, since: date | None = None) -> Iterator[Item | Skip]:
    """Each message the query finds, newest first, by its headers (since `since`: notmuch's own
    date search, so an incremental capture reads only new mail)."""
    query = db.query if since is None else f"({db.query}) and date:{since.isoformat()}.."
    with _open(db) as handle:
        root = Path(str(handle.path))
        try:  # each message used while its query lives (notmuch frees them with it)
            found = handle.messages(query, exclude_tags=_excluded(handle))
        except _bindings().NotmuchError as exc:
            raise InvalidInput(f"notmuch refused the query {db.query!r} ({exc})", "man notmuch-search-terms") from None
        for message in found:
            path = Path(str(message.path))
            tags = set(message.tags)
            head = mail.read_head(path)
            if head is None:
                yield Skip(str(path), "vanished while read")
                continue
            sent = "sent" in tags or (path.is_relative_to(root) and mail.is_sent(path.parent.parent, root))
            yield mail.item_of(head, str(path), sent_folder=sent)
