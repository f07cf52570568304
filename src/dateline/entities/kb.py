"""The actor knowledge base: countries, people in office, organisations and generic agents.

The data is built by ``scripts/build_kb.py`` from the Phoenix/PETRARCH dictionaries and the
hand-curated tables in ``kb/`` and shipped as ``data/kb.json.gz``. ``load_kb()`` reads it once
per process. Lookups are by *normalised* text: case, diacritics, periods, apostrophes and
hyphens do not matter ("al-Assad" == "Al Assad", "U.S." == "US"), and person names also match
without their particles ("Bashar Assad" finds "Bashar al-Assad"). Acronyms are the exception:
they match only in capitals ("WHO", "US", "CAN"), so "who", "us" and "can" stay words.

Roles are date-aware: ``Actor.role_on("2017-11-21")`` is the role held that day, so a former
minister is no longer coded as government once the term has ended.
"""

from __future__ import annotations

import gzip
import json
import re
import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from dateline.entities.kb_index import INDEX_KINDS, ActorIds, ActorRows, KBStore, KeyIndex
from dateline.errors import DatelineError
from dateline.text import strip_diacritics

DATA_FILE = "kb.json.gz"
INDEX_FILE = "kb.sqlite"  # the same data for lookups without parsing it (kb_index.py)
DATA_VERSION = 2


def _words(text: str) -> list[str]:
    return text.split()


# Name particles that writers keep or drop freely ("Bashar al-Assad" / "Bashar Assad").
PARTICLES = frozenset(
    _words("al el al- bin ibn bint van von der den de da di du do dos das la le ter ten y")
)
# Titles and honorifics: an alias opening with one ("King Charles") is a lookup form, not a
# name for the recogniser (the entities stage keeps titles out of PERSON spans).
HONORIFICS = frozenset(
    _words(
        "king queen prince princess sheikh sheik ayatollah sir dame lord mr mrs ms dr president "
        "emir sultan pope general gen"
    )
)
# Generational suffixes are not surnames ("Martin Luther King Jr").
NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})

# When several roles are valid on one day, prefer the more specific office.
_SECTOR_RANK = {"GOV": 0, "MIL": 1, "IGO": 1, "LEG": 2, "JUD": 2, "COP": 2, "SPY": 2}


_DROPPED = re.compile(r"[.'’‘`´]")
_SEPARATORS = re.compile(r"[^\w]+|_")
# Compiled once: the look-ups below run for every candidate name of every article.
_ACRONYM_DROPPED = re.compile(r"[.\s]")
_ACRONYM = re.compile(r"[A-Z][A-Z0-9&+/\-]{1,7}")
_LEADING_THE = re.compile(r"^\s*the\s+", flags=re.IGNORECASE)


@lru_cache(maxsize=4096)
def normalize(text: str) -> str:
    """Lookup key: lower case, no diacritics, no periods or apostrophes, words split on
    hyphens and other punctuation, single spaces. (Kept for the strings last asked for: the
    stages normalise the same words many times per article.)"""
    lowered = strip_diacritics(text).casefold()
    lowered = _DROPPED.sub("", lowered)
    lowered = _SEPARATORS.sub(" ", lowered)
    return " ".join(lowered.split())


def acronym_key(text: str) -> str | None:
    """The lookup key of an acronym written in capitals ("U.N." -> "UN", "OPEC+", "G7"), or
    None for ordinary words. Acronyms match case-sensitively: "WHO" is the World Health
    Organization, "who" is not; "CAN" is Canada's code, "can" is not."""
    compact = _ACRONYM_DROPPED.sub("", text)
    if _ACRONYM.fullmatch(compact) and sum(c.isalpha() for c in compact) > 1:
        return compact
    return None


# Function words an acronym usually skips ("Federal Bureau of Investigation" -> FBI).
_ACRONYM_SKIPPED = frozenset(_words("of the for and in on de la del des du et"))


