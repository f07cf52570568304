"""Opening the corpus database: schema, read-only access, and a clear error when it is busy."""

from __future__ import annotations

import errno
import functools
import re
from collections.abc import Iterable, Sequence
from importlib import resources
from pathlib import Path
from typing import Any

import duckdb

from dateline.errors import DatelineError

DEFAULT_DB = "dateline.duckdb"
SCHEMA_VERSION = "1"
# Rows per INSERT statement (each column one list parameter): bounds the size of one statement.
_ROWS_PER_INSERT = 400


class StoreBusyError(DatelineError):
    """Another process holds the database (an ingest is writing to it)."""


class StoreWriteError(DatelineError):
    """Writing a batch failed for a reason outside Dateline (disk full, I/O error)."""


def explain_write_error(exc: BaseException) -> StoreWriteError | None:
    """The real cause of a failed write, in words, when it is the machine's (None otherwise)."""
    message = str(exc)
    if isinstance(exc, OSError) and exc.errno == errno.ENOSPC or "No space left" in message:
        cause = "no space left on device"
    elif isinstance(exc, OSError) and exc.errno == errno.EDQUOT or "quota exceeded" in message:
        cause = "disk quota exceeded"
    elif isinstance(exc, duckdb.IOException | OSError):
        cause = (
            f"input/output error ({message.splitlines()[0] if message else exc.__class__.__name__})"
        )
    else:
        return None
    return StoreWriteError(
        f"writing the database failed: {cause}. Every batch committed before is kept; "
        "free space (or fix the disk) and run the same command again to resume"
    )


class StoreDamagedError(DatelineError):
    """The database file cannot be read: truncated, corrupted, or not a database."""


class StoreMissingError(DatelineError):
    """The database file does not exist yet."""


@functools.lru_cache(maxsize=1)
def schema_sql() -> str:
    """The whole schema: the corpus and section tables (from their specs,
    ``dateline.store.tables``) and the fetching commands' tables (``live.sql``)."""
    from dateline.store.tables import corpus_tables_ddl, section_tables_ddl

    live = resources.files("dateline.store").joinpath("live.sql").read_text(encoding="utf-8")
    return "\n".join((corpus_tables_ddl(), section_tables_ddl(), live))


def _is_lock_error(exc: Exception) -> bool:
    message = str(exc).lower()
    return "lock" in message or "conflicting" in message


# DuckDB names the holder: 'Conflicting lock is held in /usr/bin/python3.11 (PID 4242)'.
_LOCK_HOLDER = re.compile(r"held in (.+?) \(PID (\d+)\)")


def busy_message(path: str, exc: Exception) -> str:
    """Which process holds the database, as far as DuckDB says: not always an ingest."""
    match = _LOCK_HOLDER.search(str(exc))
    holder = (
        f"process {match.group(2)} ({Path(match.group(1)).name}) holds it open"
        if match
        else "another process holds it open"
    )
    return (
        f"{path}: the database is busy: {holder} for writing (an ingest, a watch round, an export "
        "marking its window, or a notebook); try again when it has closed the database"
    )


def damage_message(path: str | None, exc: BaseException) -> str | None:
    """What is wrong with a damaged database file, in words; None if ``exc`` is not that."""
    message = str(exc)
    if "Could not read enough bytes" in message:
        what = "the database file is truncated (shorter than its own index says)"
    elif "checksum" in message or "Corrupt database" in message:
        what = "the database file is corrupted (a block does not match its checksum)"
    elif "not a valid DuckDB database" in message:
        what = "the file is not a DuckDB database"
    else:
        return None
    where = f"{path}: " if path else ""
    return (
        f"{where}{what}. Restore it from a copy, or ingest the inputs again into a new "
        "database (--db NEW)"
    )


# DuckDB's memory limit for a connection that writes a corpus (ingest, fetch, watch). By default
# DuckDB keeps the blocks it wrote and read cached up to 80 % of the machine's memory, so a writing
# process grew with the database (ingest's parent: peak 219 MiB at 100 inputs, 320 MiB at 1,000 of
# the bench corpus); a batch's writes and look-ups need a few MB, and above the limit DuckDB
# evicts cached blocks (read back from the file when needed) and spills a large join or sort to a
# temporary file rather than failing.
WRITER_DB_MEMORY_MB = 64


def bound_writer_memory(con: duckdb.DuckDBPyConnection) -> None:
    """Hold a writing connection's database to :data:`WRITER_DB_MEMORY_MB` of cache."""
    con.execute(f"SET memory_limit = '{WRITER_DB_MEMORY_MB}MB'")


