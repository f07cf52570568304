"""Fetching from the web, against an invented news site served on 127.0.0.1 by the tests.

Nothing here reaches any other address: the site is started in a fixture on the loopback
interface, and proxy settings are cleared so no request is routed elsewhere.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner

from dateline.cli import cli
from dateline.errors import InputError
from dateline.fetch.fakesite import FakeNewsSite
from dateline.fetch.feeds import parse_feed, read_feeds_file
from dateline.fetch.urls import canonical_url, declared_canonical

for _name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
    os.environ.pop(_name, None)

DATELINE = str(Path(sys.executable).parent / "dateline")
FAST = ["--host-delay", "0", "--timeout", "1", "--retries", "1"]


@pytest.fixture
def site() -> Iterator[FakeNewsSite]:
    with FakeNewsSite(articles=9, slow_seconds=3, huge_bytes=600_000) as served:
        yield served


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def run_dateline(*args: str) -> tuple[int, str]:
    """The installed command in a subprocess: error handling as a user sees it."""
    done = subprocess.run([DATELINE, *args], capture_output=True, text=True, timeout=120)
    return done.returncode, done.stderr


def rows(db: Path, sql: str) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


# -- URLs, feeds files, feed documents --------------------------------------------------------


def test_canonical_url_strips_tracking_and_normalises() -> None:
    assert (
        canonical_url(
            "HTTPS://News.Example.ORG:443/world//story.html?utm_source=rss&id=7&fbclid=x#top"
        )
        == "https://news.example.org/world/story.html?id=7"
    )
    assert canonical_url("http://example.org") == "http://example.org/"
    assert canonical_url("story-2.html", base="http://example.org/world/") == (
        "http://example.org/world/story-2.html"
    )
    with pytest.raises(InputError):
        canonical_url("mailto:desk@example.org")
    page = b'<html><head><link href="/news/a.html?utm_medium=x" rel="canonical"></head></html>'
    assert declared_canonical(page, "http://example.org/amp/a.html") == (
        "http://example.org/news/a.html"
    )


def test_feeds_file_names_comments_and_bad_lines(tmp_path: Path) -> None:
    good = tmp_path / "feeds.txt"
    good.write_text(
        "# world news\n"
        "https://courier.example/rss.xml   Harbour Courier world\n"
        "\n"
        "https://courier.example/news-sitemap.xml # the news sitemap\n"
        "https://courier.example/page.html#section\n",
        encoding="utf-8",
    )
    specs = read_feeds_file(str(good))
    assert [(s.url, s.name) for s in specs] == [
        ("https://courier.example/rss.xml", "Harbour Courier world"),
        ("https://courier.example/news-sitemap.xml", None),
        ("https://courier.example/page.html", None),
    ]
    bad = tmp_path / "bad.txt"
    bad.write_text("https://courier.example/rss.xml\nftp://courier.example/x\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"bad.txt:2"):
        read_feeds_file(str(bad))
    code, err = run_dateline("watch", str(bad), "--once", "--db", str(tmp_path / "x.duckdb"))
    assert code != 0 and "bad.txt:2" in err and "Traceback" not in err


def test_parse_rss_atom_sitemaps_and_discovery(site: FakeNewsSite) -> None:
    rss = parse_feed(site.rss().encode(), site.base + "/rss.xml")
    assert rss.kind == "rss" and rss.entries
    assert all("utm_" not in e.url for e in rss.entries)  # tracking parameters stripped
    assert rss.entries[0].published and rss.entries[0].published.startswith("2026-03-02")
    atom = parse_feed(site.atom().encode(), site.base + "/atom.xml")
    assert atom.kind == "atom" and all("/old/" in e.url for e in atom.entries)
    news = parse_feed(site.news_sitemap(site.visible()).encode(), site.base + "/news-sitemap.xml")
    assert news.kind == "sitemap" and len(news.entries) == len(site.visible())
    assert news.entries[0].title and news.entries[0].published
    index = parse_feed(site.sitemap_index().encode(), site.base + "/sitemap-index.xml")
    assert index.kind == "sitemap_index" and len(index.sitemaps) == 2
    home = parse_feed(site.home().encode(), site.base + "/", "text/html")
    assert home.kind == "html"
    assert home.alternates == [site.base + "/rss.xml", site.base + "/atom.xml"]
    with pytest.raises(InputError, match="not an RSS or Atom feed"):
        parse_feed(b'{"items": []}', site.base + "/api")


# -- fetch --------------------------------------------------------------------------------------


@pytest.mark.slow
def test_fetch_copes_with_what_real_sites_do(site: FakeNewsSite, tmp_path: Path) -> None:
    db = tmp_path / "news.duckdb"
    s = site.stories
    urls = {
        "plain": site.url(s[0]),
        "tracking": site.url(s[1]) + "?utm_source=newsletter&utm_campaign=spring",
        "redirect": f"{site.base}/old/{s[2].slug}",
        "amp": f"{site.base}/amp/{s[3].slug}.html",  # canonical: /news/<slug>.html
        "canonical": site.url(s[3]),
        "latin1": site.base + "/latin1.html",
        "mislabelled": site.base + "/mislabelled.html",
        "flaky": site.base + "/flaky.html",
        "broken": site.base + "/broken.html",
        "missing": site.base + "/gone.html",
        "private": site.base + "/private/memo.html",
        "slow": site.base + "/slow.html",
        "huge": site.base + "/huge.html",
    }
    code, _, err = run(
        "fetch", *urls.values(), "--db", str(db), "--format", "none", "--stages", "article",
        "--max-bytes", "300000", "--user-agent", "DatelineTest/1.0 (desk@example.org)", *FAST,
    )  # fmt: skip
    assert code == 1, err  # some URLs failed, and say why
    status = dict(rows(db, "SELECT url, status || ' ' || coalesce(error, '') FROM fetch_urls"))
    assert status[canonical_url(urls["missing"])].startswith("failed HTTP 404")
    assert "robots.txt" in status[canonical_url(urls["private"])]
    assert "larger than 300,000 bytes" in status[canonical_url(urls["huge"])]
    # Retryable failures stay pending for a later round; the 503 healed on its retry.
    assert status[canonical_url(urls["slow"])].startswith("pending timed out")
    assert status[canonical_url(urls["broken"])].startswith("pending HTTP 500")
    assert status[canonical_url(urls["flaky"])].startswith("fetched")
    assert f"failed: {canonical_url(urls['missing'])}: HTTP 404" in err
    # Tracking parameters never reach the server; the AMP copy and its canonical page are one.
    assert not [p for p, _, _ in site.requests if "utm_" in p]
    assert s[3].slug in " ".join(
        u for u, st in status.items() if st.startswith("duplicate") or st.startswith("fetched")
    )
    articles = rows(db, "SELECT url, headline, analysis FROM articles ORDER BY url")
    by_url = {url: (headline, json.loads(doc)) for url, headline, doc in articles}
    assert len(articles) == 7  # 4 stories (amp = canonical) + latin1, mislabelled, flaky
    assert site.url(s[2]) in by_url  # the redirect's target, not /old/
    assert site.url(s[1]) in by_url and site.url(s[3]) in by_url
    # Charsets: a header-only windows-1252 page and a page mislabelled as UTF-8 both decode.
    for name in ("latin1", "mislabelled"):
        text = by_url[urls[name]][1]["article"]["text"]
        assert "café" in text and "€" in text and "naïve" in text, text[:200]
    assert site.encodings == {"br", "gzip"}  # both decoded
    # Politeness: our User-Agent, robots.txt read once and the private page never requested.
    assert {agent for _, agent, _ in site.requests} == {"DatelineTest/1.0 (desk@example.org)"}
    assert len(site.hits("/robots.txt")) == 1 and not site.hits("/private/")
    # The round and every request are recorded.
    (rounds,) = rows(db, "SELECT count(*) FROM fetch_rounds WHERE status = 'done'")[0:1]
    assert rounds == (1,)
    outcomes = {r[0] for r in rows(db, "SELECT DISTINCT outcome FROM fetch_log")}
    assert {"ok", "redirect", "http_error", "robots", "too_large", "timeout"} <= outcomes


def test_fetch_prints_the_analysis_without_storing(site: FakeNewsSite, tmp_path: Path) -> None:
    os.chdir(tmp_path)
    code, out, err = run(
        "fetch", site.url(site.stories[4]), "--format", "json", "--stages", "article", *FAST
    )
    assert code == 0, err
    doc = json.loads(out)
    assert doc["article"]["headline"] == site.stories[4].headline
    assert doc["article"]["url"] == site.url(site.stories[4])
    assert not list(tmp_path.glob("*.duckdb"))  # analysed, not stored
    assert list((tmp_path / "dateline-warc").glob("*-pages.warc.gz"))  # but kept
    code, _, err = run("fetch", "not a url", "--stages", "article")
    assert code == 2 and "not an http(s) URL" in err


@pytest.mark.slow
def test_reingesting_the_warc_gives_the_same_database(site: FakeNewsSite, tmp_path: Path) -> None:
    """Every stage: the WARC files hold exactly what the fetching run analysed."""
    urls = tmp_path / "urls.txt"
    picked = [site.url(s) for s in site.stories[:4]] + [
        f"{site.base}/old/{site.stories[5].slug}",
        site.base + "/latin1.html",
        site.base + "/gone.html",
    ]
    urls.write_text("\n".join(picked) + "\n", encoding="utf-8")
    fetched, again = tmp_path / "fetched.duckdb", tmp_path / "again.duckdb"
    warcs = tmp_path / "warc"
    code, _, err = run(
        "ingest", "--urls", str(urls), "--db", str(fetched), "--warc-dir", str(warcs), *FAST
    )
    assert code == 1 and "HTTP 404" in err
    pages = sorted(str(p) for p in warcs.glob("*-pages.warc.gz"))
    code, _, err = run("ingest", *pages, "--db", str(again), "--no-progress")
    assert code == 0, err
    for sql in (
        "SELECT article_id, story_id, source, url, headline, published, analysis FROM articles",
        "SELECT * EXCLUDE (date_added) FROM events",
        "SELECT * FROM event_mentions",
        "SELECT * FROM entities",
        "SELECT * FROM quotes",
        "SELECT * FROM locations",
    ):
        ordered = f"SELECT * FROM ({sql}) ORDER BY ALL"
        assert rows(fetched, ordered) == rows(again, ordered), sql
    assert len(rows(fetched, "SELECT * FROM articles")) == 6


def test_ingest_urls_skips_what_an_earlier_run_fetched(site: FakeNewsSite, tmp_path: Path) -> None:
    urls = tmp_path / "urls.txt"
    urls.write_text(
        "# today's picks\n" + "\n".join(site.url(s) for s in site.stories[:5]) + "\n",
        encoding="utf-8",
    )
    db = tmp_path / "news.duckdb"
    args = ["ingest", "--urls", str(urls), "--db", str(db), "--stages", "article", *FAST]
    code, _, err = run(*args)
    assert code == 0, err
    assert "5 pages fetched" in err and "5 articles stored" in err
    code, _, err = run(*args)
    assert code == 0, err
    assert "0 pages fetched" in err and "5 fetched by an earlier run" in err
    assert len(site.hits("/news/")) == 5  # each article fetched once
    code, err = run_dateline("ingest", "--urls", str(tmp_path / "missing.txt"), "--db", str(db))
    assert code != 0 and "missing.txt" in err and "Traceback" not in err


def test_ingest_urls_rerun_says_which_skipped_urls_failed(
    site: FakeNewsSite, tmp_path: Path
) -> None:
    urls = tmp_path / "urls.txt"
    urls.write_text(f"{site.url(site.stories[0])}\n{site.base}/news/withdrawn-story.html\n")
    db = tmp_path / "news.duckdb"
    args = ["ingest", "--urls", str(urls), "--db", str(db), "--stages", "article", *FAST]
    code, _, err = run(*args)
    assert code == 1 and "HTTP 404" in err
    code, _, err = run(*args)
    assert "2 fetched by an earlier run (1 of them failed then; --retry-failed" in err


@pytest.mark.slow
def test_per_host_rate_limit_and_concurrency_cap() -> None:
    import time
    from concurrent.futures import ThreadPoolExecutor

    from dateline.fetch.client import Fetcher, FetchSettings

    with FakeNewsSite(articles=4, slow_seconds=1.0) as served:
        pages = [served.url(s) for s in served.stories]

        def timed(settings: FetchSettings, urls: list[str]) -> float:
            with Fetcher(settings) as fetcher, ThreadPoolExecutor(8) as pool:
                fetcher.allowed(urls[0])  # robots.txt first, outside the timing
                started = time.monotonic()
                outcomes = list(pool.map(fetcher.fetch, urls))
            assert {o.status for o in outcomes} == {"ok"}
            return time.monotonic() - started

        # Four pages, 0.25 s apart at the least: three gaps.
        assert timed(FetchSettings(host_delay=0.25, host_concurrency=8), pages) >= 0.75
        slow = [served.base + "/slow.html"] * 2
        # Two slow pages (1 s each) with one request in flight per host take twice as long.
        assert timed(FetchSettings(host_delay=0, host_concurrency=1), slow) >= 2.0
        assert timed(FetchSettings(host_delay=0, host_concurrency=2), slow) < 1.8


def test_a_site_whose_robots_txt_fails_is_left_alone_then_asked_again(
    site: FakeNewsSite, monkeypatch: pytest.MonkeyPatch
) -> None:
    from dateline.fetch import client
    from dateline.fetch.client import Fetcher, FetchSettings

    site.robots_broken = True
    with Fetcher(FetchSettings(host_delay=0, retries=0)) as fetcher:
        outcome = fetcher.fetch(site.url(site.stories[0]))
        assert outcome.status == "robots" and not site.hits("/news/")  # RFC 9309: 5xx = stay away
        site.robots_broken = False
        assert fetcher.fetch(site.url(site.stories[0])).status == "robots"  # cached for a while
        monkeypatch.setattr(client, "_ROBOTS_RETRY", 0.0)  # ... ten minutes later
        assert fetcher.fetch(site.url(site.stories[0])).status == "ok"
    assert site.hits("/robots.txt") == [503, 200]