def spells_acronym(name: str, acronym: str) -> bool:
    """Do the initials of ``name`` spell ``acronym`` ("Environmental Protection Agency" and
    "EPA"; "Agence France-Presse" and "AFP")? Function words may be skipped or counted."""
    words = [w for w in re.split(r"[\s\-]+", name) if w and w[0].isalnum()]
    letters = "".join(c for c in acronym.upper() if c.isalnum())
    with_all = "".join(w[0] for w in words).upper()
    content = "".join(w[0] for w in words if w.lower() not in _ACRONYM_SKIPPED).upper()
    return len(words) > 1 and letters in (with_all, content)


def without_particles(key: str) -> str:
    """A normalised name without particles and generational suffixes."""
    words = [w for w in key.split() if w not in PARTICLES and w not in NAME_SUFFIXES]
    return " ".join(words) if words else key


def surname_keys(key: str) -> list[str]:
    """The surname keys of a normalised person name: the last word, and for names of three
    or more words also the last two ("lopez obrador")."""
    words = without_particles(key).split()
    if len(words) < 2:
        return words
    keys = [words[-1]]
    if len(words) >= 3:
        keys.append(" ".join(words[-2:]))
    return keys


@dataclass(frozen=True)
class Role:
    """One office or affiliation, valid between two ISO dates (inclusive; None = open)."""

    code: str  # CAMEO-style actor code for this role, e.g. "RUSGOV", "IGOUNO", "SYRREB"
    country: str | None  # ISO 3166-1 alpha-3; None for IGOs and transnational groups
    sector: str | None  # PLOVER/CAMEO agent: GOV, MIL, OPP, REB, PTY, IGO, ELI, ...
    title: str | None  # normalised office, lower case: "president", "foreign minister"
    start: str | None
    end: str | None

    @property
    def is_dated(self) -> bool:
        return self.start is not None or self.end is not None

    def valid_on(self, date: str) -> bool:
        day = date[:10]
        if self.start is not None and day < self.start:
            return False
        return not (self.end is not None and day > self.end)


@dataclass(frozen=True)
class Actor:
    """A person, organisation or group the knowledge base knows by name."""

    id: str  # stable KB id, e.g. "PUTIN_VLADIMIR", "IGO_UN"
    name: str  # canonical display name
    type: str  # "PERSON" | "ORG" | "GROUP"
    aliases: tuple[str, ...]
    roles: tuple[Role, ...]
    surnames: tuple[str, ...] = field(default=(), compare=False)  # explicit surname forms

    def role_on(self, date: str | None) -> Role | None:
        """The role valid on ``date`` (ISO date or datetime). Dated roles win over undated
        ones; undated roles are the fallback (e.g. "elite" after leaving office). With no date,
        the most recent role: the latest open-ended one, else the fallback, else the last."""
        dated = [r for r in self.roles if r.is_dated]
        undated = [r for r in self.roles if not r.is_dated]
        if date is None:
            current = [r for r in dated if r.end is None]
            if current:
                return max(current, key=_recency)
            if undated:
                return undated[0]
            return max(dated, key=_recency) if dated else None
        valid = [r for r in dated if r.valid_on(date)]
        if valid:
            return min(valid, key=_specificity)
        return undated[0] if undated else None

    def roles_on(self, date: str) -> list[Role]:
        """Every dated role valid on ``date`` (a person can hold two offices at once)."""
        return [r for r in self.roles if r.is_dated and r.valid_on(date)]

    def all_names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


def _recency(role: Role) -> tuple[str, str]:
    return (role.start or "", role.end or "9999")


def _specificity(role: Role) -> tuple[int, int, str]:
    # An office with a title beats a bare code; GOV beats ELI; the latest start wins ties.
    start = role.start or ""
    inverted = "".join(chr(0x10FFFF - ord(c)) for c in start)
    return (0 if role.title else 1, _SECTOR_RANK.get(role.sector or "", 5), inverted)


@dataclass(frozen=True)
class Country:
    iso3: str
    iso2: str
    name: str
    aliases: tuple[str, ...]
    demonyms: tuple[str, ...]  # adjectives and plural nationals: "Russian", "Russians"
    capitals: tuple[str, ...]
    sovereign: bool = True  # False for dependent territories (no capital metonymy)


ActorRow = list[Any]  # [id, name, type, aliases, roles, surnames] as shipped


