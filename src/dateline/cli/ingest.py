"""``dateline ingest``: analyse news into the corpus database."""

from __future__ import annotations

import signal
import sys

import click

from dateline.cli.actors import actors_option
from dateline.cli.fetching import FETCH_OPTION_NAMES, fetch_options
from dateline.cli.options import (
    batch_size_option,
    field_option,
    model_option,
    stages_option,
    workers_option,
)
from dateline.store.budget import DEFAULT_MEMORY_MB, DEFAULT_SECONDS
from dateline.store.db import DEFAULT_DB


@click.command()
@click.argument("inputs", nargs=-1, required=False)
@click.option(
    "--urls",
    "urls_file",
    default=None,
    metavar="FILE",
    help="Fetch the article URLs listed in FILE (one per line, # comments) and ingest them.",
)
@click.option(
    "--db", default=DEFAULT_DB, show_default=True, help="DuckDB database file (created if missing)."
)
@workers_option
@batch_size_option
@stages_option
@model_option
@field_option
@click.option(
    "--retry-failed",
    is_flag=True,
    help="Try again the inputs that failed in earlier runs (they are skipped by default).",
)
@click.option(
    "--progress/--no-progress",
    default=None,
    help="A progress line on stderr: model loading, then articles, rate and ETA "
    "(default: when stderr is a terminal).",
)
@click.option(
    "--time-limit",
    type=click.FloatRange(min=0.1),
    default=DEFAULT_SECONDS,
    show_default=True,
    metavar="SECONDS",
    help="Most CPU seconds one article's analysis may take (and ten times as many elapsed); "
    "an article over it is abandoned, logged failed (with the stage it was in), and the run "
    "goes on.",
)
@click.option(
    "--memory-limit",
    type=click.IntRange(min=256),
    default=DEFAULT_MEMORY_MB,
    show_default=True,
    metavar="MB",
    help="Most memory a worker process may hold while analysing an article; the article that "
    "takes it over is abandoned and logged failed, and a new worker takes over.",
)
@fetch_options
@actors_option
def ingest(
    inputs: tuple[str, ...], urls_file: str | None, db: str, workers: int, batch_size: int,
    stages: str | None, model: str | None, fields: tuple[str, ...], retry_failed: bool,
    progress: bool | None, time_limit: float, memory_limit: int, **fetch_values: object,
) -> None:  # fmt: skip
    """Analyse INPUTS into the corpus database: files, folders (recursively), .jsonl, .warc(.gz), - for stdin.

    Re-running is safe: inputs already done (see the ingest_log table) and articles already
    stored (same body) are skipped, so an interrupted ingest resumes where it stopped;
    --retry-failed also tries again the inputs that failed before.
    Syndicated near-copies are linked to the first copy's story; an exact copy from another
    publisher or URL is counted as one more telling of the stored article's events. Inputs
    that cannot be read or analysed are logged with the reason and skipped; the exit code is 1
    if any failed.

    With --urls FILE, the pages are fetched from the web first (politely: robots.txt, per-host
    limits; see `dateline fetch --help` for the fetching options), kept as WARC records in
    --warc-dir, and analysed like files; URLs fetched by an earlier run are skipped.

    \b
    Examples:
      dateline ingest ./news/
      dateline ingest --urls urls.txt --db news.duckdb
      dateline ingest crawl.warc.gz --db news.duckdb --workers 2
      dateline ingest dump.jsonl --field text=body --field title=headline --field date=pubdate
      cat article.txt | dateline ingest -
      dateline ingest ./news/ && dateline stats
    """
    if urls_file is None and not inputs:
        raise click.UsageError("give INPUTS to ingest, or --urls FILE")
    urls_failed = False
    if urls_file is not None:
        urls_failed = _ingest_urls(
            urls_file, db, workers, batch_size, stages, model, retry_failed,
            {k: fetch_values[k] for k in FETCH_OPTION_NAMES},
        )  # fmt: skip
        if not inputs:
            sys.exit(1 if urls_failed else 0)
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
        retry_failed=retry_failed, time_limit=time_limit, memory_limit_mb=memory_limit,
    )  # fmt: skip
    # SIGTERM stops an ingest the way Ctrl-C does: commit what is complete, kill the workers.
    signal.signal(signal.SIGTERM, _interrupt_on_sigterm)
    from dateline.cli.progress import wanted
    from dateline.pipeline import PipelineError

    try:
        summary = _with_progress(list(inputs), options, wanted(progress, sys.stderr))
    except PipelineError as exc:  # an unknown stage name (not any ValueError of the run)
        raise click.BadParameter(str(exc), param_hint="--stages") from None
    c = summary.counts
    rate = c.stored / summary.seconds if summary.seconds else 0.0
    # Plain echo, not rich: the summary is one line that scripts may grep.
    from dateline.textsafety import for_terminal

    for key, reason in c.failures[:20]:
        click.echo(f"dateline: failed: {for_terminal(f'{key}: {reason}', one_line=True)}", err=True)
    if len(c.failures) > 20:
        click.echo(
            f"dateline: ... and {len(c.failures) - 20} more (see the ingest_log table)", err=True
        )
    if c.not_english:
        languages = ", ".join(f"{code} {n}" for code, n in c.not_english.most_common(5))
        click.echo(
            f"dateline: {sum(c.not_english.values())} stored articles are not in English "
            f"({languages}): stored with their text, but the analysis stages (English only) "
            "skipped them; `dateline stats` lists them",
            err=True,
        )
    click.echo(
        f"Ingested into {for_terminal(db, one_line=True)}: {c.stored} articles stored ({c.near_duplicates} near-duplicates "
        f"linked to earlier stories), {c.copies} exact copies from other sources counted, "
        f"{c.duplicates} already stored, {c.failed} failed, "
        f"{summary.skipped} done by an earlier run{_failed_before(summary.skipped_failed)}; "
        f"{summary.seconds:.1f} s, {rate:.1f} articles/s. "
        f"Stages: {', '.join(summary.stages)}.",
        err=True,
    )
    if summary.interrupted:
        click.echo(
            f"dateline: {summary.interrupted}: stopped; the {c.stored} articles stored above are "
            "committed. Run the same command again to resume where it stopped.",
            err=True,
        )
        sys.exit(143 if "SIGTERM" in summary.interrupted else 130)
    if c.failed or urls_failed:
        sys.exit(1)


