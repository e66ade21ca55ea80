"""A vdir: a folder with one vCard per `.vcf` file. Read whole, written one file at a time,
atomically (a temporary name, then a rename), so vdirsyncer never reads half a card."""

from __future__ import annotations

import contextlib
import hashlib
import os
import secrets
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
        if _undecodable(name):
            shown = name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
            left.append((shown, "a file name that is not UTF-8: rename it (`convmv -f latin1 -t utf8`) to sync it"))
        elif any(ord(c) < 32 or 127 <= ord(c) < 160 for c in name):
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


def _undecodable(name: str) -> bool:
    """A name whose bytes are not UTF-8 (Python hands them on as lone surrogates)."""
    return not name.isascii() and any("\udc80" <= c <= "\udcff" for c in name)


def _plain_name(href: str) -> str:
    """`href` if it names a file in the folder itself (no separator, not `.` or `..`): what ref
    writes or removes never lands outside the folder, whatever a card or a link says."""
    if not href or href in (".", "..") or "/" in href or "\0" in href or os.sep in href:
        raise StorageError(f"refusing to write the card file {href!r}: not a plain file name in the folder")
    return href


def current_etag(folder: Path, href: str) -> str | None:
    """The etag of a card as it is now, None if there is no such file (a link planted in its
    place is not followed: it reads as a change, so the card is left for the next sync)."""
    try:
        fd = os.open(folder / _plain_name(href), os.O_RDONLY | os.O_NOFOLLOW)
    except FileNotFoundError:
        return None
    except OSError:
        return "not a card file"
    with os.fdopen(fd, "rb") as f:
        return etag(f.read())


def write(folder: Path, href: str, data: bytes) -> None:
    """Write one card atomically and privately (0600). The temporary file is new (O_EXCL, a
    random name) and never a link (O_NOFOLLOW), and both it and the rename are relative to the
    folder itself: a link planted in the folder is never followed for writing."""
    target = _plain_name(href)
    temp = f".{target}.{secrets.token_hex(6)}{TEMP_SUFFIX}"
    try:
        folder_fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    except OSError as exc:
        raise StorageError(f"cannot write in {folder}: {exc.strerror}") from None
    try:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600, dir_fd=folder_fd)
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, target, src_dir_fd=folder_fd, dst_dir_fd=folder_fd)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(temp, dir_fd=folder_fd)
        raise StorageError(f"cannot write {folder / target}: {exc.strerror}") from None
    finally:
        os.close(folder_fd)


def remove(folder: Path, href: str) -> None:
    with contextlib.suppress(FileNotFoundError):
        (folder / _plain_name(href)).unlink()  # unlink removes a link, never what it points at


STEM_MAX = 64  # characters of a UID a file name keeps; a longer or stranger UID gets a hash


def new_href(uid: str, taken: set[str]) -> str:
    """A file name for a new card, from its UID (as vdirsyncer names them): its ASCII letters,
    digits, `-` and `_`; a UID with other letters, or longer than STEM_MAX, is shortened and
    given a stable hash of itself, so no name is over the 255 bytes a file system allows."""
    bare = uid.removeprefix("urn:uuid:")
    stem = "".join(c for c in bare if (c.isascii() and c.isalnum()) or c in "-_")
    if not stem or not bare.isascii() or len(stem) > STEM_MAX:
        stem = f"{stem[:40] or 'card'}-{hashlib.sha256(uid.encode('utf-8', 'surrogatepass')).hexdigest()[:12]}"
    href, n = f"{stem}{SUFFIX}", 1
    while href in taken:
        n += 1
        href = f"{stem}-{n}{SUFFIX}"
    return href
