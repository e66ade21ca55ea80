"""`ref map`'s page: one HTML file with the network drawn as SVG, its legend, a search box, zoom
and pan, and each person's card on hover.

Self-contained and safe: the style and the script are in the file (`map.css`, `map.js`, a few
kilobytes, no library), and the page's Content-Security-Policy allows nothing else: no request
can leave it, and only that script (by its hash) can run, so a name such as
`<script>...</script>` is shown as the text it is (it is escaped as well). The people's details
are in a JSON block the script reads with `textContent`.
"""

from __future__ import annotations

import base64
import hashlib
import json
import math
from importlib import resources
from typing import Any

from refcli import dates
from refcli.pictures import svg
from refcli.pictures.layout import FONT_SIZE, Layout, Spot, arrange
from refcli.pictures.network import Network, Person

LABELS_MAX = 80  # beyond this many people, only the nearest and most active are labelled
LINES_MAX = 200  # lines are drawn for this many people, the nearest: beyond, a picture is a hairball


def radius(person: Person, heaviest: int, largest: float) -> float:
    """A node's size: how much passes between you, on a square-root scale (area, not width)."""
    return 3.0 + (largest - 3.0) * math.sqrt(person.weight / heaviest) if heaviest else 3.0


def render(network: Network, *, colour_by: str = "rhythm", title: str = "Your network") -> str:
    heaviest = max((p.weight for p in network.people), default=0)
    count = len(network.people)
    largest = 12.0 if count <= 150 else 9.0 if count <= 400 else 6.0  # nodes never wider than their spacing
    spots = [Spot(p.id, p.group, radius(p, heaviest, largest), p.name) for p in network.people]
    most = len(spots) if len(spots) <= 150 else LABELS_MAX
    names = {g: f"{g or 'no tag'} ({n:,})" for g, n in network.groups.items()}
    layout = arrange(spots, most, names)
    colours = _colours(network, colour_by)
    body = _drawing(network, layout, spots, colours, names)
    people = [_card(p) for p in network.people]
    return _page(network, layout, body, people, colours, colour_by, title)


def _colours(network: Network, colour_by: str) -> dict[int, str]:
    if colour_by == "tag":
        order = sorted({p.group for p in network.people if p.group})
        tone = {g: svg.TAG_COLOURS[i % len(svg.TAG_COLOURS)] for i, g in enumerate(order)}
        return {p.id: tone.get(p.group, "#999999") for p in network.people}
    return {p.id: svg.STATE_COLOURS[p.state] for p in network.people}


def _drawing(
    network: Network, layout: Layout, spots: list[Spot], colours: dict[int, str], names: dict[str, str]
) -> str:
    at = layout.places
    lined = {p.id for p in network.people[:LINES_MAX]}
    n = svg.number
    parts = ['<g class="groups">']
    for group, (x, y, anchor) in layout.group_at.items():
        label = names.get(group, group)
        parts.append(f'<text class="group" x="{n(x)}" y="{n(y)}" text-anchor="{anchor}">{svg.text(label)}</text>')
    parts.append('</g><g class="knows" stroke="#BBBBBB" stroke-width="0.8">')
    for a, b in network.knows:
        if a in lined and b in lined:
            parts.append(f'<line x1="{n(at[a].x)}" y1="{n(at[a].y)}" x2="{n(at[b].x)}" y2="{n(at[b].y)}"/>')
    parts.append(f'</g><g class="introductions" fill="none" stroke="{svg.INTRODUCED}" opacity="0.75">')
    for a, b, count in network.introductions:
        if a in lined and b in lined:
            parts.append(
                _curve(
                    0,
                    0,
                    at[a].x,
                    at[a].y,
                    at[b].x,
                    at[b].y,
                    0.15,
                    f'stroke-width="{svg.number(1 + min(count, 5) * 0.3)}"',
                )
            )
    parts.append('</g><g class="referrals" fill="none" opacity="0.8">')
    for person in network.people[:LINES_MAX]:
        p = at[person.id]
        if person.given:
            parts.append(_referral(0, 0, p.x, p.y, person.given, person.won_given, svg.GIVEN, "given"))
        if person.received:
            parts.append(_referral(p.x, p.y, 0, 0, person.received, person.won_received, svg.RECEIVED, "received"))
    parts.append('</g><g class="people">')
    for i, (person, spot) in enumerate(zip(network.people, spots, strict=True)):
        p = at[person.id]
        ring = ' stroke="#000" stroke-width="2.5"' if person.id == network.focus else ' stroke="#fff" stroke-width="1"'
        parts.append(
            f'<g class="person" data-i="{i}"><title>{svg.text(person.name)}</title>'
            f'<circle cx="{n(p.x)}" cy="{n(p.y)}" r="{n(spot.radius)}" fill="{colours[person.id]}"{ring}/>'
        )
        if p.label_at is not None:
            lx, ly, anchor = p.label_at
            parts.append(
                f'<text class="label" x="{n(lx)}" y="{n(ly)}" text-anchor="{anchor}">{svg.text(person.name)}</text>'
            )
        else:
            lx, ly = p.x + spot.radius + 3, p.y + FONT_SIZE * 0.35
            parts.append(f'<text class="hover" x="{n(lx)}" y="{n(ly)}">{svg.text(person.name)}</text>')
        parts.append("</g>")
    parts.append('</g><g class="you"><circle r="12" fill="#222"/>')
    parts.append('<text y="4" text-anchor="middle" fill="#fff" font-size="10" font-weight="700">you</text></g>')
    return "".join(parts)


