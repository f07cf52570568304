"""A Parquet corpus folder: every table of a corpus database as Parquet, one folder per table.

The files are written by DuckDB from the DuckDB tables themselves, so the column names and
types are exactly the database's (``--db FOLDER`` reads them back as views,
``dateline.store.db.open_parquet_corpus``). A table is replaced atomically: the new files are
written into a temporary folder beside it and swapped in by renames, so a crash leaves either
the old or the new table, never a mix.
"""

from __future__ import annotations

import shutil
import uuid
from pathlib import Path

import duckdb

# Files of at most this size per table folder: large tables are split so that readers
# (DuckDB, Spark) can read them in parallel.
FILE_SIZE = "256MB"


def corpus_tables(con: duckdb.DuckDBPyConnection) -> list[str]:
    """The base tables of the database, in name order."""
    rows = con.execute(
        "SELECT table_name FROM duckdb_tables() WHERE schema_name = 'main' AND NOT temporary ORDER BY table_name"
    ).fetchall()
    return [str(row[0]) for row in rows]


def write_parquet_corpus(con: duckdb.DuckDBPyConnection, out: Path) -> dict[str, int]:
    """Write every table of ``con`` to ``out/<table>/data_N.parquet``; returns rows per table."""
    out.mkdir(parents=True, exist_ok=True)
    staging = out / f".staging-{uuid.uuid4().hex[:12]}"
    staging.mkdir()
    counts: dict[str, int] = {}
    try:
        for table in corpus_tables(con):
            target = staging / table
            row = con.execute(f"SELECT count(*) FROM {table}").fetchone()
            counts[table] = int(row[0]) if row else 0
            # Sorted by every column: the same rows give the same files whatever the write
            # order, so a re-run over the same inputs reproduces the folder.
            con.execute(
                f"COPY (SELECT * FROM {table} ORDER BY ALL) TO '{target}' "
                f"(FORMAT parquet, FILE_SIZE_BYTES '{FILE_SIZE}')"
            )
        for table in counts:
            final = out / table
            retired = staging / f".old-{table}"
            if final.exists():
                final.rename(retired)
            (staging / table).rename(final)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return counts
