"""The explorer's view of the corpus database: a private read-only snapshot, refreshed when the
database changes.

DuckDB lets one process write a database file, and a reader holding it open would stop
``dateline ingest`` from starting; opening the file for every request instead costs tens of
milliseconds. So the explorer copies the database into a private temporary folder while no
one writes to it (holding DuckDB's read lock for the length of the copy, so the copy is a
committed state), adds its own lookup tables to the copy (``serve_text``: each article's
searchable text; ``serve_entity_stats``: mentions and articles per entity), and serves every
request from one read-only connection to the copy. The user's file is only ever opened
read-only, and only while it is copied.

When the file changes (an ingest finished a batch), the next request starts a refresh in the
background and is answered from the current snapshot. While an ingest holds the file, the copy
cannot be taken: pages keep showing the last committed state and say so. Before any snapshot
exists (the server started during an ingest), requests get :class:`CorpusBusyError`: "the
corpus is being updated".
"""

from __future__ import annotations

import atexit
import contextlib
import logging
import os
import shutil
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from dateline.errors import DatelineError

log = logging.getLogger("dateline.serve")

# How often a changed database is tried again while an ingest holds it.
RETRY_S = 2.0


class CorpusBusyError(DatelineError):
    """An ingest is writing to the database and no earlier state can be shown."""


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
    """One request's cursor on the snapshot, what the database has, and how fresh it is."""

    con: duckdb.DuckDBPyConnection
    columns: Columns
    notice: str | None = None


@dataclass
class _Snapshot:
    path: Path
    con: duckdb.DuckDBPyConnection
    columns: Columns
    stamp: tuple[int, ...]
    taken_at: datetime


def _is_lock_error(exc: Exception) -> bool:
    message = str(exc).lower()
    return "lock" in message or "conflicting" in message


def _columns(con: duckdb.DuckDBPyConnection) -> Columns:
    tables: dict[str, set[str]] = {}
    for table, column in con.execute(
        "SELECT table_name, column_name FROM duckdb_columns() WHERE schema_name = 'main'"
    ).fetchall():
        tables.setdefault(table, set()).add(column)
    return Columns({t: frozenset(c) for t, c in tables.items()})


# The explorer's own tables, added to its private copy (never to the user's database).
_LOOKUP_TABLES = (
    # Headline, standfirst and body, lower-cased: the articles' text search scans this small
    # table instead of extracting the body from every stored Analysis document.
    "CREATE TABLE serve_text AS SELECT article_id, lower(concat_ws(chr(10), headline, "
    "json_extract_string(analysis, '$.article.standfirst'), "
    "json_extract_string(analysis, '$.article.text'))) AS body FROM articles",
    # Each report's trigger and sentence, lower-cased, for the events' text search.
    "CREATE TABLE serve_mention_text AS SELECT event_id, lower(concat_ws(chr(10), trigger, "
    "sentence)) AS body FROM event_mentions",
    "CREATE TABLE serve_entity_stats AS SELECT entity_id, count(DISTINCT article_id) "
    "AS num_articles, count(*) AS num_mentions FROM mentions GROUP BY entity_id",
    # Who takes part in which event, one row per participant and role, sorted by entity so a
    # lookup reads a few blocks: actor pages and the actor filter use it instead of
    # searching the participant lists of every event.
    "CREATE TABLE serve_participants AS SELECT * FROM ("
    "SELECT event_id, unnest(actor_ids) AS entity_id, 'actor' AS role FROM events "
    "UNION ALL SELECT event_id, unnest(recipient_ids), 'recipient' FROM events) "
    "ORDER BY entity_id, event_id",
)
# The table each lookup table is built from.
_SOURCES = {
    "serve_text": "articles",
    "serve_mention_text": "event_mentions",
    "serve_entity_stats": "mentions",
    "serve_participants": "events",
}


