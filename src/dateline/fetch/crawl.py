"""One round of fetching: poll feeds, queue new article URLs, fetch them, analyse and store.

The order makes a killed round safe: new URLs are committed as ``pending`` before any page is
fetched; each batch of pages is analysed and written in one transaction together with its
URLs' new status. A round killed at any moment (even SIGKILL) loses nothing committed, and the
next round fetches what was still pending. Ctrl-C or SIGTERM (``Crawler.stop``) ends a round
cleanly: no new request starts, the pages in hand are analysed and stored, the round is
recorded as ``interrupted``.

Pages go through the same analysis and writing path as ``dateline ingest`` (``Analyser``,
``StoreWriter``), keyed by their WARC record (``path@offset``), exactly as ingesting the WARC
file names them.
"""

from __future__ import annotations

import functools
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

import duckdb

from dateline.errors import InputError
from dateline.fetch import state
from dateline.fetch.client import Fetcher, FetchSettings, Interrupted, Outcome, Response
from dateline.fetch.feeds import FeedDocument, FeedSpec, parse_feed
from dateline.fetch.urls import canonical_url, declared_canonical
from dateline.fetch.warc import WarcFile, WarcPair, run_name
from dateline.model import parse_published
from dateline.sources.files import RawInput
from dateline.sources.stream import InputItem
from dateline.store.db import bound_writer_memory, open_store
from dateline.store.ingest import Analyser, Batch, IngestOptions
from dateline.store.worker import WorkResult, available_stages
from dateline.store.writer import BatchCounts, StoreWriter

_HTML_TYPES = ("text/html", "application/xhtml+xml")
_RETRYABLE = frozenset({"timeout", "network"})
# Sitemap index -> sitemap, or home page -> feed: how deep discovery goes from a listed URL.
_MAX_DEPTH = 2


@dataclass
class CrawlOptions:
    db: str
    warc_dir: Path
    settings: FetchSettings = field(default_factory=FetchSettings)
    ingest: IngestOptions = field(default_factory=IngestOptions)
    max_pages: int | None = None  # per round
    max_attempts: int = 3  # a page failing with a timeout, network error or 5xx
    retry_delay: float = 300.0  # seconds before a failed page is tried again (doubling)
    source_backoff: float = 300.0  # seconds a failing feed rests (doubling per failure)
    max_age: timedelta | None = None  # skip feed entries published longer ago


@dataclass
class RoundSummary:
    round_id: int
    status: str
    counts: state.RoundCounts
    stored: BatchCounts
    failures: list[tuple[str, str]]
    skipped: int  # URLs asked for that an earlier run had already fetched
    seconds: float
    stages: list[str]
    warc_pages: str | None
    warc_other: str | None
    # Of the skipped URLs, those an earlier run failed for good (ingest --urls --retry-failed
    # tries them again): a re-run says so rather than count them with the ones fetched.
    skipped_failed: int = 0


ResultHook = Callable[[str, WorkResult], None]


class Crawler:
    """Runs rounds against one database; keeps the analysis workers alive between rounds."""

    def __init__(self, options: CrawlOptions, command: str) -> None:
        self.options = options
        self.command = command
        self.stop = threading.Event()
        self.stages = available_stages(options.ingest.stages)
        self._analyser: Analyser | None = None
        self.robots_cache: dict = {}

    def close(self) -> None:
        if self._analyser is not None:
            self._analyser.close()
            self._analyser = None

    def _get_analyser(self) -> Analyser:
        if self._analyser is None:
            o = self.options.ingest
            self._analyser = Analyser(max(1, o.workers), self.stages, o.model)
        return self._analyser

    # -- a round ------------------------------------------------------------------------------

    def round(
        self,
        feeds: Sequence[FeedSpec] = (),
        urls: Sequence[str] | None = None,
        source: str = "",
        retry_failed: bool = False,
        on_result: ResultHook | None = None,
    ) -> RoundSummary:
        """Poll ``feeds`` and fetch what they list (and every pending URL), or, given ``urls``,
        fetch just those (skipping the ones an earlier run fetched)."""
        con = open_store(self.options.db)
        bound_writer_memory(con)
        try:
            return _Round(self, con).run(feeds, urls, source, retry_failed, on_result)
        finally:
            con.close()


