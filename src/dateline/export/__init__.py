"""Exports of the corpus database: JSON Lines, CSV, Parquet and GDELT 2.0-compatible TSV."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import IO, Any

import duckdb

from dateline.errors import DatelineError
from dateline.export.gdelt import EVENT_COLUMNS, MENTION_COLUMNS, event_rows, mention_rows
from dateline.export.gkg import GKG_COLUMNS, gkg_rows
from dateline.export.tables import LEGACY_EVENTS, TABLES

WHAT = ("analyses", "gkg", *TABLES)
FORMATS = ("jsonl", "csv", "parquet", "gdelt")
_GDELT = {
    "events": (EVENT_COLUMNS, event_rows),
    "mentions": (MENTION_COLUMNS, mention_rows),
    "gkg": (GKG_COLUMNS, gkg_rows),
}


def check(what: str, fmt: str, output: str | None) -> None:
    """Refuse combinations that cannot work, before opening anything."""
    if what == "analyses" and fmt != "jsonl":
        raise DatelineError("analyses (the Analysis documents) export only as --format jsonl")
    if fmt == "gdelt" and what not in _GDELT:
        raise DatelineError(f"--format gdelt exists for events, mentions and gkg, not {what}")
    if what == "gkg" and fmt != "gdelt":
        raise DatelineError("gkg (the GKG 2.1-like article table) exports only as --format gdelt")
    if fmt == "parquet" and not output:
        raise DatelineError("--format parquet writes a file: give --output FILE.parquet")


def _plain(value: Any) -> Any:
    if isinstance(value, date | datetime):
        return value.isoformat()
    return value


def analyses(con: duckdb.DuckDBPyConnection, chunk: int = 500) -> Iterator[str]:
    """The stored Analysis documents, one JSON text each, in ingest order."""
    cursor = con.execute("SELECT analysis FROM articles ORDER BY ingested_at, article_id")
    while rows := cursor.fetchmany(chunk):
        for (text,) in rows:
            yield text


def table_sql(con: duckdb.DuckDBPyConnection, what: str) -> str:
    """The SELECT for a flat table, adapted to databases written by older versions."""
    if what == "events":
        row = con.execute(
            "SELECT count(*) FROM duckdb_columns() "
            "WHERE table_name = 'events' AND column_name = 'date_is_fallback'"
        ).fetchone()
        if not (row and row[0]):
            return LEGACY_EVENTS
    return TABLES[what]


def write(
    con: duckdb.DuckDBPyConnection, what: str, fmt: str, out: IO[str] | None, output: str | None,
    header: bool = False,
) -> int:  # fmt: skip
    """Write the export; returns the number of rows. Parquet goes straight to ``output``."""
    check(what, fmt, output)
    if fmt == "parquet":
        assert output is not None
        target = str(Path(output))
        sql = table_sql(con, what)
        con.execute(f"COPY ({sql}) TO '{_quote(target)}' (FORMAT parquet)")
        row = con.execute(f"SELECT count(*) FROM ({sql})").fetchone()
        return int(row[0]) if row else 0
    assert out is not None
    count = 0
    if what == "analyses":
        for text in analyses(con):
            out.write(text + "\n")
            count += 1
        return count
    if fmt == "gdelt":
        columns, gdelt_rows = _GDELT[what]
        if header:
            out.write("\t".join(columns) + "\n")
        for fields in gdelt_rows(con):
            out.write("\t".join(fields) + "\n")
            count += 1
        return count
    cursor = con.execute(table_sql(con, what))
    names = [d[0] for d in cursor.description or []]
    if fmt == "csv":
        table = csv.writer(out, lineterminator="\n")
        table.writerow(names)
    while batch := cursor.fetchmany(2000):
        for values in batch:
            if fmt == "csv":
                table.writerow([_plain(v) for v in values])
            else:
                out.write(
                    json.dumps(
                        dict(zip(names, map(_plain, values), strict=True)), ensure_ascii=False
                    )
                    + "\n"
                )
            count += 1
    return count


def _quote(path: str) -> str:
    return path.replace("'", "''")
