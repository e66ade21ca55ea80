"""The one family of errors services raise, and the exit codes the CLI maps them to.

Services raise a `RefError` kind; `cli/app.py` catches it once, prints one line
on stderr and exits with the kind's code. Nothing else decides exit codes.
"""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0
    INTERNAL = 1  # a bug in ref: never expected, always reported
    USAGE = 2  # typer's own (unknown option, missing argument)
    INVALID = 3  # invalid input, not found, ambiguous, conflict
    STORAGE = 4  # storage or I/O problem, database check failed
    BUSY = 5  # another process held the database past the busy timeout
    INTERRUPTED = 130


class RefError(Exception):
    """A problem the user can act on: one line of message, an optional hint."""

    exit_code: ExitCode = ExitCode.INVALID

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def line(self) -> str:
        return f"{self.message} ({self.hint})" if self.hint else self.message


class InvalidInput(RefError):
    """The user typed something ref cannot accept."""


class NotFound(RefError):
    """No person, item or record by that name or id."""


class Ambiguous(RefError):
    """A name that matches more than one person."""


class Conflict(RefError):
    """The write would clash with something already recorded."""


class StorageError(RefError):
    exit_code = ExitCode.STORAGE


class Busy(RefError):
    exit_code = ExitCode.BUSY


# How a server connection that went away mid-statement reads (psycopg, libpq, PostgreSQL).
_CONNECTION_LOST = ("terminating connection", "server closed the connection", "consuming input failed",
                    "connection is lost", "the connection is closed", "ssl syscall error: eof")  # fmt: skip


def classify_db_error(exc: BaseException) -> RefError | None:
    """Turn a driver error (sqlite3 or SQLAlchemy) into a RefError by its message.

    Works on the text so this module needs no driver import; returns None when the
    exception is not a storage problem we recognise.
    """
    text = str(getattr(exc, "orig", None) or exc).lower()
    if "database is locked" in text or "database table is locked" in text or "lock timeout" in text:
        return Busy(
            "the database is busy: another ref is writing and did not finish in time",
            "try again in a moment",
        )
    if "readonly database" in text or "read-only" in text:
        return StorageError(
            "the database is read-only: nothing was written",
            "open it writable, or use only read commands",
        )
    if "permission denied for" in text or "must be owner of" in text:
        return StorageError(
            "the database server refused the change: this login may read but not write it; nothing was written",
            "ask the database's owner for write access, or use only read commands",
        )
    if "database or disk is full" in text or "disk is full" in text:
        return StorageError(
            "the disk (or the database's size limit) is full: nothing was written",
            "free some space and try again",
        )
    if "file is not a database" in text or "malformed" in text:
        return StorageError(
            "the database file is damaged or not a ref database: nothing was changed",
            "run `ref db check`, or restore a backup",
        )
    if any(lost in text for lost in _CONNECTION_LOST):
        return StorageError(
            "the connection to the database server was lost: the server rolled the change back, nothing was written",
            "check that the server is up and try again",
        )
    if "connection refused" in text or "could not connect" in text or "connection to server" in text:
        return StorageError("cannot reach the database server", "check REF_DATABASE_URL and that the server is up")
    if "password authentication failed" in text:
        return StorageError("the database server refused the login", "check the user and password in REF_DATABASE_URL")
    if "unable to open database" in text:
        return StorageError("cannot open the database file", "check that the folder exists and is writable")
    if "disk i/o error" in text:
        return StorageError("a disk I/O error interrupted the database: nothing was written")
    return None