def open_store(
    path: str, read_only: bool = False, allow_files: bool = False
) -> duckdb.DuckDBPyConnection:
    """Open (and for writing, create) the database at ``path``.

    Read-only connections also refuse access to other files (unless ``allow_files``, which
    exports need for COPY ... TO), so SQL typed by a user can neither write nor read outside
    the database.
    """
    if read_only and not Path(path).exists():
        raise StoreMissingError(
            f"{path}: no such database; create it with `dateline ingest <inputs> --db {path}`"
        )
    if Path(path).is_dir():
        if not read_only:
            raise DatelineError(
                f"{path}: a Parquet corpus folder (from `dateline spark ingest`) is read-only; "
                "give a DuckDB file to write to"
            )
        return open_parquet_corpus(path, allow_files=allow_files)
    config: dict[str, Any] = (
        {"enable_external_access": False} if read_only and not allow_files else {}
    )
    try:
        con = duckdb.connect(path, read_only=read_only, config=config)
    except duckdb.IOException as exc:
        if _is_lock_error(exc):
            raise StoreBusyError(busy_message(path, exc)) from None
        damaged = damage_message(path, exc)
        raise StoreDamagedError(damaged or f"{path}: cannot open the database ({exc})") from None
    except duckdb.Error as exc:
        damaged = damage_message(path, exc)
        raise StoreDamagedError(damaged or f"{path}: not a Dateline database ({exc})") from None
    if not read_only:
        con.execute(schema_sql())
        con.execute(
            "INSERT OR IGNORE INTO store_meta VALUES ('schema_version', ?)", [SCHEMA_VERSION]
        )
    else:
        tables = {
            row[0] for row in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()
        }
        if "articles" not in tables:
            con.close()
            raise DatelineError(f"{path}: not a Dateline database (no articles table)")
    return con


def insert_rows(
    con: duckdb.DuckDBPyConnection,
    table: str,
    columns: Sequence[str],
    rows: Iterable[Sequence[Any]],
) -> int:
    """Insert rows, in order, column by column; returns how many were inserted.

    Each column travels as one list parameter, unnested in one ``INSERT ... SELECT``: DuckDB
    binds a list parameter in one conversion, where a multi-row ``VALUES`` binds every value
    as a statement parameter of its own (about four times the CPU for the ingest's tables, the
    largest part of the writer's work). Values are converted to the column types as an
    ``INSERT`` converts them, so the stored rows are the same.
    """
    rows = list(rows)
    if not rows:
        return 0
    width = len(columns)
    for row in rows:
        # unnest pads shorter lists with NULLs: a short row must fail, not shift.
        if len(row) != width:
            raise ValueError(f"{table}: a row of {len(row)} values for {width} columns")
    column_list = ", ".join(columns)
    unnested = ", ".join("unnest(?)" for _ in columns)
    for start in range(0, len(rows), _ROWS_PER_INSERT):
        chunk = rows[start : start + _ROWS_PER_INSERT]
        con.execute(
            f"INSERT INTO {table} ({column_list}) SELECT {unnested}",
            [list(values) for values in zip(*chunk, strict=True)],
        )
    return len(rows)


def parquet_table_files(folder: str | Path) -> dict[str, list[str]]:
    """The tables of a Parquet corpus folder: table name -> its Parquet files (sorted).

    A table is a sub-folder holding ``*.parquet`` files (``dateline spark ingest`` writes one
    folder per corpus table); folders starting with ``_`` or ``.`` (state, temporary output)
    are not tables.
    """
    tables: dict[str, list[str]] = {}
    for child in sorted(Path(folder).iterdir()):
        if not child.is_dir() or child.name.startswith(("_", ".")):
            continue
        files = sorted(str(f.resolve()) for f in child.rglob("*.parquet"))
        if files and child.name.isidentifier():
            tables[child.name] = files
    return tables


def parquet_columns(con: duckdb.DuckDBPyConnection, table: str, source: str) -> str:
    """The select list of a Parquet table's view: its spec's columns with their DuckDB types."""
    from dateline.store.tables import table_columns

    columns = table_columns().get(table)
    if columns is None:  # a table without a spec (the fetching commands'): as written
        return "*"
    present = {row[0] for row in con.execute(f"DESCRIBE SELECT * FROM {source}").fetchall()}
    return ", ".join(
        f"CAST({c.name if c.name in present else 'NULL'} AS {c.type}) AS {c.name}" for c in columns
    )


def open_parquet_corpus(folder: str, allow_files: bool = False) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB with one view per table of the Parquet corpus at ``folder``.

    The views have the column names and types of the DuckDB tables: a table with a spec
    (``dateline.store.tables``) is read as its spec's columns cast to their DuckDB types (Spark
    writes an unsigned 64-bit column as a decimal; a column added after the files were written
    reads NULL), so every read-only command runs unchanged. Unless ``allow_files``,
    the connection may read exactly those Parquet files and nothing else, like a read-only
    database file.
    """
    tables = parquet_table_files(folder)
    if "articles" not in tables:
        raise DatelineError(
            f"{folder}: not a Dateline corpus (no articles/ folder of Parquet files); "
            "create one with `dateline spark ingest <inputs> --out "
            f"{folder}`"
        )
    con = duckdb.connect(":memory:")
    try:
        for table, files in tables.items():
            listed = ", ".join("'" + f.replace("'", "''") + "'" for f in files)
            source = f"read_parquet([{listed}])"
            con.execute(
                f"CREATE VIEW {table} AS SELECT {parquet_columns(con, table, source)} FROM {source}"
            )
        if not allow_files:
            every_file = [f for files in tables.values() for f in files]
            con.execute("SET allowed_paths = ?", [every_file])
            con.execute("SET enable_external_access = false")
            con.execute("SET lock_configuration = true")
    except duckdb.Error as exc:
        con.close()
        raise DatelineError(f"{folder}: cannot read the Parquet corpus ({exc})") from None
    return con
