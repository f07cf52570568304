"""The geo stage: fill ``analysis.locations`` with the article's places, resolved to GeoNames.

1. Find toponym mentions (``toponyms``): the dateline, the entities stage's LOCATION mentions,
   spaCy GPE/LOC entities, demonyms that locate something ("Syrian territory"), proper nouns the
   gazetteer knows as notable places (spaCy's small model mislabels "Kyiv" as a PERSON),
   small places right after "in"/"near", and a notable place or county opening or closing a
   longer name ("the Georgian Parliament", "Madison County Health Department"). Overlaps are
   removed, earlier sources winning; names no gazetteer knows are narrowed to the place they
   open with. Then, with those resolved, the uncertain ones (a small town opening a name, a
   capitalised word the model calls a person or an organisation) are kept only near them.
2. Group mentions by name and look up their candidates in the offline gazetteer (``gazetteer``).
3. Choose one place per name on evidence (``resolve``).
4. One Location per distinct place, with every mention and the entity id when there is one.
   A name the gazetteer does not know keeps a Location with a null id.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc

from dateline.geo import toponyms as tp
from dateline.geo.gazetteer import Gazetteer, Place, load_gazetteer
from dateline.geo.names import name_key
from dateline.geo.resolve import POINT_KINDS, Toponym, distance_km, resolve
from dateline.model import Analysis, Location, Span
from dateline.stage import Parsed, Stage


def candidates_for(gazetteer: Gazetteer, mention: tp.Mention) -> list[Place]:
    """Places the mention may name; a word that is both a name and a demonym ("Canadian",
    a town in Texas) keeps both readings for the resolver to weigh."""
    if mention.is_demonym:
        return gazetteer.demonym(mention.text)
    places = gazetteer.lookup(mention.text)
    if _short_capitals(mention):
        return [p for p in places if _abbreviated(gazetteer, p, mention.text)]
    return places + [p for p in gazetteer.demonym(mention.text) if p not in places]


# Kinds of place an upper-case abbreviation stands for ("UK", "DC", "EU"); a town's name
# is never written in capitals in running text.
ABBREVIATED_KINDS = frozenset({"country", "admin1", "continent", "region", "water", "building"})


def _short_capitals(mention: tp.Mention) -> bool:
    """Two or three capital letters outside the dateline ("BA", "MA", "UK"): an abbreviation,
    not a town written in capitals ("ROME —" opens a dateline)."""
    letters = mention.text.replace(".", "")
    return (
        2 <= len(letters) <= 3
        and letters.isalpha()
        and letters.isupper()
        and not (mention.is_dateline)
    )


def _stray_abbreviation(gazetteer: Gazetteer, mention: tp.Mention) -> bool:
    """An abbreviation the gazetteer knows only as towns' spellings ("BA", "MA"): no place."""
    if mention.is_demonym or not _short_capitals(mention):
        return False
    places = gazetteer.lookup(mention.text)
    return bool(places) and not any(_abbreviated(gazetteer, p, mention.text) for p in places)


def _abbreviated(gazetteer: Gazetteer, place: Place, text: str) -> bool:
    """Whether an abbreviation may stand for the place: an area's code or short form ("UK"),
    or a curated alias of a city ("NYC"); not a town of that spelling ("Ba", Fiji; "Uk",
    Russia) nor a town's stray alternate name (Bath's "BA", a degree)."""
    if place.kind in ABBREVIATED_KINDS:
        return True
    own_name = name_key(place.name) == name_key(text)
    return not own_name and gazetteer.is_preferred_name(place, text)


def group_toponyms(gazetteer: Gazetteer, mentions: Sequence[tp.Mention]) -> list[Toponym]:
    """One Toponym per distinct name (demonyms keyed apart from names: "Kurdish" != "Kurdistan")."""
    toponyms: dict[str, Toponym] = {}
    for mention in mentions:
        key = toponym_key(mention)
        toponym = toponyms.get(key)
        if toponym is None:
            toponym = Toponym(
                key=key,
                text=mention.text,
                candidates=candidates_for(gazetteer, mention),
                is_demonym=mention.is_demonym,
            )
            toponyms[key] = toponym
        if mention.qualifier:
            toponym.qualifiers.add(mention.qualifier)
        toponym.is_dateline = toponym.is_dateline or mention.is_dateline
        toponym.area_word = toponym.area_word or mention.area_word
        toponym.natural = toponym.natural or mention.natural
    return list(toponyms.values())


