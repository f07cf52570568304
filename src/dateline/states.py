"""Which parties of an article act for one state: "Russia", "Moscow", "the Kremlin" and "the
Russian government" are one side of an event however an outlet names it (``state_actor``), and
"the administration" coded without a country acts for the one state its article implies
(``implied_country``). Shared by the events stage (one act told twice in one article,
``dateline.events.merge``) and the store (one act told by several articles,
``dateline.store.event_identity``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache

from dateline.model import Analysis, Entity
from dateline.text import singular

# Agent sectors of a state acting as a whole: its government, ministries, agencies and
# administration, as the entities stage codes them. Not its legislature (LEG), courts (JUD),
# military (MIL), police (COP), parties (PTY), opposition (OPP) or rebels (REB): a reader tells
# those apart from the government, and a country's government from its opposition.
STATE_SECTORS = frozenset({"GOV"})
# Entity types that may name a state as a whole ("Russia", "the U.S.", "Moscow"): not people,
# and not nationalities ("Americans" are people of the country, not its government).
STATE_NAME_TYPES = frozenset({"LOCATION", "ORG", "GROUP"})
# Place kinds that are no capital, whatever their name: the state of Washington.
_NOT_CAPITAL_KINDS = frozenset({"admin1", "admin2"})
_WORD = re.compile(r"[A-Za-z][A-Za-z'\-]+")


def state_actor(entity: Entity, place_kinds: Iterable[str] = ()) -> str | None:
    """``state:ISO3`` when the entity is a state acting as a whole: a body the entities stage
    codes as the government of a country (``STATE_SECTORS``: "the Obama administration", "the
    State Department", "the U.S. government"), or the country itself named as a party, by its
    name or its capital ("Russia", "the U.S.", "Moscow"). None for a person (two officials of
    one government are two parties), a nationality, a city that is no capital, anything
    without a country, and every other sector (legislature, opposition, rebels...).
    ``place_kinds``: the kinds of the places the geo stage linked to the entity."""
    if entity.type == "PERSON" or not entity.country:
        return None
    if entity.sector in STATE_SECTORS:
        return "state:" + entity.country
    if entity.sector is not None or entity.type not in STATE_NAME_TYPES:
        return None
    capital_possible = not _NOT_CAPITAL_KINDS.intersection(place_kinds)
    if _names_state(entity.name, entity.country, capital_possible):
        return "state:" + entity.country
    return None


@lru_cache(maxsize=4096)
def _names_state(name: str, country: str, capital_possible: bool) -> bool:
    """Whether ``name`` is the name (or an alias, not a nationality word) of the country
    ``country`` (ISO alpha-3), or its capital when the place may be one."""
    from dateline.entities.kb import load_kb, normalize

    kb = load_kb()
    named = kb.country(name)
    if named is not None and named.iso3 == country:
        bare = normalize(re.sub(r"^\s*the\s+", "", name, flags=re.IGNORECASE))
        return bare not in {normalize(word) for word in named.demonyms}
    capital_of = kb.country_by_capital(name) if capital_possible else None
    return capital_of is not None and capital_of.iso3 == country


def state_ids(analysis: Analysis) -> dict[str, str]:
    """Document-local entity id -> the state it acts for (``state_actor``), where it does; a
    government body the entities stage codes without a country ("the administration", "the
    government") acts for the state the article implies (``implied_country``) when the article
    names it by a definite description (``_definite``)."""
    kinds: dict[str, set[str]] = {}
    for location in analysis.locations:
        if location.entity and location.kind:
            kinds.setdefault(location.entity, set()).add(location.kind)
    found = {}
    for entity in analysis.entities:
        if _countryless_government(entity) and _definite(entity, analysis):
            country = implied_country(entity, analysis.entities)
            if country is not None:
                entity = entity.model_copy(update={"country": country})
        state = state_actor(entity, kinds.get(entity.id, ()))
        if state is not None:
            found[entity.id] = state
    return found


def _countryless_government(entity: Entity) -> bool:
    return entity.type != "PERSON" and not entity.country and entity.sector in STATE_SECTORS


# "the government", "the administration", "The ministry": the word before a definite
# description, which names a body the reader can tell from the article.
_DEFINITE_BEFORE = re.compile(r"\bthe\s+$", re.IGNORECASE)
_DEFINITE_NAME = re.compile(r"^the\s", re.IGNORECASE)


def _definite(entity: Entity, analysis: Analysis) -> bool:
    """Whether the article names the body by a definite description ("the government", "the
    federal government"), at least once. A bare plural or an indefinite ("officials", "a
    spokesman", "another aide") introduces unnamed members, of any government the article
    mentions: no state is implied for them."""
    for mention in entity.mentions:
        if _DEFINITE_NAME.match(mention.text):
            return True
        text = analysis.article.field_text(mention.field) or ""
        if _DEFINITE_BEFORE.search(text[max(0, mention.start - 8) : mention.start]):
            return True
    return False


def _head_word(name: str) -> str:
    """The last word of a name, lower-cased and singular: what a description names ("the
    administration" of "the Obama administration", "authorities" of "Cuban authorities")."""
    words = _WORD.findall(name)
    return singular(words[-1].lower()) if words else ""


def implied_country(body: Entity, entities: Sequence[Entity]) -> str | None:
    """The country whose government a body coded without one ("the administration", "the
    government", "officials") belongs to, when the article leaves one reading: the one country
    of the article's government bodies with the body's head word ("the Obama administration"
    for "the administration"); failing that, the one country of every government party the
    article codes (its ministries, leaders and officials: "Fidel Castro" for "the government"
    in a report from Havana). None when the article names the governments of two countries:
    a reader could not tell which one "the government" is."""
    governing = [e for e in entities if e.country and e.sector in STATE_SECTORS]
    head = _head_word(body.name)
    alike = {e.country for e in governing if e.type != "PERSON" and _head_word(e.name) == head}
    if alike:
        return alike.pop() if len(alike) == 1 else None
    countries = {e.country for e in governing}
    return countries.pop() if len(countries) == 1 else None
