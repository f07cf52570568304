"""The knowledge base as an SQLite file: opened in milliseconds, actors read when looked up.

``kb.json.gz`` (``scripts/build_kb.py``) is the knowledge base's source; parsing its 26,000
actor rows and 50,000 index keys cost ~0.3-0.5 s of CPU at every start. ``make data``
(``scripts/build_entity_tables.py``) writes the same content to ``kb.sqlite``, which
``load_builtin_kb()`` opens read-only, so a process pays only for the names it looks up.

Tables:

* ``meta(name, value)``: ``kb_sha256`` (the SHA-256 of the ``kb.json.gz`` it was built from; a
  KB rebuilt without ``make data`` is read from the JSON instead), ``version`` and ``small``,
  the JSON of everything but the actor rows and the index (countries, agents, titles, the
  curated count), and ``agent_keys``, the normalised agent nouns the KB looks words up by;
* ``actors(number, id, row)``: each actor row as JSON, numbered as in ``kb.json.gz``;
* ``keys(kind, key, numbers)``: the lookup indexes of ``kb.actor_index`` (kinds ``names``,
  ``acronyms``, ``bare``, ``surnames``, ``offices``), ``numbers`` a JSON list of row numbers.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from dateline.sqlitefiles import building_sqlite

INDEX_KINDS = ("names", "acronyms", "bare", "surnames", "offices")
# Look-ups a KeyIndex remembers (most are of words no name has): emptied when full, so a
# long-running worker does not grow with the vocabulary of the corpus.
KEYS_KEPT = 100_000
SCHEMA = (
    "CREATE TABLE meta(name TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID",
    "CREATE TABLE actors(number INTEGER PRIMARY KEY, id TEXT NOT NULL, row TEXT NOT NULL)",
    "CREATE INDEX actors_id ON actors(id, number)",
    "CREATE TABLE keys(kind TEXT NOT NULL, key TEXT NOT NULL, numbers TEXT NOT NULL,"
    " PRIMARY KEY (kind, key)) WITHOUT ROWID",
)
# The parts of the KB data small enough to read whole at every start.
SMALL_PARTS = ("version", "countries", "curated", "agents", "titles")


def _compact(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def write_kb_index(
    data: dict[str, Any],
    index: dict[str, dict[str, list[int]]],
    agent_keys: dict[str, str],
    digest: str,
    target: Path,
) -> None:
    """Write the KB ``data`` (as ``kb.json.gz`` holds it), its lookup ``index`` and its
    normalised agent nouns to the SQLite file ``target``, tied to ``kb.json.gz`` by ``digest``.
    The same data gives the same bytes."""
    with building_sqlite(target, SCHEMA) as con:
        small = {part: data[part] for part in SMALL_PARTS if part in data}
        con.executemany(
            "INSERT INTO meta VALUES (?, ?)",
            [
                ("kb_sha256", digest),
                ("version", str(data.get("version"))),
                ("small", _compact(small)),
                ("agent_keys", _compact(agent_keys)),
            ],
        )
        con.executemany(
            "INSERT INTO actors VALUES (?, ?, ?)",
            ((number, row[0], _compact(row)) for number, row in enumerate(data["actors"])),
        )
        con.executemany(
            "INSERT INTO keys VALUES (?, ?, ?)",
            (
                (kind, key, _compact(numbers))
                for kind in INDEX_KINDS
                for key, numbers in sorted(index[kind].items())
            ),
        )


class KBStore:
    """Read-only access to ``kb.sqlite``; each process opens its own connection."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._pid = -1
        self._con: sqlite3.Connection | None = None

    @property
    def con(self) -> sqlite3.Connection:
        # A connection must not cross a fork: a child opens its own.
        if self._con is None or self._pid != os.getpid():
            self._con = sqlite3.connect(
                f"file:{self.path}?mode=ro&immutable=1", uri=True, check_same_thread=False
            )
            self._pid = os.getpid()
        return self._con

    def meta(self, name: str) -> str | None:
        found = self.con.execute("SELECT value FROM meta WHERE name = ?", (name,)).fetchone()
        return None if found is None else str(found[0])

    def count(self) -> int:
        return int(self.con.execute("SELECT count(*) FROM actors").fetchone()[0])

    def id_count(self) -> int:
        return int(self.con.execute("SELECT count(DISTINCT id) FROM actors").fetchone()[0])

    def row(self, number: int) -> list[Any]:
        found = self.con.execute("SELECT row FROM actors WHERE number = ?", (number,)).fetchone()
        if found is None:
            raise IndexError(number)
        row: list[Any] = json.loads(found[0])
        return row

    def rows(self) -> Iterator[list[Any]]:
        for (text,) in self.con.execute("SELECT row FROM actors ORDER BY number"):
            yield json.loads(text)

    def number_of(self, actor_id: str) -> int | None:
        # The last row of an id, as a dict built over the rows in order keeps it.
        found = self.con.execute(
            "SELECT number FROM actors WHERE id = ? ORDER BY number DESC LIMIT 1", (actor_id,)
        ).fetchone()
        return None if found is None else int(found[0])

    def numbers(self, kind: str, key: str) -> list[int] | None:
        found = self.con.execute(
            "SELECT numbers FROM keys WHERE kind = ? AND key = ?", (kind, key)
        ).fetchone()
        return None if found is None else list(json.loads(found[0]))

    def index(self, kind: str) -> dict[str, list[int]]:
        return {
            str(key): json.loads(numbers)
            for key, numbers in self.con.execute(
                "SELECT key, numbers FROM keys WHERE kind = ? ORDER BY key", (kind,)
            )
        }


