"""Graphviz out: who knows whom (grey), who introduced you to whom (dashed), referrals
(weighted by how many)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from refcli.exchange.export_shapes import ExportOptions, ExportSource

_PEOPLE = "SELECT id, handle, name FROM contact WHERE archived_at IS NULL"
_KNOWS = "SELECT contact_id, other_id FROM acquaintance"
_INTRODUCED = "SELECT id, introduced_by_id FROM contact WHERE introduced_by_id IS NOT NULL"
_GIVEN = (
    "SELECT partner_id, prospect_id, count(*) AS n FROM referral WHERE direction = 'given' "
    "AND prospect_id IS NOT NULL GROUP BY partner_id, prospect_id"
)
_RECEIVED = "SELECT partner_id, count(*) AS n FROM referral WHERE direction = 'received' GROUP BY partner_id"


def _text(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def _node(cid: int | str) -> str:
    return "you" if cid == "you" else f"c{cid}"


def export(source: ExportSource, options: ExportOptions) -> Iterator[str]:
    people = {r["id"]: r for r in source.rows(_PEOPLE)}
    edges: list[tuple[int | str, int | str, str]] = []
    for r in source.rows(_KNOWS):
        edges.append((r["contact_id"], r["other_id"], "color=grey, label=knows"))
    for r in source.rows(_INTRODUCED):
        edges.append((r["introduced_by_id"], r["id"], "style=dashed, label=introduced"))
    for r in source.rows(_GIVEN):
        n = int(r["n"])
        label = f"{n} referral{'s' if n != 1 else ''}"
        edges.append((r["prospect_id"], r["partner_id"], f'color=darkgreen, penwidth={min(1 + n, 6)}, label="{label}"'))
    for r in source.rows(_RECEIVED):
        n = int(r["n"])
        edges.append((r["partner_id"], "you", f'color=navy, penwidth={min(1 + n, 6)}, label="{n} to you"'))
    kept = [(a, b, style) for a, b, style in edges if (a in people or a == "you") and (b in people or b == "you")]
    used = sorted({x for a, b, _ in kept for x in (a, b) if x != "you"}, key=str)
    lines = ["digraph ref {", "  rankdir=LR;", "  you [shape=doublecircle];"]
    lines += [f"  c{cid} [label={_text(people[cid]['name'])}];" for cid in used]
    lines += [f"  {_node(a)} -> {_node(b)} [{style}];" for a, b, style in kept]
    yield "\n".join(lines) + "\n}\n"
