"""A vdir: a folder with one vCard per `.vcf` file. Read whole, written one file at a time,
atomically (a temporary name, then a rename), so vdirsyncer never reads half a card."""

from __future__ import annotations

import contextlib
import hashlib
import os
import stat
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


MAX_CARD_BYTES = 10 * 1024 * 1024  # a card bigger than this is not read (photos are set aside anyway)
TEMP_SUFFIX = ".ref-tmp"  # `.NAME.vcf.ref-tmp`: never read as a card; one left by a crash is removed


def _card_name(name: str) -> bool:
    """A name a card is kept under (`NAME.vcf`, not hidden)."""
    return os.path.splitext(name)[1].lower() == SUFFIX and not name.startswith(".")


def count(folder: Path) -> int:
    """How many cards the folder seems to hold (by their names alone: nothing is read)."""
    return sum(1 for name in os.listdir(folder) if _card_name(name))


def read(folder: Path) -> tuple[dict[str, CardFile], list[tuple[str, str]]]:
    """Every card of the folder by file name, and the files left alone with why (a link, a
    name with control characters, a file too big or not a vCard): reported, never fatal."""
    cards: dict[str, CardFile] = {}
    left: list[tuple[str, str]] = []
    with os.scandir(folder) as found:  # one stat a file (Path's is_symlink, is_file, stat: four)
        entries = sorted(found, key=lambda e: e.name)
    for entry in entries:
        name = entry.name
        if name.startswith(".") and name.endswith(TEMP_SUFFIX):
            with contextlib.suppress(OSError):
                os.unlink(entry.path)  # half a card from a sync that was killed: the sync holds the lock
            continue
        if not _card_name(name):
            continue
        info = entry.stat(follow_symlinks=False)
        if any(ord(c) < 32 or 127 <= ord(c) < 160 for c in name):
            left.append((name, "a file name with control characters: rename it to sync it"))
        elif stat.S_ISLNK(info.st_mode):
            left.append((name, "a link, not a card: ref reads and writes only files in the folder"))
        elif not stat.S_ISREG(info.st_mode):
            left.append((name, "not a file"))
        elif info.st_size > MAX_CARD_BYTES:
            left.append((name, f"larger than {MAX_CARD_BYTES // 2**20} MB: not read"))
        else:
            with open(entry.path, "rb") as f:
                data = f.read()
            if b"BEGIN:VCARD" not in data[:4096].upper():
                left.append((name, "not a vCard"))
                continue
            cards[name] = CardFile(name, data, etag(data), info.st_mtime)
    return cards, left


def current_etag(folder: Path, href: str) -> str | None:
    """The etag of a card as it is now, None if there is no such file."""
    try:
        return etag((folder / href).read_bytes())
    except FileNotFoundError:
        return None


def write(folder: Path, href: str, data: bytes) -> None:
    """Write one card atomically and privately (0600)."""
    target = folder / href
    temp = folder / f".{href}{TEMP_SUFFIX}"
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
