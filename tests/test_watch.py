"""``dateline watch`` rounds, source health, signals and kills; ``export --since...``.

Everything runs against the invented news site served on 127.0.0.1 by the tests.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner

from dateline.cli import cli
from dateline.fetch.fakesite import FakeNewsSite

for _name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
    os.environ.pop(_name, None)

DATELINE = str(Path(sys.executable).parent / "dateline")
FAST = ["--host-delay", "0", "--timeout", "2", "--retries", "0", "--stages", "article"]


@pytest.fixture
def site() -> Iterator[FakeNewsSite]:
    with FakeNewsSite(articles=8) as served:
        yield served


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def rows(db: Path, sql: str) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def feeds_file(tmp_path: Path, site: FakeNewsSite) -> Path:
    path = tmp_path / "feeds.txt"
    path.write_text(
        "# The Harbour Courier\n"
        f"{site.base}/                    Courier home page\n"
        f"{site.base}/news-sitemap.xml    Courier news sitemap\n"
        f"{site.base}/sitemap-index.xml\n"
        f"{site.base}/retired-feed.xml    Old feed  # gone since the redesign\n",
        encoding="utf-8",
    )
    return path


@pytest.mark.slow
def test_watch_rounds_fetch_only_what_is_new(site: FakeNewsSite, tmp_path: Path) -> None:
    db = tmp_path / "news.duckdb"
    args = ["watch", str(feeds_file(tmp_path, site)), "--once", "--db", str(db), *FAST]
    code, _, err = run(*args)
    assert code == 0, err
    assert "retired-feed.xml: HTTP 404" in err
    stored = {r[0] for r in rows(db, "SELECT url FROM articles")}
    assert stored == {site.url(s) for s in site.stories}  # each story once, by its canonical URL
    assert all(n == 1 for n in _hits_per_story(site).values())
    # Feed discovery: the home page's RSS and Atom feeds became sources.
    kinds = dict(rows(db, "SELECT url, kind FROM fetch_sources"))
    assert kinds[f"{site.base}/rss.xml"] == "rss" and kinds[f"{site.base}/atom.xml"] == "atom"
    assert kinds[f"{site.base}/sitemap-index.xml"] == "sitemap_index"
    assert kinds[f"{site.base}/sitemaps/news-1.xml"] == "sitemap"

    # Round 2, nothing changed: feeds answer 304, no article is requested again, and the
    # failing feed is backed off.
    before = len(site.requests)
    code, _, err = run(*args)
    assert code == 0, err
    paths = [p.split("?")[0] for p, _, _ in site.requests[before:]]
    assert not [p for p in paths if p.startswith(("/news/", "/old/", "/amp/"))]
    assert site.hits("/rss.xml")[-1] == 304 and site.hits("/atom.xml")[-1] == 304
    assert site.hits("/news-sitemap.xml")[-1] == 304
    # An unchanged sitemap index (304) still has its sitemaps polled.
    assert (
        site.hits("/sitemap-index.xml")[-1] == 304 and len(site.hits("/sitemaps/news-1.xml")) == 2
    )
    assert len(site.hits("/retired-feed.xml")) == 1
    assert "1 backed off" in err

    # Round 3: the feeds changed; only the new stories are fetched.
    fresh = site.publish(3)
    code, _, err = run(*args)
    assert code == 0, err
    hits = _hits_per_story(site)
    assert all(hits[s.slug] == 1 for s in fresh) and all(n == 1 for n in hits.values())
    assert len(rows(db, "SELECT * FROM articles")) == len(site.stories)

    rounds = rows(
        db, "SELECT status, pages_fetched, feeds_not_modified FROM fetch_rounds ORDER BY 1"
    )
    assert [r[0] for r in rounds] == ["done"] * 3
    assert [
        r[1] for r in rows(db, "SELECT round_id, pages_fetched FROM fetch_rounds ORDER BY 1")
    ] == [8, 0, 3]
    health = dict(
        rows(db, "SELECT name, consecutive_failures FROM fetch_sources WHERE name IS NOT NULL")
    )
    assert health == {"Courier home page": 0, "Courier news sitemap": 0, "Old feed": 1}

    code, out, _ = run("stats", "--db", str(db))
    assert code == 0 and "Last rounds" in out and "Old feed" in out and "http_error" in out
    code, out, _ = run("stats", "--db", str(db), "--format", "json")
    report = json.loads(out)
    assert len(report["rounds"]["rows"]) == 3 and report["sources"]["rows"]


def _hits_per_story(site: FakeNewsSite) -> dict[str, int]:
    """How many times each story page was served (redirects and AMP copies lead to it)."""
    counts: dict[str, int] = {}
    for path, _, status in site.requests:
        if path.startswith("/news/") and status == 200:
            slug = path.split("?")[0].removeprefix("/news/").removesuffix(".html")
            counts[slug] = counts.get(slug, 0) + 1
    return counts


def _start_watch(db: Path, feeds: Path, *extra: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [DATELINE, "watch", str(feeds), "--once", "--db", str(db), "--timeout", "5",
         "--retries", "0", "--stages", "article", "--batch-size", "2", *extra],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip


def _wait_for_pages(site: FakeNewsSite, count: int, limit: float = 60.0) -> None:
    deadline = time.monotonic() + limit
    while sum(_hits_per_story(site).values()) < count:
        assert time.monotonic() < deadline, "the round never got going"
        time.sleep(0.05)


@pytest.mark.slow
@pytest.mark.parametrize("how", ["sigterm", "sigkill"])
def test_a_stopped_round_loses_nothing_and_the_next_picks_up(how: str, tmp_path: Path) -> None:
    with FakeNewsSite(articles=30) as site:
        feeds = tmp_path / "feeds.txt"
        feeds.write_text(f"{site.base}/news-sitemap.xml\n", encoding="utf-8")
        db = tmp_path / "news.duckdb"
        # One page every 0.15 s from this host: the round takes about 5 s.
        process = _start_watch(db, feeds, "--host-delay", "0.15")
        _wait_for_pages(site, 6)
        process.send_signal(signal.SIGTERM if how == "sigterm" else signal.SIGKILL)
        _, err = process.communicate(timeout=60)
        first_round = sum(_hits_per_story(site).values())
        assert first_round < 30
        (status,) = rows(db, "SELECT status FROM fetch_rounds")[0]
        if how == "sigterm":
            assert process.returncode == 130, err
            assert status == "interrupted" and "stopping" in err
            # A clean stop keeps every page it fetched: none is fetched again.
            stored = rows(db, "SELECT count(*) FROM articles")[0][0]
            assert stored == first_round
        else:
            assert process.returncode == -signal.SIGKILL
            assert status == "running"  # the kill left the round unfinished
        pending = rows(db, "SELECT count(*) FROM fetch_urls WHERE status = 'pending'")[0][0]
        assert pending > 0

        process = _start_watch(db, feeds, "--host-delay", "0")
        _, err = process.communicate(timeout=120)
        assert process.returncode == 0, err
        urls = [r[0] for r in rows(db, "SELECT url FROM articles")]
        assert sorted(urls) == sorted(site.url(s) for s in site.stories)  # all, once each
        assert rows(db, "SELECT count(*) FROM fetch_urls WHERE status = 'pending'")[0][0] == 0
        hits = _hits_per_story(site)
        assert set(hits) == {s.slug for s in site.stories}
        if how == "sigterm":
            assert all(n == 1 for n in hits.values())
        else:  # only the pages in flight when killed (a batch of 2, uncommitted) are fetched twice
            assert sum(hits.values()) - 30 <= 2 + 16


def test_watch_rejects_bad_arguments(tmp_path: Path) -> None:
    feeds = tmp_path / "feeds.txt"
    feeds.write_text("http://127.0.0.1:9/rss.xml\n", encoding="utf-8")
    code, _, err = run("watch", str(feeds), "--every", "soon", "--once")
    assert code == 2 and "--every" in err
    empty = tmp_path / "empty.txt"
    empty.write_text("# nothing yet\n", encoding="utf-8")
    done = subprocess.run(
        [DATELINE, "watch", str(empty), "--once", "--db", str(tmp_path / "x.duckdb")],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert done.returncode == 1 and "lists no feed URLs" in done.stderr
    assert "Traceback" not in done.stderr


# -- export --since-last-export / --since -------------------------------------------------------


def _story_file(folder: Path, n: int, leader: str, guest: str, city: str) -> None:
    folder.mkdir(exist_ok=True)
    (folder / f"story-{n}.txt").write_text(
        f"{leader} hosts {guest} for talks\n\n"
        f"{leader} met {guest} in {city} on Tuesday to discuss a new trade agreement, officials "
        f'said.\n\n"We agreed to meet again in the spring," {leader.split()[-1]} told '
        f"reporters after talks that lasted {n + 2} hours.\n",
        encoding="utf-8",
    )


@pytest.mark.slow
def test_export_since_last_export_writes_only_what_changed(tmp_path: Path) -> None:
    db = tmp_path / "news.duckdb"
    first, second = tmp_path / "first", tmp_path / "second"
    _story_file(first, 1, "Emmanuel Macron", "Olaf Scholz", "Paris")
    _story_file(first, 2, "Narendra Modi", "Fumio Kishida", "New Delhi")
    _story_file(second, 3, "Cyril Ramaphosa", "Luiz Inacio Lula da Silva", "Pretoria")
    assert run("ingest", str(first), "--db", str(db), "--no-progress")[0] == 0
    out = tmp_path / "updates.tsv"
    export = ["export", "events", "--format", "gdelt", "--db", str(db), "-o", str(out)]

    code, _, err = run(*export, "--since-last-export")
    assert code == 0, err
    first_events = out.read_text(encoding="utf-8").splitlines()
    assert len(first_events) >= 2 and "added since the start" in err

    code, _, err = run(*export, "--since-last-export")
    assert code == 0 and out.read_text(encoding="utf-8") == "" and "exported 0" in err
    checkpoint = rows(db, "SELECT exported_until FROM export_marks")[0][0]

    assert run("ingest", str(second), "--db", str(db), "--no-progress")[0] == 0
    code, _, err = run(*export, "--since-last-export")
    assert code == 0, err
    new_events = out.read_text(encoding="utf-8").splitlines()
    assert new_events and not set(new_events) & set(first_events)
    assert all("PRETORIA" in line.upper() or "RAMAPHOSA" in line.upper() for line in new_events)
    # Marks are per target and table: stdout and the articles table start from scratch.
    code, stdout, _ = run("export", "articles", "--format", "jsonl", "--db", str(db),
                          "--since-last-export")  # fmt: skip
    assert code == 0 and len(stdout.splitlines()) == 3
    # --since: the same rows, from a moment given by hand, in any format.
    code, stdout, _ = run("export", "articles", "--format", "jsonl", "--db", str(db),
                          "--since", checkpoint.isoformat())  # fmt: skip
    assert code == 0 and [json.loads(line)["url"] for line in stdout.splitlines()] == [None]
    code, stdout, _ = run("export", "quotes", "--format", "csv", "--db", str(db),
                          "--since", checkpoint.isoformat() + "+00:00")  # fmt: skip
    assert code == 0 and "Ramaphosa" in stdout and "Macron" not in stdout
    code, _, err = run("export", "events", "--since", "yesterday", "--db", str(db))
    assert code == 2 and "--since" in err


@pytest.mark.slow
def test_bench_watch_second_round_fetches_only_the_feeds() -> None:
    code, out, err = run("bench", "watch", "--articles", "12", "--no-full")
    assert code == 0, err
    table = {
        line.split("|")[1].strip(): line for line in out.splitlines() if line.startswith("| round")
    }
    assert "| 12 | 12 |" in table["round 1, article stage only"]
    assert "3: 3 feed not_modified |" in table["round 2, nothing changed"]


@pytest.mark.slow
def test_a_round_that_finds_the_database_busy_is_skipped(
    site: FakeNewsSite, tmp_path: Path
) -> None:
    db = tmp_path / "news.duckdb"
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(f"{site.base}/rss.xml\n", encoding="utf-8")
    holder = duckdb.connect(str(db))  # another writer (an ingest, an export) holds the file
    process = subprocess.Popen(
        [DATELINE, "watch", str(feeds), "--rounds", "2", "--every", "4s", "--db", str(db), *FAST],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert process.stderr is not None
    first = process.stderr.readline()  # the skipped round's line comes first
    holder.close()
    _, rest = process.communicate(timeout=120)
    err = first + rest
    assert "round skipped" in first and "the database is busy" in first
    assert "Round 1 (done)" in err  # the second attempt ran, as round 1 of the database
    assert process.returncode == 1  # one round was lost, and the exit code says so
    assert rows(db, "SELECT count(*) FROM articles")[0][0] > 0


# Slow: a crawl of many pages through the worker pool, a tenth of the fast suite on its own.
@pytest.mark.slow
def test_a_page_is_marked_fetched_only_with_the_batch_that_stores_it(tmp_path: Path) -> None:
    """Fetching runs ahead of analysis (the worker pool takes batches in advance): a page
    fetched for a later batch must stay pending until that batch commits, or a kill between
    the two commits loses it for good (marked fetched, never stored)."""
    from dateline.fetch.crawl import Crawler, CrawlOptions
    from dateline.fetch.feeds import FeedSpec
    from dateline.store.ingest import IngestOptions

    db = tmp_path / "news.duckdb"
    options = CrawlOptions(
        db=str(db), warc_dir=tmp_path / "warc",
        ingest=IngestOptions(db=str(db), workers=1, batch_size=2, stages=["article"]),
    )  # fmt: skip
    seen: list[tuple[int, int]] = []

    def after_each_result(url: str, result: object) -> None:
        with duckdb.connect(str(db)) as con:
            (fetched,) = con.execute(
                "SELECT count(*) FROM fetch_urls WHERE status = 'fetched'"
            ).fetchone() or (0,)
            (stored,) = con.execute("SELECT count(*) FROM articles").fetchone() or (0,)
        seen.append((int(fetched), int(stored)))

    with FakeNewsSite(articles=10) as site:
        crawler = Crawler(options, "fetch")
        try:
            summary = crawler.round(
                feeds=[FeedSpec(f"{site.base}/news-sitemap.xml")], on_result=after_each_result
            )
        finally:
            crawler.close()
    assert summary.counts.articles_stored == 10
    assert len(seen) == 10
    # After every commit, each page marked fetched is a stored article, and nothing more.
    assert all(fetched == stored for fetched, stored in seen), seen
