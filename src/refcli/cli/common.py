"""What every command shares: the database location from the global options,
the reader/writer context managers, and common options. Imports nothing heavy."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from refcli.dates import Tense
    from refcli.people.resolve import Person
    from refcli.store import Location, Reader
    from refcli.store.writer import Writer

MORNING = "Every morning"
PEOPLE = "Adding and finding the people you meet"
MEETINGS = "After a one-on-one"
KEEPING = "Keeping in touch"
KNOWING = "What you know about them, and how deep it goes"
REFERRALS = "Introductions and referrals"
TRACK = "Keeping track, not score"
SUGGEST = "Who should meet whom"
FIXING = "Fixing mistakes"
DATA = "Your data"

Contact = Annotated[
    str, typer.Argument(metavar="CONTACT", help="Handle, full name, or a unique prefix of either.", show_default=False)
]
RefId = Annotated[int, typer.Argument(metavar="ID", help="The referral's number (see `ref referrals`).")]
AsOfOpt = Annotated[
    str | None, typer.Option("--as-of", metavar="DATE", help="See it as it was (or will be) on this date.")
]
JsonOption = Annotated[
    bool, typer.Option("--json", metavar="", help="Print JSON (stable keys, ISO dates) for scripts.")
]
# A file a command writes (a picture, a page), and leave to replace it: one spelling for all of them.
FileOpt = Annotated[Path, typer.Option("--output", "-o", metavar="FILE", help="The file to write.")]
ForceOpt = Annotated[bool, typer.Option("--force", metavar="", help="Replace FILE if it exists.")]


@dataclass
class State:
    """Global options, carried in ctx.obj."""

    db: str | None = None


def location(ctx: typer.Context) -> Location:
    from refcli.store import locate

    state = ctx.find_root().obj
    return locate(state.db if isinstance(state, State) else None)


@contextlib.contextmanager
def reading(ctx: typer.Context) -> Iterator[Reader]:
    from refcli.store import open_reader

    with open_reader(location(ctx)) as reader:
        yield reader


@contextlib.contextmanager
def writing_rows(ctx: typer.Context) -> Iterator[Writer]:
    """One write (a transaction and its journal entry) in SQL: what the everyday writes use, so
    they import neither SQLAlchemy's ORM nor the models."""
    from refcli.store import write_transaction

    with write_transaction(location(ctx)) as writer:
        yield writer


def parse_date(value: str | None, what: str = "date", tense: Tense | None = None, *, check: bool = True) -> date | None:
    """A date option or argument; `tense` says whether it records something that happened
    ("past") or plans something ("future"): it picks the year of "March 14" and refuses a date
    pointing the wrong way (dates.check_tense), unless the feature refuses it with a better hint
    (check=False)."""
    if value is None:
        return None
    from refcli.dates import check_tense
    from refcli.dates import parse_date as parse

    day = parse(value, what=what, tense=tense)
    if day is not None and value.strip() != day.isoformat():
        _echo_date(value, day)
    return check_tense(day, tense, what) if check else day


def _echo_date(said: str, day: date) -> None:
    """Note which day a spoken date became (`next friday` = Fri 2026-03-20), so a surprise is
    visible; said on stderr once the command has succeeded (`say_dates`), never for `--json`.
    An error names the date itself, in its one line."""
    SPOKEN.append(f"{said.strip()}: {day.strftime('%a')} {day.isoformat()}")


SPOKEN: list[str] = []  # spoken dates of the command being run, said when it succeeds


def say_dates() -> None:
    from refcli import render
    from refcli.store import journal

    if "--json" not in journal.raw_command():
        for text in SPOKEN:
            render.message(text)
    SPOKEN.clear()


DATE_FORMS = (
    "Dates: 2026-03-14, yesterday, friday, next friday (of next week), next month, 3 weeks ago, in 2 weeks, -3d, +2w."
)


def confirm_or_stop(question: str, nothing: str, hint: str) -> None:
    """Ask before a change a person may not mean; "no" (or no answer) stops with `nothing`."""
    from refcli.errors import InvalidInput

    try:
        confirmed = typer.confirm(question, default=False, err=True)
    except typer.Abort:
        confirmed = False
    if not confirmed:
        raise InvalidInput(nothing, hint)


def counted(n: int, label: str) -> str:
    """`1 note`, `3 notes`: a table's plural label, counted."""
    return f"{n} {label if n != 1 else label.removesuffix('s')}"


def resolved(where: Reader, who: str) -> Person:
    """The one person `who` names (a handle, a full name, or a unique start of either), resolved
    once here and handed to the feature as a Person. An unknown or ambiguous name is a clear error
    listing the candidates. Inside a write, pass the Writer: the name is read in its transaction."""
    from refcli.people.resolve import resolve

    return resolve(where, who)


def resolved_or_none(where: Reader, who: str | None) -> Person | None:
    """`resolved`, for an optional name (None, or blank, is no one)."""
    return resolved(where, who) if who is not None and who.strip() else None