class Corpus:
    """The database file the explorer shows, through its snapshot."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._folder = Path(tempfile.mkdtemp(prefix="dateline-serve-"))
        atexit.register(shutil.rmtree, self._folder, True)
        self._lock = threading.Lock()
        self._refresh_lock = threading.Lock()
        self._snapshot: _Snapshot | None = None
        self._waiting_since: float | None = None  # the file changed but could not be copied
        self._last_try = 0.0
        self._count = 0

    # -- the user's file --------------------------------------------------------------------

    def _stamp(self) -> tuple[int, ...]:
        """What changes when anything is committed: the file's and its write-ahead log's
        modification times and sizes."""
        out: list[int] = []
        for name in (self.path, Path(f"{self.path}.wal")):
            try:
                stat = os.stat(name)
                out += [stat.st_mtime_ns, stat.st_size]
            except OSError:
                out += [0, 0]
        return tuple(out)

    def _copy(self) -> tuple[Path, tuple[int, ...]]:
        """Copy the database (and its log) while holding DuckDB's read lock on it."""
        if self.path.is_dir():
            return self._copy_parquet()
        if not self.path.exists():
            raise CorpusUnavailableError(
                f"{self.path}: no such database; create it with "
                f"`dateline ingest <inputs> --db {self.path}`"
            )
        try:
            guard = duckdb.connect(str(self.path), read_only=True)
        except duckdb.IOException as exc:
            if _is_lock_error(exc):
                raise CorpusBusyError(
                    f"the corpus is being updated: another process (probably `dateline "
                    f"ingest`) is writing to {self.path}; try again when it has finished"
                ) from None
            raise CorpusUnavailableError(f"{self.path}: cannot open the database ({exc})") from None
        except duckdb.Error as exc:
            raise CorpusUnavailableError(f"{self.path}: not a Dateline database ({exc})") from None
        try:
            stamp = self._stamp()
            tables = {
                r[0] for r in guard.execute("SELECT table_name FROM duckdb_tables()").fetchall()
            }
            if "articles" not in tables:
                raise CorpusUnavailableError(
                    f"{self.path}: not a Dateline database (no articles table)"
                )
            self._count += 1
            target = self._folder / f"snapshot-{self._count}.duckdb"
            shutil.copyfile(self.path, target)
            wal = Path(f"{self.path}.wal")
            if wal.exists():
                shutil.copyfile(wal, f"{target}.wal")
        finally:
            guard.close()
        return target, stamp

    def _copy_parquet(self) -> tuple[Path, tuple[int, ...]]:
        """A Parquet corpus folder (`dateline spark ingest`): its tables loaded into a new file.

        Each table folder is replaced by a rename when the corpus is rewritten, which changes
        the folder's modification time, so the stamp notices a new version.
        """
        from dateline.store.db import parquet_columns, parquet_table_files

        stamp = self._stamp()
        tables = parquet_table_files(self.path)
        if "articles" not in tables:
            raise CorpusUnavailableError(
                f"{self.path}: not a Dateline corpus (no articles/ folder of Parquet files)"
            )
        self._count += 1
        target = self._folder / f"snapshot-{self._count}.duckdb"
        con = duckdb.connect(str(target))
        try:
            for table, files in tables.items():
                listed = ", ".join("'" + f.replace("'", "''") + "'" for f in files)
                source = f"read_parquet([{listed}])"
                select = parquet_columns(con, table, source)  # the DuckDB types of the specs
                con.execute(f"CREATE TABLE {table} AS SELECT {select} FROM {source}")
        except duckdb.Error as exc:
            raise CorpusUnavailableError(
                f"{self.path}: cannot read the Parquet corpus ({exc})"
            ) from None
        finally:
            con.close()
        return target, stamp

    # -- snapshots ----------------------------------------------------------------------------

    def _take(self) -> _Snapshot:
        target, stamp = self._copy()
        try:
            # The copy is ours: replay its log and add the explorer's lookup tables.
            writer = duckdb.connect(str(target))
            writer.execute("SET enable_progress_bar = false")
            try:
                present = {
                    r[0]
                    for r in writer.execute("SELECT table_name FROM duckdb_tables()").fetchall()
                }
                for statement in _LOOKUP_TABLES:
                    table = statement.split()[2]
                    if _SOURCES[table] not in present:
                        raise CorpusUnavailableError(
                            f"{self.path}: not a Dateline database (no {_SOURCES[table]} table)"
                        )
                    if table not in present:
                        writer.execute(statement)
                writer.execute("CHECKPOINT")
            finally:
                writer.close()
            con = duckdb.connect(
                str(target), read_only=True, config={"enable_external_access": False}
            )
        except BaseException:
            with contextlib.suppress(OSError):
                target.unlink()
            raise
        return _Snapshot(target, con, _columns(con), stamp, datetime.now(UTC))

    def _install(self, snapshot: _Snapshot) -> None:
        with self._lock:
            old, self._snapshot = self._snapshot, snapshot
            self._waiting_since = None
        if old is not None:
            # Requests still reading the old copy hold cursors of its connection; closing it
            # would break them, so it is closed and deleted once they are done (next refresh).
            timer = threading.Timer(30.0, self._drop, args=(old,))
            timer.daemon = True
            timer.start()

    @staticmethod
    def _drop(snapshot: _Snapshot) -> None:
        with contextlib.suppress(duckdb.Error):
            snapshot.con.close()
        for name in (snapshot.path, Path(f"{snapshot.path}.wal")):
            with contextlib.suppress(OSError):
                name.unlink()

    def refresh(self) -> bool:
        """Take a new snapshot now if the file changed; False when an ingest holds it."""
        with self._refresh_lock:
            current = self._snapshot
            if current is not None and current.stamp == self._stamp():
                return True
            self._last_try = time.monotonic()
            try:
                snapshot = self._take()
            except CorpusBusyError:
                with self._lock:
                    if self._waiting_since is None:
                        self._waiting_since = time.time()
                if current is None:
                    raise
                return False
            self._install(snapshot)
            return True

    def _refresh_quietly(self) -> None:
        try:
            self.refresh()
        except DatelineError as exc:
            log.warning("keeping the current snapshot: %s", exc)
        except Exception:  # a refresh must never take the server down
            log.exception("refreshing the snapshot failed")

    def _current(self) -> _Snapshot:
        snapshot = self._snapshot
        if snapshot is None:
            self.refresh()  # the first one: nothing to show until it is taken
            snapshot = self._snapshot
            assert snapshot is not None
            return snapshot
        stale = snapshot.stamp != self._stamp()
        if (
            stale
            and time.monotonic() - self._last_try > RETRY_S
            and not self._refresh_lock.locked()
        ):
            self._last_try = time.monotonic()
            threading.Thread(target=self._refresh_quietly, daemon=True).start()
        return snapshot

    def notice(self) -> str | None:
        """What the pages should say about the snapshot's freshness, if anything."""
        snapshot = self._snapshot
        return self._notice(snapshot) if snapshot is not None else None

    def _notice(self, snapshot: _Snapshot) -> str | None:
        if self._waiting_since is None or snapshot.stamp == self._stamp():
            return None
        return (
            f"The corpus is being updated (another process is writing to {self.path.name}): "
            f"showing it as it was at {snapshot.taken_at:%H:%M:%S} UTC. Pages show the new "
            "state when the update has finished."
        )

    @contextmanager
    def read(self) -> Iterator[Reader]:
        """A cursor on the current snapshot for one request."""
        snapshot = self._current()
        cursor = snapshot.con.cursor()
        try:
            yield Reader(cursor, snapshot.columns, self._notice(snapshot))
        finally:
            cursor.close()

    def check(self) -> None:
        """Fail now (missing file, not a Dateline database) rather than on the first request.

        A database that is busy at start-up is fine: pages say so until the ingest finishes.
        """
        with contextlib.suppress(CorpusBusyError):
            self.refresh()

    def close(self) -> None:
        snapshot, self._snapshot = self._snapshot, None
        if snapshot is not None:
            self._drop(snapshot)
        shutil.rmtree(self._folder, ignore_errors=True)
