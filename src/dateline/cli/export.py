"""``dateline export``: the corpus as JSON Lines, CSV, Parquet or GDELT 2.0-compatible TSV."""

from __future__ import annotations

import os
import stat
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import TextIO

import click

from dateline.cli.options import min_confidence_option
from dateline.errors import DatelineError
from dateline.export import WHAT
from dateline.store.db import DEFAULT_DB


@click.command()
@click.argument(
    "what",
    type=click.Choice(list(WHAT)),
    # The tables are listed in the help text; the usage line and errors say WHAT.
    metavar="WHAT",
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
@min_confidence_option(
    "events/mentions: leave out events less sure than this, and for mentions every telling "
    "of them (0 keeps every event)."
)
@click.option("--db", default=DEFAULT_DB, show_default=True, help="DuckDB database file.")
@click.option(
    "--formula-guard/--no-formula-guard",
    default=True,
    show_default=True,
    help="CSV: prefix text cells starting with = + - @ with ' so spreadsheets show them as text "
    "instead of running them as formulas.",
)
@click.option(
    "--since",
    default=None,
    metavar="TIMESTAMP",
    help="Only rows added to the database after this UTC time (2026-03-02T09:30, or a date).",
)
@click.option(
    "--since-last-export",
    is_flag=True,
    help="Only rows added since the last --since-last-export of WHAT to the same target "
    "(--output file, or stdout); remembered in the database.",
)
def export(
    what: str, fmt: str, output: str | None, header: bool, statuses: str | None,
    min_confidence: float, db: str, formula_guard: bool, since: str | None,
    since_last_export: bool,
) -> None:  # fmt: skip
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
      dateline export events --since-last-export --format gdelt -o updates.tsv
      dateline export mentions --since 2026-03-02T09:00 --format gdelt
      dateline export events --format csv --min-confidence 0 > every-event.csv

    A GDELT export holds only events that occurred or are ongoing unless --status says
    otherwise; the flat events and mentions tables carry a status column.

    Only what changed (for a downstream system pulling updates, like GDELT's 15-minute files):
    "added" means events first stored (date_added), articles ingested, and the event mentions,
    quotes and mentioned entities those articles brought, after the given time
    (--since) or after the previous --since-last-export to the same target.
    """
    from datetime import UTC, datetime

    from dateline import export as exporter
    from dateline.cli.query import split_statuses
    from dateline.store.db import open_store

    exporter.check(what, fmt, output)
    wanted = (
        None if statuses is None else [] if statuses.strip() == "all" else split_statuses(statuses)
    )
    if since and since_last_export:
        raise click.UsageError("give --since or --since-last-export, not both")
    window = None
    target = str(Path(output).resolve()) if output else "stdout"
    started = datetime.now(UTC).replace(tzinfo=None)
    if since:
        window = exporter.Window(_parse_since(since), started)
    # Remembering the export writes to the database: the connection that reads also writes the
    # mark, so no ingest can slip rows in between.
    con = (
        open_store(db)
        if since_last_export
        else open_store(db, read_only=True, allow_files=fmt == "parquet")
    )
    if since_last_export:
        window = exporter.Window(exporter.last_export(con, target, what), started)
    if window is not None:
        exporter.restrict_to_window(con, what, window)

    def run(out: TextIO | None, target: str | None) -> int:
        return exporter.write(
            con, what, fmt, out, target, header, wanted, min_confidence, formula_guard
        )

    try:
        if output:
            # Written beside the target and renamed at the end: a failed export (disk full, a
            # bad database, Ctrl-C) leaves no partial or empty file behind.
            with replacing_file(output) as partial:
                if fmt == "parquet":
                    count = run(None, partial)
                else:
                    with open(partial, "w", encoding="utf-8", newline="") as handle:
                        count = run(handle, partial)
        else:
            count = run(sys.stdout, None)
        if since_last_export:
            assert window is not None
            exporter.remember_export(con, target, what, window.until, count)
    finally:
        con.close()
    added = ""
    if window is not None:
        start = window.since.isoformat(sep=" ", timespec="seconds") if window.since else "the start"
        added = f" added since {start}"
    click.echo(
        f"exported {count} {what} rows{added}" + (f" to {output}" if output else ""), err=True
    )


@contextmanager
def replacing_file(target: str) -> Iterator[str]:
    """A temporary path beside ``target``, renamed over it only if the block succeeds."""
    if os.path.isdir(target):
        raise DatelineError(f"{target}: is a folder; give --output a file name")
    folder = os.path.dirname(os.path.abspath(target))
    suffix = Path(target).suffix  # DuckDB's COPY picks nothing from it, but people may look
    try:
        fd, partial = tempfile.mkstemp(prefix=f".{Path(target).name}.", suffix=f".partial{suffix}",
                                       dir=folder)  # fmt: skip
    except OSError as exc:
        # The folder is missing or not writable: name the file asked for, not the temporary one.
        raise DatelineError(f"{target}: cannot write the export there ({exc.strerror})") from None
    os.close(fd)
    try:
        yield partial
        # mkstemp makes the file readable by its owner only; the export gets the mode any new
        # file would (or keeps the mode of the file it replaces), so others can read it as usual.
        os.chmod(partial, _new_file_mode(target))
        os.replace(partial, target)
    except BaseException:
        with suppress(OSError):
            os.unlink(partial)
        raise


def _new_file_mode(target: str) -> int:
    """The permission bits ``target`` should get: its own if it exists, else 0o666 less the
    process's umask (as ``open`` would give it)."""
    try:
        return stat.S_IMODE(os.stat(target).st_mode)
    except OSError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o666 & ~mask


def _parse_since(value: str):  # type: ignore[no-untyped-def]
    """An ISO 8601 date or time; with a zone it is converted to UTC, without one it is UTC."""
    from datetime import UTC, datetime

    try:
        moment = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        raise click.BadParameter(
            f"expected an ISO 8601 time like 2026-03-02T09:30 or 2026-03-02, got {value!r}",
            param_hint="--since",
        ) from None
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return moment
