"""The data files shipped inside the package (lexicons, word lists, tables), each read once per
process: the one way a stage reads its static knowledge."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any


@cache
def data_text(package: str, *path: str) -> str:
    """The UTF-8 text of the data file ``path`` inside ``package``, read once and cached."""
    return resources.files(package).joinpath(*path).read_text(encoding="utf-8")


def data_json(package: str, *path: str) -> Any:
    """A JSON data file inside ``package``, parsed afresh (the text is read once)."""
    return json.loads(data_text(package, *path))


def data_lines(package: str, *path: str) -> list[str]:
    """The lines of a hand-written data file, as written (not stripped), without blank lines
    and lines that open with ``#``."""
    lines = data_text(package, *path).splitlines()
    return [line for line in lines if line.strip() and not line.startswith("#")]
