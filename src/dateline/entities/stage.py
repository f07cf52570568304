"""The entities stage: fill ``Analysis.entities``.

recognise names (spaCy + KB gazetteer + fixes) → read stated roles, descriptions and generic
groups from the parse → cluster mentions into actors (names, descriptions, pronouns) →
code each actor (country, sector, CAMEO code, KB id) for the article's date.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from dateline.entities.coding import code_place
from dateline.entities.coref import (
    Cluster,
    cluster_groups,
    cluster_named,
    cluster_people,
    code_people,
    owners_country,
    resolve_descriptions,
)
from dateline.entities.descriptions import (
    attach_stated_roles,
    find_descriptions,
    is_party_position,
    join_appositions,
    own_body,
)
from dateline.entities.introductions import name_described_people, name_introduced_people
from dateline.entities.kb import normalize
from dateline.entities.mentions import Mention
from dateline.entities.names import compatible, parse_name, strip_possessive
from dateline.entities.org_descriptions import (
    link_country_descriptions,
    link_organisation_descriptions,
)
from dateline.entities.places import country_of_place, named_country
from dateline.entities.pronouns import resolve_pronouns
from dateline.entities.recognize import recognize
from dateline.model import Analysis, Entity, Span
from dateline.nlp.doctext import doc_text
from dateline.stage import Parsed, Stage

ENTITY_TYPES = {"PERSON", "ORG", "LOCATION", "GROUP", "NORP", "FACILITY", "EVENT"}


def article_date(analysis: Analysis) -> str | None:
    """The ISO date roles are looked up for: the publication date, if known."""
    published = analysis.article.published_date
    return published.isoformat() if published else None


def find_clusters(doc: Doc, date: str | None) -> list[Cluster]:
    """Every actor and place in ``doc`` as a cluster of mentions, coded for ``date``."""
    named = within_paragraphs(doc, recognize(doc))
    used = attach_stated_roles(doc, named, date)
    phrases = within_paragraphs(doc, find_descriptions(doc, named, used, date))
    join_appositions(doc, named, phrases)
    people = cluster_people(named, doc)
    _join_apposed(phrases, people)
    code_people(people, date)
    descriptions = [m for m in phrases if m.label == "DESCRIPTION" and m.describes is None]
    for description in descriptions:
        description.body = own_body(doc, description)
    unresolved = resolve_descriptions(descriptions, people, date, doc_text(doc))
    # "A New York judge has rejected ... Justice Frank Nervo": described, then named.
    name_described_people(doc, phrases, people)
    # "A Coral Gables man was arrested ... Keith Martello, 45, told police": the same.
    name_introduced_people(doc, phrases, people)
    code_people(people, date)
    # "the Russian foreign minister" nobody could be found for is still a Russian official;
    # "the mayor" of no known country is a party of its own where the clause makes it one
    # ("the mayor vetoed the plan"), else dropped.
    unnamed = [m for m in unresolved if m.country is not None or is_party_position(doc[m.end - 1])]
    for mention in unnamed:
        mention.label = "GROUP"
    owners_country(phrases, people)
    groups = cluster_groups(
        [m for m in phrases if m.label == "GROUP" and m not in unnamed]
        + unnamed
        + [m for m in named if m.label == "GROUP"]
    )
    others = cluster_named([m for m in named if m.label not in ("PERSON", "GROUP")], date)
    code_qualified_places(doc, others)
    # "the bureau" after "the Federal Bureau of Investigation" (not inside a name or a
    # person's description).
    taken = [*named, *(m for c in people for m in c.mentions)]
    link_organisation_descriptions(doc, others, taken, groups)
    # "Zimbabwe ... aid to the country": the one country named shortly before.
    link_country_descriptions(doc, others, taken)
    clusters = join_same_names([*people, *groups, *others])
    resolve_pronouns(doc, clusters)
    return sorted((c for c in clusters if c.mentions), key=lambda c: c.first)


# ", Alabama" after a town's name: the state or country it lies in.
_QUALIFIER = re.compile(r",\s*([A-Z][A-Za-z]+(?:\s[A-Z][A-Za-z]+)?)")


def code_qualified_places(doc: Doc, clusters: list[Cluster]) -> None:
    """A town written with its state or country ("Birmingham, Alabama", "Paris, Missouri")
    lies there, whatever the most populous town of its name: code it by that area."""
    text = doc_text(doc)
    for cluster in clusters:
        if cluster.kind != "LOCATION" or cluster.name is not None:
            continue  # a country's own name needs no qualifier
        for mention in cluster.mentions:
            match = _QUALIFIER.match(text, mention.end_char)
            if match is None or named_country(mention.text) is not None:
                continue
            area = country_of_place(match.group(1))
            if area is None:
                continue
            if area.iso3 != cluster.coding.country:
                cluster.coding = code_place(match.group(1))
            break


# Which reading of a name written alike wins, on a tie, when the model typed its mentions
# differently ("Madhya Pradesh" as a person, an organisation and a place).
KIND_PREFERENCE = ("LOCATION", "ORG", "FACILITY", "EVENT", "PERSON", "NORP")


def _only_name(cluster: Cluster) -> str | None:
    """The one name (normalised) a cluster's named mentions all write, if they agree."""
    names = {
        normalize(strip_possessive(m.text))
        for m in cluster.mentions
        if m.label in KIND_PREFERENCE and m.text[:1].isupper()
    }
    return names.pop() if len(names) == 1 else None