def _failed_before(count: int) -> str:
    """What a re-run should not hide: inputs it skipped because an earlier run failed them."""
    if not count:
        return ""
    return f" ({count} of them failed then; --retry-failed tries them again)"


def _ingest_urls(
    path: str, db: str, workers: int, batch_size: int, stages: str | None, model: str | None,
    retry_failed: bool, fetch_values: dict[str, object],
) -> bool:  # fmt: skip
    """Fetch the URLs listed in ``path`` and ingest them (one round of the fetching engine).

    Returns whether anything failed (or the round was interrupted)."""
    from pathlib import Path

    from dateline.cli.fetching import crawl_options, report, stop_on_signals
    from dateline.fetch.crawl import Crawler
    from dateline.fetch.feeds import read_urls_file

    urls = read_urls_file(path)
    options = crawl_options(
        db, fetch_values, workers=workers, batch_size=batch_size, stages=stages, model=model
    )
    try:
        crawler = Crawler(options, "ingest --urls")
    except ValueError as exc:  # unknown stage name
        raise click.BadParameter(str(exc), param_hint="--stages") from None
    try:
        with stop_on_signals(crawler.stop):
            summary = crawler.round(
                urls=urls, source=f"urls:{Path(path).resolve()}", retry_failed=retry_failed
            )
    finally:
        crawler.close()
    report(summary, db)
    return bool(summary.failures) or summary.status != "done"


def _interrupt_on_sigterm(signum: int, frame: object) -> None:
    raise KeyboardInterrupt("terminated (SIGTERM)")


def _with_progress(inputs: list[str], options, show: bool):  # type: ignore[no-untyped-def]
    """Run the ingest with a progress line on stderr (nothing is written when ``show`` is off)."""
    from dateline.cli.progress import Progress
    from dateline.sources.stream import expand, total_bytes
    from dateline.store.ingest import ingest as run
    from dateline.store.writer import BatchCounts

    total = total_bytes(list(expand(inputs))) if show else None
    with Progress("ingest", sys.stderr, show, total) as line:
        # Workers load the model before the first batch comes back (seconds, under load).
        line.phase("loading model …")

        def update(done: int, total: int | None, counts: BatchCounts) -> None:
            processed = counts.stored + counts.copies + counts.duplicates + counts.failed
            line.update(processed, counts.failed, done)

        return run(inputs, options, progress=update if show else None)
