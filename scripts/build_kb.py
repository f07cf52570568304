#!/usr/bin/env python3
"""Build the actor knowledge base shipped in ``src/dateline/entities/data/kb.json.gz``.

Sources:

* the Phoenix/PETRARCH dictionaries (MIT, openeventdata/petrarch2): country, international and
  military non-state actor files with date-restricted CAMEO codes, and the agents file;
* the hand-curated tables in ``kb/``: countries (names, aliases, demonyms, capitals), leaders
  and ministers with dates of office (the Phoenix files stop around 2014), organisations
  (government bodies, IGOs, armed groups, parties, media), office titles and extra agents.

Usage::

    .venv/bin/python scripts/build_kb.py [--phoenix ../shared/data/phoenix] [--out PATH]

The output is deterministic: the same sources give the same bytes.
"""

from __future__ import annotations

import argparse
import csv
import difflib
import gzip
import io
import json
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

from dateline.entities.kb import (  # noqa: E402
    DATA_VERSION,
    PARTICLES,
    actor_index,
    normalize,
    without_particles,
)
from dateline.text import strip_diacritics  # noqa: E402

DEFAULT_PHOENIX = REPO.parent / "shared" / "data" / "phoenix"
DEFAULT_OUT = REPO / "src" / "dateline" / "entities" / "data" / "kb.json.gz"
KB_DIR = REPO / "kb"


def _words(text: str) -> list[str]:
    return text.split()


# Phoenix dictionaries were last revised in 2014: a role they leave open-ended is only known
# to have lasted until then, so it is closed there rather than assumed to go on for ever.
PHOENIX_VINTAGE_END = "2014-12-31"

# CAMEO "country" slots that are not countries.
TRANSNATIONAL = {"IGO", "NGO", "IMG", "MNC", "NGM", "INT", "UIS", "IMGMUS"}
CAMEO_REGIONS = set(
    _words(
        "AFR ASA BLK BLT CAS CAU CFR CRB EAF EEU EIN EUR LAM MDE MEA NAF NMR PGS SAF SAM SAS "
        "SEA SCN WAF WST CHR MUS JEW HIN BUD"
    )
)
# CAMEO ethnic-group codes used in kb/organisations.tsv for peoples without a state of their own
# ("the Kurds" -> KUR); like regions, they take the country slot but are no country.
CAMEO_ETHNIC = {"KUR"}
# Pre-ISO or non-ISO CAMEO country codes still seen in news archives.
EXTRA_COUNTRY_CODES = {"SUN", "YUG", "CSK", "DDR", "KSV", "XKX", "PSE", "SCG"}
CAMEO_SECTORS = set(
    _words(
        "GOV MIL REB OPP PTY COP JUD SPY IGO NGO MED EDU BUS CRM CVL ELI LEG UAF REF HLH AGR LAB "
        "ENV HRI DEV SET RAD MOD REL IRG INS"
    )
)

