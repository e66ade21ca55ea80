"""The one place output is produced: inert text, tables, cards and JSON.

User text (names, notes, imported files) is never interpreted: no rich markup,
and control characters, escape sequences and bidi overrides are removed before
anything reaches the terminal. Data goes to stdout, messages to stderr.
Tables are drawn for a terminal; when stdout is piped, or with `ref --plain`, the output is
plain tab-separated text, cheap at any size. NO_COLOR (no-color.org) removes colour and bold,
nothing else: the layout stays the same.
"""

from __future__ import annotations

import contextvars
import json
import os
import re
import sys
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any

# C0 controls except \t and \n, DEL, C1 controls, bidi embeddings/overrides/isolates.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")


def safe(value: object, *, multiline: bool = False) -> str:
    """Make any value printable as inert text."""
    if value is None:
        return ""
    text = _UNSAFE.sub("", str(value)).replace("\t", " ")
    if not multiline:
        text = " ".join(text.split("\n"))
    return text


PLAIN: contextvars.ContextVar[bool] = contextvars.ContextVar("ref_plain", default=False)  # `ref --plain`


def plain_output() -> bool:
    """Plain text when piped or asked for (`--plain`); REF_FORCE_TERMINAL=1 forces tables (tests)."""
    if PLAIN.get():
        return True
    if os.environ.get("REF_FORCE_TERMINAL") == "1":
        return False
    return not sys.stdout.isatty()


def _console(stderr: bool = False) -> Any:
    from rich.console import Console

    force = os.environ.get("REF_FORCE_TERMINAL") == "1"
    return Console(
        file=sys.stderr if stderr else sys.stdout,
        markup=False,
        highlight=False,
        emoji=False,
        force_terminal=True if force else None,
        no_color=bool(os.environ.get("NO_COLOR")) or None,
        width=100 if force else None,
    )


def line(text: object = "") -> None:
    """One line of data on stdout."""
    sys.stdout.write(safe(text, multiline=True) + "\n")


def message(text: str) -> None:
    """A message for the person (not data) on stderr."""
    sys.stderr.write(safe(text, multiline=True) + "\n")


def warn(text: str) -> None:
    message(f"warning: {text}")


def table(columns: Sequence[str], rows: Iterable[Sequence[object]], *, title: str | None = None) -> None:
    rows = list(rows)
    if plain_output():
        out = sys.stdout
        out.write("\t".join(columns) + "\n")
        for row in rows:
            out.write("\t".join(safe(cell) for cell in row) + "\n")
        return
    from rich.table import Table
    from rich.text import Text

    grid = Table(title=Text(safe(title)) if title else None, title_justify="left")
    for name in columns:
        grid.add_column(name)
    for row in rows:
        grid.add_row(*(Text(safe(cell)) for cell in row))
    _console().print(grid)


def card(title: str, fields: Sequence[tuple[str, object]], sections: Sequence[tuple[str, Sequence[str]]]) -> None:
    """A profile: a title, `label: value` fields, then titled lists. Empty parts are left out."""
    width = max((len(label) for label, value in fields if value not in (None, "", [])), default=0)
    lines = [safe(title)]
    lines.extend(f"  {label.ljust(width)}  {safe(value)}" for label, value in fields if value not in (None, "", []))
    for heading, items in sections:
        if not items:
            continue
        lines.append("")
        lines.append(f"{heading}:")
        lines.extend(f"  {safe(item, multiline=True)}".replace("\n", "\n    ") for item in items)
    if plain_output():
        sys.stdout.write("\n".join(lines) + "\n")
        return
    from rich.text import Text

    console = _console()
    console.print(Text(lines[0], style="bold"))
    for text in lines[1:]:
        is_heading = text.endswith(":") and not text.startswith(" ")
        console.print(Text(text, style="bold" if is_heading else ""))


def groups(blocks: Sequence[tuple[str, Sequence[str]]]) -> None:
    """Titled blocks of lines (a person, then what was found about them). On a terminal each
    line wraps to its width with a hanging indent, breaking only between words."""
    if plain_output():
        for title, items in blocks:
            sys.stdout.write(safe(title) + "\n" + "".join(f"  {safe(item)}\n" for item in items))
        return
    import textwrap

    from rich.text import Text

    console = _console()
    for title, items in blocks:
        console.print(Text(safe(title), style="bold"), soft_wrap=True)
        for item in items:
            wrapped = textwrap.fill(
                safe(item), width=max(console.width, 20), initial_indent="  ", subsequent_indent="      ",
                break_long_words=False, break_on_hyphens=False,
            )  # fmt: skip
            console.print(Text(wrapped), soft_wrap=True)


def _default(value: object) -> object:
    if isinstance(value, datetime | date):
        return value.isoformat()
    raise TypeError(f"cannot serialise {type(value).__name__}")


def emit_json(data: object) -> None:
    """Plain JSON on stdout: stable keys, ISO dates, no colour."""
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=_default) + "\n")
