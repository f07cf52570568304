"""URL canonicalisation, so one article reached through several links is fetched once."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from dateline.errors import InputError

# Query parameters that track a click and never change what a page says: analytics campaign
# tags and the click ids of ad and social platforms.
_TRACKING_PREFIXES = ("utm_", "mtm_", "pk_", "hsa_", "_hs", "mc_", "oly_", "vero_")
_TRACKING_NAMES = frozenset(
    {
        "fbclid", "gclid", "gclsrc", "dclid", "msclkid", "yclid", "twclid", "ttclid", "igshid",
        "mkt_tok", "_ga", "_gl", "ref_src", "ref_url", "cmpid", "ncid", "ocid", "smid",
        "sr_share", "s_cid", "at_medium", "at_campaign", "at_custom1", "wt_mc", "guccounter",
        "taid", "xtor",
    }
)  # fmt: skip
_DEFAULT_PORTS = {"http": "80", "https": "443"}


def is_tracking_parameter(name: str) -> bool:
    lowered = name.lower()
    return lowered in _TRACKING_NAMES or lowered.startswith(_TRACKING_PREFIXES)


def canonical_url(url: str, base: str | None = None) -> str:
    """The one spelling of ``url`` that Dateline fetches and remembers.

    Lower-cased scheme and host, default port and fragment dropped, an empty path made ``/``,
    tracking parameters removed (the others keep their order: some sites route by it).
    Raises InputError when ``url`` is not an absolute http(s) URL.
    """
    raw = url.strip()
    if base is not None:
        raw = urljoin(base, raw)
    parts = urlsplit(raw)
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https") or not parts.hostname:
        raise InputError(url, "not an http(s) URL")
    host = parts.hostname.lower().rstrip(".")
    try:
        port = parts.port
    except ValueError:
        raise InputError(url, "invalid port in URL") from None
    netloc = host if ":" not in host else f"[{host}]"
    if port is not None and str(port) != _DEFAULT_PORTS[scheme]:
        netloc += f":{port}"
    path = re.sub(r"/{2,}", "/", parts.path) or "/"
    query = urlencode(
        [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
         if not is_tracking_parameter(k)],
        doseq=True,
    )  # fmt: skip
    return urlunsplit((scheme, netloc, path, query, ""))


def host_of(url: str) -> str:
    """``host[:port]`` of a URL: the unit of politeness (rate limit, concurrency, robots.txt)."""
    return urlsplit(url).netloc.lower()


_CANONICAL_LINK = re.compile(rb"<link\b[^>]*>", re.I)
_ATTR = re.compile(rb"""([a-zA-Z-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""")


def link_tags(html: bytes, limit: int = 200_000) -> list[dict[str, str]]:
    """The attributes of every ``<link>`` tag in the first ``limit`` bytes of a page.

    A regular expression, not an HTML parser: only the head matters, it must be cheap on any
    page, and malformed markup elsewhere must not hide it.
    """
    tags = []
    for match in _CANONICAL_LINK.finditer(html[:limit]):
        attrs: dict[str, str] = {}
        for attr in _ATTR.finditer(match.group(0)):
            value = attr.group(2) or attr.group(3) or attr.group(4) or b""
            attrs[attr.group(1).decode("ascii", "replace").lower()] = value.decode(
                "utf-8", "replace"
            ).strip()
        tags.append(attrs)
    return tags


def declared_canonical(html: bytes, page_url: str) -> str | None:
    """The page's ``<link rel="canonical">``, canonicalised, when it names an http(s) URL."""
    for attrs in link_tags(html):
        if "canonical" in attrs.get("rel", "").lower().split() and attrs.get("href"):
            try:
                return canonical_url(_unescape(attrs["href"]), base=page_url)
            except InputError:
                return None
    return None


def _unescape(value: str) -> str:
    return value.replace("&amp;", "&").replace("&#38;", "&")
