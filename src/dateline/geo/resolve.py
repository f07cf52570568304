"""Toponym disambiguation: choosing one gazetteer place per name, on evidence.

Each candidate place gets a score from independent pieces of evidence:

- a prior: bigger places are named more often (log of population), and a name that is a
  country's, a US state's or a curated region's usually means that, not a village of the same
  name;
- the place's own name matching the mention (not only one of its alternate names);
- the article's other toponyms: a candidate in a country, or a US state, that the article names
  elsewhere; a candidate within ~160 km of another place the article names unambiguously;
- an explicit qualifier ("Paris, Texas", "Alexandria, Va.");
- the dateline place ("SOCHI, Russia —"), which locates the story.

Resolution runs twice: the first pass picks places on prior and unambiguous context, the second
re-scores every name with the first pass's choices for the *other* names as context.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from dateline.geo.gazetteer import Gazetteer, Place

# Score weights (set on the development split of the gold data, see dateline/evaluation/geo.py).
KIND_PRIOR = {
    "country": 3.0,
    "continent": 3.0,
    "capital": 2.0,
    "admin1": 2.0,
    "region": 2.5,
    "water": 2.5,
    "city": 0.0,
    "admin2": 1.0,
    # Buildings and sites that stand for an institution ("the White House", "the Kremlin"):
    # curated, so their name means them, never a town of the same name.
    "building": 6.0,
}
PRIMARY_NAME = 3.0
SAME_COUNTRY = 2.0
SAME_ADMIN1 = 4.0
# Closeness to the article's other places, by distance band (km, bonus): local news names
# places near each other.
NEAR_BANDS = ((50.0, 5.0), (160.0, 3.5), (500.0, 1.5))
QUALIFIED = 10.0
# An area named after its main city ("Kharkiv" oblast and city): news means the city unless an
# area word follows ("Kharkiv region").
CITY_OVER_NAMESAKE_AREA = 3.0
# ...but a town named after a state or country ("California, Pennsylvania", "Jordan, Minnesota")
# needs an explicit qualifier to beat it.
TOWN_UNDER_NAMESAKE_AREA = 4.0
DATELINE_COUNTRY = 1.5
# A name the model tags as a location that is no political entity ("the Baltic", "the Sahel")
# means the sea or region of that name rather than a village (Baltic, Connecticut).
NATURAL_FEATURE = 3.0
NATURAL_KINDS = frozenset({"water", "region", "continent"})
# How many other countries an article must name for a country's name to beat a namesake state.
FOREIGN_COUNTRIES = 3
# A city this big is named in lists of places, whose next item looks like a qualifier.
BIG_CITY = 100_000
# A qualifier only counts for places inside a named area, not the area itself.
AREA_KINDS = frozenset({"country", "admin1"})
POINT_KINDS = frozenset({"city", "capital", "admin2"})


@dataclass
class Toponym:
    """One distinct place name of an article (all its mentions), to be resolved."""

    key: str  # name key shared by all its mentions
    text: str  # surface form as first written
    candidates: list[Place]
    qualifiers: set[str] = field(default_factory=set)  # name keys of ", Texas"-style qualifiers
    is_dateline: bool = False
    is_demonym: bool = False
    area_word: bool = False  # "Idlib province": the area, not the city of the same name
    natural: bool = False  # the model tagged it LOC ("the Baltic"): a sea or region is meant
    # candidates called by their own name (or a curated alias), not an alternate spelling
    preferred: set[Place] = field(default_factory=set)


def distance_km(a: Place, b: Place) -> float:
    """Great-circle distance (haversine), or infinity when a place has no coordinates."""
    if a.lat is None or a.lon is None or b.lat is None or b.lon is None:
        return math.inf
    return _haversine_km(a.lat, a.lon, b.lat, b.lon)


@lru_cache(maxsize=4096)
def _haversine_km(lat_a: float, lon_a: float, lat_b: float, lon_b: float) -> float:
    # Kept for the pairs last asked for: resolution scores every candidate against the same
    # anchors in each of its rounds.
    lat1, lon1, lat2, lon2 = map(math.radians, (lat_a, lon_a, lat_b, lon_b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def prior(place: Place, toponym: Toponym) -> float:
    score = math.log10(place.population + 1) + KIND_PRIOR.get(place.kind, 0.0)
    if place in toponym.preferred:
        score += PRIMARY_NAME
    return score


def most_populous(candidates: Sequence[Place]) -> Place | None:
    """The baseline choice: the biggest place of that name."""
    return max(candidates, key=lambda p: p.population, default=None)


@dataclass
class _Context:
    countries: set[str] = field(default_factory=set)
    admin1s: set[tuple[str | None, str | None]] = field(default_factory=set)
    city_admin1s: set[tuple[str | None, str | None]] = field(default_factory=set)
    anchors: list[Place] = field(default_factory=list)
    dateline: Place | None = None


def _qualifier_places(gazetteer: Gazetteer, qualifiers: set[str]) -> list[Place]:
    places: list[Place] = []
    for qualifier in qualifiers:
        places += [p for p in gazetteer.lookup(qualifier) if p.kind in AREA_KINDS]
    return places


def _score(place: Place, toponym: Toponym, context: _Context, qualified_by: list[Place]) -> float:
    score = prior(place, toponym)
    if place.country is not None and place.country in context.countries:
        # Either way round: a town in a country the article names, or a country the article
        # names places in ("Georgia" beside "Gori" and "Georgian" is the country).
        score += SAME_COUNTRY
    codes = (place.country, place.admin1)
    if place.kind in POINT_KINDS and codes in context.admin1s:
        score += SAME_ADMIN1
    if place.kind == "admin1" and codes in context.city_admin1s:
        score += SAME_ADMIN1
    if place.kind in POINT_KINDS:
        score += _nearness(place, context.anchors)
    if context.dateline is not None and place.country == context.dateline.country:
        score += DATELINE_COUNTRY
    if toponym.natural and place.kind in NATURAL_KINDS:
        score += NATURAL_FEATURE
    qualified = place.kind in POINT_KINDS and place in toponym.preferred
    if qualified and any(_inside(place, area) for area in qualified_by):
        score += QUALIFIED
    elif place.kind == "city" and _has_namesake_area(place, toponym):
        score -= TOWN_UNDER_NAMESAKE_AREA
    if place.kind in ("admin1", "admin2") and _has_namesake_city(place, toponym):
        if toponym.area_word:
            score += CITY_OVER_NAMESAKE_AREA
        elif codes not in context.city_admin1s:  # no other place of the article lies in it
            score -= CITY_OVER_NAMESAKE_AREA
    return score


def _has_namesake_area(town: Place, toponym: Toponym) -> bool:
    """Whether a much bigger country or US state of the same name is a candidate too."""
    return any(
        p.kind in AREA_KINDS
        and p.geonameid is not None
        and p in toponym.preferred
        and p.population > 10 * town.population
        for p in toponym.candidates
    )


def _has_namesake_city(area: Place, toponym: Toponym) -> bool:
    """Whether a city of the same name lies in the area, or is its country's capital: news
    means "Kiev" the capital, not the province around it, and "Washington" the capital."""
    return any(
        (p.kind == "city" and (p.country, p.admin1) == (area.country, area.admin1))
        or (p.kind == "capital" and p.country == area.country)
        for p in toponym.candidates
    )


def _country_named(toponym: Toponym) -> Place | None:
    """The country a toponym names by its own name ("China", "Georgia"), if any: a country's
    name means the country unless an explicit qualifier ("China, Texas") says otherwise."""
    if toponym.qualifiers or toponym.area_word:
        return None
    return next(
        (p for p in toponym.candidates if p.kind == "country" and p in toponym.preferred), None
    )


def _nearness(place: Place, anchors: Sequence[Place]) -> float:
    if not anchors:
        return 0.0
    nearest = min(distance_km(place, anchor) for anchor in anchors)
    return next((bonus for limit, bonus in NEAR_BANDS if nearest <= limit), 0.0)


def _inside(place: Place, area: Place) -> bool:
    """Whether a place lies in a country or US state (by its codes)."""
    if area.kind == "country":
        return place.country == area.country
    return (place.country, place.admin1) == (area.country, area.admin1)


def _context(choices: dict[str, Place | None], toponyms: Sequence[Toponym], skip: str) -> _Context:
    """What the other names of the article say about where the story is."""
    context = _Context()
    for toponym in toponyms:
        place = choices.get(toponym.key)
        if toponym.key == skip or place is None:
            continue
        if toponym.is_dateline:
            context.dateline = place
        if place.country:
            context.countries.add(place.country)
        if place.kind == "admin1":
            context.admin1s.add((place.country, place.admin1))
        elif place.kind in POINT_KINDS:
            context.city_admin1s.add((place.country, place.admin1))
            context.anchors.append(place)
    return context


def resolve(gazetteer: Gazetteer, toponyms: Sequence[Toponym]) -> dict[str, Place | None]:
    """Pick a place for every toponym key (None when the gazetteer has no candidate)."""
    qualified = {t.key: _qualifier_places(gazetteer, t.qualifiers) for t in toponyms}
    for toponym in toponyms:
        toponym.preferred = {
            p for p in toponym.candidates if gazetteer.is_preferred_name(p, toponym.text)
        }
    choices = {t.key: _best(t, _Context(), qualified[t.key]) for t in toponyms}
    for _ in range(2):
        choices = {
            t.key: _best(t, _context(choices, toponyms, skip=t.key), qualified[t.key])
            for t in toponyms
        }
    return choices


def _locally_supported(place: Place, context: _Context) -> bool:
    """Strong evidence for a town: the article names its state or places within ~160 km."""
    return (place.country, place.admin1) in context.admin1s or any(
        distance_km(place, anchor) <= NEAR_BANDS[1][0] for anchor in context.anchors
    )


def _best(toponym: Toponym, context: _Context, qualified_by: list[Place]) -> Place | None:
    candidates = toponym.candidates
    if _country_named(toponym) is not None:
        # A country's own name beats a town of that name unless the article is local to the
        # town; merely naming the town's country ("China" in an article about Japan) is not
        # enough. Areas (a US state called Georgia) still compete on the usual evidence...
        candidates = [
            p for p in candidates if p.kind not in POINT_KINDS or _locally_supported(p, context)
        ]
        # ... but not among many foreign countries with no place of the article in the state
        # ("Ukraine, Bosnia and Herzegovina and Georgia" in a story about the alliance).
        candidates = [
            p
            for p in candidates
            if p.kind != "admin1"
            or len(context.countries - {p.country}) < FOREIGN_COUNTRIES
            or (p.country, p.admin1) in context.city_admin1s
        ]
    candidates = _within_stated_state(candidates, qualified_by)
    best: Place | None = None
    best_score = -math.inf
    for place in candidates:
        score = _score(place, toponym, context, qualified_by)
        if score > best_score:
            best, best_score = place, score
    return best


def _within_stated_state(candidates: list[Place], qualified_by: list[Place]) -> list[Place]:
    """ "Holliday, Mo." names a town in Missouri: when the gazetteer has no such town there,
    a namesake in another state of that country (Holliday, Texas) is not it, and the name
    stays unresolved. A town abroad is left to the usual evidence (a list of places can look
    like a qualifier), and so is a big city ("Washington, New York and Boston" is a list)."""
    states = [a for a in qualified_by if a.kind == "admin1"]
    if not states or any(_inside(p, a) for p in candidates for a in qualified_by):
        return candidates
    if any(p.kind == "capital" or p.population >= BIG_CITY for p in candidates):
        return candidates
    return [
        p
        for p in candidates
        if p.kind not in POINT_KINDS
        or not any(p.country == a.country and p.admin1 != a.admin1 for a in states)
    ]