def actor_index(rows: Iterable[ActorRow]) -> dict[str, dict[str, list[int]]]:
    """Lookup indexes over actor rows, by row number: normalised names, acronyms (case
    sensitive), person names without particles, surnames and offices ("RUS|president"). ``scripts/build_kb.py`` ships them so
    that loading does not normalise every name again."""
    names: dict[str, list[int]] = {}
    acronyms: dict[str, list[int]] = {}
    bare: dict[str, list[int]] = {}
    surnames: dict[str, list[int]] = {}
    offices: dict[str, list[int]] = {}

    def put(index: dict[str, list[int]], key: str, number: int) -> None:
        numbers = index.setdefault(key, [])
        if not numbers or numbers[-1] != number:
            numbers.append(number)

    for number, (_id, name, kind, aliases, roles, explicit) in enumerate(rows):
        for code, country, _sector, title, _start, _end in roles:
            if title:
                put(offices, f"{country or code}|{title}", number)
        for acronym in sorted({a for n in (name, *aliases) if (a := acronym_key(n))}):
            put(acronyms, acronym, number)
        keys = sorted({normalize(n) for n in (name, *aliases) if not acronym_key(n)} - {""})
        for key in keys:
            put(names, key, number)
        if kind != "PERSON":
            continue
        for key in sorted({without_particles(k) for k in keys} - set(keys)):
            put(bare, key, number)
        found = {without_particles(normalize(s)) for s in explicit}
        found.update(s for key in keys for s in surname_keys(key))
        for surname in sorted(found):
            put(surnames, surname, number)
    return {
        "names": names,
        "acronyms": acronyms,
        "bare": bare,
        "surnames": surnames,
        "offices": offices,
    }


# Generic offices and the concrete titles they mean, in order of preference.
GENERIC_OFFICES = frozenset({"leader", "head of state", "head of government"})
_HEAD_OF_STATE = ("king", "queen", "emir", "sultan", "emperor", "president", "supreme leader")
_HEAD_OF_GOVERNMENT = ("prime minister", "chancellor")
# Countries whose head of government, not head of state, is "the leader" in news.
GOVERNMENT_LED = frozenset(
    _words(
        "GBR DEU ITA ESP JPN IND ISR CAN AUS NZL NLD BEL SWE NOR DNK FIN IRL GRC PRT AUT CZE "
        "SVK HUN POL HRV SVN EST LVA LTU BGR MLT LUX ISL IRQ PAK BGD THA MYS SGP NPL ARM GEO "
        "ETH KHM ALB MNE MKD SRB XKX LKA NLD"
    )
)
# Countries whose leader is the supreme leader, king, emir or sultan.
RULER_LED = {
    "IRN": ("supreme leader",),
    "PRK": ("supreme leader",),
    "SAU": ("king",),
    "JOR": ("king",),
    "MAR": ("king",),
    "BHR": ("king",),
    "QAT": ("emir",),
    "KWT": ("emir",),
    "OMN": ("sultan",),
    "BRN": ("sultan",),
}


def _generic_office_order(slot: str, generic: str) -> tuple[str, ...]:
    if generic == "head of state":
        return (*RULER_LED.get(slot, ()), *_HEAD_OF_STATE)
    if generic == "head of government":
        return (*_HEAD_OF_GOVERNMENT, "president")
    # "leader": a ruler, else the head of government where it leads, else the head of
    # state; a de facto leader (recorded as "leader") comes before a caretaker premier.
    if slot in RULER_LED:
        return (*RULER_LED[slot], *_HEAD_OF_GOVERNMENT, "president", "leader")
    if slot in GOVERNMENT_LED:
        return (*_HEAD_OF_GOVERNMENT, "president", "king", "queen", "leader")
    return ("president", "supreme leader", "leader", *_HEAD_OF_GOVERNMENT, "king", "queen", "emir")