def toponym_key(mention: tp.Mention) -> str:
    return ("demonym:" if mention.is_demonym else "") + mention.key


def _place_identity(place: Place | None, key: str) -> tuple[object, ...]:
    if place is None:
        return ("unresolved", key)
    if place.geonameid is not None:
        return ("geonames", place.geonameid)
    return ("curated", place.kind, place.name)


def _public_kind(place: Place | None) -> str | None:
    """The Location kind: capitals are cities to the document's readers."""
    if place is None:
        return None
    return "city" if place.kind == "capital" else place.kind


def _admin1(place: Place | None) -> str | None:
    """The first-level division a place lies in (for counts by state or province)."""
    if place is None or place.kind in ("country", "continent", "region", "water"):
        return None
    return place.admin1 or None


def build_locations(
    mentions: Sequence[tp.Mention], choices: dict[str, Place | None]
) -> list[Location]:
    """One Location per distinct place, in order of first mention."""
    grouped: dict[tuple[object, ...], list[tp.Mention]] = {}
    places: dict[tuple[object, ...], Place | None] = {}
    for mention in mentions:
        key = toponym_key(mention)
        place = choices.get(key)
        identity = _place_identity(place, key)
        grouped.setdefault(identity, []).append(mention)
        places[identity] = place
    locations: list[Location] = []
    for number, (identity, group) in enumerate(grouped.items(), start=1):
        place = places[identity]
        entity = next((m.entity for m in group if m.entity), None)
        spans = [Span(start=m.start, end=m.end, text=m.text, field=m.field) for m in group]
        name_mention = next((m for m in group if not m.is_demonym), group[0])
        locations.append(
            Location(
                id=f"L{number}",
                name=place.name if place else name_mention.text,
                geonameid=place.geonameid if place else None,
                country=place.country if place else None,
                admin1=_admin1(place),
                lat=place.lat if place else None,
                lon=place.lon if place else None,
                kind=_public_kind(place),
                entity=entity,
                mentions=spans,
            )
        )
    return locations


def find_mentions(analysis: Analysis, doc: Doc, gazetteer: Gazetteer) -> list[tp.Mention]:
    """Every toponym mention of the article, overlaps removed."""
    text = analysis.article.text
    dateline = tp.from_dateline(text, gazetteer)
    person_words = tp.person_words(analysis, doc)
    entity_mentions = tp.from_entities(analysis, gazetteer, person_words)
    doc_mentions = tp.from_doc(doc, gazetteer, person_words)
    gazetteer_mentions = tp.from_gazetteer(doc, gazetteer, person_words)
    in_names = tp.from_names(doc, gazetteer, person_words)
    organisations = known_organisations(analysis, gazetteer)
    in_names = [
        c
        for c in in_names
        if _span(c.mention) not in organisations and _lies_where_stated(gazetteer, c.mention)
    ]
    mentions = tp.merge(
        dateline,
        entity_mentions,
        doc_mentions,
        gazetteer_mentions,
        [c.mention for c in in_names if c.sure],
    )
    mentions = tp.shrink_unknown(mentions, gazetteer, person_words)
    unsure = [c.mention for c in in_names if not c.sure]
    unsure += [
        c.mention
        for c in tp.from_capitalised(doc, gazetteer, person_words, tp.person_names(analysis))
        if _span(c.mention) not in organisations
    ]
    if unsure:
        mentions = tp.merge(mentions, supported(unsure, mentions, text, gazetteer))
    for mention in mentions:
        if any(mention.overlaps(d) for d in dateline):
            mention.is_dateline = True
    mentions = [m for m in mentions if not _stray_abbreviation(gazetteer, m)]
    tp.link_entities(mentions, entity_mentions)
    return tp.add_qualifiers(mentions, text, gazetteer)


