"""The packaged gazetteer as an SQLite index: opened in milliseconds, read lazily.

``gazetteer.tsv.gz`` (written by ``scripts/build_gazetteer.py``) is the gazetteer's source; this
module turns it into ``gazetteer.sqlite`` (``make data`` runs ``scripts/build_gazetteer_index.py``),
which the geo stage opens read-only, so a process pays only for the names it looks up instead
of parsing ~250,000 rows at every start.

Tables: ``places(idx, geonameid, row)`` with ``row`` the place's first eight TSV columns, and
``names(key, idx)`` / ``demonyms(key, idx)`` clustered by key. Row numbers (``idx``) keep the
TSV's order, so candidates come back in the order the text index gave them.
"""

from __future__ import annotations

import gzip
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from dateline.sqlitefiles import building_sqlite

# Columns of a TSV row kept in ``places.row`` (the lookup keys live in their own tables).
PLACE_COLUMNS = 8
SCHEMA = (
    "CREATE TABLE places(idx INTEGER PRIMARY KEY, geonameid TEXT, row TEXT NOT NULL)",
    "CREATE TABLE names(key TEXT NOT NULL, idx INTEGER NOT NULL, PRIMARY KEY (key, idx))"
    " WITHOUT ROWID",
    "CREATE TABLE demonyms(key TEXT NOT NULL, idx INTEGER NOT NULL, PRIMARY KEY (key, idx))"
    " WITHOUT ROWID",
    "CREATE INDEX places_geonameid ON places(geonameid)",
)


def _tsv_rows(source: Path) -> Iterator[list[str]]:
    with gzip.open(source, "rt", encoding="utf-8") as handle:
        next(handle)  # header
        for line in handle:
            line = line.rstrip("\n")
            if line:
                yield line.split("\t")


def write_index(source: Path, target: Path) -> int:
    """Write the SQLite index of the gazetteer TSV ``source`` to ``target``; the row count."""
    with building_sqlite(target, SCHEMA) as con:
        places: list[tuple[int, str | None, str]] = []
        names: list[tuple[str, int]] = []
        demonyms: list[tuple[str, int]] = []
        for idx, fields in enumerate(_tsv_rows(source)):
            places.append((idx, fields[0] or None, "\t".join(fields[:PLACE_COLUMNS])))
            names.extend((key, idx) for key in dict.fromkeys(fields[8].split("|")) if key)
            demonyms.extend((key, idx) for key in dict.fromkeys(fields[9].split("|")) if key)
        con.executemany("INSERT INTO places VALUES (?, ?, ?)", places)
        con.executemany("INSERT INTO names VALUES (?, ?)", names)
        con.executemany("INSERT INTO demonyms VALUES (?, ?)", demonyms)
    return len(places)


# Look-up answers kept per index (about 2 MB at most: memory stays flat in corpus size).
_MAX_CACHED_KEYS = 20_000


class PlaceIndex:
    """Read-only lookups in ``gazetteer.sqlite``."""

    def __init__(self, path: Path) -> None:
        self._con = sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True,
                                    check_same_thread=False)  # fmt: skip
        self.size: int = self._con.execute("SELECT count(*) FROM places").fetchone()[0]
        self._names: dict[str, list[int]] = {}
        self._demonyms: dict[str, list[int]] = {}

    def row(self, idx: int) -> list[str]:
        found = self._con.execute("SELECT row FROM places WHERE idx = ?", (idx,)).fetchone()
        return str(found[0]).split("\t")

    def by_name(self, key: str) -> list[int]:
        """The rows named ``key`` (the list is shared: do not change it)."""
        return self._cached(self._names, "SELECT idx FROM names WHERE key = ? ORDER BY idx", key)

    def by_demonym(self, key: str) -> list[int]:
        """The rows whose demonym is ``key`` (the list is shared: do not change it)."""
        return self._cached(
            self._demonyms, "SELECT idx FROM demonyms WHERE key = ? ORDER BY idx", key
        )

    def _cached(self, answers: dict[str, list[int]], sql: str, key: str) -> list[int]:
        # The file never changes while open (immutable=1), and the stages ask for the same
        # keys many times per article: answers are kept, up to a bound.
        found = answers.get(key)
        if found is None:
            if len(answers) >= _MAX_CACHED_KEYS:
                answers.clear()
            found = answers[key] = self._indices(sql, key)
        return found

    def by_geonameid(self, geonameid: str) -> int | None:
        found = self._con.execute(
            "SELECT idx FROM places WHERE geonameid = ? ORDER BY idx DESC LIMIT 1", (geonameid,)
        ).fetchone()
        return None if found is None else int(found[0])

    def _indices(self, sql: str, key: str) -> list[int]:
        return [int(row[0]) for row in self._con.execute(sql, (key,))]