# Words that make a Phoenix entry an organisation rather than a person.
ORG_WORDS = set(
    _words(
        """ASSEMBLY PARTY FORCES FORCE ARMY NAVY COUNCIL MINISTRY COMMITTEE FRONT MOVEMENT UNION
        SERVICE SERVICES AGENCY ORGANIZATION ORGANISATION ASSOCIATION BANK FUND COMMISSION COURT
        CONGRESS PARLIAMENT SENATE HOUSE GOVERNMENT ADMINISTRATION DEPARTMENT OFFICE BUREAU
        INSTITUTE CENTER CENTRE FOUNDATION LEAGUE ALLIANCE COALITION BRIGADE BRIGADES GROUP GROUPS
        NETWORK COMPANY CORPORATION CORP INC LTD NEWS TIMES POST RADIO TELEVISION TV UNIVERSITY
        CHURCH MISSION PROGRAM PROGRAMME AUTHORITY GUARD GUARDS POLICE INTELLIGENCE CABINET REGIME
        KREMLIN PENTAGON COMMAND CORPS DIVISION REGIMENT BATTALION MILITIA MILITIAS ARMED
        LIBERATION REVOLUTIONARY ISLAMIC NATIONAL PEOPLE'S PEOPLES POPULAR DEMOCRATIC SOCIALIST
        COMMUNIST REPUBLICAN FEDERATION CONFEDERATION SOCIETY COOPERATION PARTNERSHIP TRIBUNAL
        REPUBLIC KINGDOM STATE STATES ORGANIZATIONS COMMUNITY BOARD SECRETARIAT DIRECTORATE
        TRUST CROSS CRESCENT WATCH INTERNATIONAL AMNESTY HOSPITAL AIRLINES AIRWAYS OIL PETROLEUM
        GAS ENERGY BROADCASTING PRESS JUNTA SYNDICATE CARTEL GANG CELLS CELL NUCLEI COMMANDOS
        FIGHTERS WARRIORS MARTYRS MUJAHIDEEN JIHAD HEZBOLLAH HAMAS TALIBAN QAEDA TRIBE TRIBES
        DUMA MAJLIS KNESSET BUNDESTAG SUPREME ACADEMY COLLEGE SCHOOL EMBASSY CONSULATE MISSION
        DELEGATION ALLIANCE"""
    )
)
# Words that open a title or description in a Phoenix name ("PRESIDENT_PUTIN").
TITLE_WORDS = set(
    _words(
        """PRESIDENT VICE PRIME MINISTER MINISTERS FOREIGN DEFENSE DEFENCE INTERIOR FINANCE
        SECRETARY GENERAL SECRETARY-GENERAL UN U.N. UNITED NATIONS CHIEF LEADER FORMER EX EX-
        KING QUEEN PRINCE CROWN EMIR SHEIKH SHEIK AMBASSADOR ENVOY SPOKESMAN SPOKESWOMAN
        COMMANDER GEN. GEN COLONEL COL. MAJOR CAPTAIN ADMIRAL SENATOR SEN. REP. GOVERNOR GOV.
        MAYOR PREMIER CHANCELLOR CHAIRMAN DR. MR. MRS. MS. DR MR MRS MS SIR LORD DAME AYATOLLAH ACTING DEPUTY
        SPEAKER OF THE STATE JUSTICE COMMANDER-IN-CHIEF HEAD MARSHAL FIELD LT. LIEUTENANT
        PRESIDENT-ELECT SECY SECY. SEC. GEN. OPPOSITION REBEL MILITARY ARMY TERRORIST MILITANT"""
    )
)

PERSON, ORG = "PERSON", "ORG"


# -- Phoenix dictionaries ----------------------------------------------------------------------


@dataclass
class RawEntry:
    """One Phoenix entry: its names and its [CODE dates] roles, as read."""

    names: list[str] = field(default_factory=list)
    codes: list[tuple[str, str | None, str | None]] = field(default_factory=list)
    comments: list[str] = field(default_factory=list)
    source: str = ""


def phoenix_date(text: str) -> str | None:
    """A Phoenix date (YYMMDD or YYYYMMDD) as ISO; None when malformed."""
    text = text.strip()
    if re.fullmatch(r"\d{8}", text):
        year, month, day = text[:4], text[4:6], text[6:]
    elif re.fullmatch(r"\d{6}", text):
        yy = int(text[:2])
        # Two-digit years: the dictionaries cover 1920s-2014.
        year = f"{2000 + yy if yy <= 30 else 1900 + yy}"
        month, day = text[2:4], text[4:]
    else:
        return None
    if not ("01" <= month <= "12" and "01" <= day <= "31"):
        return None
    return f"{year}-{month}-{day}"


def parse_code(text: str) -> tuple[str, str | None, str | None] | None:
    """'[RUSGOV 991231-080507]' -> ('RUSGOV', '1999-12-31', '2008-05-07')."""
    parts = text.strip().split()
    if not parts:
        return None
    code = parts[0].upper()
    if not re.fullmatch(r"[A-Z]{3,15}", code):
        return None
    start = end = None
    if len(parts) > 1:
        span = parts[1]
        if span.startswith(">"):
            start = phoenix_date(span[1:])
            if start is None:
                return None
        elif span.startswith("<"):
            end = phoenix_date(span[1:])
            if end is None:
                return None
        elif "-" in span:
            first, last = span.split("-", 1)
            start, end = phoenix_date(first), phoenix_date(last)
            if start is None or end is None:
                return None
        else:
            return None
    return code, start, end


