"""PLOVER modes of CONSULT that depend on who met where, not on the trigger word.

PLOVER's CONSULT modes are phone, visit, third-party and multilateral. Phone and visit come
from the CAMEO code (041, 042/043); a meeting of three or more parties is multilateral; a
meeting of parties whose countries are all known, held in a country none of them belongs to,
is third-party (CAMEO 044).
"""

from __future__ import annotations

from functools import lru_cache

from dateline.model import Analysis, Event

MULTILATERAL_SIZE = 3


@lru_cache(maxsize=512)
def _alpha3(alpha2: str) -> str | None:
    import pycountry

    country = pycountry.countries.get(alpha_2=alpha2.upper())
    return country.alpha_3 if country else None


def _participant_countries(event: Event, analysis: Analysis) -> list[str | None]:
    countries = []
    for entity_id in {*event.actor, *event.recipient}:
        entity = analysis.entity(entity_id)
        countries.append(entity.country if entity else None)
    return countries


def _place_country(event: Event, analysis: Analysis) -> str | None:
    location = next((loc for loc in analysis.locations if loc.id == event.location), None)
    if location is None or not location.country:
        return None
    return _alpha3(location.country)


def consult_mode(event: Event, analysis: Analysis) -> str | None:
    """The PLOVER mode of a CONSULT event: the coded one, else from its parties and place."""
    if event.type != "CONSULT" or event.mode is not None:
        return event.mode
    parties = {*event.actor, *event.recipient}
    if len(parties) >= MULTILATERAL_SIZE:
        return "multilateral"
    countries = _participant_countries(event, analysis)
    place = _place_country(event, analysis)
    if len(parties) >= 2 and place and all(countries) and place not in countries:
        return "third-party"
    return None
