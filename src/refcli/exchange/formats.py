"""The one registry of file formats: what `ref import` detects and reads, what `ref export`
writes, the `--format` choices and their help all come from `FORMATS`. A format's reader and
writer live together in its codec module under `exchange/`, which offers `read(data, fmt)`
and/or `export(source, options)`.

Importing this module is cheap (codecs load only when used), so the CLI can build its choices
from it at start-up.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from refcli.errors import InvalidInput
from refcli.exchange.export_shapes import ExportOptions, ExportSource

if TYPE_CHECKING:
    from refcli.exchange.records import Incoming, ReadResult


Direction = Literal["import", "export"]


@dataclass(frozen=True)
class Format:
    name: str
    summary: str
    codec: str  # the module under refcli.exchange that reads and/or writes it
    reads: bool = False
    writes: bool = False
    streams: bool = False  # writes its own consistent snapshot, chunk by chunk
    selects: bool = False  # can write just some people (`ref export fred`, `--tag bni`)


def csv_dialects() -> list[tuple[str, str]]:
    """Each program whose CSV ref reads by its header map (exchange/dialects.py), named as
    `--format` takes it, with the languages or versions it covers."""
    from refcli.exchange.dialects import DIALECTS, FAMILIES

    found = []
    for family in FAMILIES:
        mine = [d for d in DIALECTS if d.family == family]
        variants = [d.variant for d in mine if d.variant]
        program = " or ".join(dict.fromkeys(d.program for d in mine))
        found.append((family, program + (f" ({', '.join(variants)})" if len(variants) > 1 else "")))
    return found


FORMATS: tuple[Format, ...] = (
    Format("backup", "ref's complete JSON backup: every table, the journal included", "backup", True, True, True),
    Format(
        "vcard",
        "vCard 3.0 or 4.0 (.vcf): phones, iCloud, Google, Outlook, Thunderbird",
        "vcard",
        True,
        True,
        selects=True,
    ),
    Format("csv", "a spreadsheet with recognisable column names; ref's own CSV", "csvfiles", True, True, selects=True),
    *(Format(family, f"CSV from {title}", "csvfiles", reads=True) for family, title in csv_dialects()),
    Format(
        "ics",
        "iCalendar: open follow-ups as to-dos, scheduled one-on-ones as events, birthdays and anniversaries every year",
        "ics",
        writes=True,
    ),
    Format("dot", "Graphviz: who knows whom, introductions, referrals", "dot", writes=True),
)


def names(direction: Direction) -> list[str]:
    return [f.name for f in FORMATS if (f.reads if direction == "import" else f.writes)]


def choices(direction: Direction) -> str:
    """The `--format` metavar: `auto|vcard|...` for import, `backup|csv|...` for export."""
    return "|".join((["auto"] if direction == "import" else []) + names(direction))


def get(name: str, direction: Direction) -> Format:
    for f in FORMATS:
        if f.name == name and (f.reads if direction == "import" else f.writes):
            return f
    allowed = (["auto"] if direction == "import" else []) + names(direction)
    raise InvalidInput(f"unknown format {name!r} for {direction}", "use " + ", ".join(allowed))


def codec(fmt: Format) -> Any:
    return importlib.import_module(f"refcli.exchange.{fmt.codec}")


# A vCard file starts with BEGIN:VCARD (a group name may come first), or, when a program
# dropped its BEGIN lines, with a property line. A card's text further in is a note's text: a
# CSV whose note holds a forwarded card is a CSV.
_CARD_START = re.compile(rb"(?:[A-Z0-9-]+\.)?BEGIN:VCARD\b")
_CARD_LINE = re.compile(rb"(?:[A-Z0-9-]+\.)?(?:VERSION|FN|N|TEL|EMAIL|ORG|UID)[;:]")
_BACKUP_HEAD = re.compile(rb'\{\s*"FORMAT"\s*:\s*"REF-BACKUP"')  # how every backup starts (upper-cased)


def detect(data: bytes) -> str:
    """The format of a file, from its content."""
    from refcli.exchange.decode import strip_bom_and_utf16

    if not data.strip():
        raise InvalidInput("the file is empty", "export your contacts again, or check the file name")
    text, _ = strip_bom_and_utf16(data)
    head = text[:4000].lstrip().upper()
    if head.startswith(b"{"):  # JSON: a backup by its own header, never by text inside it
        if _BACKUP_HEAD.match(head):
            return "backup"
        raise InvalidInput(
            'this is JSON but not a ref backup (it does not start with {"format": "ref-backup"})',
            "import a backup written by `ref export --format backup`, a .vcf or a .csv file",
        )
    if _CARD_START.match(head) or (b"\nEND:VCARD" in head and _CARD_LINE.match(head)):
        return "vcard"  # cards whose BEGIN lines a program dropped are cards still
    if head.startswith(b"BEGIN:VCALENDAR") or b"BEGIN:VEVENT" in head or b"BEGIN:VJOURNAL" in head:
        raise InvalidInput("this is a calendar (iCalendar), not contacts", "import a .vcf or .csv file")
    sample = text[:4000]
    if b"\x00" in sample or sum(b < 9 or 13 < b < 32 for b in sample) > len(sample) // 20:
        raise InvalidInput("this is not a text file (vCard or CSV)", "import a .vcf or .csv export")
    return "csv"


def read(data: bytes, name: str, encoding: str | None = None) -> ReadResult:
    """The people in a contacts file (every format but the backup, which is restored whole);
    `encoding` overrides the guess for a CSV file."""
    fmt = get(detect(data) if name == "auto" else name, "import")
    try:
        result: ReadResult = codec(fmt).read(data, fmt.name, **({"encoding": encoding} if encoding else {}))
    except (ValueError, UnicodeError) as exc:
        raise _unreadable(exc) from None
    return result


def _unreadable(exc: Exception) -> InvalidInput:
    return InvalidInput(f"not a contacts file ref can read ({exc})")


def read_ahead(data: bytes, name: str, encoding: str | None = None) -> tuple[ReadResult, Iterable[Incoming], int]:
    """`read`, with a large vCard file's cards parsed ahead in a second process while the people
    already parsed are imported (exchange/read_ahead.py): the people as they come, and how many
    cards there are. What the reader skipped and warned of is in the result once they are all in."""
    fmt = get(detect(data) if name == "auto" else name, "import")
    if encoding and fmt.codec != "csvfiles":
        raise InvalidInput(f"--encoding is for CSV files; this is {fmt.name}", "a vCard says its own charset")
    if fmt.name != "vcard":
        done = read(data, name, encoding)
        return done, done.records, len(done.records)
    from refcli.exchange import records, vcard
    from refcli.exchange.read_ahead import Ahead

    reader = Ahead(data.upper().count(b"BEGIN:VCARD"))  # starting while the file is split into cards
    try:
        result, cards = vcard.prepare(data)
    except (ValueError, UnicodeError) as exc:
        reader.close()
        raise _unreadable(exc) from None
    total = records.ReadResult(format=fmt.name)
    total.absorb(result)

    def people() -> Iterator[Incoming]:
        try:
            for part in reader.items("refcli.exchange.vcard:read_cards", cards):
                found, part.records = part.records, []
                total.absorb(part)
                yield from found
        except (ValueError, UnicodeError) as exc:
            raise _unreadable(exc) from None

    return total, people(), len(cards)


def export(name: str, source: ExportSource, options: ExportOptions) -> Iterator[str]:
    chosen = get(name, "export")
    if (options.people or options.tag) and not chosen.selects:
        can = ", ".join(f.name for f in FORMATS if f.selects)
        raise InvalidInput(f"{name} exports everything: it cannot pick people", f"pick people with --format {can}")
    chunks: Iterator[str] = codec(chosen).export(source, options)
    return chunks
