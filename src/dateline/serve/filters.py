"""The explorer's list filters, parsed from query parameters with clear errors.

Every filter arrives as a string (an HTML form sends empty fields as ``name=``, which means "no
filter"); parsing here gives one error message per bad value, which the app turns into a 400.
"""

from __future__ import annotations

import math
import re
from dataclasses import asdict, dataclass, fields
from datetime import date
from typing import Any

from dateline.errors import DatelineError

ENTITY_ID = re.compile(r"^[0-9a-f]{16}$")
ARTICLE_ID = ENTITY_ID
EVENT_STATUSES = ("occurred", "ongoing", "future", "hypothetical", "negated")
QUOTE_KINDS = ("direct", "partial", "indirect")
ROLES = ("any", "actor", "recipient")
EVENT_SORTS = ("reports", "date", "oldest")
INTERVALS = ("auto", "day", "week", "month")
MAX_TEXT = 200


class BadParameterError(DatelineError):
    """A query parameter has a value the explorer cannot use (HTTP 400)."""


def text(name: str, value: str | None) -> str | None:
    """A free-text filter: stripped, empty means none; control characters are refused."""
    if value is None:
        return None
    value = value.strip()
    if not value:
        return None
    if len(value) > MAX_TEXT:
        raise BadParameterError(f"{name}: at most {MAX_TEXT} characters (got {len(value)})")
    if any(ord(c) < 32 or 0xD800 <= ord(c) <= 0xDFFF for c in value):
        raise BadParameterError(f"{name}: control characters are not allowed")
    return value


def choice(name: str, value: str | None, choices: tuple[str, ...]) -> str | None:
    value = text(name, value)
    if value is None:
        return None
    if value.lower() not in choices:
        raise BadParameterError(f"{name}: must be one of {', '.join(choices)} (got {value!r})")
    return value.lower()


def day(name: str, value: str | None) -> date | None:
    value = text(name, value)
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise BadParameterError(f"{name}: not a date, use YYYY-MM-DD (got {value!r})") from None


def number(name: str, value: str | None, low: float, high: float) -> float | None:
    value = text(name, value)
    if value is None:
        return None
    try:
        parsed = float(value)
    except ValueError:
        raise BadParameterError(f"{name}: not a number (got {value!r})") from None
    if math.isnan(parsed) or not low <= parsed <= high:
        raise BadParameterError(f"{name}: must be between {low:g} and {high:g} (got {value!r})")
    return parsed


def event_type(name: str, value: str | None) -> str | None:
    value = text(name, value)
    if value is None:
        return None
    if not re.fullmatch(r"[A-Za-z_]{2,30}", value):
        raise BadParameterError(f"{name}: not an event type such as CONSULT (got {value!r})")
    return value.upper()


def plover_type(name: str, value: str | None) -> str | None:
    """An event type filter: one of the PLOVER types (any case), as `dateline query events
    --type` takes it; a misspelt type is an error, not an empty list."""
    value = event_type(name, value)
    if value is None:
        return None
    from dateline.events.lexicon import plover_types

    known = plover_types()
    if value not in known:
        raise BadParameterError(f"{name}: must be one of {', '.join(known)} (got {value!r})")
    return value


def country(name: str, value: str | None) -> str | None:
    value = text(name, value)
    if value is None:
        return None
    if not re.fullmatch(r"[A-Za-z]{2,3}", value):
        raise BadParameterError(f"{name}: an ISO country code such as RU or RUS (got {value!r})")
    return value.upper()


def check_range(since: date | None, until: date | None) -> None:
    if since and until and since > until:
        raise BadParameterError(f"since ({since}) is after until ({until})")


@dataclass(frozen=True)
class Filter:
    """Common behaviour: the filter's non-empty values as query parameters, for links."""

    def params(self) -> dict[str, str]:
        out: dict[str, str] = {}
        for key, value in asdict(self).items():
            if value is None or value == "" or (key in _DEFAULTS and value == _DEFAULTS[key]):
                continue
            out[key] = f"{value:g}" if isinstance(value, float) else str(value)
        return out

    @classmethod
    def names(cls) -> list[str]:
        return [f.name for f in fields(cls)]


_DEFAULTS: dict[str, Any] = {"role": "any", "sort": "reports"}


@dataclass(frozen=True)
class EventFilter(Filter):
    q: str | None = None
    type: str | None = None
    actor: str | None = None
    role: str = "any"
    place: str | None = None
    country: str | None = None
    since: date | None = None
    until: date | None = None
    status: str | None = None
    min_confidence: float | None = None
    source: str | None = None
    article: str | None = None
    sort: str = "reports"


@dataclass(frozen=True)
class ArticleFilter(Filter):
    q: str | None = None
    source: str | None = None
    entity: str | None = None
    since: date | None = None
    until: date | None = None
    language: str | None = None
    story: str | None = None


@dataclass(frozen=True)
class QuoteFilter(Filter):
    q: str | None = None
    speaker: str | None = None
    kind: str | None = None
    source: str | None = None
    since: date | None = None
    until: date | None = None
    article: str | None = None


@dataclass(frozen=True)
class EntityFilter(Filter):
    q: str | None = None
    type: str | None = None
    country: str | None = None
    sector: str | None = None


def event_filter(
    q: str | None = None,
    type: str | None = None,
    actor: str | None = None,
    role: str | None = None,
    place: str | None = None,
    country_: str | None = None,
    since: str | None = None,
    until: str | None = None,
    status: str | None = None,
    min_confidence: str | None = None,
    source: str | None = None,
    article: str | None = None,
    sort: str | None = None,
) -> EventFilter:
    parsed = EventFilter(
        q=text("q", q),
        type=plover_type("type", type),
        actor=text("actor", actor),
        role=choice("role", role, ROLES) or "any",
        place=text("place", place),
        country=country("country", country_),
        since=day("since", since),
        until=day("until", until),
        status=choice("status", status, EVENT_STATUSES),
        min_confidence=number("min_confidence", min_confidence, 0.0, 1.0),
        source=text("source", source),
        article=text("article", article),
        sort=choice("sort", sort, EVENT_SORTS) or "reports",
    )
    check_range(parsed.since, parsed.until)
    return parsed


def article_filter(
    q: str | None = None,
    source: str | None = None,
    entity: str | None = None,
    since: str | None = None,
    until: str | None = None,
    language: str | None = None,
    story: str | None = None,
) -> ArticleFilter:
    parsed = ArticleFilter(
        q=text("q", q),
        source=text("source", source),
        entity=text("entity", entity),
        since=day("since", since),
        until=day("until", until),
        language=text("language", language),
        story=text("story", story),
    )
    check_range(parsed.since, parsed.until)
    return parsed


def quote_filter(
    q: str | None = None,
    speaker: str | None = None,
    kind: str | None = None,
    source: str | None = None,
    since: str | None = None,
    until: str | None = None,
    article: str | None = None,
) -> QuoteFilter:
    parsed = QuoteFilter(
        q=text("q", q),
        speaker=text("speaker", speaker),
        kind=choice("kind", kind, QUOTE_KINDS),
        source=text("source", source),
        since=day("since", since),
        until=day("until", until),
        article=text("article", article),
    )
    check_range(parsed.since, parsed.until)
    return parsed


def entity_filter(
    q: str | None = None,
    type: str | None = None,
    country_: str | None = None,
    sector: str | None = None,
) -> EntityFilter:
    return EntityFilter(
        q=text("q", q),
        type=event_type("type", type),
        country=country("country", country_),
        sector=text("sector", sector),
    )