def read_phoenix_actors(path: Path) -> Iterator[RawEntry]:
    """Entries of a PETRARCH .actors file.

    A name line (optionally followed by ``+synonym`` lines) opens an entry; indented or
    bracketed ``[CODE dates]`` lines (or codes on the name line) give its roles. Name lines
    with no codes yet are further synonyms of the entry being read. ``#`` starts a comment.
    """
    entry: RawEntry | None = None
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        line, _, comment = raw.partition("#")
        if not line.strip():
            if entry is not None and entry.codes:
                yield entry
                entry = None
            continue
        codes = [parse_code(c) for c in re.findall(r"\[([^\]]*)\]", line)]
        name_part = re.sub(r"\[[^\]]*\]", "", line).strip()
        is_synonym = name_part.startswith("+")
        name = name_part.lstrip("+").strip()
        if name and not is_synonym and entry is not None and entry.codes:
            yield entry
            entry = None
        if entry is None:
            if not name:
                continue
            entry = RawEntry(source=path.name)
        if name:
            entry.names.append(name)
        entry.codes.extend(c for c in codes if c is not None)
        if comment.strip():
            entry.comments.append(comment.strip())
    if entry is not None and entry.codes:
        yield entry


def read_phoenix_agents(path: Path) -> dict[str, str]:
    """Generic agent nouns -> primary sector, from Phoenix.agents.txt."""
    substitutions: dict[str, list[str]] = {}
    agents: dict[str, str] = {}
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        line = raw.partition("#")[0].strip()
        if not line:
            continue
        match = re.fullmatch(r"!(\w+)!\s*=\s*(.+)", line)
        if match:
            substitutions[match.group(1)] = [w.strip() for w in match.group(2).split(",")]
            continue
        code_match = re.search(r"\[~([A-Z]{3})[A-Z]*\]", line)
        if not code_match:
            continue
        sector = code_match.group(1)
        phrase = re.sub(r"\[[^\]]*\]|\{[^}]*\}", "", line).strip()
        for expanded in _expand_substitutions(phrase, substitutions):
            words = expanded.replace("_", " ").strip()
            if words.endswith(" MINIST") or words == "MINIST":  # a stem: minister/ministry
                for ending in ("ER", "RY"):
                    agents.setdefault(normalize(words + ending), sector)
                continue
            key = normalize(words)
            if key:
                agents.setdefault(key, sector)
    return agents


def _expand_substitutions(phrase: str, substitutions: dict[str, list[str]]) -> list[str]:
    match = re.search(r"!(\w+)!", phrase)
    if not match or match.group(1) not in substitutions:
        return [phrase]
    out: list[str] = []
    for word in substitutions[match.group(1)]:
        out.extend(
            _expand_substitutions(
                phrase[: match.start()] + word + phrase[match.end() :], substitutions
            )
        )
    return out


# -- names -------------------------------------------------------------------------------------


def phoenix_words(name: str) -> list[str]:
    name = re.sub(r"\([^)]*\)", " ", name)
    return [w for w in name.replace("_", " ").split() if w]


def acronyms_in(name: str) -> list[str]:
    return [a for a in re.findall(r"\(([A-Z][A-Z0-9.\-]{1,9})\)", name)]


def display_word(word: str, first: bool) -> str:
    """Title-case one upper-case Phoenix word: AL-ASSAD -> al-Assad, O'NEILL -> O'Neill."""
    if re.fullmatch(r"[A-Z]\.?", word):
        return word
    if re.fullmatch(r"(?:[A-Z]\.){2,}", word):
        return word
    parts = word.split("-")
    shown = []
    for index, part in enumerate(parts):
        lower = part.lower()
        if lower in PARTICLES and (index < len(parts) - 1 or not first):
            shown.append(lower)
        elif "'" in part:
            shown.append("'".join(p.capitalize() for p in part.split("'")))
        else:
            shown.append(part.capitalize())
    return "-".join(shown)


def display_name(words: list[str]) -> str:
    return " ".join(display_word(w, i == 0) for i, w in enumerate(words))


def is_acronym(words: list[str]) -> bool:
    return len(words) == 1 and re.fullmatch(r"[A-Z0-9.\-&]{2,6}", words[0]) is not None


def strip_titles(words: list[str], demonyms: set[str]) -> list[str]:
    index = 0
    while index < len(words) and (words[index] in TITLE_WORDS or words[index] in demonyms):
        index += 1
    return words[index:]


def ascii_id(text: str) -> str:
    plain = strip_diacritics(text)
    return re.sub(r"[^A-Z0-9]+", "_", plain.upper()).strip("_")


# -- the knowledge base being built ------------------------------------------------------------


@dataclass
class BuiltRole:
    code: str
    country: str | None
    sector: str | None
    title: str | None
    start: str | None
    end: str | None
    curated: bool = False

    def row(self) -> list[str | None]:
        return [self.code, self.country, self.sector, self.title, self.start, self.end]