class KnowledgeBase:
    """Lookups over the knowledge-base data; get the shipped one with ``load_kb()``.

    ``data`` has the shape ``scripts/build_kb.py`` writes: countries, actor rows, agents,
    titles and (optionally) the precomputed ``index``. Actor objects are made on first use.
    """

    def __init__(self, data: dict[str, Any], store: KBStore | None = None) -> None:
        self.countries: tuple[Country, ...] = tuple(
            Country(iso3=c[0], iso2=c[1], name=c[2], aliases=tuple(c[3]),
                    demonyms=tuple(c[4]), capitals=tuple(c[5]), sovereign=bool(c[6]))
            for c in data["countries"]
        )  # fmt: skip
        self._data = data
        self._rows: Sequence[ActorRow] | ActorRows
        self._by_id: Mapping[str, int]
        index: Mapping[str, Mapping[str, list[int]]]
        if store is None:
            self._rows = data["actors"]
            index = data.get("index") or actor_index(self._rows)
            self._by_id = {row[0]: number for number, row in enumerate(self._rows)}
            self.agents: dict[str, str] = normalized_agents(data["agents"])
        else:
            # kb.sqlite (see kb_index): rows and index keys are read when looked up.
            self._rows = ActorRows(store)
            index = {kind: KeyIndex(store, kind) for kind in INDEX_KINDS}
            self._by_id = ActorIds(store)
            self.agents = json.loads(store.meta("agent_keys") or "{}")
        self._actors: dict[int, Actor] = {}
        self._by_name: Mapping[str, list[int]] = index["names"]
        self._by_acronym: Mapping[str, list[int]] = index["acronyms"]
        self._by_bare_name: Mapping[str, list[int]] = index["bare"]
        self._by_surname: Mapping[str, list[int]] = index["surnames"]
        self._offices: Mapping[str, list[int]] = index["offices"]
        # The first rows come from the hand-curated tables (kb/), the rest from Phoenix, then
        # (from ``user_start``) a user's own dictionaries, which count as curated too.
        self.curated_count: int = int(data.get("curated", 0))
        self.user_start: int = int(data.get("user_start", len(self._rows)))
        self.titles: dict[str, str] = {normalize(k): v for k, v in data.get("titles", {}).items()}
        self._country_by_code = {c.iso3: c for c in self.countries}
        self._country_by_name: dict[str, Country] = {}
        self._country_by_acronym: dict[str, Country] = {}
        self._country_by_capital: dict[str, Country] = {}
        # Sovereign states first, so "French" is France, not a French territory.
        for country in sorted(self.countries, key=lambda c: not c.sovereign):
            for text in (country.name, *country.aliases, *country.demonyms, country.iso3):
                acronym = acronym_key(text)
                if acronym:
                    self._country_by_acronym.setdefault(acronym, country)
                else:
                    self._country_by_name.setdefault(normalize(text), country)
            if country.sovereign:
                for capital in country.capitals:
                    self._country_by_capital.setdefault(normalize(capital), country)

    def is_curated(self, number: int) -> bool:
        """Whether actor row ``number`` comes from a hand-made table (ours or a user's)."""
        return number < self.curated_count or number >= self.user_start

    def is_user_actor(self, actor_id: str) -> bool:
        number = self._by_id.get(actor_id)
        return number is not None and number >= self.user_start

    def with_actors(self, rows: list[ActorRow]) -> KnowledgeBase:
        """A knowledge base that also knows ``rows`` (a user's dictionaries). Their names,
        acronyms and surnames *replace* the built-in entries of the same key, so a user's
        entry always wins; every other lookup is unchanged."""
        offset = len(self._rows)
        index = {key: _as_dict(values) for key, values in self._index().items()}
        for key, values in actor_index(rows).items():
            for name, numbers in values.items():
                index[key][name] = [offset + n for n in numbers]
        return KnowledgeBase(
            {**self._data, "actors": [*self._rows, *rows], "index": index, "user_start": offset}
        )

    def _index(self) -> dict[str, Mapping[str, list[int]]]:
        return {
            "names": self._by_name,
            "acronyms": self._by_acronym,
            "bare": self._by_bare_name,
            "surnames": self._by_surname,
            "offices": self._offices,
        }

    # -- actors ---------------------------------------------------------------------------

    def _actor_at(self, number: int) -> Actor:
        actor = self._actors.get(number)
        if actor is None:
            actor_id, name, kind, aliases, roles, surnames = self._rows[number]
            actor = Actor(
                id=actor_id,
                name=name,
                type=kind,
                aliases=tuple(aliases),
                roles=tuple(Role(*role) for role in roles),
                surnames=tuple(surnames),
            )
            self._actors[number] = actor
        return actor

    def _attested_first(self, acronym: str, numbers: Sequence[int]) -> list[int]:
        """Actors sharing ``acronym``, those whose full name spells it first (otherwise in KB
        order): an entry known only by the bare letters ("EPA", a Venezuelan armed group in the
        event dictionaries) is weaker evidence than one whose name the letters abbreviate
        ("Environmental Protection Agency")."""
        if len(numbers) < 2:
            return list(numbers)
        attested = [n for n in numbers if spells_acronym(self._rows[n][1], acronym)]
        return attested + [n for n in numbers if n not in attested]

    def _actors_at(self, numbers: Iterable[int]) -> list[Actor]:
        return [self._actor_at(n) for n in numbers]

    @property
    def actors(self) -> list[Actor]:
        """Every actor (materialises them all: prefer the lookups)."""
        return self._actors_at(range(len(self._rows)))

    def __len__(self) -> int:
        return len(self._rows)

    def actor(self, actor_id: str) -> Actor | None:
        number = self._by_id.get(actor_id)
        return None if number is None else self._actor_at(number)

    def actors_named(self, name: str) -> list[Actor]:
        """Actors one of whose names equals ``name`` up to case, punctuation, diacritics and
        (for people) name particles ("Bashar Assad" finds "Bashar al-Assad")."""
        key = normalize(name)
        if not key:
            return []
        acronym = acronym_key(name)
        if acronym and acronym in self._by_acronym:
            return self._actors_at(self._attested_first(acronym, self._by_acronym[acronym]))
        # Not a known acronym: an ordinary name, perhaps in capitals ("PUTIN").
        numbers = list(self._by_name.get(key, []))
        bare = without_particles(key)
        for number in (*self._by_name.get(bare, []), *self._by_bare_name.get(bare, [])):
            if number not in numbers and self._rows[number][2] == "PERSON":
                numbers.append(number)
        return self._actors_at(numbers)

    def actors_with_surname(self, surname: str) -> list[Actor]:
        """People whose surname is ``surname`` ("Putin", "al-Assad", "Assad", "Lopez Obrador")."""
        key = without_particles(normalize(surname))
        return self._actors_at(self._by_surname.get(key, []))

    def office_holder(self, country_iso3: str, title: str, date: str | None) -> Actor | None:
        """Who held ``title`` (e.g. "president", "Prime Minister", "premier") in the country
        on ``date`` (None: the current holder). Titles are normalised (see ``title``).
        For an IGO pass its code instead of a country: ("IGOUNO", "secretary-general").
        "leader", "head of state" and "head of government" resolve to the country's office
        that news means by them ("the Russian leader" is the president, "the British
        leader" the prime minister, "the Iranian leader" the supreme leader)."""
        wanted = self.title(title) or normalize(title)
        slot = country_iso3.upper()
        if wanted not in GENERIC_OFFICES:
            return self._holder(slot, wanted, date)
        for office in _generic_office_order(slot, wanted):
            # A group's leader (Hezbollah's, Hamas's) is not the country's.
            holder = self._holder(slot, office, date, state_only=True)
            if holder is not None:
                return holder
        return None

    def _holder(
        self, slot: str, wanted: str, date: str | None, state_only: bool = False
    ) -> Actor | None:
        best: tuple[str, Actor] | None = None
        for actor in self._actors_at(self._offices.get(f"{slot}|{wanted}", [])):
            for role in actor.roles:
                if (role.country or role.code) != slot or role.title != wanted:
                    continue
                if state_only and role.sector not in ("GOV", "MIL"):
                    continue
                if date is None and role.end is not None:
                    continue
                if date is not None and not role.valid_on(date):
                    continue
                # Overlapping records (acting holders): the one who took office last.
                if best is None or (role.start or "") > best[0]:
                    best = (role.start or "", actor)
        return best[1] if best else None

    def title(self, text: str) -> str | None:
        """The normalised office for a title as written: "Prime Minister" -> "prime minister",
        "premier" -> "prime minister", "Foreign Secretary" -> "foreign minister"."""
        return self.titles.get(normalize(text))

    def organisation(self, name: str) -> Actor | None:
        """A named organisation or group (IGO, armed group, party, agency, media, NGO);
        a leading "the" is ignored ("the Kremlin", "the UN")."""
        text = _LEADING_THE.sub("", name)
        acronym = acronym_key(text)
        numbers = self._by_acronym.get(acronym, []) if acronym else []
        numbers = self._attested_first(acronym, numbers) if acronym else numbers
        numbers = numbers or self._by_name.get(normalize(text), [])
        for number in numbers:
            if self._rows[number][2] != "PERSON":
                return self._actor_at(number)
        return None

    # -- countries ------------------------------------------------------------------------

    def country(self, text: str) -> Country | None:
        """A country by name, alias, ISO3 code, adjective or demonym ("Syrian", "Russians",
        "U.S.", "Britain", "the Netherlands")."""
        text = _LEADING_THE.sub("", text)
        acronym = acronym_key(text)
        if acronym and acronym in self._country_by_acronym:
            return self._country_by_acronym[acronym]
        return self._country_by_name.get(normalize(text))

    def country_by_capital(self, text: str) -> Country | None:
        """The country whose capital is ``text`` (metonymy: "Moscow said")."""
        return self._country_by_capital.get(normalize(text))

    def country_by_code(self, iso3: str) -> Country | None:
        return self._country_by_code.get(iso3.upper())

    # -- generic agents -------------------------------------------------------------------

    def agent(self, word: str) -> str | None:
        """The sector a generic noun names: "troops" -> MIL, "rebels" -> REB, "police" -> COP,
        "government" -> GOV, "opposition" -> OPP. Plurals are reduced to singulars."""
        key = normalize(word)
        if key in self.agents:
            return self.agents[key]
        for singular in _singulars(key):
            if singular in self.agents:
                return self.agents[singular]
        return None

    # -- recognition ----------------------------------------------------------------------

    def gazetteer_patterns(self) -> list[tuple[str, str]]:
        """(label, phrase) pairs for a spaCy EntityRuler: people in the leaders table with
        their full names, organisations and acronyms, countries and capitals (GPE), and
        nationality adjectives and plurals (NORP)."""
        return list(_patterns(self))


