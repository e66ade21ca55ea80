"""Where the data lives: `--db PATH` > `REF_DATABASE_URL` > `REF_DB` > the platform's user
data folder (`ref/ref.db`); and the checks made before SQLite touches a file, so a file that is
not a ref database is refused untouched."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from refcli.errors import StorageError

SQLITE_MAGIC = b"SQLite format 3\x00"


def max_pages() -> int | None:
    """REF_SQLITE_MAX_PAGES caps the database's size (SQLite's max_page_count): a quota, and how
    the tests make the disk 'full' without root."""
    raw = os.environ.get("REF_SQLITE_MAX_PAGES", "")
    return int(raw) if raw.isdecimal() else None


def busy_timeout_ms() -> int:
    """How long to wait for another writer (REF_BUSY_TIMEOUT_MS, default 10 s)."""
    raw = os.environ.get("REF_BUSY_TIMEOUT_MS", "")
    return int(raw) if raw.isdecimal() else 10_000


@dataclass(frozen=True)
class Location:
    """A resolved database: a SQLite file (path) or a server URL."""

    source: str  # --db, REF_DATABASE_URL, REF_DB or default
    path: Path | None = None
    read_only: bool = False
    url: str | None = None  # set for a database server

    @property
    def is_sqlite(self) -> bool:
        return self.path is not None

    def display(self) -> str:
        """Where the data is, with any password masked."""
        if self.path is not None:
            return str(self.path) + (" (read-only)" if self.read_only else "")
        return mask_url(self.url or "")


_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:/+")  # a path may fold :// to :/
_SECRET_KEY = re.compile(r"(?i)\b(password|passwd|pwd|sslpassword|pass)=([^&\s]*)")
MASK = "***"


def mask_url(url: str) -> str:
    """A database location with every password in it masked: the one secret-free form of a
    location, used wherever one is shown or stored (journal, `ref log`, backups, `db path`,
    every error). It reads a URL as libpq and SQLAlchemy would, and errs towards masking:
    the password of `user:pw@host` (also unencoded `/`, `?`, `#` or `@` in it: everything up
    to the last `@` is the user part), and `password=` in a query or a key=value string."""
    return mask_secrets(url)


def mask_secrets(text: str, *, whole: bool = False) -> str:
    """`text` (a URL, an argument such as `--db=URL`, an error line) with passwords masked.
    `whole`: the text is one argument, so a URL in it runs to its end (spaces included)."""
    if "=" not in text and ":/" not in text:
        return text
    out: list[str] = []
    at = 0
    for found in _SCHEME.finditer(text):
        if found.start() < at:
            continue
        out.append(text[at : found.end()])
        end = len(text) if whole else _url_end(text, found.end())
        out.append(_mask_authority(text[found.end() : end]))
        at = end
    out.append(text[at:])
    return _SECRET_KEY.sub(lambda m: f"{m.group(1)}={MASK}" if m.group(2) else m.group(0), "".join(out))


def _url_end(text: str, start: int) -> int:
    """Where the URL that starts at `start` ends: at white space (a message's next word)."""
    space = re.search(r"\s", text[start:])
    return len(text) if space is None else start + space.start()


def _mask_authority(rest: str) -> str:
    """`user:pw@host/...` (after the scheme) with the password masked."""
    at = rest.rfind("@")
    if at < 0:
        return rest
    userinfo = rest[:at]
    colon = userinfo.find(":")
    if colon < 0 or any(c in userinfo[:colon] for c in "/?#"):
        return rest
    return f"{userinfo[:colon]}:{MASK}{rest[at:]}"


def default_path() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("ref", appauthor=False)) / "ref.db"


def locate(db_option: str | None = None) -> Location:
    """Resolve where the data lives, by the documented order."""
    if db_option:
        return _parse_target(db_option, "--db")
    env_url = os.environ.get("REF_DATABASE_URL", "").strip()
    if env_url:
        return _parse_target(env_url, "REF_DATABASE_URL")
    env_path = os.environ.get("REF_DB", "").strip()
    if env_path:
        return _parse_target(env_path, "REF_DB")
    return Location(source="default", path=default_path())


def _parse_target(target: str, source: str) -> Location:
    if target.startswith("sqlite:"):
        # sqlite:///relative.db, sqlite:////abs.db, sqlite:///file:x.db?mode=ro&uri=true
        rest = target.split(":///", 1)[1] if ":///" in target else ""
        if not rest:
            raise StorageError(f"{source}: an in-memory or empty SQLite URL keeps nothing", "give a file path")
        return _parse_target(rest.replace("&uri=true", "").replace("?uri=true", ""), source)
    if target.startswith("file:"):
        parts = urlsplit(target)
        query = parse_qs(parts.query)
        mode = (query.get("mode") or ["rwc"])[0]
        raw_path = unquote(parts.path or parts.netloc)
        return Location(source=source, path=Path(raw_path).expanduser().absolute(), read_only=mode == "ro")
    if "://" in target:
        return Location(source=source, url=target)
    return Location(source=source, path=Path(target).expanduser().absolute())


def check_existing_file(path: Path) -> None:
    """Refuse anything that is not a SQLite database, before SQLite touches it."""
    if path.is_dir():
        raise StorageError(f"{path} is a folder, not a database file", "give a file path to --db")
    try:
        size = path.stat().st_size
        with open(path, "rb") as handle:
            header = handle.read(len(SQLITE_MAGIC))
    except OSError as exc:
        raise StorageError(f"cannot read {path}: {exc.strerror}") from None
    if size == 0:
        raise StorageError(
            f"{path} is an empty file, not a ref database; refusing to overwrite it",
            "delete it or give another --db",
        )
    if header != SQLITE_MAGIC:
        raise StorageError(f"{path} is not a SQLite database; refusing to touch it", "give another --db path")


def prepare_folder(loc: Location) -> None:
    assert loc.path is not None
    folder = loc.path.parent
    if folder.is_dir():
        return
    if loc.source != "default":
        raise StorageError(f"folder {folder} does not exist", "create it first, or give another --db path")
    try:
        folder.mkdir(parents=True, mode=0o700, exist_ok=True)
        os.chmod(folder, 0o700)
    except OSError as exc:
        raise StorageError(f"cannot create {folder}: {exc.strerror}") from None