@dataclass
class BuiltActor:
    name: str
    type: str
    aliases: list[str]
    roles: list[BuiltRole]
    surnames: list[str] = field(default_factory=list)
    curated: bool = False
    id: str = ""

    def name_keys(self) -> set[str]:
        return {normalize(n) for n in (self.name, *self.aliases)} - {""}

    def countries(self) -> set[str | None]:
        return {r.country or r.code[:3] for r in self.roles}

    def add_alias(self, alias: str) -> None:
        alias = " ".join(alias.split())
        if alias and alias != self.name and alias not in self.aliases:
            self.aliases.append(alias)


class CodeReader:
    """Splits CAMEO codes into country and sector."""

    def __init__(self, iso3: set[str]) -> None:
        self.iso3 = iso3 | EXTRA_COUNTRY_CODES

    def role(self, code: str, start: str | None, end: str | None) -> BuiltRole | None:
        head, rest = code[:3], code[3:]
        country: str | None
        sector: str | None
        if head == "MNC":  # multinational corporations: MNC + home country
            country = rest[:3] if rest[:3] in self.iso3 else None
            return BuiltRole(code, country, "BUS", None, start, end)
        if head in TRANSNATIONAL:
            country, sector = None, head
        elif head in self.iso3:
            country, sector = head, (rest[:3] or None)
        elif head in CAMEO_SECTORS:
            country, sector = None, head
        elif head in CAMEO_REGIONS or head in CAMEO_ETHNIC:
            country, sector = None, (rest[:3] or None)
        else:
            return None
        if sector is not None and sector not in CAMEO_SECTORS:
            sector = None
        if head == "IMG":  # international militarised groups behave as rebels
            sector = "REB"
        return BuiltRole(code, country, sector, None, start, end)


def phoenix_actor(entry: RawEntry, codes: CodeReader, demonyms: set[str]) -> BuiltActor | None:
    """A person or organisation from a Phoenix entry, or None for places and descriptions.
    ``demonyms`` (upper case) are stripped with titles from the front of person names."""
    roles = [r for c in entry.codes if (r := codes.role(*c)) is not None]
    # A bare country code names the country itself or a place in it: not an actor.
    roles = [r for r in roles if r.sector is not None]
    if not roles or not entry.names:
        return None
    names = [phoenix_words(n) for n in entry.names]
    acronyms = [a for n in entry.names for a in acronyms_in(n)]
    from_country_info = any("CountryInfo" in c for c in entry.comments)
    # People come from CountryInfo (leaders and ministers); otherwise organisation words,
    # acronyms and one-word IGO names mark an organisation.
    looks_like_org = (
        bool(set(names[0]) & ORG_WORDS)
        or is_acronym(names[0])
        or (roles[0].sector == "IGO" and len(names[0]) == 1)
    )
    company = any(r.code.startswith("MNC") for r in roles)
    if (
        entry.source.startswith("Phoenix.MilNonState")
        or company
        or (looks_like_org and not from_country_info)
    ):
        kind = ORG
    elif from_country_info or 2 <= len(names[0]) <= 5:
        kind = PERSON
    else:
        kind = ORG
    if kind == PERSON:
        primary = strip_titles(names[0], demonyms)
        if not primary:
            # "UN_SECRETARY_GENERAL": a description, which the entities stage resolves
            # through office_holder(), not a name.
            return None
        own = set(primary)
        forms = []
        for words in names:
            if set(words) & ORG_WORDS:  # "ASSAD_GOVERNMENT" under the person: not a name
                continue
            stripped = strip_titles(words, demonyms)
            # Keep the part from the first word the person's own name shares.
            first_own = next((i for i, w in enumerate(stripped) if w in own), None)
            if first_own is not None:
                stripped = stripped[first_own:]
            if stripped:
                forms.append(display_name(stripped))
        name = display_name(primary)
    else:
        # Company names are upper case in the lists but rarely acronyms ("EXXON").
        forms = [
            w[0] if is_acronym(w) and not (company and len(w[0]) > 4) else display_name(w)
            for w in names
            if w
        ]
        name = forms[0]
    actor = BuiltActor(name=name, type=kind, aliases=[], roles=roles)
    for form in forms[1:]:
        actor.add_alias(form)
    for acronym in acronyms:
        actor.add_alias(acronym)
    for role in actor.roles:
        if role.start is not None and role.end is None:
            role.end = max(PHOENIX_VINTAGE_END, role.start)
    return actor