def _lies_where_stated(gazetteer: Gazetteer, mention: tp.Mention) -> bool:
    """Whether a place inside a longer name lies where the text puts the named thing: "the
    Paris Guest House in Accra" is named after Paris, not in it (no mention of Paris), while
    "Dublin City Council in Ohio" is the Ohio town's (the state then qualifies the name)."""
    if mention.name_located_in is None or mention.is_demonym:
        return True  # "the Turkish Embassy in Moscow" is Turkey's, wherever it stands
    stated = [p for p in gazetteer.lookup(mention.name_located_in) if p.kind != "building"]
    if not stated:
        return True  # not a place ("in March", "in Parliament"): nothing to check
    places = gazetteer.lookup(mention.text)
    if not any(_within(place, area) for place in places for area in stated):
        return False
    if mention.qualifier is None and any(a.kind in ("country", "admin1") for a in stated):
        mention.qualifier = name_key(mention.name_located_in)
    return True


AREA_RANK = {"country": 2, "admin1": 1}


def _within(place: Place, stated: Place) -> bool:
    """Whether ``place`` and the stated place are one area or lie one in the other, or near."""
    if place.kind in AREA_RANK or stated.kind in AREA_RANK:
        outer, inner = sorted((place, stated), key=lambda p: AREA_RANK.get(p.kind, 0))[::-1]
        if outer.kind == "country":
            return inner.country == outer.country
        if outer.kind == "admin1":
            return (inner.country, inner.admin1) == (outer.country, outer.admin1)
        return False
    return distance_km(place, stated) <= SUPPORT_KM


def _span(mention: tp.Mention) -> tuple[int, int]:
    return (mention.start, mention.end)


def known_organisations(analysis: Analysis, gazetteer: Gazetteer) -> set[tuple[int, int]]:
    """Spans of the mentions (by name) of organisations the knowledge base knows ("Nato",
    "Google"): such a name is no town, even one GeoNames spells alike (Nato in the
    Philippines) or lists as an alternate name. A building of that name stays a place
    ("the Pentagon", "Downing Street")."""
    spans: set[tuple[int, int]] = set()
    for entity in analysis.entities:
        if entity.type != "ORG" or entity.kb_id is None:
            continue
        for mention in entity.mentions:
            text = mention.text
            start = mention.start
            for article in ("the ", "The "):
                if text.startswith(article):
                    text, start = text[len(article) :], start + len(article)
            if not text[:1].isupper():
                continue  # "it", "the organisation": not a name
            if any(p.kind == "building" for p in gazetteer.lookup(text)):
                continue
            spans.add((start, start + len(text)))
    return spans


# How close an uncertain name's place must lie to a place the article surely names.
SUPPORT_KM = 160.0


def supported(
    unsure: Sequence[tp.Mention], sure: Sequence[tp.Mention], text: str, gazetteer: Gazetteer
) -> list[tp.Mention]:
    """The uncertain names (a town's name inside a club's, a word the model called a person)
    that the gazetteer places near the article's sure places: within ``SUPPORT_KM`` of one,
    or inside a state or province the article names. Local news names its neighbourhood."""
    with_qualifiers = tp.add_qualifiers([*sure], text, gazetteer)
    choices = resolve(gazetteer, group_toponyms(gazetteer, with_qualifiers))
    points = [p for p in choices.values() if p is not None and p.kind in POINT_KINDS]
    areas = {
        (p.country, p.admin1)
        for p in choices.values()
        if p is not None and p.kind == "admin1" and p.admin1
    }
    kept: list[tp.Mention] = []
    for mention in unsure:
        for place in gazetteer.lookup(mention.text):
            if place.kind not in POINT_KINDS:
                continue
            near = any(distance_km(place, point) <= SUPPORT_KM for point in points)
            if near or (place.country, place.admin1) in areas:
                kept.append(mention)
                break
    return kept


def find_locations(analysis: Analysis, parsed: Parsed) -> list[Location]:
    """The ``locations`` section: every place named, resolved to GeoNames where known."""
    gazetteer = load_gazetteer()
    mentions = find_mentions(analysis, parsed.doc, gazetteer)
    toponyms = group_toponyms(gazetteer, mentions)
    choices = resolve(gazetteer, toponyms)
    return build_locations(mentions, choices)


STAGE = Stage(
    name="geo",
    requires=("entities",),
    assigns="locations",
    function=find_locations,
    description="places resolved to GeoNames",
)
