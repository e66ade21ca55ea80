"""Which kind of source each argument of `ref capture` is (detected, as `ref import` detects a
file's format), checked before anything is read, and the items each one yields."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from refcli.capture import calendar, mail, phone
from refcli.capture.items import Item, Skip
from refcli.errors import InvalidInput

KINDS = ("maildir", "mbox", "calendar", "phone", "imap", "notmuch")
_WHAT = "give a maildir, an mbox, notmuch:, an .ics file or folder, or an SMS Backup & Restore calls.xml / sms.xml"


@dataclass(frozen=True)
class Source:
    kind: str  # one of KINDS
    path: Path
    account: Any = None  # an imap.Account for an IMAP source, a notmuch.Database for notmuch

    def label(self) -> str:
        if self.kind == "notmuch":
            return str(self.account.label())
        if self.account is not None:
            return f"{self.account.label()} (imap)"
        return f"{self.path} ({self.kind})"

    def key(self) -> str:
        """The source wherever it is named from (`capture_seen`): its kind and resolved path."""
        if self.kind == "notmuch":
            where = self.account.path.resolve() if self.account.path else "config"
            return f"notmuch:{where}?{self.account.query}"
        return f"{self.kind}:{self.path.resolve()}"


def detect(text: str) -> Source:
    """The source `text` names, or a clear error naming what was wrong."""
    if text.startswith(("imap://", "imaps://")):
        from refcli.capture import imap

        return Source("imap", Path("."), imap.parse(text))
    if text.startswith("notmuch:"):
        from refcli.capture import notmuch

        database = notmuch.parse(text)
        return Source("notmuch", database.path or Path("."), database)
    path = Path(text).expanduser()
    if not path.exists():
        raise InvalidInput(
            f"{path}: no such file or folder", "give a maildir, an mbox, an .ics file or folder, or calls.xml"
        )
    if path.is_dir():
        if mail.maildirs(path):
            return Source("maildir", path)
        if calendar.ics_files(path):
            return Source("calendar", path)
        raise InvalidInput(f"{path}: no maildir (cur/new folders) or .ics files in this folder", _WHAT)
    try:
        with open(path, "rb") as f:
            head = f.read(4096)
    except OSError as exc:
        raise InvalidInput(f"{path}: cannot read it ({exc.strerror})", _WHAT) from None
    if mail.is_mbox(head):
        return Source("mbox", path)
    if calendar.is_calendar(head):
        return Source("calendar", path)
    if phone.is_phone_log(head):
        return Source("phone", path)
    raise InvalidInput(f"{path}: not a mail, calendar or phone-log file ref knows", _WHAT)


def items(source: Source, low: date, high: date, since: date | None = None) -> Iterator[Item | Skip]:
    """What one source holds: every message (an IMAP folder's since `since`), event occurrence
    (between low and high) or call."""
    if source.kind == "imap":
        from refcli.capture import imap

        yield from imap.items(source.account, since)
    elif source.kind == "notmuch":
        from refcli.capture import notmuch

        yield from notmuch.items(source.account, since)
    elif source.kind == "maildir":
        yield from mail.maildir_items(source.path)
    elif source.kind == "mbox":
        yield from mail.mbox_items(source.path)
    elif source.kind == "calendar":
        yield from calendar.items(source.path, low, high)
    else:
        yield from phone.items(source.path)
