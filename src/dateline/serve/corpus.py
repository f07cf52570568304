"""Read-only access to the corpus database for the explorer, one connection per request.

The server never keeps the database open between requests: DuckDB lets one process write a
file, and a long-lived reader would stop ``dateline ingest`` from starting. While an ingest
holds the file, requests get :class:`CorpusBusyError` and the pages say that the corpus is being
updated (HTTP 503 with ``Retry-After``); they work again as soon as it has finished.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import duckdb

from dateline.errors import DatelineError
from dateline.store.db import StoreBusyError, StoreMissingError, open_store

# A writer that holds the file only for a moment (a small ingest starting or ending) is waited
# for; a running ingest is reported at once after these tries.
_BUSY_TRIES = 3
_BUSY_WAIT_S = 0.05


class CorpusBusyError(DatelineError):
    """An ingest is writing to the database; reading must wait until it has finished."""


class CorpusUnavailableError(DatelineError):
    """The database file is missing or is not a Dateline database."""


@dataclass(frozen=True)
class Columns:
    """Which tables and columns this database has: databases written by other versions differ,
    and columns such as ``events.confidence`` or ``events.status`` may or may not exist."""

    tables: dict[str, frozenset[str]]

    def has(self, table: str, column: str | None = None) -> bool:
        names = self.tables.get(table)
        if names is None:
            return False
        return column is None or column in names


@dataclass
class Reader:
    """One request's read-only connection and what the database has."""

    con: duckdb.DuckDBPyConnection
    columns: Columns


class Corpus:
    """The database file the explorer reads."""

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        self._lock = threading.Lock()
        self._columns: tuple[tuple[int, int], Columns] | None = None

    def _stamp(self) -> tuple[int, int]:
        try:
            stat = os.stat(self.path)
        except OSError:
            return (0, 0)
        return (stat.st_mtime_ns, stat.st_size)

    def _open(self) -> duckdb.DuckDBPyConnection:
        for attempt in range(_BUSY_TRIES):
            try:
                return open_store(self.path, read_only=True)
            except StoreBusyError:
                if attempt + 1 == _BUSY_TRIES:
                    raise CorpusBusyError(
                        f"the corpus is being updated: another process (probably `dateline "
                        f"ingest`) is writing to {self.path}; try again when it has finished"
                    ) from None
                time.sleep(_BUSY_WAIT_S)
            except StoreMissingError as exc:
                raise CorpusUnavailableError(str(exc)) from None
            except DatelineError as exc:
                raise CorpusUnavailableError(str(exc)) from None
        raise AssertionError("unreachable")

    def _columns_of(self, con: duckdb.DuckDBPyConnection) -> Columns:
        stamp = self._stamp()
        with self._lock:
            if self._columns is not None and self._columns[0] == stamp:
                return self._columns[1]
        tables: dict[str, set[str]] = {}
        for table, column in con.execute(
            "SELECT table_name, column_name FROM duckdb_columns() WHERE schema_name = 'main'"
        ).fetchall():
            tables.setdefault(table, set()).add(column)
        columns = Columns({t: frozenset(c) for t, c in tables.items()})
        with self._lock:
            self._columns = (stamp, columns)
        return columns

    @contextmanager
    def read(self) -> Iterator[Reader]:
        """A read-only connection for one request, closed (and the file released) after it."""
        con = self._open()
        try:
            yield Reader(con, self._columns_of(con))
        finally:
            con.close()

    def check(self) -> None:
        """Fail now (missing file, not a Dateline database) rather than on the first request.

        A database that is busy at start-up is fine: pages say so until the ingest finishes.
        """
        try:
            with self.read():
                pass
        except CorpusBusyError:
            pass
