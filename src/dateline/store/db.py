"""Opening the corpus database: schema, read-only access, and a clear error when it is busy."""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from importlib import resources
from pathlib import Path
from typing import Any

import duckdb

from dateline.errors import DatelineError

DEFAULT_DB = "dateline.duckdb"
SCHEMA_VERSION = "1"
# Rows per multi-row INSERT: DuckDB's executemany is slow row by row, one big VALUES is fast.
_ROWS_PER_INSERT = 400


class StoreBusyError(DatelineError):
    """Another process holds the database (an ingest is writing to it)."""


class StoreMissingError(DatelineError):
    """The database file does not exist yet."""


@functools.lru_cache(maxsize=1)
def schema_sql() -> str:
    """The whole schema: the corpus tables (``schema.sql``), the section tables (from their
    specs, ``dateline.store.tables``) and the fetching commands' tables (``live.sql``)."""
    from dateline.store.tables import section_tables_ddl

    files = resources.files("dateline.store")
    corpus, live = (
        files.joinpath(name).read_text(encoding="utf-8") for name in ("schema.sql", "live.sql")
    )
    return "\n".join((corpus, section_tables_ddl(), live))


def _is_lock_error(exc: Exception) -> bool:
    message = str(exc).lower()
    return "lock" in message or "conflicting" in message


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
    config: dict[str, Any] = (
        {"enable_external_access": False} if read_only and not allow_files else {}
    )
    try:
        con = duckdb.connect(path, read_only=read_only, config=config)
    except duckdb.IOException as exc:
        if _is_lock_error(exc):
            raise StoreBusyError(
                f"{path}: the database is busy (another dateline process, probably an ingest, "
                "is writing to it); try again when it has finished"
            ) from None
        raise DatelineError(f"{path}: cannot open the database ({exc})") from None
    except duckdb.Error as exc:
        raise DatelineError(f"{path}: not a Dateline database ({exc})") from None
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
    """Insert rows with multi-row VALUES statements; returns how many were inserted."""
    rows = list(rows)
    if not rows:
        return 0
    placeholder = "(" + ", ".join("?" for _ in columns) + ")"
    column_list = ", ".join(columns)
    for start in range(0, len(rows), _ROWS_PER_INSERT):
        chunk = rows[start : start + _ROWS_PER_INSERT]
        sql = f"INSERT INTO {table} ({column_list}) VALUES " + ", ".join(placeholder for _ in chunk)
        con.execute(sql, [value for row in chunk for value in row])
    return len(rows)
