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


_TERMINAL_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")


def to_terminal() -> bool:
    """Whether stdout is a person's terminal (REF_FORCE_TERMINAL=1 says so in tests)."""
    return os.environ.get("REF_FORCE_TERMINAL") == "1" or sys.stdout.isatty()


def terminal_text(text: str) -> str:
    """A file's text (an export written to stdout) as a terminal may show it: line breaks and
    tabs kept, every escape, C1 and bidi control removed. Written to a file, it stays exact."""
    return _TERMINAL_UNSAFE.sub("", text)


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
        width=100 if force and not os.environ.get("COLUMNS") else None,  # rich reads COLUMNS itself
    )


def terminal_width() -> int | None:
    """The window's width in columns when output goes to a person's terminal; None when plain."""
    return None if plain_output() else int(_console().width)


def line(text: object = "") -> None:
    """One line of data on stdout: on a terminal, wrapped to its width between words (never
    inside a `ref ...` command); piped, whole."""
    shown = safe(text, multiline=True)
    if not plain_output() and shown:
        width = _console().width
        shown = "\n".join(_fit(part, width) for part in shown.split("\n"))
    sys.stdout.write(shown + "\n")


def _fit(text: str, width: int) -> str:
    """One line wrapped to `width` under its own indent (as it is when it fits)."""
    if len(text) <= width:
        return text
    body = text.lstrip(" ")
    return wrap(body, indent=len(text) - len(body), hang=2, width=width)


_COMMAND = re.compile(r"`[^`]+`|\bref (?:[^ ;,)]+ ?)+?(?=  |$|[;,)])")
NBSP = "\u00a0"


def wrap(text: str, *, indent: int = 0, hang: int = 4, width: int | None = None) -> str:
    """Text for a terminal of `width` columns: wrapped between words, later lines indented by
    `hang` more than the first, and never inside a `ref ...` command (which may overflow rather
    than be split); as it is when there is no terminal."""
    text = safe(text)
    if width is None:
        if plain_output():
            return " " * indent + text
        width = _console().width
    import textwrap

    guarded = _COMMAND.sub(lambda m: m.group(0).replace(" ", NBSP), text)
    lines = textwrap.wrap(
        guarded, width=max(width, 20), initial_indent=" " * indent, subsequent_indent=" " * (indent + hang),
        break_long_words=False, break_on_hyphens=False,
    )  # fmt: skip
    return "\n".join(lines).replace(NBSP, " ")


def item(text: str, *, indent: int = 0, hang: int = 4) -> None:
    """One entry of a list on stdout, wrapped as `wrap` says."""
    sys.stdout.write(wrap(text, indent=indent, hang=hang) + "\n")


def message(text: str) -> None:
    """A message for the person (not data) on stderr, wrapped like `line` when stderr is a terminal."""
    shown = safe(text, multiline=True)
    if (os.environ.get("REF_FORCE_TERMINAL") == "1" or sys.stderr.isatty()) and shown:
        width = _console(stderr=True).width
        shown = "\n".join(_fit(part, width) for part in shown.split("\n"))
    sys.stderr.write(shown + "\n")


def warn(text: str) -> None:
    message(f"warning: {text}")


NARROW = 80  # below this many columns, tables drop their borders to make room
TEXT_MIN, TEXT_MAX = 8, 24  # a text column is at least this wide (or its longest word, up to the max)


def table(
    columns: Sequence[str],
    rows: Iterable[Sequence[object]],
    *,
    title: str | None = None,
    spare: Sequence[str] = (),
) -> None:
    """Rows under column headings: tab-separated when plain, never clipped; a rich table on a
    terminal, at any width. There a cell is never cut inside a word: a column of single words
    (handles, ids, dates, amounts, states) keeps its full width, text wraps between words, and
    when the window is too narrow for that, columns go (first those named in `spare`, then from
    the right) and a note on stderr says which."""
    rows = list(rows)
    if plain_output():
        out = sys.stdout
        out.write("\t".join(columns) + "\n")
        for row in rows:
            out.write("\t".join(safe(cell) for cell in row) + "\n")
        return
    cells = [[safe(cell) for cell in row] for row in rows]
    console = _console()
    shown = list(range(len(columns)))
    dropping = [columns.index(name) for name in spare if name in columns]
    dropping += [i for i in reversed(shown) if i not in dropping and i > 0]
    mins = [_least(columns[i], [row[i] for row in cells]) for i in range(len(columns))]
    while _needs(mins, shown, console.width) > console.width and dropping:
        shown.remove(dropping.pop(0))
    console.print(_grid(columns, cells, shown, mins, title, console.width))
    hidden = [columns[i] for i in range(len(columns)) if i not in shown and columns[i]]
    if hidden:
        note = f"(too narrow to show {', '.join(hidden)}: widen the window, or use --json)"
        message(wrap(note, hang=1, width=console.width))


