"""HTML pages: trafilatura for body and metadata, plus captions and standfirst from markup.

trafilatura finds the main text; on top of it this module
- keeps image captions (``<figcaption>``, ``.caption``) and the standfirst (a paragraph marked
  standfirst/summary/dek/subtitle, else ``og:description``) out of the body, as fields;
- drops the boilerplate lines trafilatura leaves in (newsletter, share, "read more" prompts),
  judged by the same lexicon as plain text, byline/timestamp lines at the top of the body and a
  closing list of links to other stories;
- takes the headline from ``<h1>`` or the title without its " | Site" part, and authors from
  JSON-LD, cleaned ("By", initials, URL slugs, company names);
- takes the full publication time with its zone from JSON-LD or meta tags when the page has it
  (trafilatura's own date is a day);
- falls back to plain-text structuring of the page's visible text when trafilatura finds
  nothing (broken markup), and refuses pages without running prose.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any
from urllib.parse import urlparse

from dateline.article.plaintext import (
    is_boilerplate,
    is_prose,
    parse_meta,
    structure_text,
    words,
)
from dateline.article.timestamps import parse_timestamp
from dateline.errors import InputError
from dateline.textsafety import remove_control_references

_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)
# Class names publishers give the standfirst paragraph.
_STANDFIRST_CLASSES = (
    "standfirst",
    "summary",
    "dek",
    "subtitle",
    "sub-headline",
    "subheadline",
    "intro",
)
_CAPTION_XPATH = (
    ".//figcaption | .//*[@class][contains(concat(' ', normalize-space(@class), ' '), ' caption ')]"
)
_DATE_META_XPATH = (
    "//meta[@property='article:published_time' or @name='pubdate' or @name='publishdate' or "
    "@itemprop='datePublished' or @name='date' or @property='og:published_time' or "
    "@name='dc.date' or @name='DC.date.issued' or @name='sailthru.date' or "
    "@name='parsely-pub-date']/@content | //time[@datetime]/@datetime"
)


def _clean(text: str | None) -> str:
    return " ".join((text or "").split())


def _class_xpath(name: str) -> str:
    return f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')"


def _scope(tree: Any) -> Any:
    """The page's <article> (or <main>) when it has exactly one: captions and standfirsts of
    teasers for other stories sit outside it. Found once per page (``_Page``)."""
    for tag in ("article", "main"):
        found = tree.xpath(f"//{tag}")
        if len(found) == 1:
            return found[0]
    return tree


# Only elements with a class attribute can match: testing that first spares the seven string
# tests on every other paragraph and div of the page.
_STANDFIRST_CONDITION = (
    "@class and (" + " or ".join(_class_xpath(name) for name in _STANDFIRST_CLASSES) + ")"
)
_STANDFIRST_XPATH = (
    f".//p[{_STANDFIRST_CONDITION}] | .//div[{_STANDFIRST_CONDITION}] "
    f"| .//h2[{_STANDFIRST_CONDITION}]"
)


def _standfirst(scope: Any) -> str | None:
    for node in scope.xpath(_STANDFIRST_XPATH):
        text = _clean(node.text_content())
        if 3 <= len(text.split()) <= 80:
            return text
    return None


def _captions(scope: Any) -> list[str]:
    captions = []
    for node in scope.xpath(_CAPTION_XPATH):
        if _not_an_image_caption(node):
            continue
        text = _clean(node.text_content())
        if text and len(text.split()) <= 80:
            captions.append(text)
    return list(dict.fromkeys(captions))


def _not_an_image_caption(node: Any) -> bool:
    """A caption inside a link is another story's teaser title (a carousel of related videos
    under the article); one inside a blockquote names who a pull quote is by."""
    return any(ancestor.tag in ("a", "blockquote") for ancestor in node.iterancestors())


# A caption that is only a photo credit: "(Image: Getty)", "(Photo: AP)", "Image credit:
# Reuters (Image credit: Google)".
_CREDIT = (
    r"\(\s*(?:(?:image|photo|picture|pic)s?(?:\s+credits?)?|credits?|source)\s*:[^()]*\)"
    r"|(?:(?:image|photo|picture)\s+)?credits?\s*:[^()]*"
)
_CREDIT_ONLY = re.compile(rf"(?:\s*(?:{_CREDIT}))+\s*", re.I)


def distinct_captions(captions: list[str]) -> list[str]:
    """The captions once each: a bare credit is no caption, and of a caption printed twice,
    with and without its credit ("Smoke over the port." and "Smoke over the port. Photo by
    X /AFP"), the longer one stays."""
    unique = [c for c in dict.fromkeys(captions) if not _CREDIT_ONLY.fullmatch(c)]
    return [
        caption
        for caption in unique
        if not any(len(other) > len(caption) and other.startswith(caption) for other in unique)
    ]


def _json_ld(tree: Any) -> list[dict[str, Any]]:
    """Every JSON-LD object of the page, flattened out of lists and @graph."""
    found: list[dict[str, Any]] = []

    def walk(value: Any) -> None:
        if isinstance(value, list):
            for item in value:
                walk(item)
        elif isinstance(value, dict):
            found.append(value)
            walk(value.get("@graph"))
            # A WebPage whose main entity is the article (schema.org ``mainEntity``).
            walk(value.get("mainEntity"))

    for script in tree.xpath("//script[@type='application/ld+json']/text()"):
        try:
            walk(json.loads(script))
        except (ValueError, RecursionError):
            continue  # broken JSON-LD is common; the page's other metadata still counts
    return found


def _published(markup: _Markup, day: str | None) -> str | None:
    """The full publication time with zone, preferring JSON-LD, then meta tags, then the day."""
    candidates = [str(obj["datePublished"]) for obj in markup.json_ld if obj.get("datePublished")]
    candidates += markup.date_values
    for value in candidates:
        iso = parse_timestamp(value)
        # The zone can move the day: accept a time within a day of trafilatura's date.
        if iso and (day is None or _days_apart(iso, day) <= 1):
            return iso
    return day


def _days_apart(iso: str, day: str) -> int:
    try:
        return abs((date.fromisoformat(iso[:10]) - date.fromisoformat(day[:10])).days)
    except ValueError:
        return 99


# "X and Y" in the languages of the news pages Dateline meets.
_AND = re.compile(r";|,|&|\s+(?:and|und|et|og|och|en|y|e|i|ja|és|và|и)\s+")


# "By", "Von", "Par", "Autor:" ... before a name, in the languages of the news pages.
_BY_PREFIX = re.compile(
    r"^(?:by|von|autor(?:in)?|par|por|door|af|av|texto|text|written by|words by)\b[:\s]+",
    re.I,
)
_COMPANY = re.compile(r"\b(?:GmbH|Ltd|Inc|LLC|S\.?A\.?|AG|KG|plc|Co\.)(?:\W|$)")


def _clean_author(name: str) -> str | None:
    """A name as a byline shows it: no "By", no "(abc)" initials; URL slugs made readable;
    companies (the publisher's legal name) are not authors."""
    if _COMPANY.search(name):
        return None
    name = _BY_PREFIX.sub("", re.sub(r"\s*\([^)]*\)", "", name)).strip(" ,;:")
    if re.fullmatch(r"[a-z]+(?:-[a-z]+)+", name):  # "chuck-ross", from a profile URL
        name = " ".join(part.capitalize() for part in name.split("-"))
    return name or None


# "Surname, Given": one name in catalogue order (Dublin Core creators, library-style bylines).
_INVERTED_NAME = re.compile(r"([^\W\d][\w'’.-]*(?: [^\W\d][\w'’.-]*)?), ([^\W\d][\w'’. -]*)")


def _split_authors(text: str | None) -> list[str]:
    if not text or _COMPANY.search(text):
        return []
    parts = [part.strip() for part in text.split(";")]
    if len(parts) > 1 and all(_INVERTED_NAME.fullmatch(part) for part in parts):
        # "You, Xiaoying; Lenharo, Mariana": semicolons part the names, a comma turns each.
        text = ";".join(_INVERTED_NAME.sub(r"\2 \1", part) for part in parts)
    names = (_clean_author(a.strip()) for a in _AND.split(text) if a.strip())
    return _unique_names([n for n in names if n])


def _unique_names(names: list[str]) -> list[str]:
    """Drop repeats written differently ("Sophie Foster", "Sophie-Foster")."""
    seen: dict[str, str] = {}
    for name in names:
        key = re.sub(r"\W+", "", name).casefold()
        # Of two spellings keep the one with spaces ("Sophie Foster" over "Sophie-Foster").
        if key not in seen or (" " in name and " " not in seen[key]):
            seen[key] = name
    return list(seen.values())


def _jsonld_authors(json_ld: list[dict[str, Any]]) -> list[str]:
    """Authors the page's JSON-LD declares (people, or the newsroom when it signs)."""
    names: list[str] = []
    for obj in json_ld:
        authors = obj.get("author")
        for author in authors if isinstance(authors, list) else [authors]:
            name = author.get("name") if isinstance(author, dict) else author
            if isinstance(name, str) and name.strip():
                names += _split_authors(_clean(name))
    return _unique_names(names)


def _headline(
    h1s: list[str], title: str | None, sitename: str | None, url: str | None = None
) -> str | None:
    """The headline: one of the page's first <h1>s when the title is the h1 plus the site's
    name, else the title without a trailing " | Site" part."""
    if not title:
        return None
    for h1 in h1s:
        if h1 and len(h1) < len(title) and h1 in title and len(h1.split()) >= 3:
            return h1
    return _strip_site(title, sitename, url)


def _strip_site(title: str, sitename: str | None, url: str | None = None) -> str:
    """Drop a trailing " | Site" from a title when that part names the site: its name, its
    domain, or a domain-like word ("MDR.DE")."""
    parts = re.split(r"\s[|–—-]\s|[：｜]", title)
    if len(parts) < 2:
        return title
    last = parts[-1].strip()
    if len(parts) > 2 and _BY_PREFIX.match(last) and len(last.split()) <= 5:
        # "Headline | Site | by Jane Doe": the byline after the site's name goes first.
        return _strip_site(
            _clean(title[: title.rfind(parts[-1])].rstrip(" |–—-：｜")), sitename, url
        )
    key = re.sub(r"\W+", "", last).casefold()
    host = re.sub(r"\W+", "", urlparse(url).netloc).casefold() if url else ""
    names_site = bool(key) and (
        (sitename is not None and key in re.sub(r"\W+", "", sitename).casefold())
        or (bool(host) and key in host)
        or bool(re.search(r"\.[a-z]{2,3}$", last, re.I))
    )
    if names_site and len(last.split()) <= 5:
        return _clean(title[: title.rfind(parts[-1])].rstrip(" |–—-：｜").strip())
    return title


def _squash(text: str) -> str:
    return re.sub(r"\W+", "", text).casefold()


def _publisher(sitename: str | None, title: str | None, url: str | None) -> str | None:
    """The outlet's name as it writes it. The metadata's site name can be a slug
    ("nationalpost"), a tagline ("Where Hope Finally Made a Comeback") or a tagline with the
    name ("Breaking News Headlines - 9News"); the page title's " | Site" part and the
    domain tell which words name the site."""
    host = _squash(urlparse(url).netloc) if url else ""
    if not host:
        return sitename
    parts = re.split(r"\s[|–—-]\s|[：｜]", title or "")[1:]
    named = [p.strip() for p in parts if not _BY_PREFIX.match(p.strip()) and p.strip()]
    in_title = [p for p in named if len(p.split()) <= 5 and len(_squash(p)) >= 3]
    in_title = [p for p in in_title if _squash(p) in host]
    key = _squash(sitename or "")
    if in_title and (not key or key not in host or key in _squash(in_title[-1])):
        # The title's spelling of a name the domain shows: "National Post", not "Nationalpost".
        return in_title[-1]
    if sitename and key not in host:
        pieces = [p.strip() for p in re.split(r"\s[|–—-]\s", sitename)]
        for piece in pieces:
            if len(pieces) > 1 and len(_squash(piece)) >= 3 and _squash(piece) in host:
                return piece
    return sitename


def _visible_text(tree: Any) -> str:
    """The page's visible text with one line per block element (fallback for broken markup)."""
    for bad in tree.xpath("//script | //style | //noscript | //nav | //footer"):
        bad.drop_tree()
    for block in tree.xpath("//p | //div | //h1 | //h2 | //h3 | //li | //br | //figcaption"):
        block.tail = "\n" + (block.tail or "")
        if block.text is not None or len(block):
            block.text = "\n" + (block.text or "")
    return str(tree.text_content())


def _is_lede(description: str, lines: list[str]) -> bool:
    """True when the page description repeats (the start of) one of the first paragraphs."""
    head = description.rstrip(".… ")[:120]
    return any(line.startswith(head) or description.startswith(line) for line in lines[:3])


def _trim_edges(paragraphs: list[str]) -> tuple[list[str], list[str]]:
    """Drop what generic extraction leaves at the edges of a body: byline and timestamp lines
    at the top, and a closing list of links to other stories ("- Title Teaser") at the bottom.
    """
    dropped: list[str] = []
    lead = 0
    while lead < min(3, len(paragraphs)) and parse_meta(paragraphs[lead].lstrip("-• "), False):
        lead += 1
    dropped += paragraphs[:lead]
    body = paragraphs[lead:]
    end = len(body)
    while end > 0 and re.match(r"^[-•]\s", body[end - 1]):
        end -= 1
    # Two or more closing list items after a last paragraph of prose are a related-links block.
    if len(body) - end >= 2 and end > 0 and re.search(r"[.!?]['\"”’)]*$", body[end - 1]):
        dropped += body[end:]
        body = body[:end]
    return body, dropped


def _has_prose(paragraphs: list[str]) -> bool:
    """Running text: one prose paragraph, or enough words with some sentence ending."""
    if any(is_prose(p) for p in paragraphs):
        return True
    total = sum(words(p) for p in paragraphs)
    return total >= 40 and any(re.search(r"[.!?。！？]", p) for p in paragraphs)


@dataclass(frozen=True)
class _Markup:
    """What this module reads from the page's markup beside trafilatura, read once per page."""

    h1s: list[str]  # the text of the first three <h1>
    standfirst: str | None  # a paragraph marked as the standfirst
    captions: list[str]
    json_ld: list[dict[str, Any]]
    date_values: list[str]  # publication times of meta tags and <time datetime>
    title: str | None  # the <title> of the page's head, with its " | Site" part

    @classmethod
    def read(cls, tree: Any) -> _Markup:
        scope = _scope(tree)
        return cls(
            h1s=[_clean(node.text_content()) for node in tree.xpath("//h1")[:3]],
            standfirst=_standfirst(scope),
            captions=_captions(scope),
            json_ld=_json_ld(tree),
            date_values=[str(value) for value in tree.xpath(_DATE_META_XPATH)],
            title=next((_clean(str(t)) for t in tree.xpath("//head/title/text()")), None),
        )


@cache
def _deep_parser() -> Any:
    """lxml's HTML parser as trafilatura configures it, with ``huge_tree``: libxml2 otherwise
    stops building the tree 256 elements deep and drops the rest of the page without an error,
    and pages with unclosed inline tags (``<font><p>...`` per paragraph, as some old and
    generated pages have) nest one level per paragraph: such an article lost every paragraph
    after the 252nd. With it the limit is 2048 levels."""
    from lxml.html import HTMLParser

    return HTMLParser(
        collect_ids=False, default_doctype=False, encoding="utf-8", remove_comments=True,
        remove_pis=True, huge_tree=True,
    )  # fmt: skip


@cache
def _allow_deep_markup() -> None:
    """Make trafilatura's ``load_html`` parse with :func:`_deep_parser` (it reads its module's
    parser at each call; its own settings are kept, ``huge_tree`` added)."""
    from trafilatura import utils

    utils.HTML_PARSER = _deep_parser()


def _parse(source: str, html: str) -> tuple[Any, Any]:
    """(the page's tree, what to give trafilatura): one parse of the page serves both.

    The tree is trafilatura's own parse (``load_html``: its parser settings and repairs), the
    one ``bare_extraction`` would make of the string, so it extracts the same from it; parsing
    the page a second time for this module's own reading cost about as much again (~2 ms a
    page). When trafilatura cannot parse the page, lxml's default parser reads the markup and
    trafilatura gets the string, as before.
    """
    from lxml import html as lxml_html
    from trafilatura.utils import load_html

    _allow_deep_markup()
    tree = load_html(html)
    if tree is not None:
        return tree, tree
    try:
        return lxml_html.fromstring(html, parser=_deep_parser()), html
    except Exception as exc:  # lxml raises several parser errors for broken markup
        raise InputError(source, f"malformed HTML ({exc.__class__.__name__})") from None


def structure_html(source: str, html: str, meta: dict[str, str] | None = None) -> dict[str, Any]:
    import trafilatura
    from lxml import html as lxml_html

    # lxml refuses str input that declares its encoding (XHTML's <?xml ... encoding=...?>);
    # the text is already decoded, so the declaration says nothing any more.
    html = _XML_DECLARATION.sub("", html, count=1)
    # &#27; or &#1; would come back as control characters, which lxml refuses outright.
    html = remove_control_references(html)
    tree, page = _parse(source, html)
    # Read before trafilatura runs: it works on a copy of a tree it is given, but nothing here
    # depends on that.
    markup = _Markup.read(tree)
    doc = trafilatura.bare_extraction(
        page,
        url=(meta or {}).get("url"),
        include_comments=False,
        with_metadata=True,
    )
    body = getattr(doc, "text", None) if doc is not None else None
    if body:
        lines = [_clean(p) for p in body.split("\n") if p.strip()]
        fields: dict[str, Any] = {"captions": [], "boilerplate": [], "paragraphs": []}
    else:
        # trafilatura gave up (broken markup): structure the visible text as plain text.
        fields = structure_text(_visible_text(lxml_html.fromstring(html, parser=_deep_parser())))
        lines = list(fields["paragraphs"])
        fields["paragraphs"] = []
    headline = _headline(
        markup.h1s,
        _clean(getattr(doc, "title", None)),
        getattr(doc, "sitename", None),
        getattr(doc, "url", None) or (meta or {}).get("url"),
    ) or fields.get("headline")
    marked_standfirst = markup.standfirst
    standfirst = marked_standfirst or _clean(getattr(doc, "description", None)) or None
    if not marked_standfirst and standfirst and lines and _is_lede(standfirst, lines):
        # Sites often copy the first paragraph into og:description: it is the lede, not a
        # standfirst, and stays in the body.
        standfirst = None
    captions = [*fields.get("captions", []), *markup.captions]
    not_body = {headline, marked_standfirst, *captions}
    boilerplate = list(fields.get("boilerplate", []))
    paragraphs = []
    for line in lines:
        if line in not_body:
            continue
        if is_boilerplate(line):
            boilerplate.append(line)
        else:
            paragraphs.append(line)
    paragraphs, dropped = _trim_edges(paragraphs)
    order = {line: n for n, line in reversed(list(enumerate(lines)))}
    boilerplate = sorted([*boilerplate, *dropped], key=lambda line: order.get(line, -1))
    if not _has_prose(paragraphs):
        raise InputError(source, "HTML page holds no article text")
    authors = _jsonld_authors(markup.json_ld) or _split_authors(getattr(doc, "author", None))
    day = getattr(doc, "date", None) or None
    return {
        "headline": headline,
        "standfirst": standfirst,
        "authors": authors or fields.get("authors", []),
        "published": _published(markup, day) or fields.get("published"),
        "url": getattr(doc, "url", None),
        "publisher": _publisher(
            getattr(doc, "sitename", None),
            markup.title or _clean(getattr(doc, "title", None)),
            getattr(doc, "url", None) or (meta or {}).get("url"),
        )
        or fields.get("publisher"),
        "captions": distinct_captions(captions),
        "boilerplate": boilerplate,
        "paragraphs": paragraphs,
    }