class ActorRows:
    """The actor rows of a :class:`KBStore` as a read-only sequence, each row read once."""

    def __init__(self, store: KBStore) -> None:
        self._store = store
        self._cache: dict[int, list[Any]] = {}
        self._len = store.count()

    def __len__(self) -> int:
        return self._len

    def __getitem__(self, number: int) -> list[Any]:
        row = self._cache.get(number)
        if row is None:
            if not 0 <= number < self._len:
                raise IndexError(number)
            row = self._cache[number] = self._store.row(number)
        return row

    def __iter__(self) -> Iterator[list[Any]]:
        return self._store.rows()


class ActorIds(Mapping[str, int]):
    """Actor id -> row number over a :class:`KBStore` (the last row of an id wins)."""

    def __init__(self, store: KBStore) -> None:
        self._store = store

    def get(self, actor_id: str, default: Any = None) -> Any:  # type: ignore[override]
        number = self._store.number_of(actor_id)
        return default if number is None else number

    def __getitem__(self, actor_id: str) -> int:
        number = self._store.number_of(actor_id)
        if number is None:
            raise KeyError(actor_id)
        return number

    def __iter__(self) -> Iterator[str]:
        return (str(row[0]) for row in self._store.rows())

    def __len__(self) -> int:
        return self._store.id_count()


class KeyIndex(Mapping[str, list[int]]):
    """One lookup index of a :class:`KBStore` (names, surnames, ...), read key by key."""

    def __init__(self, store: KBStore, kind: str) -> None:
        self._store = store
        self._kind = kind
        self._cache: dict[str, list[int] | None] = {}

    def _lookup(self, key: str) -> list[int] | None:
        if key in self._cache:
            return self._cache[key]
        if len(self._cache) >= KEYS_KEPT:
            self._cache.clear()
        numbers = self._cache[key] = self._store.numbers(self._kind, key)
        return numbers

    def __getitem__(self, key: str) -> list[int]:
        numbers = self._lookup(key)
        if numbers is None:
            raise KeyError(key)
        return numbers

    def get(self, key: str, default: Any = None) -> Any:  # type: ignore[override]
        numbers = self._lookup(key)
        return default if numbers is None else numbers

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self._lookup(key) is not None

    def __iter__(self) -> Iterator[str]:
        return iter(self.to_dict())

    def __len__(self) -> int:
        return len(self.to_dict())

    def to_dict(self) -> dict[str, list[int]]:
        """The whole index (for a KB extended with a user's actors)."""
        return self._store.index(self._kind)
