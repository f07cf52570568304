"""A small invented news site served on 127.0.0.1, for the tests and ``dateline bench watch``.

It has what real sites have and fetching must cope with: RSS and Atom feeds with validators
(ETag, Last-Modified, 304 answers), a Google-News sitemap and a sitemap index, a home page that
advertises its feed, robots.txt, redirects, tracking parameters, canonical links, gzip and
brotli, a slow page, a 500, a 503 that heals, a 404, a huge page and pages in other charsets.
The articles are invented. Nothing here listens beyond the loopback address.
"""

from __future__ import annotations

import gzip
import threading
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from xml.sax.saxutils import escape

import brotli

_PEOPLE = [
    ("Amara Okafor", "finance minister", "Nigeria", "Abuja"),
    ("Lars Henriksen", "prime minister", "Denmark", "Copenhagen"),
    ("Mariana Costa", "foreign minister", "Brazil", "Brasilia"),
    ("Kenji Watanabe", "trade minister", "Japan", "Tokyo"),
    ("Ingrid Solberg", "defence minister", "Norway", "Oslo"),
    ("Rahul Mehta", "energy minister", "India", "New Delhi"),
    ("Chloe Martin", "health minister", "France", "Paris"),
    ("Tomasz Nowak", "interior minister", "Poland", "Warsaw"),
]
_TOPICS = [
    ("a new fisheries agreement", "quotas for the northern fleet"),
    ("grain shipments through the Black Sea", "insurance for cargo ships"),
    ("a loan for the national power grid", "the repayment schedule"),
    ("flood defences along the coast", "funding for three new barriers"),
    ("a vaccine production plant", "the transfer of technology"),
    ("border checks during the summer", "the number of extra officers"),
    ("rare-earth mining rights", "environmental safeguards"),
    ("a high-speed rail link", "the route through the mountains"),
]
_VERBS = ["met", "held talks with", "hosted", "received"]


@dataclass(frozen=True)
class Story:
    number: int
    section: str
    slug: str
    headline: str
    published: datetime
    paragraphs: tuple[str, ...]


