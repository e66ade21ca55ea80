"""Where `ref map` puts each person and each label: deterministic, with no label over another.

You are at the centre. Each group (a tag) gets a slice of the circle in proportion to its size;
within its slice, people sit on rings, the people you were in touch with most recently nearest,
each ring holding as many as fit at `spacing`. Labels are placed most important first (nearest,
then most active) at the first of eight spots around their node (right, left, above, below, then
the diagonals) that
touches no label or node already placed; a label with no free spot is left to hover, so labels
never overlap, at 50 people or at 10,000. The same people in the same order give the same
picture: there is no randomness to seed.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field

from refcli.pictures.svg import width

FONT_SIZE = 12.0
GROUP_SIZE = 13.0
RING_GAP = 60.0
FIRST_RING = 110.0
MARGIN = 40.0
Box = tuple[float, float, float, float]  # left, top, right, bottom


@dataclass
class Spot:
    """One person to place: their group, their node's radius, their label, most important first."""

    key: int
    group: str
    radius: float
    label: str


@dataclass
class Placed:
    x: float
    y: float
    label_at: tuple[float, float, str] | None = None  # x, y and text-anchor of the label, when shown


@dataclass
class Layout:
    half: float  # the picture spans -half..half on both axes
    reach: float = 0.0  # the outermost ring's radius
    places: dict[int, Placed] = field(default_factory=dict)
    sectors: dict[str, tuple[float, float]] = field(default_factory=dict)  # group -> (start, end) angles
    group_at: dict[str, tuple[float, float, str]] = field(default_factory=dict)  # group -> its label's x, y, anchor


def arrange(spots: list[Spot], max_labels: int, group_labels: dict[str, str]) -> Layout:
    """Places for every spot (given most important first), a label for each group (placed
    first, outside its slice), and labels for up to `max_labels` people."""
    spacing = 52.0 if len(spots) <= 150 else 26.0 if len(spots) <= 400 else 15.0
    groups: dict[str, list[Spot]] = defaultdict(list)
    for spot in spots:
        groups[spot.group].append(spot)
    order = sorted(groups, key=lambda g: (g == "", -len(groups[g]), g))  # the people without a tag last
    weights = {g: max(len(groups[g]), 3) for g in order}
    total = sum(weights.values())
    layout = Layout(half=FIRST_RING)
    start = -math.pi / 2
    for group in order:
        end = start + 2 * math.pi * weights[group] / total
        layout.sectors[group] = (start, end)
        _fill(layout, groups[group], start, end, spacing)
        start = end
    layout.reach = max((math.hypot(p.x, p.y) for p in layout.places.values()), default=FIRST_RING)
    extent = _label(layout, spots, max_labels, group_labels)
    layout.half = max(layout.reach + 80.0, extent) + MARGIN  # room for the labels and the groups' names
    return layout


def _fill(layout: Layout, people: list[Spot], start: float, end: float, spacing: float) -> None:
    """Put a group's people on rings within its slice, nearest ring first."""
    gap = 0.12 if end - start > 0.5 else 0.04  # a little space between slices
    lo, hi = start + gap / 2, end - gap / 2
    ring, i = 0, 0
    while i < len(people):
        radius = FIRST_RING + ring * RING_GAP
        fits = max(1, int((hi - lo) * radius / spacing))
        here = people[i : i + fits]
        shift = 0.5 if ring % 2 == 0 else 0.25  # neighbouring rings do not line up in spokes
        for j, spot in enumerate(here):
            angle = lo + (hi - lo) * (j + shift) / len(here)
            layout.places[spot.key] = Placed(radius * math.cos(angle), radius * math.sin(angle))
        i += len(here)
        ring += 1


def _label(layout: Layout, spots: list[Spot], max_labels: int, group_labels: dict[str, str]) -> float:
    """Place the labels; return how far from the centre the farthest reaches."""
    grid = _Grid()
    extent = 0.0
    for group, (start, end) in layout.sectors.items():
        mid, w, h = (start + end) / 2, width(group_labels.get(group, group), GROUP_SIZE), GROUP_SIZE
        x, y = (layout.reach + 40) * math.cos(mid), (layout.reach + 40) * math.sin(mid)
        anchor = "middle" if abs(math.cos(mid)) < 0.3 else "start" if math.cos(mid) > 0 else "end"
        left = x - w / 2 if anchor == "middle" else x if anchor == "start" else x - w
        box = (left, y - h, left + w, y + h * 0.3)
        grid.add(box)
        layout.group_at[group] = (x, y, anchor)
        extent = max(extent, *(abs(v) for v in box))
    for spot in spots:
        p = layout.places[spot.key]
        grid.add((p.x - spot.radius, p.y - spot.radius, p.x + spot.radius, p.y + spot.radius))
    grid.add((-14, -14, 14, 14))  # you
    shown = 0
    for spot in spots:
        if shown == max_labels:
            break
        p = layout.places[spot.key]
        w, h, r = width(spot.label, FONT_SIZE), FONT_SIZE, spot.radius + 3
        d = r * 0.7  # the diagonal spots, beside the node's shoulder
        candidates = [
            ((p.x + r, p.y - h / 2, p.x + r + w, p.y + h / 2), (p.x + r, p.y + h * 0.35, "start")),
            ((p.x - r - w, p.y - h / 2, p.x - r, p.y + h / 2), (p.x - r, p.y + h * 0.35, "end")),
            ((p.x - w / 2, p.y - r - h, p.x + w / 2, p.y - r), (p.x, p.y - r - h * 0.2, "middle")),
            ((p.x - w / 2, p.y + r, p.x + w / 2, p.y + r + h), (p.x, p.y + r + h * 0.8, "middle")),
            ((p.x + d, p.y - d - h, p.x + d + w, p.y - d), (p.x + d, p.y - d - h * 0.2, "start")),
            ((p.x + d, p.y + d, p.x + d + w, p.y + d + h), (p.x + d, p.y + d + h * 0.8, "start")),
            ((p.x - d - w, p.y - d - h, p.x - d, p.y - d), (p.x - d, p.y - d - h * 0.2, "end")),
            ((p.x - d - w, p.y + d, p.x - d, p.y + d + h), (p.x - d, p.y + d + h * 0.8, "end")),
        ]
        own = (p.x - spot.radius, p.y - spot.radius, p.x + spot.radius, p.y + spot.radius)
        for box, at in candidates:
            if not grid.hits(box, ignore=own):
                grid.add(box)
                p.label_at = at
                shown += 1
                extent = max(extent, *(abs(v) for v in box))
                break
    return extent


class _Grid:
    """Boxes placed so far, bucketed by cell, for quick overlap tests."""

    CELL = 64.0

    def __init__(self) -> None:
        self.cells: dict[tuple[int, int], list[Box]] = defaultdict(list)

    def _keys(self, box: Box) -> list[tuple[int, int]]:
        x0, y0, x1, y1 = (math.floor(v / self.CELL) for v in box)
        return [(x, y) for x in range(x0, x1 + 1) for y in range(y0, y1 + 1)]

    def add(self, box: Box) -> None:
        for key in self._keys(box):
            self.cells[key].append(box)

    def hits(self, box: Box, ignore: Box | None = None) -> bool:
        pad = 1.0
        for key in self._keys(box):
            for other in self.cells.get(key, ()):
                if other == ignore:
                    continue
                if (
                    box[0] < other[2] + pad
                    and other[0] < box[2] + pad
                    and box[1] < other[3] + pad
                    and other[1] < box[3] + pad
                ):
                    return True
        return False
