"""HTML pages: trafilatura for body and metadata, plus captions and standfirst from markup."""

from __future__ import annotations

import re
from typing import Any

from dateline.article.timestamps import parse_timestamp
from dateline.errors import InputError


def structure_html(source: str, html: str, meta: dict[str, str] | None = None) -> dict[str, Any]:
    import trafilatura
    from lxml import html as lxml_html

    try:
        tree = lxml_html.fromstring(html)
    except Exception as exc:  # lxml raises several parser errors for broken markup
        raise InputError(source, f"malformed HTML ({exc.__class__.__name__})") from None
    doc = trafilatura.bare_extraction(
        tree,
        url=(meta or {}).get("url"),
        include_comments=False,
        include_tables=False,
        favor_precision=False,
        with_metadata=True,
    )
    if doc is None or not getattr(doc, "text", None):
        raise InputError(source, "HTML page holds no article text")
    body = doc.text or ""
    paragraphs = [p.strip() for p in re.split(r"\n+", body) if p.strip()]
    authors = [a.strip() for a in re.split(r";|\band\b|,", doc.author or "") if a.strip()]
    captions = [
        " ".join(c.split())
        for c in tree.xpath("//figcaption//text()[normalize-space()]/ancestor::figcaption[1]")
        for c in [c.text_content()]
    ]
    captions = list(dict.fromkeys(c for c in captions if c))
    paragraphs = [p for p in paragraphs if " ".join(p.split()) not in captions]
    published = None
    if doc.date:
        published = _best_date(tree, doc.date)
    return {
        "headline": doc.title,
        "standfirst": doc.description,
        "authors": authors,
        "published": published,
        "url": doc.url,
        "publisher": doc.sitename,
        "captions": captions,
        "boilerplate": [],
        "paragraphs": paragraphs,
    }


def _best_date(tree: Any, day: str) -> str:
    """trafilatura gives a day; keep the full time and zone when the page's metadata has it."""
    for value in tree.xpath(
        "//meta[@property='article:published_time' or @name='pubdate' or "
        "@itemprop='datePublished' or @name='date' or @property='og:published_time']/@content"
        " | //time[@datetime]/@datetime"
    ):
        iso = parse_timestamp(str(value))
        if iso and iso.startswith(day):
            return iso
    return day
