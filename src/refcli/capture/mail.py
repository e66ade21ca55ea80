"""Mail as touches: the headers of a message (never its body) from a maildir, an mbox file or
an IMAP folder, read as an Item. Mailing lists and bulk mail never count."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from datetime import date
from email import utils
from email.header import decode_header, make_header
from email.parser import BytesHeaderParser
from email.policy import compat32
from pathlib import Path

from refcli.capture.items import Item, Skip

HEADERS = ("From", "To", "Cc", "Date", "Message-ID", "Subject", "List-Id", "List-Unsubscribe", "Precedence",
           "Auto-Submitted")  # fmt: skip
HEADER_LIMIT = 256 * 1024  # a message's headers are read up to this much; the body never
_PARSER = BytesHeaderParser(policy=compat32)


def bulk(headers: dict[str, str]) -> str | None:
    """Why a message is not personal mail (a list, a newsletter, an automatic reply), or None."""
    if headers.get("list-id") or headers.get("list-unsubscribe"):
        return "a mailing list or newsletter"
    if headers.get("precedence", "").strip().lower() in ("bulk", "list", "junk"):
        return "bulk mail"
    auto = headers.get("auto-submitted", "").strip().lower()
    if auto and auto != "no":
        return "sent automatically"
    return None


def _text(value: object) -> str:
    """A header as text: encoded words decoded, undecodable bytes replaced, never an error."""
    raw = str(value)
    try:
        return str(make_header(decode_header(raw)))
    except (UnicodeError, LookupError, ValueError, TypeError):
        return raw.encode("utf-8", "replace").decode("utf-8", "replace")


def item_of(raw: bytes, where: str, *, sent_folder: bool = False) -> Item | Skip:
    """The Item a message's header block is, or why it is skipped."""
    try:
        message = _PARSER.parsebytes(raw[:HEADER_LIMIT])
        headers = {name.lower(): _text(message[name]) for name in HEADERS if message[name] is not None}
    except Exception as exc:  # the parser on broken bytes: one message skipped, never the run
        return Skip(where, f"unreadable headers ({type(exc).__name__})")
    why = bulk(headers)
    if why:
        return Skip(where, why)
    day = _day(headers.get("date"))
    if day is None:
        return Skip(where, "no readable Date header")
    senders = utils.getaddresses([headers.get("from", "")])
    crowd = utils.getaddresses([headers.get("to", ""), headers.get("cc", "")])
    named = [(n, a.strip()) for n, a in senders + crowd if "@" in a]
    if not named:
        return Skip(where, "no addresses")
    sender = next((a.strip() for _, a in senders if "@" in a), None)
    return Item(
        key=_key(headers),
        day=day,
        via="email",
        source="mail",
        emails=tuple(dict.fromkeys(a for _, a in named)),
        sender=sender,
        subject=headers.get("subject") or None,
        crowd=sum(1 for _, a in crowd if "@" in a),
        names={a.lower(): n for n, a in named if n},
        sent_folder=sent_folder,
    )


def _day(value: str | None) -> date | None:
    if not value:
        return None
    try:
        moment = utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    return moment.date() if moment is not None else None


def _key(headers: dict[str, str]) -> str:
    """A message for good: its Message-ID, or a hash of the headers that name it when it has none."""
    found = headers.get("message-id", "").strip().strip("<>").strip()
    if found:
        return "mid:" + found[:300]
    seen = "\x1f".join(headers.get(h, "") for h in ("from", "to", "cc", "date", "subject"))
    return "hdr:" + hashlib.sha256(seen.encode("utf-8", "replace")).hexdigest()[:32]


# --- reading a maildir and an mbox ------------------------------------------------------------


def is_maildir(path: Path) -> bool:
    return path.is_dir() and any((path / sub).is_dir() for sub in ("cur", "new"))


def maildirs(root: Path) -> list[Path]:
    """The maildir at `root` and every one below it (mbsync and offlineimap keep a tree)."""
    found = []
    for folder, subfolders, _ in os.walk(root):
        here = Path(folder)
        if is_maildir(here):
            found.append(here)
        subfolders[:] = sorted(s for s in subfolders if s not in ("cur", "new", "tmp"))
    return found


def is_sent(folder: Path, root: Path) -> bool:
    """A Sent folder (`Sent`, `.Sent`, `Sent Items`, `[Gmail].Sent Mail`): you sent what it holds."""
    name = folder.relative_to(root).as_posix().lower() if folder != root else folder.name.lower()
    return "sent" in name.replace("\\", "/").split("/")[-1]


def read_head(path: Path) -> bytes | None:
    """A message file's header block (up to the first blank line), or None if it vanished."""
    try:
        with open(path, "rb") as f:
            data = f.read(HEADER_LIMIT)
    except (FileNotFoundError, IsADirectoryError, PermissionError):
        return None
    for end in (b"\r\n\r\n", b"\n\n"):
        at = data.find(end)
        if at >= 0:
            return data[: at + len(end)]
    return data


def maildir_items(root: Path) -> Iterator[Item | Skip]:
    for folder in maildirs(root):
        sent = is_sent(folder, root)
        for sub in ("cur", "new"):
            try:
                names = sorted(os.listdir(folder / sub))
            except OSError:
                continue
            for name in names:
                where = f"{folder / sub / name}"
                head = read_head(folder / sub / name)
                yield Skip(where, "vanished while read") if head is None else item_of(head, where, sent_folder=sent)


def is_mbox(data: bytes) -> bool:
    return data.startswith(b"From ")


def mbox_items(path: Path) -> Iterator[Item | Skip]:
    """Each message of an mbox file by its headers: a message starts at a `From ` line at the
    top of the file or after a blank line (a body's own `From ` lines are not at such a place
    in a well-formed file, and a truncated file yields what it holds)."""
    sent = "sent" in path.name.lower()
    head: list[bytes] = []
    number = 0
    in_head = False
    after_blank = True
    with open(path, "rb") as f:
        for line in f:
            if line.startswith(b"From ") and after_blank and not in_head:
                if head:
                    yield item_of(b"".join(head), f"{path} message {number}", sent_folder=sent)
                head, number, in_head = [], number + 1, True
                continue
            blank = line in (b"\n", b"\r\n")
            if in_head:
                if blank:
                    in_head = False
                else:
                    head.append(line)
            after_blank = blank
    if head:
        yield item_of(b"".join(head), f"{path} message {number}", sent_folder=sent)