def _is_gazetteer_place(name: str) -> bool:
    """Whether GeoNames calls a place by this very name ("Madhya Pradesh"; not "Swissport")."""
    from dateline.geo.gazetteer import load_gazetteer

    gazetteer = load_gazetteer()
    return any(gazetteer.is_preferred_name(p, name) for p in gazetteer.lookup(name))


def _likelier_reading(same: list[Cluster]) -> Cluster:
    """The reading most of the name's mentions have, a person's last: the small model calls
    many a name it does not know a person. Ties go to ``KIND_PREFERENCE``, where a place
    comes after an organisation unless the gazetteer knows a place by that name."""
    readings = [c for c in same if c.kind != "PERSON"] or same
    order = list(KIND_PREFERENCE)
    place = next((c for c in readings if c.kind == "LOCATION"), None)
    if place is not None and not _is_gazetteer_place(strip_possessive(place.mentions[0].text)):
        order.remove("LOCATION")
        order.insert(1, "LOCATION")
    return min(
        readings,
        key=lambda c: (-sum(m.label == c.kind for m in c.mentions), order.index(c.kind)),
    )


def join_same_names(clusters: list[Cluster]) -> list[Cluster]:
    """One cluster per name written alike: the model may type one name differently in
    different sentences, which made one actor two or three entities. The knowledge base's
    reading wins; else ``_likelier_reading``. A name the knowledge base
    gives to two clusters (two people, a person and a country) stays apart."""
    by_name: dict[str, list[Cluster]] = {}
    for cluster in clusters:
        name = _only_name(cluster) if cluster.kind in KIND_PREFERENCE else None
        if name:
            by_name.setdefault(name, []).append(cluster)
    dropped: set[int] = set()
    for same in by_name.values():
        if len(same) < 2 or len({c.kind for c in same}) < 2:
            continue
        known = [c for c in same if c.actor is not None or c.name is not None]
        if len(known) > 1:
            continue
        keeper = known[0] if known else _likelier_reading(same)
        for cluster in same:
            if cluster is not keeper:
                keeper.mentions.extend(cluster.mentions)
                dropped.add(id(cluster))
    return [c for c in clusters if id(c) not in dropped]