def normalized_agents(agents: dict[str, str]) -> dict[str, str]:
    """The KB's agent nouns by normalised key (``agent()`` looks words up in it)."""
    return {normalize(k): v for k, v in agents.items()}


def _as_dict(index: Mapping[str, list[int]]) -> dict[str, list[int]]:
    return index.to_dict() if isinstance(index, KeyIndex) else dict(index)


def _singulars(key: str) -> list[str]:
    words = key.split()
    if not words:
        return []
    last = words[-1]
    forms = []
    if last.endswith("ies"):
        forms.append(last[:-3] + "y")
    if last.endswith("es"):
        forms.append(last[:-2])
    if last.endswith("s"):
        forms.append(last[:-1])
    if last.endswith("men"):
        forms.append(last[:-3] + "man")
    return [" ".join([*words[:-1], form]) for form in forms]


# A lone surname is a PERSON pattern only for heads of state, government or an IGO and
# foreign or defence ministers, and not when it is also a common word or given name ("Rice",
# "Gates", "Sharon", "May").
_PROMINENT_TITLES = frozenset(
    {"president", "prime minister", "chancellor", "king", "queen", "emir", "sultan", "emperor",
     "supreme leader", "leader", "crown prince", "secretary-general", "pope", "vice president",
     "foreign minister", "defence minister"}
)  # fmt: skip
_COMMON_WORDS = frozenset(
    _words(
        "abbott abdullah ahmed ali brown browne burns carter fox gates hassan howard hunt james "
        "johnson khan kim king lee li mansour martin may mohammed moon park paul reid rice "
        "rudd sharon singh straw wong"
    )
)
# Phoenix organisations worth recognising by name (not companies or vague descriptions).
_PATTERN_SECTORS = frozenset({"IGO", "NGO", "REB", "GOV", "MIL", "PTY", "LEG", "JUD", "SPY"})