class _Round:
    def __init__(self, crawler: Crawler, con: duckdb.DuckDBPyConnection) -> None:
        self.crawler = crawler
        self.options = crawler.options
        self.con = con
        self.started = time.monotonic()
        self.counts = state.RoundCounts()
        self.stored = BatchCounts()
        self.failures: list[tuple[str, str]] = []
        self.round_id = state.start_round(con, crawler.command)
        slug = crawler.command.replace(" ", "").replace("--", "-")
        name = run_name(f"dateline-{slug}-r{self.round_id:05d}")
        self.warcs = WarcPair(self.options.warc_dir, name, self.options.settings.user_agent)
        self.fetcher = Fetcher(self.options.settings, crawler.stop, crawler.robots_cache)
        self._reader = con.cursor()  # for the fetching threads: a connection of their own
        self.log_rows: list[tuple[object, ...]] = []
        self.updates: list[state.UrlUpdate] = []
        # The "fetched" updates of pages handed to analysis, by work item key: written only with
        # the batch that stores the page. Fetching runs ahead of analysis, so writing them with
        # an earlier batch would mark a page done that a kill then loses (never fetched again).
        self.held_updates: dict[str, state.UrlUpdate] = {}
        self.seen_this_round: dict[str, str] = {}  # canonical or final URL -> URL fetched
        # URL -> the URL whose fetch is getting it (itself, or a redirect to it), this round.
        self.claimed: dict[str, str] = {}
        self._claims_lock = threading.Lock()

    # -- driver -------------------------------------------------------------------------------

    def run(
        self, feeds: Sequence[FeedSpec], urls: Sequence[str] | None, source: str,
        retry_failed: bool, on_result: ResultHook | None,
    ) -> RoundSummary:  # fmt: skip
        status = "done"
        skipped = skipped_failed = 0
        try:
            if urls is not None:
                skipped, skipped_failed = self._queue_explicit(urls, source, retry_failed)
            if feeds:
                self._poll_feeds(feeds)
            if not self.crawler.stop.is_set():
                self._fetch_pages(urls, on_result)
        except Interrupted:
            pass
        finally:
            if self.crawler.stop.is_set():
                status = "interrupted"
            self._flush()
            self._collect_robots()
            self._flush()
            self.fetcher.close()
            self._reader.close()
            self.warcs.close()
            state.finish_round(
                self.con, self.round_id, status, self.counts,
                _path_if_written(self.warcs.pages), _path_if_written(self.warcs.other),
            )  # fmt: skip
        return RoundSummary(
            self.round_id, status, self.counts, self.stored, self.failures, skipped,
            time.monotonic() - self.started, self.crawler.stages, _path_if_written(self.warcs.pages),
            _path_if_written(self.warcs.other), skipped_failed,
        )  # fmt: skip

    def _flush(self) -> None:
        """Write the URL updates and log rows not yet committed with a batch."""
        if not self.updates and not self.log_rows:
            return
        self.con.execute("BEGIN TRANSACTION")
        try:
            self._write_bookkeeping(self.con)
            self.con.execute("COMMIT")
        except BaseException:
            self.con.execute("ROLLBACK")
            raise

    def _write_bookkeeping(self, con: duckdb.DuckDBPyConnection) -> None:
        updates, rows = self.updates, self.log_rows
        self.updates, self.log_rows = [], []
        state.apply_updates(con, updates)
        state.log_requests(con, rows)

    # -- explicit URLs (fetch, ingest --urls) -------------------------------------------------

    def _queue_explicit(
        self, urls: Sequence[str], source: str, retry_failed: bool
    ) -> tuple[int, int]:
        """Queue ``urls``; returns how many an earlier run finished, and of those how many
        it failed."""
        known = state.known_statuses(self.con, list(urls))
        if retry_failed:
            state.retry_failed(self.con, [u for u, s in known.items() if s == "failed"])
            known = state.known_statuses(self.con, list(urls))
        self.counts.urls_new += state.enqueue(
            self.con, [state.QueuedUrl(u) for u in urls], source, self.round_id
        )
        done = sum(1 for u in urls if known.get(u) in ("fetched", "duplicate", "failed"))
        return done, sum(1 for u in urls if known.get(u) == "failed")

    # -- feeds ----------------------------------------------------------------------------------

    def _poll_feeds(self, feeds: Sequence[FeedSpec]) -> None:
        settings = self.options.settings
        moment = state.now()
        with ThreadPoolExecutor(max(1, settings.concurrency)) as pool:
            in_flight: dict[Future[Outcome], tuple[str, int]] = {}

            submitted: set[str] = set()

            def submit(url: str, name: str | None, parent: str | None, depth: int) -> None:
                if url in submitted:  # listed, and also found on a home page or in an index
                    return
                submitted.add(url)
                state.ensure_source(self.con, url, name, parent)
                known = state.source_state(self.con, url)
                if known and known.next_poll and known.next_poll > moment:
                    self.counts.feeds_backed_off += 1
                    return
                etag = known.etag if known else None
                modified = known.last_modified if known else None
                in_flight[pool.submit(self.fetcher.fetch, url, etag, modified)] = (url, depth)

            for spec in feeds:
                submit(spec.url, spec.name, None, 0)
            while in_flight:
                done, _ = wait(list(in_flight), return_when=FIRST_COMPLETED)
                for future in done:
                    url, depth = in_flight.pop(future)
                    try:
                        outcome = future.result()
                    except Interrupted:
                        continue
                    for child, parent in self._feed_polled(url, outcome, depth):
                        if depth < _MAX_DEPTH and not self.crawler.stop.is_set():
                            submit(child, None, parent, depth + 1)
                if self.crawler.stop.is_set():
                    for future in in_flight:
                        future.cancel()
                    break

    def _feed_polled(self, url: str, outcome: Outcome, depth: int) -> list[tuple[str, str]]:
        """Store one feed's response and queue its articles; returns feeds to poll next."""
        self.counts.feeds_polled += 1
        for response in outcome.responses:
            self._keep(response, self.warcs.other, "feed")
        if outcome.final is None:
            self._log_unanswered(url, "feed", outcome)
        document: FeedDocument | None = None
        error = outcome.error
        status = outcome.status
        final = outcome.final
        if status == "ok" and final is not None:
            try:
                document = parse_feed(final.body, final.url, final.content_type)
            except InputError as exc:
                status, error = "unreadable", exc.problem
        new = entries = 0
        children: list[tuple[str, str]] = []
        if document is not None:
            queued = [
                state.QueuedUrl(e.url, e.published, e.title)
                for e in document.entries
                if self._recent(e.published)
            ]
            entries = len(document.entries)
            new = state.enqueue(self.con, queued, url, self.round_id)
            self.counts.urls_new += new
            children = [(c, url) for c in document.sitemaps + document.alternates]
            if document.kind == "html" and not document.alternates:
                status, error = "unreadable", "an HTML page that links to no feed"
        if status == "not_modified":
            self.counts.feeds_not_modified += 1
            # An unchanged sitemap index still has sitemaps that change: poll them as before.
            children = [(child, url) for child in state.children(self.con, url)]
        elif status != "ok":
            self.counts.feeds_failed += 1
            self.failures.append((url, error or status))
        state.source_polled(
            self.con, url, kind=document.kind if document else None, outcome=status,
            error=error, etag=final.header("etag") if final and status == "ok" else None,
            last_modified=final.header("last-modified") if final and status == "ok" else None,
            entries=entries, new=new, backoff_base=self.options.source_backoff,
        )  # fmt: skip
        self._flush()
        return children

    def _recent(self, published: str | None) -> bool:
        if self.options.max_age is None or not published:
            return True
        try:
            moment = parse_published(published)
        except ValueError:
            return True
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)
        return datetime.now(UTC) - moment <= self.options.max_age

    # -- pages ----------------------------------------------------------------------------------

    def _fetch_pages(self, only: Sequence[str] | None, on_result: ResultHook | None) -> None:
        pending = state.pending_urls(self.con, only, self.options.max_pages)
        if not pending:
            return
        writer = StoreWriter(self.con, run_id=f"round-{self.round_id}")
        url_of: dict[str, str] = {}  # work item key -> URL
        batches = self._page_batches(pending, url_of)
        first = next(batches, None)
        if first is None:
            return
        analyser = self.crawler._get_analyser()

        def all_batches() -> Iterator[Batch]:
            yield first
            yield from batches

        for batch, results in analyser.run(all_batches()):
            written = {item.key for item in (*batch.items, *batch.abandoned_items)}
            written.update(result.key for result in results)
            for key in sorted(written & self.held_updates.keys()):
                self.updates.append(self.held_updates.pop(key))
            counts = writer.write_batch(results, (), also=self._write_bookkeeping)
            self.stored.add(counts)
            self.counts.articles_stored += counts.stored
            for key, reason in counts.failures:
                self.failures.append((url_of.get(key, key), reason))
            if on_result is not None:
                for result in results:
                    on_result(url_of.get(result.key, result.key), result)

    def _page_batches(
        self, pending: list[tuple[str, int]], url_of: dict[str, str]
    ) -> Iterator[Batch]:
        settings = self.options.settings
        size = max(1, self.options.ingest.batch_size)
        queue = iter(pending)
        items: list[InputItem] = []
        with ThreadPoolExecutor(max(1, settings.concurrency)) as pool:
            in_flight: dict[Future[Outcome], tuple[str, int]] = {}

            def refill() -> None:
                while len(in_flight) < settings.concurrency * 2 and not self.crawler.stop.is_set():
                    nxt = next(queue, None)
                    if nxt is None:
                        return
                    url = nxt[0]
                    with self._claims_lock:
                        first = self.seen_this_round.get(url) or self.claimed.get(url)
                        if first is None:
                            self.claimed[url] = url
                    if first is not None:
                        # A page of this round redirected here or named this URL canonical.
                        self.updates.append(
                            state.UrlUpdate(url, "duplicate", self.round_id, canonical_of=first)
                        )
                        continue
                    claim = functools.partial(self._claim, by=url)
                    in_flight[pool.submit(self.fetcher.fetch, url, None, None, claim)] = nxt

            refill()
            while in_flight:
                done, _ = wait(list(in_flight), return_when=FIRST_COMPLETED)
                for future in done:
                    url, attempts = in_flight.pop(future)
                    if future.cancelled():
                        continue
                    try:
                        outcome = future.result()
                    except Interrupted:
                        continue
                    item = self._page_fetched(url, attempts, outcome)
                    if item is not None:
                        url_of[item.key] = url
                        items.append(item)
                if self.crawler.stop.is_set():
                    for future in in_flight:
                        future.cancel()
                else:
                    refill()
                if len(items) >= size:
                    yield Batch(items, [], 0)
                    items = []
        if items:
            yield Batch(items, [], 0)

    def _claim(self, target: str, by: str) -> bool:
        """Called from a fetching thread before following a redirect from ``by`` to ``target``:
        true (do not follow) when this round or an earlier one fetched, or is fetching, it;
        otherwise ``target`` is claimed for ``by`` so no other thread fetches it."""
        with self._claims_lock:
            if target in self.seen_this_round or target in self.claimed:
                return True
            row = self._reader.execute(
                "SELECT status FROM fetch_urls WHERE url = ?", [target]
            ).fetchone()
            if row and row[0] in ("fetched", "duplicate"):
                return True
            self.claimed[target] = by
            return False

    def _page_fetched(self, url: str, attempts: int, outcome: Outcome) -> InputItem | None:
        """Keep the responses, decide the URL's new status; a page to analyse is returned."""
        final = outcome.final
        if outcome.status == "duplicate":
            # A redirect to a page already fetched: not followed.
            for response in outcome.responses:
                self._keep(response, self.warcs.pages, "page")
            self.updates.append(
                state.UrlUpdate(
                    url, "duplicate", self.round_id, http_status=final.status if final else None,
                    final_url=outcome.redirected_to, canonical_of=outcome.redirected_to,
                )
            )  # fmt: skip
            return None
        for response in outcome.responses[:-1]:
            self._keep(response, self.warcs.pages, "page")
        if outcome.status != "ok" or final is None or not 200 <= final.status < 300:
            if final is not None:
                self._keep(final, self.warcs.pages, "page")
            self._page_failed(url, attempts, outcome)
            return None
        aliases = {canonical_url(final.url)}
        declared = declared_canonical(final.body, final.url)
        if declared:
            aliases.add(declared)
        aliases.discard(url)
        # Another page of this round named this URL (or shares its canonical URL) already.
        first = next(
            (self.seen_this_round[a] for a in (url, *sorted(aliases)) if a in self.seen_this_round),
            None,
        )
        if first is None:
            known = state.known_statuses(self.con, sorted(aliases))
            first = next(
                (a for a in sorted(aliases) if known.get(a) == "fetched"),
                None,
            )
        update = state.UrlUpdate(
            url, "fetched", self.round_id, http_status=final.status, final_url=final.url,
            also_known_as=tuple(sorted(aliases)),
        )  # fmt: skip
        if first is not None:
            # The same page was fetched under another URL: kept, not analysed twice.
            self._keep(final, self.warcs.other, "page")
            update.status, update.canonical_of = "duplicate", first
            update.also_known_as = ()
            self.updates.append(update)
            return None
        self.counts.pages_fetched += 1
        key = self._keep(final, self.warcs.pages, "page")
        with self._claims_lock:
            for alias in (*aliases, url):
                self.seen_this_round[alias] = url
        update.warc_record = key
        if final.content_type not in _HTML_TYPES:
            self.updates.append(update)
            update.status = "failed"
            update.error = f"not an HTML page ({final.content_type or 'no content type'})"
            self.counts.pages_fetched -= 1
            self.counts.pages_failed += 1
            self.failures.append((url, update.error))
            return None
        meta = {"url": final.url}
        if final.charset:
            meta["charset"] = final.charset
        raw = RawInput(source=key, data=final.body, meta=meta, content_type="html")
        self.held_updates[key] = update
        return InputItem(key=key, container=str(self.warcs.pages.path), raw=raw)

    def _page_failed(self, url: str, attempts: int, outcome: Outcome) -> None:
        final = outcome.final
        if final is None:
            self._log_unanswered(url, "page", outcome)
        code = final.status if final is not None else None
        retryable = outcome.status in _RETRYABLE or (
            code is not None and (code >= 500 or code == 429)
        )
        tries = attempts + 1
        error = outcome.error or outcome.status
        update = state.UrlUpdate(
            url, "failed", self.round_id, http_status=code,
            final_url=final.url if final else None, error=error,
        )  # fmt: skip
        if retryable and tries < self.options.max_attempts:
            update.status = "pending"
            pause = self.options.retry_delay * 2 ** (tries - 1)
            update.next_attempt = state.now() + timedelta(seconds=pause)
        self.counts.pages_failed += 1
        self.failures.append((url, error))
        self.updates.append(update)

    # -- keeping responses ----------------------------------------------------------------------

    def _keep(self, response: Response, warc: WarcFile, role: str) -> str:
        key = warc.write(response)
        self.counts.requests += 1
        self.counts.bytes += len(response.body)
        self.log_rows.append(
            (self.round_id, response.url, role, _outcome_of(response), response.status,
             len(response.body), round(response.seconds, 4), None, state.now())
        )  # fmt: skip
        return key

    def _log_unanswered(self, url: str, role: str, outcome: Outcome) -> None:
        """A request that got no response: refused by robots.txt, timed out, too large..."""
        self.log_rows.append(
            (self.round_id, url, role, outcome.status, None, None, None, outcome.error,
             state.now())
        )  # fmt: skip

    def _collect_robots(self) -> None:
        for response in self.fetcher.robots_responses:
            self._keep(response, self.warcs.other, "robots")
        self.fetcher.robots_responses.clear()


def _outcome_of(response: Response) -> str:
    if response.status in (301, 302, 303, 307, 308):
        return "redirect"
    if response.status == 304:
        return "not_modified"
    return "ok" if 200 <= response.status < 300 else "http_error"


def _path_if_written(warc: WarcFile) -> str | None:
    return str(warc.path) if warc.records else None
