"""Chart and map geometry, computed on the server and drawn as SVG by the templates.

Nothing here writes markup: functions return shapes (positions, sizes, colours, titles) and the
templates escape every string they print.
"""

from __future__ import annotations

import hashlib
import math
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from dateline.serve.worldmap import HEIGHT, WIDTH, project

# PLOVER event types in a fixed order, each with its own colour (cooperative ones blue-green,
# verbal conflict amber, material conflict red), so a type looks the same on every page.
TYPE_COLOURS: dict[str, str] = {
    "AGREE": "#1f77b4",
    "CONSULT": "#17becf",
    "SUPPORT": "#2ca02c",
    "CONCEDE": "#98df8a",
    "COOPERATE": "#0b6e4f",
    "AID": "#9edae5",
    "RETREAT": "#aec7e8",
    "REQUEST": "#bcbd22",
    "ACCUSE": "#ff7f0e",
    "REJECT": "#ffbb78",
    "THREATEN": "#e377c2",
    "PROTEST": "#9467bd",
    "SANCTION": "#8c564b",
    "MOBILIZE": "#c49c94",
    "COERCE": "#d62728",
    "ASSAULT": "#7f0000",
}
_SPARE = ("#7f7f7f", "#c7c7c7", "#393b79", "#637939", "#8c6d31", "#843c39", "#7b4173")


def type_colour(event_type: str | None) -> str:
    name = (event_type or "").upper()
    if name in TYPE_COLOURS:
        return TYPE_COLOURS[name]
    digest = hashlib.sha1(name.encode("utf-8")).digest()[0]
    return _SPARE[digest % len(_SPARE)]


@dataclass(frozen=True)
class Layer:
    """Every bar segment of one type, as one SVG path (one element per type, not per bar)."""

    event_type: str
    colour: str
    path: str


@dataclass(frozen=True)
class Slot:
    """A bucket's column, for the hover text: its date and counts by type."""

    x: float
    width: float
    title: str


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    layers: list[Layer]
    slots: list[Slot]
    ticks: list[tuple[float, str]]  # x position, label
    y_ticks: list[tuple[float, str]]
    legend: list[tuple[str, str, int]]  # type, colour, total


def stacked_bars(
    buckets: list[dict[str, Any]],
    interval: str = "week",
    key: str = "events",
    width: int = 900,
    height: int = 220,
    label: str = "events",
) -> Chart:
    """Bars per time bucket stacked by type, from rows of (bucket, type, count); buckets
    without events between the first and the last are drawn empty, so time runs evenly."""
    left, bottom, top = 40, 24, 8
    per_bucket: dict[str, dict[str, int]] = defaultdict(dict)
    totals_by_type: dict[str, int] = defaultdict(int)
    for row in buckets:
        bucket, event_type, count = str(row["bucket"]), str(row["type"]), int(row[key] or 0)
        per_bucket[bucket][event_type] = per_bucket[bucket].get(event_type, 0) + count
        totals_by_type[event_type] += count
    order = _continuous(sorted(per_bucket), interval)
    if not order:
        return Chart(width, height, [], [], [], [], [])
    peak = max(sum(v.values()) for v in per_bucket.values()) or 1
    plot_w, plot_h = width - left - 8, height - bottom - top
    step = plot_w / len(order)
    # Bars are centred in their slot and at most 28 wide: a lone week is a bar, not a wall.
    bar_w = min(28.0, max(1.0, step * 0.8))
    type_order = [t for t in TYPE_COLOURS if t in totals_by_type] + sorted(
        t for t in totals_by_type if t not in TYPE_COLOURS
    )
    paths: dict[str, list[str]] = defaultdict(list)
    slots = []
    for i, bucket in enumerate(order):
        y = float(top + plot_h)
        x = left + i * step + (step - bar_w) / 2
        counts = per_bucket.get(bucket, {})
        for event_type in type_order:
            count = counts.get(event_type, 0)
            if not count:
                continue
            h = plot_h * count / peak
            y -= h
            paths[event_type].append(f"M{x:.1f} {y:.1f}h{bar_w:.1f}v{h:.1f}h{-bar_w:.1f}z")
        if counts:
            listed = ", ".join(
                f"{counts[t]} {t}" for t in sorted(counts, key=lambda t: (-counts[t], t))
            )
            slots.append(
                Slot(
                    round(left + i * step, 1),
                    round(step, 1),
                    f"{bucket}: {sum(counts.values())} {label} ({listed})",
                )
            )
    layers = [Layer(t, type_colour(t), "".join(paths[t])) for t in type_order if paths[t]]
    every = max(1, math.ceil(len(order) / 8))
    ticks = [(round(left + (i + 0.5) * step, 2), order[i]) for i in range(0, len(order), every)]
    y_ticks = [(round(top + plot_h * (1 - f), 2), f"{peak * f:g}") for f in (0, 0.5, 1)]
    legend = [(t, type_colour(t), totals_by_type[t]) for t in type_order]
    return Chart(width, height, layers, slots, ticks, y_ticks, legend)


_MAX_SLOTS = 1000


def _continuous(buckets: list[str], interval: str) -> list[str]:
    """Every day, week or month from the first bucket to the last (ISO dates)."""
    if not buckets:
        return []
    try:
        first, last = date.fromisoformat(buckets[0]), date.fromisoformat(buckets[-1])
    except ValueError:
        return buckets
    out: list[str] = []
    current = first
    while current <= last and len(out) < _MAX_SLOTS:
        out.append(current.isoformat())
        if interval == "day":
            current += timedelta(days=1)
        elif interval == "month":
            current = date(current.year + current.month // 12, current.month % 12 + 1, 1)
        else:
            current += timedelta(weeks=1)
    if len(out) == _MAX_SLOTS:  # too long to draw evenly: only the buckets with events
        return buckets
    return sorted(set(out) | set(buckets))


@dataclass(frozen=True)
class Marker:
    x: float
    y: float
    r: float
    colour: str
    title: str
    href: str


def map_markers(points: list[dict[str, Any]], href: Callable[[str], str]) -> list[Marker]:
    """One circle per place from (place, type) points: area grows with the number of events,
    colour is the place's most frequent type; ``href(place)`` is where a click leads."""
    places: dict[tuple[float, float, str], dict[str, int]] = defaultdict(dict)
    articles: dict[tuple[float, float, str], int] = defaultdict(int)
    for p in points:
        key = (float(p["lat"]), float(p["lon"]), str(p.get("place") or ""))
        places[key][str(p.get("type"))] = int(p["events"])
        articles[key] += int(p.get("articles") or 0)
    if not places:
        return []
    peak = max(sum(types.values()) for types in places.values()) or 1
    markers = []
    # Biggest first, so small circles are drawn on top and stay clickable.
    for key, types in sorted(places.items(), key=lambda kv: -sum(kv[1].values())):
        lat, lon, place = key
        x, y = project(lon, lat)
        if not (0 <= x <= WIDTH and 0 <= y <= HEIGHT):
            continue
        total = sum(types.values())
        ranked = sorted(types.items(), key=lambda kv: (-kv[1], kv[0]))
        kinds = ", ".join(f"{t} {n}" for t, n in ranked)
        markers.append(
            Marker(
                round(x, 1),
                round(y, 1),
                round(3 + 12 * math.sqrt(total / peak), 1),
                type_colour(ranked[0][0]),
                f"{place}: {total} event{'s' if total != 1 else ''} ({kinds}) in "
                f"{articles[key]} article{'s' if articles[key] != 1 else ''}",
                href(place),
            )
        )
    return markers