def _curve(cx: float, cy: float, x1: float, y1: float, x2: float, y2: float, bend: float, extra: str = "") -> str:
    """A quadratic curve from (x1, y1) to (x2, y2), bent away from (cx, cy) by `bend` of its length."""
    mx, my = (x1 + x2) / 2, (y1 + y2) / 2
    dx, dy = x2 - x1, y2 - y1
    length = math.hypot(dx, dy) or 1.0
    nx, ny = -dy / length, dx / length
    if (mx - cx) * nx + (my - cy) * ny < 0:
        nx, ny = -nx, -ny
    qx, qy = mx + nx * length * bend, my + ny * length * bend
    n = svg.number
    return f'<path d="M{n(x1)} {n(y1)}Q{n(qx)} {n(qy)} {n(x2)} {n(y2)}" {extra}/>'


def _referral(x1: float, y1: float, x2: float, y2: float, count: int, won: int, colour: str, kind: str) -> str:
    """Referrals one way: thicker for more, solid when any was won, dashed while none was."""
    dash = "" if won else ' stroke-dasharray="5 4"'
    style = f'stroke="{colour}" stroke-width="{svg.number(1 + min(count, 8) * 0.5)}"{dash} marker-end="url(#{kind})"'
    bend = 0.08 if kind == "given" else -0.08
    mx, my = (x1 + x2) / 2, (y1 + y2) / 2
    dx, dy = x2 - x1, y2 - y1
    qx, qy = mx - dy * bend, my + dx * bend
    n = svg.number
    return f'<path d="M{n(x1)} {n(y1)}Q{n(qx)} {n(qy)} {n(x2)} {n(y2)}" {style}/>'


def _card(p: Person) -> dict[str, Any]:
    return {
        "name": svg.plain(p.name), "handle": p.handle, "business": svg.plain(p.business), "group": svg.plain(p.group),
        "state": p.state, "last": p.last, "given": p.given, "received": p.received, "won_given": p.won_given,
        "won_received": p.won_received, "meetings": p.meetings,
    }  # fmt: skip


def _json_block(data: object) -> str:
    """JSON inside a <script type="application/json">: nothing in it can close the element."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for raw, safe in (
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("&", "\\u0026"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(raw, safe)
    return text


def _hash(source: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(source.encode()).digest()).decode() + "'"


def _asset(name: str) -> str:
    return resources.files("refcli.pictures").joinpath(name).read_text(encoding="utf-8")


def _legend(network: Network, colours: dict[int, str], colour_by: str) -> str:
    def dot(colour: str, label: str) -> str:
        swatch = f'<svg width="12" height="12" aria-hidden="true"><circle cx="6" cy="6" r="5" fill="{colour}"/></svg>'
        return f"<span>{swatch} {svg.text(label)}</span>"

    def stroke(colour: str, label: str, dash: str = "") -> str:
        line = f'<line x1="0" y1="6" x2="22" y2="6" stroke="{colour}" stroke-width="3"{dash}/>'
        return f'<span><svg width="22" height="12" aria-hidden="true">{line}</svg> {svg.text(label)}</span>'

    if colour_by == "tag":
        tones = {p.group: colours[p.id] for p in network.people if p.group}
        items = [dot(tones[g], g) for g in sorted(tones)] + [dot("#999999", "no tag")]
    else:
        items = [dot(colour, state) for state, colour in svg.STATE_COLOURS.items()]
    items += [
        stroke(svg.GIVEN, "referrals you gave (solid: one was won)"),
        stroke(svg.RECEIVED, "referrals they gave you"),
        stroke(svg.GIVEN, "none won yet", ' stroke-dasharray="5 4"'),
        stroke(svg.INTRODUCED, "introductions you made"),
        stroke(svg.KNOWS, "they know each other"),
        "<span>size: how much passes between you</span>",
    ]
    return '<div class="legend">' + "".join(items) + "</div>"


def _page(
    network: Network, layout: Layout, body: str, people: list[dict[str, Any]], colours: dict[int, str],
    colour_by: str, title: str,
) -> str:  # fmt: skip
    style, script = _asset("map.css"), _asset("map.js")
    policy = f"default-src 'none'; style-src {_hash(style)}; script-src {_hash(script)}; img-src 'none'"
    half = svg.number(layout.half)
    size = svg.number(2 * layout.half)
    arrows = "".join(
        f'<marker id="{kind}" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" '
        'markerUnits="userSpaceOnUse" '
        f'orient="auto-start-reverse"><path d="M0 0L10 5L0 10z" fill="{colour}"/></marker>'
        for kind, colour in (("given", svg.GIVEN), ("received", svg.RECEIVED))
    )
    more = f", {network.hidden:,} more counted in their groups" if network.hidden else ""
    drawn = f"{len(network.people):,} people drawn{more}"
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{policy}">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{svg.text(title)}</title><style>{style}</style></head><body>"
        f"<header><h1>{svg.text(title)}</h1>"
        '<input id="search" type="search" placeholder="Search names, trades, tags" aria-label="Search">'
        '<span id="found"></span>'
        '<button id="zoom-in" type="button" aria-label="Zoom in">+</button>'
        '<button id="zoom-out" type="button" aria-label="Zoom out">&#8722;</button>'
        '<button id="zoom-reset" type="button">Whole map</button></header>'
        f"{_legend(network, colours, colour_by)}<main>"
        f'<svg id="map" xmlns="http://www.w3.org/2000/svg" viewBox="-{half} -{half} {size} {size}" '
        f'role="img" aria-label="{svg.text(title)}" font-family="{svg.FONT}"><defs>{arrows}</defs>{body}</svg>'
        '<aside id="card" hidden></aside></main>'
        f"<footer>Drawn by ref on {dates.today().isoformat()}: {drawn}. Hover or click a person; "
        "scroll to zoom, drag to move.</footer>"
        f'<script type="application/json" id="data">{_json_block({"people": people})}</script>'
        f"<script>{script}</script></body></html>\n"
    )
