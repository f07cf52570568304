"""Feeds files, and reading what a feed URL returns: RSS, Atom, news sitemaps, sitemap indexes.

A feeds file lists one feed or sitemap URL per line, optionally followed by whitespace and a
name; ``#`` starts a comment. A URL that returns an HTML page instead of a feed is a site's
home page: its ``<link rel="alternate">`` feeds are followed (feed discovery).
"""

from __future__ import annotations

import calendar
import re
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from lxml import etree

from dateline.article.timestamps import parse_timestamp
from dateline.errors import InputError
from dateline.fetch.urls import canonical_url, link_tags

_FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/feed+json",
               "application/rdf+xml", "application/xml", "text/xml")  # fmt: skip
_HTML_START = re.compile(rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)\b", re.I | re.S)  # fmt: skip


@dataclass(frozen=True)
class FeedSpec:
    url: str
    name: str | None = None
    line: int = 0


def read_feeds_file(path: str, what: str = "feed URLs") -> list[FeedSpec]:
    """Parse a feeds file; raises InputError naming the file and line of a bad entry."""
    p = Path(path)
    if not p.is_file():
        raise InputError(path, "no such file")
    try:
        text = p.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(path, f"cannot read the feeds file ({exc})") from None
    specs: list[FeedSpec] = []
    seen: set[str] = set()
    for number, line in enumerate(text.splitlines(), start=1):
        # "#" starts a comment at the start of a line or after whitespace; inside a URL it is
        # a fragment.
        content = re.split(r"(?:^|\s)#", line, maxsplit=1)[0].strip()
        if not content:
            continue
        url, *rest = content.split(None, 1)
        name = rest[0].strip() if rest else ""
        try:
            canonical = canonical_url(url.strip())
        except InputError:
            raise InputError(f"{path}:{number}", f"not an http(s) URL: {url.strip()!r}") from None
        if canonical in seen:
            continue
        seen.add(canonical)
        specs.append(FeedSpec(canonical, name.strip() or None, number))
    if not specs:
        raise InputError(path, f"lists no {what} (one URL per line; # starts a comment)")
    return specs


def read_urls_file(path: str) -> list[str]:
    """A list of article URLs, one per line (``#`` comments, blank lines ignored)."""
    return [spec.url for spec in read_feeds_file(path, "URLs")]


@dataclass(frozen=True)
class Entry:
    """One article a feed or sitemap lists."""

    url: str
    published: str | None = None  # ISO 8601
    title: str | None = None


@dataclass
class FeedDocument:
    """What a feed URL returned, read: its kind and the articles or further feeds it names."""

    kind: str  # rss, atom, feed (another feedparser format), sitemap, sitemap_index, html
    entries: list[Entry] = field(default_factory=list)
    sitemaps: list[str] = field(default_factory=list)  # children of a sitemap index
    alternates: list[str] = field(default_factory=list)  # feeds a home page links to
    title: str | None = None


def parse_feed(body: bytes, url: str, content_type: str = "") -> FeedDocument:
    """Read a feed response; raises InputError when it is neither a feed, a sitemap nor HTML."""
    head = body[:2048].lstrip()
    if _HTML_START.match(body[:4096]) or (
        content_type in ("text/html", "application/xhtml+xml") and not head.startswith(b"<?xml")
    ):
        return FeedDocument("html", alternates=discover_feeds(body, url))
    root_name = _root_name(body)
    if root_name in ("urlset", "sitemapindex"):
        return _parse_sitemap(body, url, root_name)
    return _parse_syndication(body, url)


def discover_feeds(html: bytes, page_url: str) -> list[str]:
    """Feeds a page advertises with ``<link rel="alternate" type="application/rss+xml" ...>``."""
    found: list[str] = []
    for attrs in link_tags(html):
        rel = attrs.get("rel", "").lower().split()
        kind = attrs.get("type", "").lower()
        if "alternate" in rel and kind in _FEED_TYPES and attrs.get("href"):
            try:
                feed = canonical_url(attrs["href"].replace("&amp;", "&"), base=page_url)
            except InputError:
                continue
            if feed not in found:
                found.append(feed)
    return found


def _root_name(body: bytes) -> str | None:
    match = re.search(rb"<(?![?!])(?:[\w.-]+:)?([\w.-]+)", body[:4096])
    return match.group(1).decode("ascii", "replace").lower() if match else None


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1].lower() if isinstance(tag, str) else ""


def _parse_sitemap(body: bytes, url: str, root_name: str) -> FeedDocument:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, recover=True, huge_tree=False)
    try:
        root = etree.fromstring(body, parser=parser)
    except etree.XMLSyntaxError as exc:
        raise InputError(url, f"unreadable sitemap ({exc})") from None
    if root is None:
        raise InputError(url, "unreadable sitemap (no XML root element)")
    if root_name == "sitemapindex":
        children = []
        for element in root:
            loc = _child_text(element, "loc")
            if _local(element.tag) == "sitemap" and loc:
                try:
                    children.append(canonical_url(loc, base=url))
                except InputError:
                    continue
        return FeedDocument("sitemap_index", sitemaps=children)
    entries = []
    for element in root:
        if _local(element.tag) != "url":
            continue
        loc = _child_text(element, "loc")
        if not loc:
            continue
        try:
            article = canonical_url(loc, base=url)
        except InputError:
            continue
        news = next((c for c in element if _local(c.tag) == "news"), None)
        published = _child_text(news, "publication_date") if news is not None else None
        title = _child_text(news, "title") if news is not None else None
        published = published or _child_text(element, "lastmod")
        entries.append(Entry(article, _iso(published), title))
    return FeedDocument("sitemap", entries=entries)


def _child_text(element: object, name: str) -> str | None:
    for child in element:  # type: ignore[attr-defined]
        if _local(child.tag) == name and child.text and child.text.strip():
            return str(child.text.strip())
    return None


def _iso(value: str | None) -> str | None:
    if not value:
        return None
    try:
        return parse_timestamp(value)
    except Exception:  # a malformed date in a feed is not worth failing the feed for
        return None


def _parse_syndication(body: bytes, url: str) -> FeedDocument:
    import feedparser

    parsed = feedparser.parse(body, response_headers={"content-location": url})
    version = str(parsed.get("version") or "")
    if not version and not parsed.entries:
        problem = parsed.get("bozo_exception")
        reason = f" ({str(problem)[:120]})" if problem else ""
        raise InputError(url, f"not an RSS or Atom feed, nor a sitemap{reason}")
    kind = "rss" if version.startswith("rss") else "atom" if version.startswith("atom") else "feed"
    entries = []
    for item in parsed.entries:
        link = item.get("link") or _first_href(item)
        if not link:
            continue
        try:
            article = canonical_url(link, base=url)
        except InputError:
            continue
        stamp = item.get("published_parsed") or item.get("updated_parsed")
        published = (
            datetime.fromtimestamp(calendar.timegm(stamp), UTC).isoformat()
            if isinstance(stamp, time.struct_time)
            else None
        )
        entries.append(Entry(article, published, item.get("title")))
    return FeedDocument(kind, entries=entries, title=parsed.feed.get("title"))


def _first_href(item: dict) -> str | None:
    for link in item.get("links", []) or []:
        if link.get("href") and link.get("rel", "alternate") == "alternate":
            return str(link["href"])
    return None
