"""``dateline export``: the corpus as JSON Lines, CSV, Parquet or GDELT 2.0-compatible TSV."""

from __future__ import annotations

import sys

import click

from dateline.store.db import DEFAULT_DB


@click.command()
@click.argument(
    "what",
    type=click.Choice(
        ["analyses", "events", "mentions", "gkg", "entities", "quotes", "articles", "ingest_log"]
    ),
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["jsonl", "csv", "parquet", "gdelt"]),
    default="jsonl",
    show_default=True,
    help="gdelt: GDELT 2.0 Events (61 columns), Mentions (16) or GKG 2.1-like (27) TSV, no header.",
)
@click.option(
    "--output",
    "-o",
    default=None,
    help="Write to this file (default: stdout; parquet needs a file).",
)
@click.option(
    "--header", is_flag=True, help="With --format gdelt: add a header row of GDELT column names."
)
@click.option(
    "--status",
    "statuses",
    default=None,
    help="events/mentions: only these statuses, comma-separated (occurred, ongoing, future, "
    "hypothetical, negated), or 'all'. Default: occurred,ongoing for --format gdelt, all otherwise.",
)
@click.option("--db", default=DEFAULT_DB, show_default=True, help="DuckDB database file.")
def export(
    what: str, fmt: str, output: str | None, header: bool, statuses: str | None, db: str
) -> None:
    """Export WHAT from the corpus database.

    \b
    WHAT is one of:
      analyses    the Analysis documents, one per line (jsonl only)
      events      corpus events, merged across articles (csv, parquet, jsonl, gdelt)
      mentions    every article's mention of an event (csv, parquet, jsonl, gdelt)
      gkg         GDELT GKG 2.1-like: one 27-column row per article (gdelt only)
      entities    GKG-like: corpus entities with article and mention counts
      quotes      GKG-like: quotes with speaker, article, URL and date
      articles    article metadata, story (near-duplicate cluster) ids
      ingest_log  what happened to every input

    \b
    Examples:
      dateline export events --format gdelt > events.tsv
      dateline export events --format parquet -o events.parquet
      dateline export mentions --format csv -o mentions.csv
      dateline export gkg --format gdelt > gkg.tsv
      dateline export analyses > analyses.jsonl
      dateline export quotes --format csv --db news.duckdb
      dateline export events --format gdelt --status all > all-events.tsv
      dateline export events --format csv --status occurred,ongoing

    A GDELT export holds only events that occurred or are ongoing unless --status says
    otherwise; the flat events and mentions tables carry a status column.
    """
    from dateline import export as exporter
    from dateline.cli.query import split_statuses
    from dateline.store.db import open_store

    exporter.check(what, fmt, output)
    wanted = (
        None if statuses is None else [] if statuses.strip() == "all" else split_statuses(statuses)
    )
    con = open_store(db, read_only=True, allow_files=fmt == "parquet")
    try:
        if fmt == "parquet":
            count = exporter.write(con, what, fmt, None, output, header, wanted)
        elif output:
            with open(output, "w", encoding="utf-8", newline="") as handle:
                count = exporter.write(con, what, fmt, handle, output, header, wanted)
        else:
            count = exporter.write(con, what, fmt, sys.stdout, None, header, wanted)
    finally:
        con.close()
    click.echo(f"exported {count} {what} rows" + (f" to {output}" if output else ""), err=True)
