"""What the fetching commands (``fetch``, ``ingest --urls``, ``watch``) share: options, signals,
and the one-line report of a round."""

from __future__ import annotations

import re
import signal
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path
from types import FrameType
from typing import Any

import click

from dateline.textsafety import for_terminal

_FETCH_OPTIONS: list[Callable[[Any], Any]] = [
    click.option(
        "--warc-dir",
        default=None,
        help="Folder for the WARC files of every response (default: DB-NAME-warc beside the "
        "db, as news-warc for news.duckdb; dateline-warc in the current folder when fetch is "
        "given no --db).",
    ),
    click.option(
        "--user-agent",
        default=None,
        help="User-Agent header (default: Dateline/VERSION ...); add a contact address.",
    ),
    click.option(
        "--timeout",
        type=click.FloatRange(0.1, 600),
        default=20.0,
        show_default=True,
        help="Seconds for connecting, for each read, and for a whole response.",
    ),  # fmt: skip
    click.option(
        "--retries",
        type=click.IntRange(0, 10),
        default=2,
        show_default=True,
        help="Retries after a timeout, network error, 429 or 5xx (with doubling back-off).",
    ),  # fmt: skip
    click.option(
        "--host-delay",
        type=click.FloatRange(0, 3600),
        default=1.0,
        show_default=True,
        help="Seconds between two requests to one host (robots.txt Crawl-delay may raise it).",
    ),  # fmt: skip
    click.option(
        "--host-concurrency",
        type=click.IntRange(1, 64),
        default=2,
        show_default=True,
        help="Requests in flight to one host.",
    ),  # fmt: skip
    click.option(
        "--concurrency",
        type=click.IntRange(1, 256),
        default=8,
        show_default=True,
        help="Requests in flight in all.",
    ),  # fmt: skip
    click.option(
        "--max-bytes",
        type=click.IntRange(1024, 1 << 30),
        default=10 * 1024 * 1024,
        show_default=True,
        help="Largest response accepted (after decompression).",
    ),  # fmt: skip
    click.option(
        "--ignore-robots",
        is_flag=True,
        help="Do not read robots.txt (only for sites you own or have permission to crawl).",
    ),  # fmt: skip
]


def fetch_options(command: Callable[..., Any]) -> Callable[..., Any]:
    for option in reversed(_FETCH_OPTIONS):
        command = option(command)
    return command


FETCH_OPTION_NAMES = (
    "warc_dir", "user_agent", "timeout", "retries", "host_delay", "host_concurrency",
    "concurrency", "max_bytes", "ignore_robots",
)  # fmt: skip


def default_warc_dir(db: str) -> Path:
    path = Path(db)
    return path.parent / f"{path.stem or 'dateline'}-warc"


def crawl_options(
    db: str,
    values: dict[str, Any],
    *,
    workers: int = 1,
    batch_size: int = 16,
    stages: str | None = None,
    model: str | None = None,
    max_pages: int | None = None,
    max_age: timedelta | None = None,
):  # type: ignore[no-untyped-def]
    """CrawlOptions from the shared command-line options."""
    from dateline.fetch.client import DEFAULT_USER_AGENT, FetchSettings
    from dateline.fetch.crawl import CrawlOptions
    from dateline.store.ingest import IngestOptions

    settings = FetchSettings(
        user_agent=values["user_agent"] or DEFAULT_USER_AGENT,
        timeout=values["timeout"],
        retries=values["retries"],
        backoff=min(1.0, values["timeout"] / 4),
        max_bytes=values["max_bytes"],
        host_delay=values["host_delay"],
        host_concurrency=values["host_concurrency"],
        concurrency=values["concurrency"],
        robots=not values["ignore_robots"],
    )
    warc_dir = Path(values["warc_dir"]) if values["warc_dir"] else default_warc_dir(db)
    ingest = IngestOptions(
        db=db, workers=workers, batch_size=batch_size,
        stages=stages.split(",") if stages else None, model=model,
    )  # fmt: skip
    return CrawlOptions(
        db=db, warc_dir=warc_dir, settings=settings, ingest=ingest, max_pages=max_pages,
        max_age=max_age,
    )  # fmt: skip


@contextmanager
def stop_on_signals(stop: threading.Event) -> Iterator[None]:
    """First Ctrl-C or SIGTERM: finish the round cleanly. A second Ctrl-C: stop at once."""

    def handler(signum: int, frame: FrameType | None) -> None:
        if stop.is_set() and signum == signal.SIGINT:
            raise KeyboardInterrupt
        stop.set()
        click.echo(
            "dateline: stopping: finishing the pages in hand (Ctrl-C again to abort)", err=True
        )

    previous = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}
    in_main = threading.current_thread() is threading.main_thread()
    if in_main:
        for sig in previous:
            signal.signal(sig, handler)
    try:
        yield
    finally:
        if in_main:
            for sig, old in previous.items():
                signal.signal(sig, old)


_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$", re.I)
_UNIT_SECONDS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_duration(value: str, option: str) -> timedelta:
    """``90``, ``90s``, ``15m``, ``1.5h``, ``2d``."""
    match = _DURATION.match(value)
    if not match:
        raise click.BadParameter(
            f"expected a duration like 30s, 15m, 2h or 1d, got {value!r}", param_hint=option
        )
    seconds = float(match.group(1)) * _UNIT_SECONDS[match.group(2).lower()]
    if seconds <= 0:
        raise click.BadParameter("must be more than zero", param_hint=option)
    return timedelta(seconds=seconds)


def _failed_before(count: int) -> str:
    if not count:
        return ""
    return f" ({count} of them failed then; --retry-failed tries them again)"


def report(summary, db: str) -> None:  # type: ignore[no-untyped-def]
    """The failures, then one summary line on stderr (scripts may grep it)."""
    for url, reason in summary.failures[:20]:
        click.echo(f"dateline: failed: {for_terminal(f'{url}: {reason}', one_line=True)}", err=True)
    if len(summary.failures) > 20:
        click.echo(
            f"dateline: ... and {len(summary.failures) - 20} more (see the fetch_urls and "
            "fetch_log tables)",
            err=True,
        )
    c, s = summary.counts, summary.stored
    feeds = (
        f"{c.feeds_polled} feeds polled ({c.feeds_not_modified} unchanged, {c.feeds_failed} "
        f"failed, {c.feeds_backed_off} backed off), "
        if c.feeds_polled or c.feeds_backed_off
        else ""
    )
    rate = c.pages_fetched / summary.seconds if summary.seconds else 0.0
    click.echo(
        f"Round {summary.round_id} ({summary.status}) into {db}: {feeds}{c.urls_new} new URLs, "
        f"{c.pages_fetched} pages fetched, {c.pages_failed} failed, {s.stored} articles stored "
        f"({s.near_duplicates} near-duplicates), {s.copies} copies, {s.duplicates} already "
        f"stored, {s.failed} not analysable, {summary.skipped} fetched by an earlier run"
        f"{_failed_before(summary.skipped_failed)}; "
        f"{c.requests} requests, {summary.seconds:.1f} s, {rate:.1f} pages/s.",
        err=True,
    )