@lru_cache(maxsize=4)
def _patterns(kb: KnowledgeBase) -> tuple[tuple[str, str], ...]:
    seen: set[tuple[str, str]] = set()
    out: list[tuple[str, str]] = []

    def add(label: str, phrase: str) -> None:
        phrase = phrase.strip()
        if len(phrase) < 2 or (label, phrase) in seen:
            return
        seen.add((label, phrase))
        out.append((label, phrase))

    demonyms = {d for country in kb.countries for d in country.demonyms}
    for country in kb.countries:
        for name in (country.name, *country.aliases):
            if name not in demonyms:  # "Saudi", "Thai": nationality words, not places
                add("GPE", name)
        if country.sovereign:
            for capital in country.capitals:
                add("GPE", capital)
        for demonym in country.demonyms:
            add("NORP", demonym)
    for number, row in enumerate(kb._rows):
        _id, name, kind, aliases, roles, surnames = row
        curated = kb.is_curated(number)
        if kind == "PERSON":
            # Only people of the curated tables: the Phoenix lists hold many names that are
            # also ordinary words or places. A lone word must be one of their surnames.
            if not curated:
                continue
            surname_keys_ = {without_particles(normalize(s)) for s in surnames}
            prominent = any(role[3] in _PROMINENT_TITLES for role in roles)
            for text in (name, *aliases):
                key = normalize(text)
                if key.split()[0] in HONORIFICS:
                    continue
                bare = without_particles(key)
                lone_surname = prominent and bare in surname_keys_ and bare not in _COMMON_WORDS
                if len(key.split()) >= 2 or lone_surname:
                    add("PERSON", text)
        elif curated:
            for text in (name, *aliases):
                add("ORG", text)
        elif any(role[2] in _PATTERN_SECTORS for role in roles):
            for text in (name, *aliases):
                if len(text.split()) >= 2:
                    add("ORG", text)
    return tuple(out)


