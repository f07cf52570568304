"""Exports of the corpus database: JSON Lines, CSV, Parquet and GDELT 2.0-compatible TSV."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import IO, Any

import duckdb

from dateline.errors import DatelineError
from dateline.events import DEFAULT_MIN_CONFIDENCE
from dateline.export.gdelt import EVENT_COLUMNS, MENTION_COLUMNS, event_rows, mention_rows
from dateline.export.gkg import GKG_COLUMNS, gkg_rows
from dateline.export.tables import (
    CONFIDENCE_COLUMNS,
    LATER_EVENT_COLUMNS,
    STATUS_COLUMNS,
    TABLES,
    events_sql,
)
from dateline.store.queries import has_column

WHAT = ("analyses", "gkg", *TABLES)
FORMATS = ("jsonl", "csv", "parquet", "gdelt")
_GDELT = {
    "events": (EVENT_COLUMNS, event_rows),
    "mentions": (MENTION_COLUMNS, mention_rows),
}


def check(what: str, fmt: str, output: str | None) -> None:
    """Refuse combinations that cannot work, before opening anything."""
    if what == "analyses" and fmt != "jsonl":
        raise DatelineError("analyses (the Analysis documents) export only as --format jsonl")
    if fmt == "gdelt" and what not in (*_GDELT, "gkg"):
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


# What a GDELT export holds unless told otherwise: events that happened or are happening, as
# GDELT itself codes only reported actions, never what was threatened, planned or denied.
GDELT_STATUSES = ("occurred", "ongoing")


def default_statuses(what: str, fmt: str) -> tuple[str, ...] | None:
    """The statuses an export keeps when none are asked for (None: every row)."""
    return GDELT_STATUSES if fmt == "gdelt" and what in STATUS_COLUMNS else None


def _rows_where(
    con: duckdb.DuckDBPyConnection,
    what: str,
    statuses: Sequence[str] | None,
    min_confidence: float = 0.0,
) -> str:
    """The WHERE clause of an events or mentions export: these statuses, this confidence."""
    conditions = [c for c in (_status_condition(con, what, statuses),) if c]
    if what in CONFIDENCE_COLUMNS and min_confidence > 0:
        table, column = CONFIDENCE_COLUMNS[what]
        # Rows stored before confidences existed have none and always pass.
        if has_column(con, table, "confidence"):
            sure = f"coalesce({column}, 1.0) >= {float(min_confidence)!r}"
            if what == "mentions":
                # Every telling of the events an events export keeps, as the GDELT Mentions
                # export and stats count them: a telling less sure than its event is kept.
                sure = f"m.event_id IN (SELECT e.event_id FROM events e WHERE {sure})"
            conditions.append(sure)
    return " WHERE " + " AND ".join(conditions) if conditions else ""


def _status_condition(
    con: duckdb.DuckDBPyConnection, what: str, statuses: Sequence[str] | None
) -> str:
    if not statuses or what not in STATUS_COLUMNS:
        return ""
    column = STATUS_COLUMNS[what]
    if column == "e.status" and not has_column(con, "events", "status"):
        # An older database: the status of the event's first report.
        column = (
            "(SELECT m.status FROM event_mentions m WHERE m.event_id = e.event_id "
            "ORDER BY m.article_id, m.char_start LIMIT 1)"
        )
    listed = ", ".join("'" + s.replace("'", "''") + "'" for s in statuses)
    return f"{column} IN ({listed})"


def table_sql(
    con: duckdb.DuckDBPyConnection,
    what: str,
    statuses: Sequence[str] | None = None,
    min_confidence: float = 0.0,
) -> str:
    """The SELECT for a flat table (of the rows with these statuses and at least this
    confidence, for events and mentions), adapted to databases written by older versions."""
    sql = TABLES[what]
    if what == "events":
        sql = events_sql({c for c in LATER_EVENT_COLUMNS if not has_column(con, "events", c)})
    if what == "mentions" and not has_column(con, "event_mentions", "confidence"):
        sql = sql.replace("m.confidence ", "NULL::DOUBLE AS confidence ")
    if what in STATUS_COLUMNS:
        sql = sql.replace("{where}", _rows_where(con, what, statuses, min_confidence))
    return sql


# A cell a spreadsheet would run as a formula (CSV injection): =, +, -, @, and tab or carriage
# return, which some spreadsheets skip before looking for one.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: Any) -> Any:
    """A text cell that starts like a formula, prefixed with ``'`` so it is shown as text.

    Numbers are left alone: a negative tone or Goldstein score stays a number.
    """
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def one_line_cell(value: str) -> str:
    """A TSV cell: tabs, newlines and carriage returns in it become spaces (one row per line)."""
    if "\t" in value or "\n" in value or "\r" in value:
        return value.replace("\r\n", " ").translate(_TSV_BREAKS)
    return value


_TSV_BREAKS = str.maketrans({"\t": " ", "\n": " ", "\r": " "})


def write(
    con: duckdb.DuckDBPyConnection, what: str, fmt: str, out: IO[str] | None, output: str | None,
    header: bool = False, statuses: Sequence[str] | None = None,
    min_confidence: float = DEFAULT_MIN_CONFIDENCE, formula_guard: bool = True,
) -> int:  # fmt: skip
    """Write the export; returns the number of rows. Parquet goes straight to ``output``.

    ``statuses`` keeps the events and mentions of those statuses; None keeps the default
    (``default_statuses``: occurred and ongoing for GDELT, every row otherwise), and an empty
    sequence keeps every row. Events and mentions below ``min_confidence`` are left out.
    CSV text cells that a spreadsheet would run as formulas are neutralised unless
    ``formula_guard`` is off; GDELT TSV rows stay one line whatever the text holds.
    """
    check(what, fmt, output)
    if statuses is None:
        statuses = default_statuses(what, fmt)
    if fmt == "parquet":
        assert output is not None
        target = str(Path(output))
        sql = table_sql(con, what, statuses, min_confidence)
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
        if what == "gkg":
            columns, rows = GKG_COLUMNS, gkg_rows(con)
        else:
            columns, row_function = _GDELT[what]
            rows = row_function(con, statuses=statuses, min_confidence=min_confidence)
        if header:
            out.write("\t".join(columns) + "\n")
        for fields in rows:
            out.write("\t".join(one_line_cell(f) for f in fields) + "\n")
            count += 1
        return count
    cursor = con.execute(table_sql(con, what, statuses, min_confidence))
    names = [d[0] for d in cursor.description or []]
    if fmt == "csv":
        table = csv.writer(out, lineterminator="\n")
        table.writerow(names)
    while batch := cursor.fetchmany(2000):
        for values in batch:
            if fmt == "csv":
                cells = [_plain(v) for v in values]
                table.writerow([spreadsheet_safe(c) for c in cells] if formula_guard else cells)
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


# -- exporting only what changed --------------------------------------------------------------


@dataclass(frozen=True)
class Window:
    """Rows added after ``since`` (exclusive; None: from the start) up to ``until`` (inclusive)."""

    since: datetime | None
    until: datetime

    def condition(self, column: str) -> str:
        bounds = [f"{column} <= {_timestamp_literal(self.until)}"]
        if self.since is not None:
            bounds.append(f"{column} > {_timestamp_literal(self.since)}")
        return " AND ".join(bounds)


def _timestamp_literal(moment: datetime) -> str:
    return f"TIMESTAMP '{moment.replace(tzinfo=None).isoformat(sep=' ')}'"


# What each export's rows were added by: the table holding the time, and which tables a
# windowed export reads restricted. "New" means added to the database in the window: events
# first stored then (date_added), articles ingested then, and what those articles brought
# (their event mentions, quotes, and the entities they mention).
def _window_views(what: str, window: Window, db: str) -> dict[str, str]:
    main = f'"{db}".main'
    new_articles = f"SELECT article_id FROM {main}.articles WHERE {window.condition('ingested_at')}"
    if what == "events":
        return {"events": f"SELECT * FROM {main}.events WHERE {window.condition('date_added')}"}
    if what == "mentions":
        return {
            "event_mentions": f"SELECT * FROM {main}.event_mentions "
            f"WHERE article_id IN ({new_articles})"
        }
    if what in ("analyses", "gkg", "articles"):
        return {
            "articles": f"SELECT * FROM {main}.articles WHERE {window.condition('ingested_at')}"
        }
    if what == "quotes":
        return {"quotes": f"SELECT * FROM {main}.quotes WHERE article_id IN ({new_articles})"}
    if what == "entities":
        mentions = f"SELECT * FROM {main}.mentions WHERE article_id IN ({new_articles})"
        return {
            "mentions": mentions,
            "entities": f"SELECT * FROM {main}.entities "
            f"WHERE entity_id IN (SELECT entity_id FROM ({mentions}))",
        }
    if what == "ingest_log":
        return {
            "ingest_log": f"SELECT * FROM {main}.ingest_log WHERE {window.condition('logged_at')}"
        }
    raise DatelineError(f"cannot export {what} by time")


def restrict_to_window(con: duckdb.DuckDBPyConnection, what: str, window: Window) -> None:
    """Make this connection's exports of ``what`` see only the rows added in ``window``.

    Temporary views named like the tables shadow them for this connection only (DuckDB looks
    in the temp schema first), so every format and layout of every export is filtered by the
    same rule without a second copy of its SQL. Nothing in the database changes.
    """
    row = con.execute("SELECT current_database()").fetchone()
    db = str(row[0]) if row else "main"
    for table, sql in _window_views(what, window, db.replace('"', '""')).items():
        con.execute(f"CREATE OR REPLACE TEMP VIEW {table} AS {sql}")


def last_export(con: duckdb.DuckDBPyConnection, target: str, what: str) -> datetime | None:
    row = con.execute(
        "SELECT exported_until FROM export_marks WHERE target = ? AND what = ?", [target, what]
    ).fetchone()
    return row[0] if row else None


def remember_export(
    con: duckdb.DuckDBPyConnection, target: str, what: str, until: datetime, rows: int
) -> None:
    con.execute(
        "INSERT INTO export_marks (target, what, exported_until, rows_exported, exported_at) "
        "VALUES (?, ?, ?, ?, ?) ON CONFLICT (target, what) DO UPDATE SET "
        "exported_until = excluded.exported_until, rows_exported = excluded.rows_exported, "
        "exported_at = excluded.exported_at",
        [target, what, until, rows, until],
    )
