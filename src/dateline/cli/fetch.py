"""``dateline fetch``: fetch article URLs, analyse them, print (and optionally store) them."""

from __future__ import annotations

import sys
from typing import Any

import click

from dateline.cli.actors import actors_option
from dateline.cli.fetching import FETCH_OPTION_NAMES, crawl_options, fetch_options, report
from dateline.cli.options import min_confidence_option, model_option, stages_option
from dateline.textsafety import for_terminal, safe_write


@click.command()
@click.argument("urls", nargs=-1, required=True)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["summary", "json", "jsonl", "none"]),
    default="summary",
    show_default=True,
    help="summary: readable text; json: one document; jsonl: one per line; none: print nothing.",
)
@click.option(
    "--db",
    default=None,
    help="Also store the articles in this database (default: analyse only, store nothing).",
)
@stages_option
@model_option
@min_confidence_option()
@fetch_options
@actors_option
def fetch(
    urls: tuple[str, ...], fmt: str, db: str | None, stages: str | None, model: str | None,
    min_confidence: float, **values: Any,
) -> None:  # fmt: skip
    """Fetch article URLS from the web and analyse them, like `analyze` does files.

    Fetching is polite: robots.txt is honoured, one host gets at most --host-concurrency
    requests at a time and --host-delay seconds between them. Every response is kept in a
    WARC file (--warc-dir), so `dateline ingest` of that file analyses exactly the same pages.
    With --db the articles are stored too, and URLs the database already fetched are skipped.

    \b
    Examples:
      dateline fetch https://example.org/news/some-article.html
      dateline fetch https://example.org/a.html https://example.org/b.html --format jsonl
      dateline fetch https://example.org/news/a.html --db news.duckdb --warc-dir crawl/
    """
    from dateline.errors import InputError
    from dateline.fetch.crawl import Crawler
    from dateline.fetch.urls import canonical_url
    from dateline.store.db import DEFAULT_DB

    if fmt == "json" and len(urls) > 1:
        raise click.UsageError(
            "--format json prints one document; use --format jsonl for several URLs"
        )
    try:
        wanted = list(dict.fromkeys(canonical_url(u) for u in urls))
    except InputError as exc:
        raise click.BadParameter(str(exc), param_hint="URLS") from None
    fetch_values = {name: values[name] for name in FETCH_OPTION_NAMES}
    options = crawl_options(
        db or ":memory:", fetch_values, stages=stages, model=model,
    )  # fmt: skip
    if not fetch_values["warc_dir"]:
        from dateline.cli.fetching import default_warc_dir

        options.warc_dir = default_warc_dir(db or DEFAULT_DB)
    try:
        crawler = Crawler(options, "fetch")
    except ValueError as exc:  # unknown stage name
        raise click.BadParameter(str(exc), param_hint="--stages") from None
    analysed = 0

    def show(url: str, result: Any) -> None:
        nonlocal analysed
        if result.analysis is None:
            return
        analysed += 1
        from dateline.events import confident_part

        shown, hidden = confident_part(result.analysis, min_confidence)
        if fmt == "summary":
            from dateline.cli.summary import print_summary

            print_summary(shown, hidden_events=hidden, min_confidence=min_confidence)
        elif fmt in ("json", "jsonl"):
            safe_write(sys.stdout, shown.to_json(indent=2 if fmt == "json" else None) + "\n")
            sys.stdout.flush()

    from dateline.cli.fetching import stop_on_signals

    try:
        with stop_on_signals(crawler.stop):
            summary = crawler.round(urls=wanted, source="fetch", on_result=show)
    finally:
        crawler.close()
    if db:
        report(summary, db)
    else:
        for url, reason in summary.failures:
            click.echo(
                f"dateline: error: {for_terminal(f'{url}: {reason}', one_line=True)}", err=True
            )
    if summary.failures or summary.status != "done":
        sys.exit(1)