def _least(heading: str, column: list[str]) -> tuple[int, bool]:
    """How narrow a column can be without cutting a word, and whether it wraps: a column of
    single words (handles, ids, dates, amounts) keeps its full width; text wraps between words
    and is at least as wide as its longest word (from TEXT_MIN up to TEXT_MAX; longer ones fold)."""
    natural = max([len(heading), *(len(cell) for cell in column)])
    if all(" " not in cell for cell in column):
        return natural, False
    longest = max(len(word) for cell in [heading, *column] for word in cell.split())
    return min(natural, max(longest, TEXT_MIN), TEXT_MAX), True


def _needs(mins: list[tuple[int, bool]], shown: list[int], width: int) -> int:
    """The least width of a table of the shown columns, borders and padding included."""
    n = len(shown)
    cells = sum(mins[i][0] for i in shown)
    return cells + 3 * n - 3 if width < NARROW else cells + 3 * n + 1


def _grid(
    columns: Sequence[str],
    cells: list[list[str]],
    shown: list[int],
    mins: list[tuple[int, bool]],
    title: str | None,
    width: int,
) -> Any:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    narrow = width < NARROW
    grid = Table(
        title=Text(safe(title)) if title else None,
        title_justify="left",
        box=box.SIMPLE_HEAD if narrow else box.HEAVY_HEAD,
        show_edge=not narrow,
        pad_edge=not narrow,
    )
    for i in shown:
        least, wraps = mins[i]
        grid.add_column(columns[i], no_wrap=not wraps, min_width=least, overflow="fold")
    for row in cells:
        grid.add_row(*(Text(row[i]) for i in shown))
    return grid


CARD_ITEM_LINES = 3  # on a terminal, a long entry of a card shows this many lines, then where to read it all


def card(
    title: str,
    fields: Sequence[tuple[str, object]],
    sections: Sequence[tuple[str, Sequence[str]]],
    *,
    more: str | None = None,
) -> None:
    """A profile: a title, `label: value` fields, then titled lists. Empty parts are left out.
    On a terminal every line wraps to its width under its own indent; an entry longer than
    CARD_ITEM_LINES lines is cut there, ending with `more` (the command that shows it whole).
    Piped, everything is given whole."""
    width = max((len(label) for label, value in fields if value not in (None, "", [])), default=0)
    shown = [(label, safe(value)) for label, value in fields if value not in (None, "", [])]
    if plain_output():
        lines = [safe(title), *(f"  {label.ljust(width)}  {value}" for label, value in shown)]
        for heading, items in sections:
            if items:
                lines += ["", f"{heading}:", *(f"  {safe(i, multiline=True)}".replace("\n", "\n    ") for i in items)]
        sys.stdout.write("\n".join(lines) + "\n")
        return
    from rich.text import Text

    console = _console()
    columns = console.width
    console.print(Text(wrap(title, hang=2, width=columns), style="bold"), soft_wrap=True)
    for label, value in shown:
        text = wrap(f"  {label.ljust(width)}  {value}", hang=width + 4, width=columns)
        console.print(Text(text), soft_wrap=True)
    for heading, items in sections:
        if not items:
            continue
        console.print()
        console.print(Text(f"{heading}:", style="bold"), soft_wrap=True)
        for entry in items:
            lines = wrap(safe(entry), indent=2, hang=2, width=columns).split("\n")
            if len(lines) > CARD_ITEM_LINES:
                lines = [*lines[: CARD_ITEM_LINES - 1], wrap(f"… ({more})" if more else "…", indent=4, width=columns)]
            console.print(Text("\n".join(lines)), soft_wrap=True)


def groups(blocks: Sequence[tuple[str, Sequence[str]]]) -> None:
    """Titled blocks of lines (a person, then what was found about them). On a terminal each
    line wraps to its width with a hanging indent, breaking only between words."""
    if plain_output():
        for title, items in blocks:
            sys.stdout.write(safe(title) + "\n" + "".join(f"  {safe(item)}\n" for item in items))
        return
    from rich.text import Text

    console = _console()
    for title, items in blocks:
        console.print(Text(wrap(title, hang=2, width=console.width), style="bold"), soft_wrap=True)
        for entry in items:
            console.print(Text(wrap(entry, indent=2, width=console.width)), soft_wrap=True)


def _default(value: object) -> object:
    if isinstance(value, datetime | date):
        return value.isoformat()
    raise TypeError(f"cannot serialise {type(value).__name__}")


# What JSON output never carries raw: DEL, the C1 controls (U+0080-U+009F: U+009B is a CSI, a
# terminal escape on its own), and the bidi controls that reorder what a reader sees (U+202A-202E,
# U+2066-2069, U+200E/F, U+061C, and the line separators U+2028/9). JSON itself escapes C0; these
# are written as \uXXXX escapes, so a script reads the same text and a terminal shows no raw control.
_JSON_UNSAFE = re.compile("[\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c\u2028\u2029]")


def json_text(data: object, *, indent: int | None = 2) -> str:
    """JSON with every character of _JSON_UNSAFE escaped (the same value to a parser)."""
    text = json.dumps(data, ensure_ascii=False, indent=indent, default=_default)
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def emit_json(data: object) -> None:
    """Plain JSON on stdout: stable keys, ISO dates, no colour, no raw control character."""
    sys.stdout.write(json_text(data) + "\n")
