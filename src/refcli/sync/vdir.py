"""A vdir: a folder with one vCard per `.vcf` file. Read whole, written one file at a time,
atomically (a temporary name, then a rename), so vdirsyncer never reads half a card."""

from __future__ import annotations

import contextlib
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from refcli.errors import InvalidInput, StorageError

SUFFIX = ".vcf"


@dataclass(frozen=True)
class CardFile:
    href: str  # the file name
    data: bytes
    etag: str  # sha256 of the bytes
    mtime: float


def etag(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def check(folder: Path) -> Path:
    """The folder, or a clear error before anything is read or written."""
    if not folder.exists():
        raise StorageError(f"no folder {folder}", "create it, or point vdirsyncer at it first (see the guide)")
    if not folder.is_dir():
        raise InvalidInput(f"{folder} is not a folder", "ref sync takes the folder of one address book (a vdir)")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise StorageError(f"cannot write in {folder}", "ref sync writes cards there: check its permissions")
    return folder.resolve()


def read(folder: Path) -> dict[str, CardFile]:
    """Every card of the folder by file name; a `.vcf` file that is not a vCard is an error."""
    cards = {}
    for path in sorted(folder.iterdir()):
        if path.suffix.lower() != SUFFIX or path.name.startswith(".") or not path.is_file():
            continue
        data = path.read_bytes()
        if b"BEGIN:VCARD" not in data[:4096].upper():
            raise InvalidInput(f"{path} is not a vCard", "move it out of the address-book folder, then sync again")
        cards[path.name] = CardFile(path.name, data, etag(data), path.stat().st_mtime)
    return cards


def write(folder: Path, href: str, data: bytes) -> None:
    """Write one card atomically and privately (0600)."""
    target = folder / href
    temp = folder / f".{href}.ref-tmp"
    try:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, target)
    except OSError as exc:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise StorageError(f"cannot write {target}: {exc.strerror}") from None


def remove(folder: Path, href: str) -> None:
    with contextlib.suppress(FileNotFoundError):
        (folder / href).unlink()


def new_href(uid: str, taken: set[str]) -> str:
    """A file name for a new card, from its UID (as vdirsyncer names them)."""
    stem = "".join(c for c in uid.removeprefix("urn:uuid:") if c.isalnum() or c in "-_") or "card"
    href, n = f"{stem}{SUFFIX}", 1
    while href in taken:
        n += 1
        href = f"{stem}-{n}{SUFFIX}"
    return href
