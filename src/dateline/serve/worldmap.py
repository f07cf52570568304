"""The explorer's world map: one equirectangular projection shared by the outline and markers.

The outline (``static/world-110m.svg``) is built once from Natural Earth 1:110m countries by
``scripts/build_world_map.py`` with :func:`project`; the server draws event markers with the
same function, so nothing is fetched or computed in the browser.
"""

from __future__ import annotations

WIDTH = 1000
# Latitudes shown: the inhabited world, Antarctica left out (84 N to 60 S).
NORTH, SOUTH = 84.0, -60.0
HEIGHT = round(WIDTH * (NORTH - SOUTH) / 360)


def project(lon: float, lat: float) -> tuple[float, float]:
    """Map coordinates (x to the right, y down) of a longitude and latitude in degrees."""
    x = (lon + 180.0) * WIDTH / 360.0
    y = (NORTH - lat) * WIDTH / 360.0
    return x, y
