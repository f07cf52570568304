"""``dateline bench watch``: a round of ``watch`` over a local site of N invented articles.

The site (``dateline.fetch.fakesite``) is served by its own process on 127.0.0.1 and lists
every article in a Google-News sitemap, an RSS feed and an Atom feed. Politeness limits are
lifted for the local site (no per-host delay, 8 requests in flight). Four measurements, in one
run:

1. round 1 with the ``article`` stage only: fetching, WARC writing, structuring and storing —
   pages/s of the fetching machinery;
2. round 2 on the same database, nothing changed: which requests it makes (the feeds, answered
   304, and no article page);
3. round 1 on a fresh database with every stage: pages/s end to end (spaCy model load included);
4. bare spaCy ``nlp.pipe`` over the same article bodies, for the ratio the project reports.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

import click


def _start_site(articles: int) -> tuple[subprocess.Popen[str], str]:
    process = subprocess.Popen(
        [sys.executable, "-m", "dateline.fetch.fakesite", str(articles)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert process.stdout is not None
    base = process.stdout.readline().strip()
    if not base.startswith("http://127.0.0.1:"):
        process.kill()
        raise click.ClickException("the local news site did not start")
    return process, base


def _crawler(db: Path, stages: list[str] | None):  # type: ignore[no-untyped-def]
    from dateline.fetch.client import FetchSettings
    from dateline.fetch.crawl import Crawler, CrawlOptions
    from dateline.store.ingest import IngestOptions

    settings = FetchSettings(host_delay=0.0, host_concurrency=8, concurrency=8, retries=0)
    options = CrawlOptions(
        db=str(db), warc_dir=db.parent / f"{db.stem}-warc", settings=settings,
        ingest=IngestOptions(db=str(db), stages=stages, batch_size=16),
    )  # fmt: skip
    return Crawler(options, "watch")


def _requests(db: Path, round_id: int) -> str:
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    try:
        rows = con.execute(
            "SELECT role, outcome, count(*) FROM fetch_log WHERE round_id = ? "
            "GROUP BY ALL ORDER BY ALL",
            [round_id],
        ).fetchall()
    finally:
        con.close()
    return ", ".join(f"{n} {role} {outcome}" for role, outcome, n in rows) or "none"


def _bodies(db: Path) -> list[str]:
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    try:
        return [
            r[0]
            for r in con.execute(
                "SELECT json_extract_string(analysis, '$.article.text') FROM articles"
            ).fetchall()
        ]
    finally:
        con.close()


@click.command()
@click.option(
    "--articles", type=click.IntRange(10, 20000), default=500, show_default=True,
    help="Articles on the local site.",
)  # fmt: skip
@click.option(
    "--full/--no-full", default=True, show_default=True,
    help="Also run a round with every stage, beside bare spaCy.",
)  # fmt: skip
def command(articles: int, full: bool) -> None:
    """A watch round over a local site of ARTICLES invented articles: pages/s, and that an
    unchanged second round fetches only the feeds (304 answers).

    \b
    Examples:
      dateline bench watch
      dateline bench watch --articles 2000 --no-full
    """
    site, base = _start_site(articles)
    lines = [f"local site: {articles} articles at {base} (served by a separate process)"]
    try:
        with tempfile.TemporaryDirectory(prefix="dateline-bench-watch-") as tmp:
            folder = Path(tmp)
            feeds = folder / "feeds.txt"
            feeds.write_text(
                f"{base}/news-sitemap.xml news sitemap\n{base}/rss.xml rss\n{base}/atom.xml atom\n",
                encoding="utf-8",
            )
            from dateline.fetch.feeds import read_feeds_file

            listed = read_feeds_file(str(feeds))
            db = folder / "fetch.duckdb"
            crawler = _crawler(db, ["article"])
            try:
                first = crawler.round(feeds=listed)
                # The same crawler, as in `watch`: robots.txt stays cached between rounds.
                second = crawler.round(feeds=listed)
            finally:
                crawler.close()
            rows = [
                (name, r.counts.pages_fetched, r.stored.stored, r.seconds, r.counts.requests,
                 _requests(db, r.round_id))
                for name, r in (("round 1, article stage only", first),
                                ("round 2, nothing changed", second))
            ]  # fmt: skip
            spacy_rate = None
            if full:
                full_db = folder / "full.duckdb"
                crawler = _crawler(full_db, None)
                try:
                    third = crawler.round(feeds=listed)
                finally:
                    crawler.close()
                c3 = third.counts
                rows.append(
                    ("round 1, every stage", c3.pages_fetched, third.stored.stored,
                     third.seconds, c3.requests, _requests(full_db, third.round_id))
                )  # fmt: skip
                from dateline.nlp import load_model

                nlp = load_model()
                texts = _bodies(full_db)
                started = time.monotonic()
                for _ in nlp.pipe(texts, batch_size=16):
                    pass
                spacy_rate = len(texts) / (time.monotonic() - started)
    finally:
        if site.stdin is not None:
            site.stdin.close()
        site.wait(timeout=10)
    click.echo("\n".join(lines))
    click.echo("")
    click.echo("| run | pages fetched | articles stored | seconds | pages/s | requests |")
    click.echo("|---|---|---|---|---|---|")
    for name, pages, stored, seconds, requests, detail in rows:
        rate = pages / seconds if seconds else 0.0
        click.echo(
            f"| {name} | {pages} | {stored} | {seconds:.1f} | {rate:.1f} | {requests}: {detail} |"
        )
    if spacy_rate is not None:
        full_rate = rows[2][1] / rows[2][3] if rows[2][3] else 0.0
        click.echo(
            f"\nbare spaCy nlp.pipe on the same {rows[2][2]} bodies: {spacy_rate:.1f} articles/s; "
            f"the full round runs at {full_rate / spacy_rate:.2f}x bare spaCy "
            "(fetching, model load and storing included)."
        )