def within_paragraphs(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """Each mention cut to the paragraph of its head word. The small model parses a heading
    into the next paragraph's sentence ("Why is Ukraine not a member of Nato?" above "Ukraine's
    prospects ... have been clouded"), and a phrase across that break is no actor's name."""
    kept: list[Mention] = []
    for mention in mentions:
        span = doc[mention.start : mention.end]
        if "\n" not in span.text:
            kept.append(mention)
            continue
        head = span.root.i
        start, end = mention.start, mention.end
        for token in span:
            breaks = "\n" in token.text or "\n" in token.whitespace_
            if token.i < head and breaks:
                start = token.i + 1
            elif token.i >= head and "\n" in token.text:
                end = min(end, token.i)
            elif token.i >= head and "\n" in token.whitespace_:
                end = min(end, token.i + 1)
        while start < end and (doc[start].is_space or doc[start].is_punct):
            start += 1
        while end > start and (doc[end - 1].is_space or doc[end - 1].is_punct):
            end -= 1
        if start >= end:
            continue
        piece = doc[start:end]
        mention.start, mention.end = start, end
        mention.text = piece.text
        mention.start_char, mention.end_char = piece.start_char, piece.end_char
        kept.append(mention)
    return kept


def _join_apposed(phrases: list[Mention], people: list[Cluster]) -> None:
    """Each phrase set in apposition to a name joins that name's person as a description
    (coding them by what it says); a name no person cluster took leaves it a group."""
    for phrase in phrases:
        if phrase.label != "APPOSITION":
            continue
        owner = next((c for c in people if any(m is phrase.describes for m in c.mentions)), None)
        phrase.label = "GROUP" if owner is None else "DESCRIPTION"
        if owner is not None:
            owner.mentions.append(phrase)


def _surface(mention: Mention) -> str:
    return strip_possessive(mention.text) if mention.label == "PERSON" else mention.text


def _canonical_name(cluster: Cluster) -> str:
    if cluster.kind == "PERSON":
        written = [parse_name(m.text).text for m in cluster.mentions if m.label == "PERSON"]
        if cluster.actor is not None:
            # The longest written form that agrees with the KB's name; else the KB's own name
            # (for a bare surname, or a headline's "Derelict Obama").
            canonical = parse_name(cluster.actor.name)
            agreeing = [n for n in written if compatible(parse_name(n), canonical)]
            written = [n for n in agreeing if len(n.split()) > 1] or [cluster.actor.name]
        if written:
            return max(written, key=lambda n: (len(n.split()), len(n)))
    if cluster.name:
        # The KB's name, in the article's spelling when the article writes it out.
        written = [m.text for m in cluster.mentions if m.text.lower() == cluster.name.lower()]
        return written[0] if written else cluster.name
    texts = [_surface(m) for m in cluster.mentions if m.label != "PRONOUN"]
    # An organisation is named by its name, not by "the federal agency".
    texts = [
        _surface(m) for m in cluster.mentions if m.label not in ("PRONOUN", "DESCRIPTION")
    ] or texts
    if cluster.kind == "GROUP":
        # The plainest form: "the opposition" over "the token opposition forces".
        bare = [t[4:] if t.lower().startswith("the ") else t for t in texts]
        return min(bare, key=len)
    return max(texts, key=len)


def to_entity(cluster: Cluster, entity_id: str) -> Entity:
    mentions = sorted(cluster.mentions, key=lambda m: m.start_char)
    aliases: list[str] = []
    for mention in mentions:
        surface = _surface(mention)
        if mention.label != "PRONOUN" and surface not in aliases:
            aliases.append(surface)
    kind = cluster.kind if cluster.kind in ENTITY_TYPES else "OTHER"
    return Entity(
        id=entity_id,
        name=_canonical_name(cluster),
        type=kind,  # type: ignore[arg-type]
        aliases=aliases,
        mentions=[Span(start=m.start_char, end=m.end_char, text=m.text) for m in mentions],
        country=cluster.coding.country,
        sector=cluster.coding.sector,
        code=cluster.coding.code,
        kb_id=cluster.coding.kb_id or (cluster.actor.id if cluster.actor else None),
    )


def find_entities(analysis: Analysis, parsed: Parsed) -> list[Entity]:
    """The ``entities`` section: one Entity per actor or place, with every mention."""
    clusters = find_clusters(parsed.doc, article_date(analysis))
    return [to_entity(c, f"E{n}") for n, c in enumerate(clusters, start=1)]


STAGE = Stage(
    name="entities",
    assigns="entities",
    function=find_entities,
    description="people, organisations, places and groups, coded by country and sector",
)
