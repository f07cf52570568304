"""``dateline ingest``: analyse news into the corpus database."""

from __future__ import annotations

import sys

import click

from dateline.store.db import DEFAULT_DB


@click.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option(
    "--db", default=DEFAULT_DB, show_default=True, help="DuckDB database file (created if missing)."
)
@click.option(
    "--workers",
    type=click.IntRange(1, 64),
    default=1,
    show_default=True,
    help="Worker processes running the analysis; the parent writes the database.",
)
@click.option(
    "--batch-size",
    type=click.IntRange(1, 1024),
    default=16,
    show_default=True,
    help="Articles per batch (one nlp.pipe call and one transaction).",
)
@click.option(
    "--stages", default=None, help="Comma-separated stages to run (default: every installed stage)."
)
@click.option(
    "--model", default=None, help="spaCy model package or path (default: pinned en_core_web_sm)."
)
@click.option(
    "--field",
    "fields",
    multiple=True,
    metavar="NAME=FIELD",
    help="JSON Lines field names, e.g. --field text=body --field date=pubdate "
    "(names: text, html, title, url, date, publisher; dotted paths reach into objects).",
)
@click.option(
    "--retry-failed",
    is_flag=True,
    help="Try again the inputs that failed in earlier runs (they are skipped by default).",
)
@click.option(
    "--progress/--no-progress",
    default=None,
    help="Progress bar on stderr (default: when stderr is a terminal).",
)
def ingest(
    inputs: tuple[str, ...], db: str, workers: int, batch_size: int, stages: str | None,
    model: str | None, fields: tuple[str, ...], retry_failed: bool, progress: bool | None,
) -> None:  # fmt: skip
    """Analyse INPUTS into the corpus database: files, folders (recursively), .jsonl, .warc(.gz), - for stdin.

    Re-running is safe: inputs already done (see the ingest_log table) and articles already
    stored (same body) are skipped, so an interrupted ingest resumes where it stopped;
    --retry-failed also tries again the inputs that failed before.
    Syndicated near-copies are linked to the first copy's story; an exact copy from another
    publisher or URL is counted as one more telling of the stored article's events. Inputs
    that cannot be read or analysed are logged with the reason and skipped; the exit code is 1
    if any failed.

    \b
    Examples:
      dateline ingest ./news/
      dateline ingest crawl.warc.gz --db news.duckdb --workers 2
      dateline ingest dump.jsonl --field text=body --field title=headline --field date=pubdate
      cat article.txt | dateline ingest -
      dateline ingest ./news/ && dateline stats
    """
    from rich.console import Console

    from dateline.errors import InputError
    from dateline.sources.jsonl import parse_field_options
    from dateline.store.ingest import IngestOptions

    try:
        field_map = parse_field_options(fields)
    except InputError as exc:
        raise click.BadParameter(exc.problem, param_hint="--field") from None
    options = IngestOptions(
        db=db, workers=workers, batch_size=batch_size,
        stages=stages.split(",") if stages else None, model=model, fields=field_map,
        retry_failed=retry_failed,
    )  # fmt: skip
    console = Console(stderr=True)
    show = console.is_terminal if progress is None else progress
    try:
        if show:
            summary = _with_progress(list(inputs), options, console)
        else:
            from dateline.store.ingest import ingest as run

            summary = run(list(inputs), options)
    except ValueError as exc:  # unknown stage name
        raise click.BadParameter(str(exc), param_hint="--stages") from None
    c = summary.counts
    rate = c.stored / summary.seconds if summary.seconds else 0.0
    # Plain echo, not rich: the summary is one line that scripts may grep.
    for key, reason in c.failures[:20]:
        click.echo(f"dateline: failed: {key}: {reason}", err=True)
    if len(c.failures) > 20:
        click.echo(
            f"dateline: ... and {len(c.failures) - 20} more (see the ingest_log table)", err=True
        )
    click.echo(
        f"Ingested into {db}: {c.stored} articles stored ({c.near_duplicates} near-duplicates "
        f"linked to earlier stories), {c.copies} exact copies from other sources counted, "
        f"{c.duplicates} already stored, {c.failed} failed, "
        f"{summary.skipped} done by an earlier run; {summary.seconds:.1f} s, {rate:.1f} articles/s. "
        f"Stages: {', '.join(summary.stages)}.",
        err=True,
    )
    if c.failed:
        sys.exit(1)


def _with_progress(inputs: list[str], options, console):  # type: ignore[no-untyped-def]
    import time

    from rich.progress import (
        BarColumn,
        DownloadColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    from dateline.store.ingest import ingest as run
    from dateline.store.writer import BatchCounts

    columns = (
        TextColumn("[bold]ingest"),
        BarColumn(),
        DownloadColumn(),
        TextColumn(
            "{task.fields[articles]} articles, {task.fields[rate]:.1f}/s, {task.fields[failed]} failed"
        ),
        TimeElapsedColumn(),
        TextColumn("ETA"),
        TimeRemainingColumn(),
    )
    started = time.monotonic()
    with Progress(*columns, console=console, transient=False) as bar:
        task = bar.add_task("ingest", total=None, articles=0, rate=0.0, failed=0)

        def update(done: int, total: int | None, counts: BatchCounts) -> None:
            elapsed = time.monotonic() - started
            bar.update(
                task, completed=done, total=total, articles=counts.stored,
                rate=counts.stored / elapsed if elapsed else 0.0, failed=counts.failed,
            )  # fmt: skip

        return run(inputs, options, progress=update)
