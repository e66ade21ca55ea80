"""What every picture ref draws shares: escaping, text widths, colours and the file itself.

Text from the ledger (names, notes, tags) is untrusted: it goes into SVG and HTML through
`text()` only, which escapes markup and drops control and bidi-override characters (a name
cannot reorder the words around it). Label widths are estimated the way a sans-serif font
draws them, a wide (CJK) character counting double, so labels can be placed without a browser.
"""

from __future__ import annotations

import html
import re
import unicodedata

FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'DejaVu Sans', sans-serif"
# Controls, and the bidi embeddings, overrides and isolates a name could use to reorder text.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
CHAR_EM = 0.62  # the width of an average character, in em (generous for Latin sans-serif)

# Keep-in-touch states and referral kinds, as they are coloured everywhere (colour-blind safe:
# the Okabe-Ito palette), with the words the legend uses.
STATE_COLOURS = {
    "on rhythm": "#009E73",
    "due": "#E69F00",
    "overdue": "#D55E00",
    "no rhythm": "#999999",
}
GIVEN, RECEIVED, INTRODUCED, KNOWS = "#0072B2", "#CC79A7", "#E69F00", "#BBBBBB"
TAG_COLOURS = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")


def text(value: object) -> str:
    """Untrusted text as inert SVG/HTML text."""
    return html.escape(_UNSAFE.sub("", "" if value is None else str(value)), quote=True)


def plain(value: object) -> str:
    """Untrusted text without the characters `text` drops, not yet escaped (for JSON)."""
    return _UNSAFE.sub("", "" if value is None else str(value))


def width(label: str, size: float) -> float:
    """The width a label takes at a font size, in the same units."""
    ems = sum(2.0 if unicodedata.east_asian_width(c) in "WF" else CHAR_EM for c in plain(label))
    return ems * size


def number(value: float) -> str:
    """A coordinate, short and the same on every machine."""
    return f"{value:.1f}".rstrip("0").rstrip(".")


def document(width_: float, height: float, body: str, title: str) -> str:
    """A standalone SVG file."""
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {number(width_)} {number(height)}" '
        f'width="{number(width_)}" height="{number(height)}" role="img" font-family="{FONT}">'
        f"<title>{text(title)}</title>{body}</svg>\n"
    )


def label(x: float, y: float, content: object, size: float = 12, anchor: str = "start", extra: str = "") -> str:
    """A text element at (x, y): the content escaped."""
    return (
        f'<text x="{number(x)}" y="{number(y)}" font-size="{number(size)}" text-anchor="{anchor}"{extra}>'
        f"{text(content)}</text>"
    )


def line(x1: float, y1: float, x2: float, y2: float, stroke: str, extra: str = "") -> str:
    n = number
    return f'<line x1="{n(x1)}" y1="{n(y1)}" x2="{n(x2)}" y2="{n(y2)}" stroke="{stroke}"{extra}/>'