def _check_version(data: dict[str, Any]) -> None:
    if data.get("version") != DATA_VERSION:
        raise DatelineError(
            f"knowledge base {DATA_FILE}: data version {data.get('version')!r}, expected "
            f"{DATA_VERSION}; rebuild it with scripts/build_kb.py"
        )


@lru_cache(maxsize=1)
def load_kb() -> KnowledgeBase:
    """The knowledge base the pipeline codes actors with: the shipped one, extended by the
    user's actor dictionaries when ``--actors`` / ``DATELINE_ACTORS`` names any."""
    from dateline.entities.user_actors import load_configured

    builtin = load_builtin_kb()
    user = load_configured()
    return builtin.with_actors([actor.row() for actor in user]) if user else builtin


def reset_kb() -> None:
    """Forget the loaded knowledge base (after the user dictionaries changed)."""
    load_kb.cache_clear()


@lru_cache(maxsize=1)
def load_builtin_kb() -> KnowledgeBase:
    """The shipped knowledge base, loaded once per process: from ``kb.sqlite`` when it was
    built from the shipped ``kb.json.gz`` (``make data``), else from the JSON itself."""
    store = _current_store()
    if store is not None:
        small = json.loads(store.meta("small") or "{}")
        _check_version(small)
        return KnowledgeBase(small, store)
    resource = resources.files("dateline.entities").joinpath("data", DATA_FILE)
    try:
        with resource.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as text:
            data = json.load(text)
    except FileNotFoundError as exc:
        raise DatelineError(
            f"knowledge base data missing ({exc}); rebuild it with scripts/build_kb.py"
        ) from exc
    _check_version(data)
    return KnowledgeBase(data)


def _current_store() -> KBStore | None:
    """The shipped ``kb.sqlite`` if it was built from the shipped ``kb.json.gz``."""
    from dateline.entities.tables import kb_digest

    path = Path(str(resources.files("dateline.entities").joinpath("data", INDEX_FILE)))
    if not path.is_file():
        return None
    store = KBStore(path)
    try:
        if store.meta("kb_sha256") != kb_digest():
            return None
    except (FileNotFoundError, sqlite3.DatabaseError):
        return None
    return store
