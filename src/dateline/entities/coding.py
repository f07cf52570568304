"""Actor coding: country (ISO alpha-3), PLOVER/CAMEO sector and a CAMEO-style code.

Knowledge-base roles are date-aware (who held which office on the article's date); what the
article itself states ("former Kremlin advisor", "Syrian rebels") fills in for people and
groups the knowledge base does not know.
"""

from __future__ import annotations

from dataclasses import dataclass

from dateline.entities.kb import Actor, Role, load_kb
from dateline.entities.lexicon import lexicon
from dateline.entities.places import country_of_place, named_country


@dataclass(frozen=True)
class Coding:
    country: str | None = None
    sector: str | None = None
    code: str | None = None
    kb_id: str | None = None


# Sectors that make a code without a country: unidentified rebels, opposition, IGOs, ...
COUNTRYLESS_SECTORS = {"IGO", "NGO", "OPP", "REB", "MIL", "COP", "REF", "UAF", "INS", "SPY", "MNC"}
# Sectors guessed from the words of an unknown organisation's name ("... Democratic Forces").
NAME_WORD_SECTORS = {"GOV", "MIL", "REB", "OPP", "COP", "LEG", "JUD", "PTY", "MED", "SPY", "UAF"}
# Offices CAMEO codes as military though their holders are civilian ministers.
DEFENCE_TITLES = frozenset(
    {"defence minister", "defense minister", "defence secretary", "defense secretary"}
)
# Head words of public bodies named after their town or state, with the sector they imply
# when the head names none of its own (None: only the country is known).
PUBLIC_BODY_HEADS = {
    "department": "GOV",
    "council": "GOV",
    "commission": "GOV",
    "authority": "GOV",
    "agency": "GOV",
    "court": "JUD",
    "police": "COP",
    "legislature": "LEG",
    "assembly": "LEG",
    "university": "EDU",
    "college": "EDU",
    "school": "EDU",
    "hospital": None,
    "museum": None,
    "times": "MED",
    "post": "MED",
    "herald": "MED",
    "tribune": "MED",
    "gazette": "MED",
    "journal": "MED",
    "chronicle": "MED",
}


# Head words that say only that a body is an office; the word before them may name its work.
GENERIC_BODY_HEADS = {"office", "department", "bureau", "service", "division", "unit", "squad"}
# Sectors such a modifier may give ("Sheriff's Office": COP; "Prosecutor's Office": JUD); not
# "General" of "Attorney General's Office", which the dictionary reads as the military.
MODIFIER_SECTORS = {"COP", "JUD"}
# Adjectives and nouns that open the names of public bodies and parties anywhere ("Federal
# Government", "Central Bank", "Liberal Party", "Union Council"): no town the body is named
# after, though GeoNames has towns so called (Federal in Argentina, Police in Poland).
BODY_NAME_WORDS = frozenset(
    {
        "federal",
        "central",
        "national",
        "state",
        "liberal",
        "green",
        "union",
        "liberty",
        "royal",
        "united",
        "general",
        "supreme",
        "democratic",
        "republican",
        "progressive",
        "conservative",
        "independent",
        "regional",
        "municipal",
        "provincial",
    }
)


def make_code(country: str | None, sector: str | None) -> str | None:
    """CAMEO-style code: "RUS" + "GOV" -> "RUSGOV"; without a country only sectors that
    stand alone ("REB", "OPP"), else None."""
    if country is None:
        return sector if sector in COUNTRYLESS_SECTORS else None
    return country + (sector or "")


def coded_sector(role: Role) -> str | None:
    """The sector a KB office is coded with: CAMEO codes defence ministers as the military
    (MIL), whatever the KB's source lists."""
    if role.title in DEFENCE_TITLES and role.sector == "GOV":
        return "MIL"
    return role.sector


def code_actor(actor: Actor, date: str | None, stated: Coding | None = None) -> Coding:
    """Code a knowledge-base actor for ``date``; a person out of office keeps their country
    and is coded as an elite (ELI), unless the article states a current office."""
    role = actor.role_on(date)
    if role is not None:
        sector = coded_sector(role)
        if sector != role.sector:  # the KB's own code names the sector it lists
            return Coding(role.country, sector, make_code(role.country, sector), actor.id)
        return Coding(
            role.country, role.sector, role.code or make_code(role.country, role.sector), actor.id
        )
    country = stated.country if stated and stated.country else _last_country(actor)
    sector = stated.sector if stated and stated.sector else ("ELI" if country else None)
    return Coding(country, sector, make_code(country, sector), actor.id)


def _last_country(actor: Actor) -> str | None:
    for role in reversed(actor.roles):
        if role.country:
            return role.country
    return None


def code_stated(country: str | None, sector: str | None) -> Coding:
    return Coding(country, sector, make_code(country, sector))


def code_place(name: str) -> Coding:
    country = country_of_place(name)
    iso3 = country.iso3 if country is not None else None
    return Coding(iso3, None, iso3)


def code_nationality(text: str) -> Coding:
    country = load_kb().country(text)
    iso3 = country.iso3 if country is not None else None
    return Coding(iso3, None, iso3)


def code_organisation(name: str, date: str | None) -> Coding:
    """A named organisation: from the knowledge base, else from its words ("Syrian Democratic
    Forces": a Syrian armed force; "Levada Center": nothing known)."""
    kb = load_kb()
    actor = kb.organisation(name)
    if actor is not None:
        return code_actor(actor, date)
    country = None
    words = name.replace("’", "'").split()
    for word in words:
        found = named_country(word.removesuffix("'s"))
        if found is not None:
            country = found.iso3
            break
    # Only the head word names what the body is: "... Democratic Forces" (MIL), "... People's
    # Congress" (LEG), but not the "General" of General Motors.
    sector = kb.agent(words[-1]) if words else None
    if sector not in NAME_WORD_SECTORS:
        sector = None
    head = words[-1].lower() if words else ""
    if len(words) > 1 and head in GENERIC_BODY_HEADS:
        # "Sheriff's Office", "Police Department": a generic head takes the sector its
        # modifier names, when that is policing or the courts.
        named = kb.agent(words[-2].removesuffix("'s"))
        if named in MODIFIER_SECTORS:
            sector = named
    if country is None and len(words) > 1 and (sector or head in PUBLIC_BODY_HEADS):
        # A public body or newspaper named after its town or state: "Boise Fire Department",
        # "Manhattan Supreme Court", "Los Angeles Times" (the leading words only, and only
        # before such a head: "Best" in "Best Supporting Actress" is also a Dutch town).
        for n in range(min(3, len(words) - 1), 0, -1):
            first = words[0].lower()
            if first in BODY_NAME_WORDS or kb.agent(first) is not None:
                break  # "Federal Government", "Police Service": no town's body
            place = country_of_place(" ".join(words[:n]).removesuffix("'s"))
            if place is not None:
                country = place.iso3
                sector = sector or PUBLIC_BODY_HEADS.get(head)
                break
    lowered = {w.lower() for w in words}
    multinational = lowered & lexicon().multinational_words
    if country is None and multinational and lowered & lexicon().international_body_words:
        # "European Community", "Asia-Pacific Economic Cooperation": an international body.
        return Coding(None, "IGO", "IGO")
    if country is None and sector is None:
        return Coding()
    return Coding(country, sector, make_code(country, sector))
