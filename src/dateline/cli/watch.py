"""``dateline watch``: follow feeds and news sitemaps, a round every --every, into the database."""

from __future__ import annotations

import sys
import time
from typing import Any

import click

from dateline.cli.actors import actors_option
from dateline.cli.fetching import (
    FETCH_OPTION_NAMES,
    crawl_options,
    fetch_options,
    parse_duration,
    report,
    stop_on_signals,
)
from dateline.cli.options import batch_size_option, model_option, stages_option, workers_option
from dateline.store.db import DEFAULT_DB


@click.command()
@click.argument("feeds_file", metavar="FEEDS")
@click.option(
    "--every", default="15m", show_default=True, help="Time between round starts: 90s, 15m, 1h."
)
@click.option("--once", is_flag=True, help="One round, then exit (for cron).")
@click.option("--rounds", type=click.IntRange(1), default=None, help="Stop after this many rounds.")
@click.option(
    "--db", default=DEFAULT_DB, show_default=True, help="DuckDB database file (created if missing)."
)
@click.option(
    "--max-pages", type=click.IntRange(1), default=None,
    help="Most article pages fetched per round (the rest wait for the next round).",
)  # fmt: skip
@click.option(
    "--max-age", default=None,
    help="Skip feed entries published longer ago than this (e.g. 2d); default: take all.",
)  # fmt: skip
@workers_option
@batch_size_option
@stages_option
@model_option
@fetch_options
@actors_option
def watch(
    feeds_file: str, every: str, once: bool, rounds: int | None, db: str, max_pages: int | None,
    max_age: str | None, workers: int, batch_size: int, stages: str | None, model: str | None,
    **values: Any,
) -> None:  # fmt: skip
    """Follow the feeds listed in FEEDS and keep the database up to date.

    FEEDS lists one RSS 2.0 / Atom feed, Google-News sitemap, sitemap index or site home page
    (its <link rel="alternate"> feeds are followed) per line, optionally followed by a name;
    # starts a comment. Each round polls the feeds with conditional requests (an unchanged
    feed costs a 304), queues new article URLs, fetches them politely, keeps every response in
    --warc-dir and stores the articles. Rounds, sources and every request are recorded in the
    database (`dateline stats` shows them); a feed that keeps failing is backed off.
    Ctrl-C or SIGTERM ends the round cleanly; after a crash or kill -9 the next round fetches
    what was still pending. The database is closed between rounds (stats, query and export
    can read it then); a round that finds it busy is skipped.

    \b
    Examples:
      dateline watch feeds.txt --every 15m --db news.duckdb
      dateline watch feeds.txt --once                       # one round, for cron
      dateline watch feeds.txt --once --max-pages 200 --warc-dir crawl/
    """
    from dateline.fetch.crawl import Crawler
    from dateline.fetch.feeds import read_feeds_file
    from dateline.store.db import StoreBusyError

    feeds = read_feeds_file(feeds_file)
    period = parse_duration(every, "--every").total_seconds()
    age = parse_duration(max_age, "--max-age") if max_age else None
    options = crawl_options(
        db, {k: values[k] for k in FETCH_OPTION_NAMES}, workers=workers, batch_size=batch_size,
        stages=stages, model=model, max_pages=max_pages, max_age=age,
    )  # fmt: skip
    try:
        crawler = Crawler(options, "watch")
    except ValueError as exc:  # unknown stage name
        raise click.BadParameter(str(exc), param_hint="--stages") from None
    limit = 1 if once else rounds
    done = 0
    failed_any = False
    try:
        with stop_on_signals(crawler.stop):
            while True:
                started = time.monotonic()
                try:
                    summary = crawler.round(feeds=feeds)
                except StoreBusyError as exc:
                    if limit == 1:
                        raise
                    # Someone else holds the database (an export, an ingest): try next round.
                    click.echo(f"dateline: round skipped: {exc}", err=True)
                    failed_any = True
                else:
                    report(summary, db)
                    failed_any = failed_any or summary.status != "done"
                done += 1
                if crawler.stop.is_set() or (limit is not None and done >= limit):
                    break
                wait = period - (time.monotonic() - started)
                if wait > 0:
                    click.echo(f"dateline: next round in {wait:.0f} s", err=True)
                    if crawler.stop.wait(wait):
                        break
    finally:
        crawler.close()
    if failed_any:
        sys.exit(130 if crawler.stop.is_set() else 1)
