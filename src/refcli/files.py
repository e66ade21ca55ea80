"""Files ref creates for you (introduction messages, exports, backups): private (0600),
written to a temporary name and renamed into place, never overwriting without force."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable
from pathlib import Path

from refcli.errors import Conflict, StorageError


def check_folder(folder: Path) -> Path:
    if not folder.exists():
        raise StorageError(f"folder {folder} does not exist", "create it first")
    if not folder.is_dir():
        raise StorageError(f"{folder} is not a folder")
    return folder


def create_private_file(path: Path) -> int:
    """Create a new file readable by its owner only (0600 whatever the umask), failing if the
    path exists; return its open descriptor. The one way ref makes a private file."""
    fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    os.fchmod(fd, 0o600)
    return fd


def write_new_file(path: Path, data: bytes | Iterable[bytes], *, force: bool = False) -> Path:
    """Write `data` (bytes, or chunks of bytes) to `path` atomically; refuse an existing path
    (or a link or folder) unless forced. On any failure no file is left behind."""
    if path.is_symlink() or path.is_dir():
        raise Conflict(f"{path} is a link or a folder; refusing to write over it", "give another file name")
    if path.exists() and not force:
        raise Conflict(f"{path} already exists", "give another name, or --force to replace it")
    temp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    try:
        fd = create_private_file(temp)
        try:
            for chunk in [data] if isinstance(data, bytes) else data:
                view = memoryview(chunk)
                while view:
                    written = os.write(fd, view)
                    view = view[written:]
            os.fsync(fd)
        finally:
            os.close(fd)
        if force:
            os.replace(temp, path)
        else:
            try:
                os.link(temp, path)  # fails if someone created it meanwhile
            except FileExistsError:
                raise Conflict(f"{path} already exists", "give another name, or --force to replace it") from None
    except OSError as exc:
        raise StorageError(f"could not write {path}: {exc.strerror or exc}; nothing was left behind") from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()
    return path
