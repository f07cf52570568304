"""How records from different articles are recognised as the same entity or the same event.

Pure functions over the Analysis document, so the rules can be tested without a database.
"""

from __future__ import annotations

import hashlib
from collections.abc import Collection
from datetime import date
from urllib.parse import urlsplit

from dateline.model import Analysis, Entity, Event, Location, fallback_event_day

# Event mentions this many days apart (or fewer) with the same key are the same event.
EVENT_DATE_TOLERANCE_DAYS = 1


def _digest(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]


def normalise_name(name: str) -> str:
    return " ".join(name.casefold().replace("\u2019", "'").split())


def entity_key(entity: Entity) -> str:
    """Corpus entity id: the knowledge-base id when linked, else canonical name + type, and
    the country for anything but a person.

    A person's country is what one article says about them ("Democratic Sen. Elizabeth
    Warren" is coded American, "Warren" in the next article is not), not part of who they
    are: with it one senator would be two corpus entities. An organisation's country names
    which one it is ("the Foreign Ministry" of two countries)."""
    if entity.kb_id:
        return _digest("kb", entity.kb_id)
    country = "" if entity.type == "PERSON" else entity.country or ""
    return _digest("name", normalise_name(entity.name), entity.type, country)


def entity_ids(analysis: Analysis, only: Collection[str] | None = None) -> dict[str, str]:
    """Document-local entity id -> corpus entity id, of every entity or of those ``only``."""
    return {
        entity.id: entity_key(entity)
        for entity in analysis.entities
        if only is None or entity.id in only
    }


def place_key(location: Location | None) -> str:
    if location is None:
        return ""
    if location.geonameid is not None:
        return f"geonames:{location.geonameid}"
    return f"name:{normalise_name(location.name)}|{location.country or ''}"


def parse_date(value: str | None) -> date | None:
    """The day of a TIMEX3-style or ISO value ("2017-11-20", "2017-11-20T10:00+03:00"); else None."""
    if not value or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def published_date(analysis: Analysis) -> date | None:
    return analysis.article.published_date


def event_date(event: Event, analysis: Analysis) -> date | None:
    """The event's day; for an event that happened, the publication day when the stage gave
    none. What was only threatened, planned or denied has no day unless the text states one."""
    own = parse_date(event.date)
    return own if own is not None else fallback_event_day(analysis.article, event.status)


def event_match_key(event: Event, ids: dict[str, str], analysis: Analysis) -> str:
    """What must be equal for two mentions to be one event: type, actors, recipients, place."""
    actors = sorted(ids.get(a, a) for a in event.actor)
    recipients = sorted(ids.get(r, r) for r in event.recipient)
    location = next((loc for loc in analysis.locations if loc.id == event.location), None)
    return _digest(event.type, ",".join(actors), ",".join(recipients), place_key(location))


def identifiable(event: Event) -> bool:
    """Whether an event can be recognised in another story: someone must take part in it.

    "Aid was delivered" on the same day in two unrelated stories is not one event.
    """
    return bool(event.actor or event.recipient)


def same_event(
    day: date | None,
    known_day: date | None,
    story: str,
    known_story: str,
    across_stories: bool = True,
) -> bool:
    """Whether a mention (with the same match key) tells an already known event.

    Within one story (an article and its syndicated copies) mentions merge when their dates
    agree. Across stories they merge only when the event has participants and both dates are
    known and at most a day apart: without a date or without anyone taking part there is no
    telling two such events apart.
    """
    close = (
        day is not None
        and known_day is not None
        and abs((day - known_day).days) <= EVENT_DATE_TOLERANCE_DAYS
    )
    if story == known_story:
        return close or day == known_day
    return across_stories and close


UNKNOWN_SOURCE = "unknown"


def source_name(analysis: Analysis) -> str:
    """Who published the article: the publisher, else the URL's host, else "unknown".

    Articles of unknown origin (local files without metadata) count as one source together,
    so num_sources never counts files as outlets.
    """
    article = analysis.article
    if article.publisher:
        return article.publisher
    if article.url:
        host = urlsplit(article.url).hostname or ""
        if host:
            return host.removeprefix("www.")
    return UNKNOWN_SOURCE