def merge_duplicates(actors: list[BuiltActor]) -> list[BuiltActor]:
    """One actor per (type, name) whose roles share a country: Phoenix lists some people
    twice (under two spellings in one entry, or in two sections)."""
    merged: list[BuiltActor] = []
    by_key: dict[tuple[str, str], list[BuiltActor]] = {}
    for actor in actors:
        key = (actor.type, normalize(actor.name))
        for other in by_key.get(key, []):
            if actor.countries() & other.countries():
                for alias in actor.aliases:
                    other.add_alias(alias)
                for role in actor.roles:
                    if role not in other.roles:
                        other.roles.append(role)
                break
        else:
            by_key.setdefault(key, []).append(actor)
            merged.append(actor)
    return merged


# -- curated tables ----------------------------------------------------------------------------


def read_tsv(path: Path) -> list[dict[str, str]]:
    lines = [
        line
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    reader = csv.DictReader(io.StringIO("\n".join(lines)), delimiter="\t", quoting=csv.QUOTE_NONE)
    rows = []
    for number, row in enumerate(reader, start=2):
        if None in row or any(v is None for v in row.values()):
            raise SystemExit(f"{path}: row {number}: wrong number of columns: {row}")
        rows.append({k: (v or "").strip() for k, v in row.items()})
    return rows


def split_list(text: str) -> list[str]:
    return [item.strip() for item in text.split("|") if item.strip()]


def check_date(text: str, where: str) -> str | None:
    if not text:
        return None
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        raise SystemExit(f"{where}: bad date {text!r} (want YYYY-MM-DD)")
    return text


def read_countries(path: Path) -> list[list]:
    countries = []
    for row in read_tsv(path):
        countries.append(
            [
                row["iso3"],
                row["iso2"],
                row["name"],
                split_list(row["aliases"]),
                split_list(row["demonyms"]),
                split_list(row["capitals"]),
                row["kind"] == "state",
            ]
        )
    return countries


def curated_code(row: dict[str, str], where: str) -> BuiltRole:
    country = row.get("country") or None
    code = row.get("code") or ""
    sector = row.get("sector") or ""
    if not code:
        if not country:
            raise SystemExit(f"{where}: needs a country or a code")
        code = country + (sector or "GOV")
    ethnic = code[:3] in CAMEO_ETHNIC
    if not sector and not ethnic:
        if code.startswith("IGO"):
            sector = "IGO"
        elif code.startswith("IMG"):  # transnational armed groups are coded as rebels
            sector = "REB"
        else:
            sector = code[3:6] or "GOV"
    if code.startswith(("IGO", "NGO", "IMG")) or ethnic:
        country = None
    elif country is None:
        country = code[:3]
    start = check_date(row.get("start", ""), where)
    end = check_date(row.get("end", ""), where)
    if start and end and end < start:
        raise SystemExit(f"{where}: office ends ({end}) before it starts ({start})")
    return BuiltRole(
        code=code,
        country=country,
        sector=sector or None,
        title=(row.get("title") or "").lower() or None,
        start=start,
        end=end,
        curated=True,
    )


def add_country_spellings(countries: list[list], path: Path, codes: CodeReader) -> None:
    """Add the Phoenix country entries' variant spellings ("AFGANISTAN", "QUATAR") to the
    countries' aliases. The same entries list cities and provinces, so only close variants
    of one of the country's own names are taken, and never another country's name."""
    by_code = {c[0]: c for c in countries}
    taken = {normalize(n): c[0] for c in countries for n in (c[2], *c[3])}
    demonyms = {normalize(d) for c in countries for d in c[4]}
    for entry in read_phoenix_actors(path):
        roles = [codes.role(*c) for c in entry.codes]
        bare = {r.country for r in roles if r is not None and r.sector is None}
        if len(bare) != 1 or any(r is not None and r.sector for r in roles):
            continue
        country = by_code.get(bare.pop() or "")
        if country is None:
            continue
        own = [normalize(n) for n in (country[2], *country[3])]
        for raw in entry.names:
            words = phoenix_words(raw)
            key = normalize(" ".join(words))
            if not key or key in taken or key in demonyms or len(key) < 4:
                continue
            if not re.fullmatch(r"[A-Za-z][A-Za-z .'\-]+", " ".join(words)):
                continue  # mis-encoded or non-Latin spellings
            if max(difflib.SequenceMatcher(None, key, o).ratio() for o in own) < 0.8:
                continue
            # Closer to another country's name ("NIGER" ~ "Nigeria"): not ours.
            matcher = difflib.SequenceMatcher(None, key)
            rival = (0.0, "")
            for name, code in taken.items():
                matcher.set_seq2(name)
                if matcher.real_quick_ratio() > rival[0] and matcher.ratio() > rival[0]:
                    rival = (matcher.ratio(), code)
            if rival[1] != country[0]:
                continue
            country[3].append(display_name(words))
            taken[key] = country[0]


def read_curated_people(path: Path) -> list[BuiltActor]:
    people: dict[str, BuiltActor] = {}
    for number, row in enumerate(read_tsv(path), start=1):
        where = f"{path.name}: row {number} ({row['name']})"
        role = curated_code(row, where)
        person = people.get(row["name"])
        if person is None:
            person = BuiltActor(name=row["name"], type=PERSON, aliases=[], roles=[], curated=True)
            people[row["name"]] = person
        for alias in split_list(row["aliases"]):
            person.add_alias(alias)
        for surname in split_list(row.get("surname", "")):
            if surname not in person.surnames:
                person.surnames.append(surname)
        person.roles.append(role)
    for person in people.values():
        if not person.surnames:
            # The last word, without a hyphenated particle: "Bashar al-Assad" -> "Assad".
            last = person.name.split()[-1]
            person.surnames.append(re.sub(r"^(?:al|el|ad|as|ash|an|ar|az)-", "", last, flags=re.I))
    return list(people.values())


def read_curated_orgs(path: Path) -> list[BuiltActor]:
    orgs: list[BuiltActor] = []
    for number, row in enumerate(read_tsv(path), start=1):
        where = f"{path.name}: row {number} ({row['name']})"
        org = BuiltActor(
            name=row["name"],
            type=row["type"] or ORG,
            aliases=[],
            roles=[curated_code(row, where)],
            curated=True,
        )
        for alias in split_list(row["aliases"]):
            org.add_alias(alias)
        orgs.append(org)
    return orgs


def merge_curated(curated: BuiltActor, phoenix: list[BuiltActor]) -> BuiltActor:
    """Fold the Phoenix entries of a curated actor into it. Curated offices are
    authoritative: a Phoenix role of the same country (or IGO) is kept only if it ended
    before the curated record begins or is the undated "elite" fallback. Curated
    organisations keep only their curated roles."""
    if curated.type != PERSON:
        # Curated organisations keep their own names: Phoenix lists fronts, leaders and
        # predecessors among an organisation's names ("Islamic Jihad" under Hezbollah).
        return curated
    for old in phoenix:
        for alias in (old.name, *old.aliases):
            curated.add_alias(alias)
        for role in old.roles:
            same_slot = [r for r in curated.roles if r.code[:3] == role.code[:3]]
            first_start = min((r.start for r in same_slot if r.start), default=None)
            # An undated Phoenix role is a fallback; for a person whose offices are curated
            # only the "elite" fallback survives (an undated GOV would outlive the term).
            fallback = role.start is None and role.end is None and role.sector == "ELI"
            ended_before = role.end is not None and (first_start is None or role.end < first_start)
            if not same_slot or fallback or ended_before:
                curated.roles.append(role)
    return curated


def assign_ids(actors: list[BuiltActor]) -> None:
    used: set[str] = set()
    for actor in actors:
        if actor.type == PERSON:
            words = actor.name.split()
            surname = actor.surnames[0] if actor.surnames else words[-1]
            surname_key = without_particles(normalize(surname))
            rest = [w for w in words if without_particles(normalize(w)) != surname_key]
            base = ascii_id(" ".join([surname, *rest]))
        else:
            igo = any(r.sector == "IGO" for r in actor.roles)
            short = min(
                (a for a in actor.aliases if re.fullmatch(r"[A-Z][A-Z.\-]{1,9}", a)),
                key=len,
                default=actor.name,
            )
            base = ("IGO_" if igo else "") + ascii_id(short)
        candidate, number = base or "ACTOR", 1
        while candidate in used:
            number += 1
            candidate = f"{base}_{number}"
        used.add(candidate)
        actor.id = candidate


def build(phoenix_dir: Path, kb_dir: Path) -> dict:
    countries = read_countries(kb_dir / "countries.tsv")
    iso3 = {c[0] for c in countries}
    demonym_words = {w.upper() for c in countries for d in c[4] for w in d.split()}
    codes = CodeReader(iso3)

    add_country_spellings(countries, phoenix_dir / "Phoenix.Countries.actors.txt", codes)

    phoenix: list[BuiltActor] = []
    for filename in (
        "Phoenix.Countries.actors.txt",
        "Phoenix.International.actors.txt",
        "Phoenix.MilNonState.actors.txt",
    ):
        for entry in read_phoenix_actors(phoenix_dir / filename):
            actor = phoenix_actor(entry, codes, demonym_words)
            if actor is not None:
                phoenix.append(actor)
    phoenix = merge_duplicates(phoenix)

    curated = read_curated_people(kb_dir / "leaders.tsv") + read_curated_orgs(
        kb_dir / "organisations.tsv"
    )
    by_key: dict[str, list[BuiltActor]] = {}
    for actor in phoenix:
        for key in sorted(actor.name_keys()):
            by_key.setdefault(key, []).append(actor)
    absorbed: set[int] = set()
    for actor in curated:
        slots = {r.code[:3] for r in actor.roles}
        full_name = normalize(actor.name) if len(actor.name.split()) >= 2 else None
        matches: list[BuiltActor] = []
        for key in sorted(actor.name_keys()):
            for old in by_key.get(key, []):
                # The same name in the same country (or IGO) is the same actor; a curated
                # person's full name also claims their other careers (Guterres in Portugal).
                same_slot = bool(slots & {r.code[:3] for r in old.roles})
                if (
                    old.type == actor.type
                    and id(old) not in absorbed
                    and (same_slot or (actor.type == PERSON and key == full_name))
                ):
                    matches.append(old)
                    absorbed.add(id(old))
        merge_curated(actor, matches)
    actors = curated + [a for a in phoenix if id(a) not in absorbed]
    # Phoenix lists some leaders under their group ("HASSAN_NASRALLAH" under Hezbollah):
    # a curated person's name is not an organisation's alias.
    people = {k for a in curated if a.type == PERSON for k in a.name_keys()}
    for actor in actors:
        if actor.curated:
            continue
        if actor.type != PERSON:
            actor.aliases = [x for x in actor.aliases if normalize(x) not in people]
        else:
            # A bare surname ("SMITH_") of a minor Phoenix figure would claim every Smith;
            # surname lookups still find them through their full names.
            actor.aliases = [
                x for x in actor.aliases if len(without_particles(normalize(x)).split()) > 1
            ]

    actors.sort(key=lambda a: (not a.curated, a.type, a.name))
    assign_ids(actors)

    agents = read_phoenix_agents(phoenix_dir / "Phoenix.agents.txt")
    for row in read_tsv(kb_dir / "agents.tsv"):
        agents[normalize(row["word"])] = row["sector"]
    titles = {normalize(r["text"]): r["title"] for r in read_tsv(kb_dir / "titles.tsv")}

    rows = [
        [
            a.id,
            a.name,
            a.type,
            a.aliases,
            [r.row() for r in sorted(a.roles, key=_role_order)],
            a.surnames,
        ]
        for a in actors
    ]
    return {
        "version": DATA_VERSION,
        "countries": countries,
        "curated": sum(1 for a in actors if a.curated),
        "actors": rows,
        "index": actor_index(rows),
        "agents": dict(sorted(agents.items())),
        "titles": dict(sorted(titles.items())),
    }


def _role_order(role: BuiltRole) -> tuple[str, str, str]:
    return (role.start or "", role.end or "", role.code)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--phoenix", type=Path, default=DEFAULT_PHOENIX)
    parser.add_argument("--kb", type=Path, default=KB_DIR, help="curated tables (kb/)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    data = build(args.phoenix, args.kb)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    with (
        args.out.open("wb") as raw,
        gzip.GzipFile(filename="", fileobj=raw, mode="wb", mtime=0) as out,
    ):
        out.write(payload)
    roles = sum(len(a[4]) for a in data["actors"])
    people = sum(1 for a in data["actors"] if a[2] == PERSON)
    print(
        f"{args.out}: {len(data['countries'])} countries, {len(data['actors'])} actors "
        f"({people} people), {roles} roles, {len(data['agents'])} agent words, "
        f"{len(data['titles'])} titles; {args.out.stat().st_size // 1024} KiB"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
