"""Whether a source changed since it was last captured, so that capturing again reads nothing
when nothing is new (issue 31: a second run over an unchanged 20,000-message maildir costs about
what a view does, not a re-read of every message).

A source's print is a hash of what it holds, taken without reading a message: a maildir's
message names (without the flags a mail reader changes), an mbox's or a phone log's size and
time, each calendar file's name, size and time (and today's date: an event ahead becomes one
past), an IMAP folder's UIDVALIDITY, UIDNEXT and count (asked of the server, nothing fetched),
a notmuch database's revision.
With it go the options that change what counts (`--since`, `--keep-subjects`) and the last
journal entry that changed anyone's addresses, numbers or your settings: a contact added after a
capture makes the next one read everything again, so their earlier mail counts. A source whose
print, options and people are all as the last capture left them is not read. The prints are
kept in `capture_seen`, written in the capture's own journal entry: `ref undo` forgets them too."""

from __future__ import annotations

import hashlib
import os
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from refcli.capture.sources import Source
    from refcli.store import Reader
    from refcli.store.writer import Writer

# The journal entry that last changed what matching reads: addresses, numbers, people, settings.
PEOPLE_CHANGED = """SELECT coalesce(max(entry_id), 0) FROM journal_row
WHERE table_name IN ('channel', 'contact', 'setting')"""
STORED = "SELECT print FROM capture_seen WHERE source = :source"


def source_print(source: Source, today: date, options: str) -> str | None:
    """The print of what a source holds now."""
    from refcli.capture import calendar, mail

    digest = hashlib.sha256(f"{source.kind}\n{options}\n".encode())
    if source.kind == "imap":
        from refcli.capture import imap

        digest.update(imap.status_print(source.account).encode("utf-8", "surrogateescape"))
    elif source.kind == "notmuch":
        from refcli.capture import notmuch

        digest.update(notmuch.revision(source.account).encode("utf-8", "surrogateescape"))
    elif source.kind == "maildir":
        for folder in mail.maildirs(source.path):
            for sub in ("cur", "new"):
                try:
                    names = sorted(name.split(":", 1)[0] for name in os.listdir(folder / sub))
                except OSError:
                    continue
                digest.update(f"{folder}/{sub}\n".encode() + "\n".join(names).encode("utf-8", "surrogateescape"))
    elif source.kind == "calendar":
        digest.update(today.isoformat().encode())
        for path in calendar.ics_files(source.path):
            digest.update(_stat(path))
    else:
        digest.update(_stat(source.path))
    return digest.hexdigest()


def _stat(path: Path) -> bytes:
    try:
        st = path.stat()
    except OSError:
        return f"{path}: gone\n".encode()
    return f"{path}\t{st.st_size}\t{st.st_mtime_ns}\n".encode("utf-8", "surrogateescape")


def full_print(reader: Reader, printed: str | None) -> str | None:
    """The source's print with the people's: what must be unchanged for a capture to skip it."""
    if printed is None:
        return None
    return f"{printed}:{int(reader.scalar(PEOPLE_CHANGED) or 0)}"


def unchanged(reader: Reader, label: str, printed: str | None) -> bool:
    return printed is not None and reader.scalar(STORED, {"source": label}) == printed


def remember(writer: Writer, label: str, printed: str | None, read: int) -> None:
    """Keep a source's print after capturing it (in the capture's transaction and journal entry)."""
    if printed is None:
        return
    from refcli import dates

    row = {"print": printed, "items": read, "captured_at": dates.utcnow()}
    if writer.update("capture_seen", label, row, key="source") == 0:
        writer.insert_keyed("capture_seen", {"source": label, **row})
