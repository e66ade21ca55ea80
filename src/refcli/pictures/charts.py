"""The two charts as SVG files: `ref stats --chart` (the givers-gain year by month) and
`ref balance --chart` (each relationship's give and take). Text stays text, every label escaped,
nothing outside the file; drawn from the same figures the tables print (docs/counting.md)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from refcli.money import format_money
from refcli.pictures import svg

BAR_AREA = 180.0  # the height of the tallest bar
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _home(values: Sequence[dict[str, Any]], currency: str) -> int:
    """What closed in the home currency (other currencies are named in the footnote)."""
    return sum(int(v["value_minor"]) for v in values if v["currency"] == currency)


def givers_gain(report: Any) -> str:
    """Referrals given and received by month (two bars), and business closed by month, in the
    report's currency, each way."""
    n = svg.number
    home = report["currency"]
    months = report["months"]
    most = max([max(m["given"], m["received"]) for m in months] + [1])
    closed = [(_home(m["closed_given"], home), _home(m["closed_received"], home)) for m in months]
    richest = max([max(c) for c in closed] + [1])
    left, slot, top = 24.0, 52.0, 80.0
    parts = [f'<text x="{n(left)}" y="28" font-size="18" font-weight="700">Givers gain, {report["year"]}</text>']
    parts.append(_key(left + 260, 26, [(svg.GIVEN, "given"), (svg.RECEIVED, "received")]))
    for panel, (label, base) in enumerate(
        (("referrals", top + BAR_AREA), (f"closed ({home})", top + 2 * BAR_AREA + 70))
    ):
        scale_text = f"{label}, tallest bar {most if panel == 0 else format_money(richest, home)}"
        parts.append(svg.label(left, base - BAR_AREA - 14, scale_text, extra=' fill="#555"'))
        ceiling = base - BAR_AREA
        parts.append(svg.line(left, ceiling, left + 12 * slot, ceiling, "#ddd", ' stroke-dasharray="3 3"'))
        parts.append(svg.line(left, base, left + 12 * slot, base, "#888"))
        for i, m in enumerate(months):
            x = left + i * slot + 6
            pair = (m["given"], m["received"]) if panel == 0 else closed[i]
            scale = most if panel == 0 else richest
            for j, (value, colour) in enumerate(zip(pair, (svg.GIVEN, svg.RECEIVED), strict=True)):
                height = BAR_AREA * value / scale
                shown = str(value) if panel == 0 else format_money(value, home)
                parts.append(
                    f'<rect x="{n(x + j * 20)}" y="{n(base - height)}" width="18" height="{n(height)}" fill="{colour}">'
                    f"<title>{MONTHS[i]}: {svg.text(shown)} {'given' if j == 0 else 'received'}</title></rect>"
                )
                if value and panel == 0:
                    parts.append(svg.label(x + j * 20 + 9, base - height - 3, value, 10, "middle"))
            parts.append(svg.label(x + 19, base + 14, MONTHS[i], 11, "middle"))
    others = sorted(
        {v["currency"] for m in months for key in ("closed_given", "closed_received") for v in m[key]} - {home}
    )
    foot = top + 2 * BAR_AREA + 100
    if others:
        note = f"Closed in other currencies is not drawn: {', '.join(others)} (see ref stats)."
        parts.append(f'<text x="{n(left)}" y="{n(foot)}" font-size="11" fill="#555">{svg.text(note)}</text>')
    total = report["totals"]
    summary = (
        f"{total['given']} given, {total['received']} received, {total['introductions']} introductions, "
        f"{total['meetings']} one-on-ones"
    )
    parts.append(f'<text x="{n(left)}" y="{n(foot + 16)}" font-size="12">{svg.text(summary)}</text>')
    return svg.document(left + 12 * slot + 20, foot + 30, "".join(parts), f"Givers gain, {report['year']}")


def balance(rows: Sequence[Any]) -> str:
    """Each relationship as a row, most recent first as in `ref balance`: referrals you gave to
    the left of the line, received to the right. A picture of give and take, never a ranking."""
    n = svg.number
    names = [f"{r['name']} ({r['handle']})" for r in rows]
    label_w = max((svg.width(name, 12) for name in names), default=60) + 16
    most = max([max(r["given"], r["received"]) for r in rows] + [1])
    half, row_h, top = 160.0, 22.0, 64.0
    axis = label_w + 28 + half  # room for a count beside the longest bar
    parts = ['<text x="8" y="26" font-size="18" font-weight="700">Give and take</text>']
    parts.append(_key(8, 44, [(svg.GIVEN, "you gave (left)"), (svg.RECEIVED, "they gave you (right)")]))
    for i, (r, name) in enumerate(zip(rows, names, strict=True)):
        y = top + i * row_h
        parts.append(
            f'<text x="{n(label_w - 8)}" y="{n(y + 14)}" font-size="12" text-anchor="end">{svg.text(name)}</text>'
        )
        for value, colour, side in ((r["given"], svg.GIVEN, -1), (r["received"], svg.RECEIVED, 1)):
            length = half * value / most
            x = axis - length if side < 0 else axis
            parts.append(f'<rect x="{n(x)}" y="{n(y + 3)}" width="{n(length)}" height="14" fill="{colour}"/>')
            if value:
                tx = x - 4 if side < 0 else x + length + 4
                anchor = "end" if side < 0 else "start"
                parts.append(f'<text x="{n(tx)}" y="{n(y + 14)}" font-size="11" text-anchor="{anchor}">{value}</text>')
    bottom = top + len(rows) * row_h
    parts.append(f'<line x1="{n(axis)}" y1="{n(top - 4)}" x2="{n(axis)}" y2="{n(bottom)}" stroke="#888"/>')
    return svg.document(axis + half + 40, bottom + 20, "".join(parts), "Give and take")


def _key(x: float, y: float, items: list[tuple[str, str]]) -> str:
    n = svg.number
    parts = []
    for colour, label in items:
        parts.append(f'<rect x="{n(x)}" y="{n(y - 9)}" width="10" height="10" fill="{colour}"/>')
        parts.append(f'<text x="{n(x + 14)}" y="{n(y)}" font-size="12">{svg.text(label)}</text>')
        x += 24 + svg.width(label, 12)
    return "".join(parts)
