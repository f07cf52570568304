"""Build the explorer's offline world map from Natural Earth's 1:110m countries.

Input: ``countries-110m.json`` of the npm package ``world-atlas`` 2.0.2 (Natural Earth 4.1.0
admin-0 boundaries as TopoJSON, ISC licence; the Natural Earth data are in the public domain):

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    python scripts/build_world_map.py package/countries-110m.json

Output: ``src/dateline/serve/static/world-110m.svg``, one ``<path>`` per country in the
explorer's equirectangular projection (``dateline.serve.worldmap.project``), so event markers
drawn by the server with the same projection land on the right spot. Coordinates are stored
in tenths of a map unit as relative integer moves, which keeps the file small.
"""

from __future__ import annotations

import argparse
import json
import sys
from html import escape
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

from dateline.serve.worldmap import HEIGHT, WIDTH, project  # noqa: E402

OUTPUT = REPO / "src" / "dateline" / "serve" / "static" / "world-110m.svg"
# Path coordinates are integers in tenths of a map unit (the SVG scales them back by 0.1).
PRECISION = 10


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """The topology's arcs as (lon, lat) lists: quantised, delta-encoded positions undone."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring_points(
    ring: list[int], arcs: list[list[tuple[float, float]]]
) -> list[tuple[float, float]]:
    """A ring's positions from its arc indexes (a negative index ~i is arc i reversed)."""
    points: list[tuple[float, float]] = []
    for index in ring:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        # Consecutive arcs share their end point.
        points.extend(arc if not points else arc[1:])
    return points


def unwrap(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Longitudes made continuous: a ring crossing the antimeridian (Russia, Fiji) runs past
    180 instead of jumping back across the whole map."""
    out = [points[0]]
    for lon, lat in points[1:]:
        previous = out[-1][0]
        while lon - previous > 180:
            lon -= 360
        while previous - lon > 180:
            lon += 360
        out.append((lon, lat))
    return out


def ring_paths(points: list[tuple[float, float]]) -> str:
    """The ring's path, repeated one world to the left or right when it runs past 180."""
    points = unwrap(points)
    lons = [lon for lon, _ in points]
    shifts = [0.0]
    if max(lons) > 180:
        shifts.append(-360.0)
    if min(lons) < -180:
        shifts.append(360.0)
    return "".join(ring_path([(lon + shift, lat) for lon, lat in points]) for shift in shifts)


def ring_path(points: list[tuple[float, float]]) -> str:
    coords = []
    for lon, lat in points:
        x, y = project(lon, lat)
        coords.append((round(x * PRECISION), round(y * PRECISION)))
    out = [f"M{coords[0][0]} {coords[0][1]}l"]
    last = coords[0]
    moves = []
    for x, y in coords[1:]:
        dx, dy = x - last[0], y - last[1]
        if dx or dy:
            moves.append(f"{dx} {dy}")
            last = (x, y)
    if len(moves) < 2:
        return ""
    return out[0] + " ".join(moves).replace(" -", "-") + "z"


def country_paths(topology: dict) -> list[tuple[str, str]]:
    arcs = decode_arcs(topology)
    countries = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        polygons = geometry.get("arcs") or []
        if geometry["type"] == "Polygon":
            polygons = [polygons]
        name = geometry.get("properties", {}).get("name", "")
        if name == "Antarctica":  # south of the map's edge
            continue
        path = "".join(
            ring_paths(ring_points(ring, arcs)) for polygon in polygons for ring in polygon
        )
        if path:
            countries.append((name, path))
    return countries


def build(source: Path) -> str:
    topology = json.loads(source.read_text(encoding="utf-8"))
    lines = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="{WIDTH}" height="{HEIGHT}">',
        "<!-- Natural Earth 1:110m admin-0 countries (public domain), via the npm package "
        "world-atlas 2.0.2 (ISC); built by scripts/build_world_map.py -->",
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="#eaf2f8"/>',
        f'<g transform="scale({1 / PRECISION})" fill="#fbfaf5" stroke="#9aa5ad" '
        'stroke-width="4" stroke-linejoin="round">',
    ]
    for name, path in country_paths(topology):
        lines.append(f'<path d="{path}"><title>{escape(name)}</title></path>')
    lines += ["</g>", "</svg>", ""]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("source", type=Path, help="world-atlas countries-110m.json")
    parser.add_argument("-o", "--output", type=Path, default=OUTPUT)
    args = parser.parse_args()
    svg = build(args.source)
    args.output.write_text(svg, encoding="utf-8")
    print(f"{args.output}: {len(svg.encode()):,} bytes")


if __name__ == "__main__":
    main()
