"""Writing the shipped SQLite indexes (gazetteer, knowledge base) the one way.

``building_sqlite`` creates the file beside the target as ``.partial`` with the given schema,
hands out the connection for the rows, then commits and vacuums (so the same rows give the same
bytes) and renames it over the target only when everything succeeded: a failed build never
leaves a half-written index where the package reads it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def building_sqlite(target: Path, schema: Sequence[str]) -> Iterator[sqlite3.Connection]:
    """A connection to a new database at ``target`` (built as ``target.partial``) whose tables
    ``schema`` creates; committed, vacuumed and moved over ``target`` when the block ends."""
    partial = target.with_suffix(".partial")
    partial.unlink(missing_ok=True)
    con = sqlite3.connect(partial)
    try:
        for statement in schema:
            con.execute(statement)
        yield con
        con.commit()
        con.execute("VACUUM")
    finally:
        con.close()
    partial.replace(target)