def make_story(number: int, base: datetime) -> Story:
    """An invented, distinct news story; the same number always gives the same story."""
    a = _PEOPLE[number % len(_PEOPLE)]
    b = _PEOPLE[(number * 3 + 1) % len(_PEOPLE)]
    if a == b:
        b = _PEOPLE[(number + 1) % len(_PEOPLE)]
    topic, detail = _TOPICS[(number // 2) % len(_TOPICS)]
    verb = _VERBS[number % len(_VERBS)]
    published = base - timedelta(minutes=37 * number)
    day = published.strftime("%A")
    section = ("world", "business", "politics")[number % 3]
    headline = f"{a[0].split()[-1]} and {b[0].split()[-1]} agree to press on with {topic}"
    paragraphs = (
        f"{a[3].upper()} — {a[2]}'s {a[1]}, {a[0]}, {verb} {b[2]}'s {b[1]}, {b[0]}, in {a[3]} "
        f"on {day} for talks on {topic}, officials from both governments said.",
        f'"We have made real progress on {detail}, and we expect to sign within '
        f'{number % 9 + 2} weeks," {a[0].split()[-1]} told reporters after the meeting, which '
        f"ran {number % 50 + 20} minutes over schedule.",
        f"{b[0].split()[-1]} said {b[2]} would send a delegation of {number % 17 + 4} experts "
        f"to {a[3]} next month. Negotiators have met {number % 6 + 2} times since "
        f"{2015 + number % 9} without settling {detail}.",
        f"Opposition lawmakers in {a[2]} criticised the talks, saying the government had not "
        f"published the draft text. A vote is expected before case {number} reaches the courts.",
    )
    slug = f"{published:%Y/%m/%d}/{section}-story-{number}"
    return Story(number, section, slug, headline, published, paragraphs)


def article_html(story: Story, host: str, charset: str = "utf-8") -> str:
    url = f"http://{host}/news/{story.slug}.html"
    body = "\n".join(f"      <p>{escape(p)}</p>" for p in story.paragraphs)
    return f"""<!DOCTYPE html>
<html lang="en">
  <head>
    <meta charset="{charset}">
    <title>{escape(story.headline)} | The Harbour Courier</title>
    <link rel="canonical" href="{url}">
    <meta property="og:site_name" content="The Harbour Courier">
    <meta property="article:published_time" content="{story.published.isoformat()}">
  </head>
  <body>
    <nav><a href="/">Home</a> <a href="/world/">World</a> <a href="/business/">Business</a></nav>
    <article>
      <h1>{escape(story.headline)}</h1>
      <p class="byline">By Hanna Lindqvist, Diplomatic Correspondent</p>
      <time datetime="{story.published.isoformat()}">{story.published:%d %B %Y %H:%M} UTC</time>
{body}
    </article>
    <footer>© The Harbour Courier. Subscribe for daily briefings.</footer>
  </body>
</html>
"""


_ODD_PAGE = """<!DOCTYPE html>
<html><head><title>{title}</title></head><body><article><h1>{title}</h1>
<p>PORTO ALEGRE — The mayor’s café on the riverfront reopened on {day} after a €{cost} million
renovation, and the city council said the “naïve” plans of its critics had been set aside.</p>
<p>Councillor Beatriz Ramos said the façade would be finished before the winter rains and that
the café’s old terrace, closed since the floods, would reopen to the public in March.</p>
</article></body></html>
"""


class FakeNewsSite:
    """The site; ``with FakeNewsSite(articles=20) as site:`` serves it on ``site.base``."""

    def __init__(
        self, articles: int = 12, slow_seconds: float = 3.0, huge_bytes: int = 3 * 1024 * 1024
    ) -> None:
        self.base_time = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
        self.stories = [make_story(n, self.base_time) for n in range(articles)]
        self.published = articles  # stories visible in the feeds: publish() adds more
        self.feed_version = 1
        self.slow_seconds = slow_seconds
        self.huge_bytes = huge_bytes
        self.requests: list[tuple[str, str, int]] = []  # (path, user agent, status)
        self.lock = threading.Lock()
        self.flaky_left = 1
        self.encodings: set[str] = set()  # Content-Encodings served
        self.broken_feed = False
        self.robots_broken = False  # robots.txt answers 503
        self._stopping = threading.Event()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.server.daemon_threads = True
        self.host = f"127.0.0.1:{self.server.server_address[1]}"
        self.base = f"http://{self.host}"
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    # -- control ------------------------------------------------------------------------------

    def __enter__(self) -> FakeNewsSite:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stopping.set()
        self.server.shutdown()
        self.server.server_close()

    def publish(self, count: int) -> list[Story]:
        """Add ``count`` new stories to the feeds (the feed changes between rounds)."""
        start = len(self.stories)
        fresh = [
            make_story(n, self.base_time + timedelta(hours=48)) for n in range(start, start + count)
        ]
        with self.lock:
            self.stories.extend(fresh)
            self.published = len(self.stories)
            self.feed_version += 1
        return fresh

    def hits(self, prefix: str) -> list[int]:
        """Statuses answered to requests whose path starts with ``prefix``."""
        with self.lock:
            return [status for path, _, status in self.requests if path.startswith(prefix)]

    def url(self, story: Story) -> str:
        return f"{self.base}/news/{story.slug}.html"

    # -- content ------------------------------------------------------------------------------

    def visible(self) -> list[Story]:
        with self.lock:
            return list(self.stories[: self.published])

    def _last_modified(self) -> datetime:
        return self.base_time + timedelta(hours=self.feed_version)

    def rss(self) -> str:
        items = "\n".join(
            f"""    <item>
      <title>{escape(s.headline)}</title>
      <link>{self.base}/news/{s.slug}.html?utm_source=rss&amp;utm_medium=feed</link>
      <guid isPermaLink="false">courier-{s.number}</guid>
      <pubDate>{format_datetime(s.published)}</pubDate>
    </item>"""
            for s in self.visible()
            if s.section in ("world", "politics")
        )
        return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0">
  <channel>
    <title>The Harbour Courier: World</title>
    <link>{self.base}/</link>
    <description>World news from The Harbour Courier</description>
{items}
  </channel>
</rss>
"""

    def atom(self) -> str:
        entries = "\n".join(
            f"""  <entry>
    <title>{escape(s.headline)}</title>
    <link rel="alternate" href="{self.base}/old/{s.slug}"/>
    <id>tag:courier.example,2026:{s.number}</id>
    <updated>{s.published.isoformat()}</updated>
  </entry>"""
            for s in self.visible()
            if s.section == "business"
        )
        return f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>The Harbour Courier: Business</title>
  <id>tag:courier.example,2026:business</id>
  <updated>{self._last_modified().isoformat()}</updated>
{entries}
</feed>
"""

    def news_sitemap(self, stories: list[Story]) -> str:
        urls = "\n".join(
            f"""  <url>
    <loc>{self.base}/news/{s.slug}.html</loc>
    <news:news>
      <news:publication><news:name>The Harbour Courier</news:name><news:language>en</news:language></news:publication>
      <news:publication_date>{s.published.isoformat()}</news:publication_date>
      <news:title>{escape(s.headline)}</news:title>
    </news:news>
  </url>"""
            for s in stories
        )
        return f"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
{urls}
</urlset>
"""

    def sitemap_index(self) -> str:
        return f"""<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <sitemap><loc>{self.base}/sitemaps/news-1.xml</loc></sitemap>
  <sitemap><loc>{self.base}/sitemaps/news-2.xml</loc></sitemap>
</sitemapindex>
"""

    def home(self) -> str:
        return f"""<!DOCTYPE html>
<html><head><title>The Harbour Courier</title>
<link rel="alternate" type="application/rss+xml" title="World" href="/rss.xml">
<link rel="alternate" type="application/atom+xml" title="Business" href="{self.base}/atom.xml">
</head><body><h1>The Harbour Courier</h1><p>News from every harbour.</p></body></html>
"""

    # -- serving ------------------------------------------------------------------------------

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            # Headers and body go out in two writes: without TCP_NODELAY, Nagle and delayed
            # ACKs would hold every response back ~40 ms.
            disable_nagle_algorithm = True

            def log_message(self, format: str, *args: object) -> None:  # noqa: A002
                return  # quiet: tests read site.requests instead

            def do_GET(self) -> None:  # noqa: N802 - http.server's naming
                path = self.path.split("?", 1)[0]
                try:
                    status = site._serve(self, path)
                except (BrokenPipeError, ConnectionResetError):
                    status = 0
                with site.lock:
                    site.requests.append((self.path, self.headers.get("User-Agent", ""), status))

        return Handler

    def _send(
        self, handler: BaseHTTPRequestHandler, status: int, body: bytes, ctype: str,
        headers: dict[str, str] | None = None, brotli_first: bool = False,
    ) -> int:  # fmt: skip
        accept = handler.headers.get("Accept-Encoding", "")
        extra = dict(headers or {})
        if len(body) > 512 and "br" in accept and brotli_first:
            body, extra["Content-Encoding"] = brotli.compress(body), "br"
        elif len(body) > 512 and "gzip" in accept:
            body, extra["Content-Encoding"] = gzip.compress(body), "gzip"
        if "Content-Encoding" in extra:
            with self.lock:
                self.encodings.add(extra["Content-Encoding"])
        handler.send_response(status)
        handler.send_header("Content-Type", ctype)
        handler.send_header("Content-Length", str(len(body)))
        for name, value in extra.items():
            handler.send_header(name, value)
        handler.end_headers()
        handler.wfile.write(body)
        return status

    def _conditional(
        self, handler: BaseHTTPRequestHandler, body: str, ctype: str
    ) -> int:  # a feed with validators
        etag = f'"v{self.feed_version}-{len(body)}"'
        modified = format_datetime(self._last_modified(), usegmt=True)
        if handler.headers.get("If-None-Match") == etag or (
            handler.headers.get("If-None-Match") is None
            and handler.headers.get("If-Modified-Since") == modified
        ):
            handler.send_response(304)
            handler.send_header("ETag", etag)
            handler.send_header("Content-Length", "0")
            handler.end_headers()
            return 304
        return self._send(
            handler, 200, body.encode("utf-8"), ctype, {"ETag": etag, "Last-Modified": modified}
        )

    def _serve(self, handler: BaseHTTPRequestHandler, path: str) -> int:
        html = "text/html; charset=utf-8"
        if path == "/robots.txt" and self.robots_broken:
            return self._send(handler, 503, b"down for maintenance", "text/plain")
        if path == "/robots.txt":
            rules = "User-agent: *\nDisallow: /private/\n\nUser-agent: BadBot\nDisallow: /\n"
            return self._send(handler, 200, rules.encode(), "text/plain")
        if path == "/":
            return self._send(handler, 200, self.home().encode(), html)
        if path == "/rss.xml":
            if self.broken_feed:
                return self._send(handler, 500, b"<h1>Internal Server Error</h1>", html)
            return self._conditional(handler, self.rss(), "application/rss+xml; charset=utf-8")
        if path == "/atom.xml":
            return self._conditional(handler, self.atom(), "application/atom+xml")
        if path == "/news-sitemap.xml":
            return self._conditional(handler, self.news_sitemap(self.visible()), "application/xml")
        if path == "/sitemap-index.xml":
            return self._conditional(handler, self.sitemap_index(), "application/xml")
        if path.startswith("/sitemaps/news-"):
            half = 0 if path.endswith("-1.xml") else 1
            stories = self.visible()[half::2]
            return self._send(handler, 200, self.news_sitemap(stories).encode(), "application/xml")
        if path.startswith("/old/"):
            target = f"{self.base}/news/{path[len('/old/') :]}.html"
            handler.send_response(301)
            handler.send_header("Location", target)
            handler.send_header("Content-Length", "0")
            handler.end_headers()
            return 301
        if path.startswith("/news/") or path.startswith("/amp/"):
            slug = path.split("/", 2)[2].removesuffix(".html")
            story = next((s for s in self.stories if s.slug == slug), None)
            if story is None:
                return self._send(handler, 404, b"<h1>Not found</h1>", html)
            markup = article_html(story, self.host).encode()
            return self._send(handler, 200, markup, html, brotli_first=story.number % 2 == 1)
        if path == "/slow.html":
            deadline = time.monotonic() + self.slow_seconds
            while time.monotonic() < deadline and not self._stopping.is_set():
                time.sleep(0.05)
            return self._send(
                handler, 200, _ODD_PAGE.format(title="Late", day="Monday", cost=1).encode(), html
            )
        if path == "/broken.html":
            return self._send(handler, 500, b"<h1>Internal Server Error</h1>", html)
        if path == "/flaky.html":
            with self.lock:
                failing = self.flaky_left > 0
                self.flaky_left -= 1
            if failing:
                return self._send(handler, 503, b"busy", "text/plain", {"Retry-After": "0"})
            page = _ODD_PAGE.format(title="Riverfront café reopens", day="Tuesday", cost=2)
            return self._send(handler, 200, page.encode(), html)
        if path == "/huge.html":
            filler = b"<p>" + b"Harbour dues were discussed at length. " * 200 + b"</p>\n"
            body = (
                b"<html><body>" + filler * (self.huge_bytes // len(filler) + 1) + b"</body></html>"
            )
            return self._send(handler, 200, body, html)
        if path == "/latin1.html":
            page = _ODD_PAGE.format(
                title="Riverfront café in Porto Alegre", day="Wednesday", cost=3
            )
            return self._send(
                handler, 200, page.encode("cp1252"), "text/html; charset=windows-1252"
            )
        if path == "/mislabelled.html":
            page = _ODD_PAGE.format(title="Council approves façade works", day="Thursday", cost=4)
            return self._send(handler, 200, page.encode("cp1252"), html)
        if path.startswith("/private/"):
            return self._send(
                handler, 200, _ODD_PAGE.format(title="Private", day="Friday", cost=5).encode(), html
            )
        return self._send(handler, 404, b"<h1>Not found</h1>", html)


def main() -> None:
    """``python -m dateline.fetch.fakesite ARTICLES``: serve the site until stdin closes.

    Prints the base URL on the first line of stdout. Used by ``dateline bench watch`` to serve
    the site from its own process, so serving does not compete with fetching for the GIL.
    """
    import sys

    articles = int(sys.argv[1]) if len(sys.argv) > 1 else 500
    with FakeNewsSite(articles=articles) as site:
        print(site.base, flush=True)
        sys.stdin.read()


if __name__ == "__main__":
    main()
