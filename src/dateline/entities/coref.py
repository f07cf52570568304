"""In-document coreference: group every mention of one actor into one cluster.

* People by name: a full name starts a cluster; "Mr Assad", "Assad" and "Bashar Assad" join
  the cluster whose name they are compatible with (the nearest one before, if several).
* Definite descriptions ("the Russian President", "the Syrian leader") by the roles the
  article states ("Syrian president Bashar Assad"), then by the knowledge base's roles of the
  people already named, then by the KB's office holder on the article's date.
* Pronouns are resolved afterwards, in ``pronouns``.
* Organisations, places and nationalities by their normalised name, KB identity or acronym.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from dateline.entities.coding import (
    Coding,
    code_actor,
    code_nationality,
    code_organisation,
    code_place,
    code_stated,
    coded_sector,
    make_code,
)
from dateline.entities.kb import Actor, Role, load_kb, normalize
from dateline.entities.lexicon import lexicon
from dateline.entities.mentions import Mention
from dateline.entities.names import (
    PersonName,
    compatible,
    given_name_gender,
    honorific_gender,
    parse_name,
    short_form_compatible,
)
from dateline.entities.namesakes import NamesakeContext, namesake_owner

if TYPE_CHECKING:
    from spacy.tokens import Doc

# Offices "the Russian leader" may refer to, in the order the knowledge base is asked.
HEAD_OFFICES = ("president", "prime minister", "chancellor", "king", "emir", "supreme leader")
ACRONYM_SKIP = {"of", "and", "the", "for", "on", "in", "de", "&"}
# Words that make a description of an office its newcomer ("the new mayor", "the incoming
# governor", "the newly elected president"): never the one stated as its incumbent.
INCOMING_WORDS = {"new", "incoming", "newly"}


@dataclass
class Cluster:
    """One actor: its kind (entity type), mentions and what is known about it."""

    kind: str
    mentions: list[Mention] = field(default_factory=list)
    names: list[PersonName] = field(default_factory=list)
    actor: Actor | None = None
    coding: Coding = field(default_factory=Coding)
    name: str | None = None

    @property
    def first(self) -> int:
        return min(m.start for m in self.mentions)

    @property
    def gender(self) -> str | None:
        """ "male"/"female" from an honorific ("Ms. Vale"), else from the given name ("Scott
        Vale"; a given name of both sexes says nothing)."""
        titled = honorific_gender([m.text.split()[0] for m in self.mentions if m.text])
        return titled or given_name_gender(self.names)

    def add(self, mention: Mention) -> None:
        self.mentions.append(mention)
        if mention.label == "PERSON":
            self.names.append(parse_name(mention.text))


def _office(title: str) -> str:
    kb = load_kb()
    return kb.title(title) or normalize(title)


def _is_head_title(title: str) -> bool:
    entry = lexicon().titles.get(title)
    return bool(entry and entry.head)


def _titles_match(wanted: str, held: str | None) -> bool:
    """Does an office held match a description's title? "leader" matches any head office."""
    if held is None:
        return False
    if _office(wanted) == _office(held):
        return True
    return wanted in ("leader", "head of state", "strongman") and _is_head_title(held)


# -- people ------------------------------------------------------------------------------


def cluster_people(mentions: list[Mention], doc: Doc | None = None) -> list[Cluster]:
    """Full names first, then short names joined to the nearest compatible cluster; a short
    name several people named in full fit ("Clinton" after Bill and Hillary Clinton) is read
    last, by ``namesakes`` (``doc`` gives it the paragraphs, sentences and pronouns)."""
    clusters: list[Cluster] = []
    people = [m for m in mentions if m.label == "PERSON"]
    short: list[Mention] = []
    namesakes = NamesakeContext(doc, named=people)
    for mention in people:
        name = parse_name(mention.text)
        if not name.keys:
            continue
        if not name.is_full:
            short.append(mention)
            continue
        for cluster in clusters:
            if any(n.is_full and compatible(name, n) for n in cluster.names):
                cluster.add(mention)
                break
        else:
            cluster = Cluster("PERSON")
            cluster.add(mention)
            clusters.append(cluster)
        namesakes.settled.add(id(mention))
    _join_short_forms(clusters, namesakes.sentences)
    shared: list[Mention] = []
    for mention in short:
        options = _short_name_options(mention, clusters, mentions)
        if _shared_surname(options, mention):
            shared.append(mention)
            continue
        target = _short_name_owner(options, honorific_gender(mention.text.split()), mention)
        if target is None:
            target = Cluster("PERSON")
            clusters.append(target)
        target.add(mention)
        namesakes.settled.add(id(mention))
    for mention in shared:
        options = _short_name_options(mention, clusters, mentions)
        namesake_owner(options, mention, namesakes).add(mention)
    _merge_same_actor(clusters)
    return clusters


def _join_short_forms(clusters: list[Cluster], sentences: list[int] | None) -> None:
    """One person written with a short and a full given name ("Tim Sloan", "Timothy J. Sloan";
    "Chuck Schumer", "Charles Schumer") is one cluster: full names of one surname whose first
    given names are a known short/full pair (``names.short_form_compatible``), unless their
    titles or given names say two genders, or the article names both in one sentence ("Tim
    and Timothy Sloan": two people)."""
    by_surname: dict[str, list[Cluster]] = {}
    for cluster in clusters:
        for surname in {n.surname for n in cluster.names if n.is_full}:
            by_surname.setdefault(surname, []).append(cluster)
    joined: set[int] = set()  # id() of the clusters absorbed
    for group in by_surname.values():
        for cluster, other in itertools.combinations(group, 2):
            if id(cluster) in joined or id(other) in joined:
                continue
            if not _short_form_pair(cluster, other) or _genders_clash(cluster, other):
                continue
            if _named_together(cluster, other, sentences):
                continue
            for mention in other.mentions:
                cluster.add(mention)
            joined.add(id(other))
    clusters[:] = [c for c in clusters if id(c) not in joined]


def _short_form_pair(one: Cluster, other: Cluster) -> bool:
    return any(
        short_form_compatible(a, b)
        for a in one.names
        if a.is_full
        for b in other.names
        if b.is_full
    )


def _named_together(one: Cluster, other: Cluster, sentences: list[int] | None) -> bool:
    """Whether a sentence names both people (unknown without the parse: no)."""
    if sentences is None:
        return False
    told = {sentences[m.start] for m in one.mentions if m.start < len(sentences)}
    return any(m.start < len(sentences) and sentences[m.start] in told for m in other.mentions)


def _short_name_options(
    mention: Mention, clusters: list[Cluster], mentions: list[Mention]
) -> list[Cluster]:
    """The people a short name may name: those whose names it is compatible with and whose
    gender does not clash with its title, else a family name written first ("Xi"), else a
    given name's one owner."""
    name = parse_name(mention.text)
    gender = honorific_gender(mention.text.split())
    options = [
        c
        for c in clusters
        if any(compatible(name, n) for n in c.names)
        and (gender is None or c.gender in (None, gender))
    ]
    if not options:
        options = _family_name_first(name, clusters)
    if not options:
        options = [
            c
            for c in _given_name_owner(name, clusters, mentions)
            if gender is None or c.gender in (None, gender)
        ]
    return options


def _shared_surname(options: list[Cluster], mention: Mention) -> bool:
    """Whether a short name fits two or more people named in full, and its title's gender
    (if any) does not pick one of them: ``namesakes`` decides it."""
    named = {id(c): c for c in options if any(n.is_full for n in c.names)}
    if len(named) < 2:
        return False
    gender = honorific_gender(mention.text.split())
    return gender is None or len([c for c in named.values() if c.gender == gender]) != 1


def _short_name_owner(
    options: list[Cluster], gender: str | None, mention: Mention
) -> Cluster | None:
    """Which of the people a short name fits it joins (``options`` are already those whose
    gender does not clash with its title). A title of one gender ("Ms. Lassiter" after Scott
    and Jamie Lassiter) joins the one person known to be of that gender; otherwise the one
    named first before it. (A short name two people named in full fit, which no title
    decides, is left to ``namesakes``: ``_shared_surname``.)"""
    if not options:
        return None
    if gender is not None:
        agreeing = [c for c in options if c.gender == gender]
        if len({id(c) for c in agreeing}) == 1:
            return agreeing[0]
    before = [c for c in options if c.first < mention.start]
    return min(before or options, key=lambda c: c.first)


def _family_name_first(name: PersonName, clusters: list[Cluster]) -> list[Cluster]:
    """ "Xi" after "Xi Jinping", "Moon" after "Moon Jae-in": names written family name first,
    as the knowledge base knows them (its surname for the person is the first word)."""
    kb = load_kb()
    known = {a.id for a in kb.actors_with_surname(name.text) if a.type == "PERSON"}
    if not known:
        return []
    found = []
    for cluster in clusters:
        full = [n for n in cluster.names if n.is_full and n.keys[0] == name.keys[0]]
        if any(a.id in known for n in full for a in kb.actors_named(n.text)):
            found.append(cluster)
    return found


def _given_name_owner(
    name: PersonName, clusters: list[Cluster], mentions: list[Mention]
) -> list[Cluster]:
    """ "Fahmi" after "Fahmi Fadzil": Malay, Indonesian, Thai and Arabic naming (and a
    first-name reference anywhere) repeats the given name alone. It joins the one full-named
    person whose first given name it is; with two such people, or the name also standing for
    a place or body in the article, it stays a person of its own."""
    if len(name.keys) != 1:
        return []
    key = name.keys[0]
    owners = [c for c in clusters if any(n.is_full and n.keys[0] == key for n in c.names)]
    if len(owners) != 1:
        return []
    if any(m.label != "PERSON" and normalize(m.text) == normalize(name.text) for m in mentions):
        return []
    return owners


def _last_before(cluster: Cluster, position: int) -> int:
    before = [m.start for m in cluster.mentions if m.start < position]
    return max(before) if before else -min(m.start for m in cluster.mentions)


def _stated_countries(cluster: Cluster) -> set[str]:
    return {m.country for m in cluster.mentions if m.country}


def link_person(cluster: Cluster, date: str | None) -> Actor | None:
    """The KB person a cluster names: by full name, else (bare surname) the one person with
    that surname in office on the date."""
    kb = load_kb()
    full = sorted((n for n in cluster.names if n.is_full), key=lambda n: -len(n.keys))
    candidates: list[Actor] = []
    for name in full:
        named = kb.actors_named(name.text)
        # The KB lists a few people as groups ("Osama bin Laden" codes al-Qaeda).
        candidates = [a for a in named if a.type == "PERSON"] or named
        if candidates:
            break
    if not candidates and cluster.names:
        surname = cluster.names[0].text.split()[-1]
        pool = [a for a in kb.actors_with_surname(surname) if a.type == "PERSON"]
        if full:
            best = full[0]
            candidates = [
                a for a in pool if any(_same_first_name(best, parse_name(n)) for n in a.all_names())
            ]
        else:
            candidates = [a for a in pool if _in_office(a, date)]
            if not candidates:
                # Nobody of that surname in office on the date (or the article is undated):
                # a bare "Obama" or "Mr. Obama" is the one such person who ever held a
                # curated office (head of state or government, minister, IGO head).
                candidates = [a for a in pool if any(r.title for r in a.roles)]
    if not full:
        candidates = _fitting_stated_sector(candidates, cluster)
        if cluster.gender is not None:
            # "Lady Starmer" is not the one Starmer in office: a title of the other gender.
            candidates = [
                a
                for a in candidates
                if given_name_gender([parse_name(a.name)]) in (None, cluster.gender)
            ]
    countries = _stated_countries(cluster)
    if countries:
        # A bare surname must agree with the stated country ("King Hassan of Morocco").
        agreeing = [a for a in candidates if any(r.country in countries for r in a.roles)]
        candidates = agreeing if (agreeing or not full) else candidates
    if len(candidates) > 1:
        candidates = [a for a in candidates if _in_office(a, date)] or candidates
    return candidates[0] if len(candidates) == 1 else None


# Sectors a stated title puts a person in, grouped so that a title and a KB office of the
# same walk of life agree ("Senator" LEG and a KB GOV office are both political).
_SECTOR_GROUPS = ({"GOV", "LEG", "PTY", "ELI", "OPP"}, {"MIL"}, {"COP"}, {"JUD"})


def _fitting_stated_sector(candidates: list[Actor], cluster: Cluster) -> list[Actor]:
    """A bare surname under a title of one walk of life ("Gen. X", "Judge X") is not a
    namesake the KB knows only in another: the one minister of that surname in office
    is no general. A KB office of the stated title fits whatever its sector (a defence
    minister is coded military; an attorney general may be listed as government)."""
    stated = _stated_coding(cluster).sector
    group = next((g for g in _SECTOR_GROUPS if stated in g), None)
    if group is None:
        return candidates
    titles = {m.title for m in cluster.mentions if m.title}

    def fits(role: Role) -> bool:
        return coded_sector(role) in group or role.title in titles

    return [a for a in candidates if any(fits(r) for r in a.roles)]


def _same_first_name(written: PersonName, known: PersonName) -> bool:
    """Stricter than ``compatible`` for linking to the KB by surname: the first given names
    agree too ("Ali Khan" is not "Karim A.A. Khan")."""
    if not compatible(written, known) or not written.given or not known.given:
        return False
    a, b = written.given[0], known.given[0]
    return a == b or (len(a) == 1 and b.startswith(a)) or (len(b) == 1 and a.startswith(b))


def _in_office(actor: Actor, date: str | None) -> bool:
    """Does the KB give the actor an office (not just elite status) on the date?"""
    role = actor.role_on(date)
    if role is None or not role.is_dated or role.sector == "ELI":
        return False
    return date is not None or role.end is None


def _merge_same_actor(clusters: list[Cluster]) -> None:
    """Two name clusters linked to one KB person ("Tayyip Erdogan", "Recep Erdogan") merge."""
    by_actor: dict[str, Cluster] = {}
    for cluster in list(clusters):
        if cluster.actor is None:
            continue
        kept = by_actor.setdefault(cluster.actor.id, cluster)
        if kept is not cluster and _genders_clash(kept, cluster):
            # "Lady Starmer" beside "Sir Keir Starmer": his wife, whom the KB does not know.
            for one in (kept, cluster):
                if not any(n.is_full for n in one.names):
                    one.actor = None
            if kept.actor is None and cluster.actor is not None:
                by_actor[cluster.actor.id] = cluster
            continue
        if kept is not cluster:
            for mention in cluster.mentions:
                kept.add(mention) if mention.label == "PERSON" else kept.mentions.append(mention)
            clusters.remove(cluster)


def _genders_clash(one: Cluster, other: Cluster) -> bool:
    """Whether two people's titles or given names say they are of different genders."""
    genders = {one.gender, other.gender}
    return None not in genders and len(genders) > 1


def code_people(clusters: list[Cluster], date: str | None) -> None:
    """Code each person: a KB office held on the date first; else what the article states
    ("Israeli President Moshe Katsav"); a stated former office ("ousted president") makes an
    elite (ELI) whatever the KB says."""
    for cluster in clusters:
        cluster.actor = cluster.actor or link_person(cluster, date)
    _merge_same_actor(clusters)
    for cluster in clusters:
        stated = _stated_coding(cluster)
        actor = cluster.actor
        if actor is None:
            if any(m.campaign for m in cluster.mentions) and stated.sector is None:
                stated = code_stated(stated.country, "PTY")
            cluster.coding = stated
            continue
        coding = code_actor(actor, date, stated)
        country = coding.country or stated.country
        if any(m.campaign for m in cluster.mentions) and not _in_office(actor, date):
            # A candidate out of office: the campaign is what they are in the news for.
            coding = Coding(country, "PTY", make_code(country, "PTY"), actor.id)
        elif stated.sector == "ELI":
            coding = Coding(country, "ELI", make_code(country, "ELI"), actor.id)
        elif stated.sector and not _in_office(actor, date) and not _left_office(actor, date):
            # The article names an office the KB does not date ("Israeli President Moshe
            # Katsav" before his KB term starts); a KB office that ended before the date
            # makes "President George W. Bush" in a 2016 story a historical reference.
            country = stated.country or coding.country
            coding = Coding(country, stated.sector, make_code(country, stated.sector), actor.id)
        cluster.coding = coding


def _left_office(actor: Actor, date: str | None) -> bool:
    """Did the KB's dated offices (not elite status) of the actor all end before the date?"""
    if date is None:
        return False
    offices = [r for r in actor.roles if r.is_dated and r.sector not in (None, "ELI")]
    return bool(offices) and all(r.end is not None and r.end < date[:10] for r in offices)


def _stated_coding(cluster: Cluster) -> Coding:
    """What the article says: a current title beats a former one."""
    country = next((m.country for m in cluster.mentions if m.country), None)
    current = [m.sector for m in cluster.mentions if m.sector and not m.former]
    former = [m.sector for m in cluster.mentions if m.sector and m.former]
    sector = current[0] if current else (former[0] if former else None)
    return code_stated(country, sector)


# -- descriptions --------------------------------------------------------------------------


def _held_titles(cluster: Cluster, date: str | None) -> list[tuple[str | None, str]]:
    """(country, title) pairs a person cluster is known to hold: stated, then from the KB."""
    stated = [(m.country, m.title) for m in cluster.mentions if m.title and not m.former]
    held: list[tuple[str | None, str]] = [(c, t) for c, t in stated if t]
    if cluster.actor is not None:
        day = date or None
        roles = (
            cluster.actor.roles_on(day)
            if day
            else [r for r in cluster.actor.roles if r.end is None and r.is_dated]
        )
        held.extend((r.country, r.title) for r in roles if r.title)
    return held


def _former_titles(cluster: Cluster, date: str | None) -> list[tuple[str | None, str]]:
    """(country, title) pairs of offices a person cluster held before the date."""
    if cluster.actor is None:
        return []
    day = date or "9999-12-31"
    return [
        (r.country, r.title)
        for r in cluster.actor.roles
        if r.title and r.end is not None and r.end < day[:10]
    ]


def _matches(
    description: Mention, country: str | None, title: str | None, stated_country: set[str]
) -> bool:
    if description.title is None or not _titles_match(description.title, title):
        return False
    if description.country is None:
        return True
    return country == description.country or (
        country is None and description.country in stated_country
    )


def resolve_descriptions(
    descriptions: list[Mention],
    people: list[Cluster],
    date: str | None,
    text: str = "",
) -> list[Mention]:
    """Attach each description to a person cluster (creating one from the KB if needed);
    returns the descriptions no person was found for. ``text`` is the article's, where a
    description naming its own body is looked for beside the people's names."""
    unresolved: list[Mention] = []
    for description in descriptions:
        assert description.title is not None
        if description.body is not None:
            # Only somebody the article states with that body is its holder: "the minister
            # of investment" is not "Communications Minister X".
            people_here = [c for c in people if _stated_with(c, description.body, text)]
            if not people_here:
                unresolved.append(description)
                continue
            description_people = people_here
        else:
            description_people = people
        # "the former president" is someone stated or known to have held the office before;
        # "the new mayor" is not the one stated as the incumbent.
        incoming = bool(INCOMING_WORDS & set(description.text.lower().split()))
        if incoming:
            people_here = [c for c in description_people if not _stated_outgoing(c, description)]
        else:
            people_here = description_people
        stated_hits = [
            c
            for c in people_here
            if any(
                _matches(description, m.country, m.title, set())
                for m in c.mentions
                if m.title and m.former == description.former and m is not description
            )
        ]
        held = _former_titles if description.former else _held_titles
        known_hits = [
            c
            for c in people_here
            if any(
                _matches(description, country, title, _stated_countries(c))
                for country, title in held(c, date)
            )
        ]
        target = _nearest(stated_hits, description) or _nearest(known_hits, description)
        if target is None and description.country and not description.former:
            actor = _office_holder(description.country, description.title, date)
            if actor is not None:
                target = next(
                    (c for c in people if c.actor is not None and c.actor.id == actor.id), None
                )
                if target is None:
                    target = Cluster("PERSON", actor=actor, name=actor.name)
                    people.append(target)
        if target is None:
            unresolved.append(description)
            continue
        target.mentions.append(description)
    return unresolved


def _stated_with(cluster: Cluster, body: str, text: str) -> bool:
    """Whether the body's name is written beside one of the person's names ("Jo Tan, president
    of the Enugu chamber", "Investment Minister Jo Tan")."""
    return any(
        body in text[max(0, m.start_char - 80) : m.end_char + 120].lower()
        for m in cluster.mentions
        if m.label == "PERSON"
    )


def _stated_outgoing(cluster: Cluster, description: Mention) -> bool:
    """Whether the article states the person as the outgoing or beaten holder of the office a
    description names ("incumbent Mayor Tim Vale" for "the new mayor")."""
    return any(
        m.outgoing and m.title and _matches(description, m.country, m.title, set())
        for m in cluster.mentions
    )


def _nearest(clusters: list[Cluster], mention: Mention) -> Cluster | None:
    if not clusters:
        return None
    if len({id(c) for c in clusters}) == 1:
        return clusters[0]
    before = [c for c in clusters if c.mentions and c.first < mention.start]
    if mention.country is None and not before:
        return None
    return max(before or clusters, key=lambda c: _last_before(c, mention.start))


def _office_holder(country: str, title: str, date: str | None) -> Actor | None:
    kb = load_kb()
    offices = HEAD_OFFICES if title in ("leader", "head of state", "strongman") else (title,)
    for office in offices:
        actor = kb.office_holder(country, office, date)
        if actor is not None:
            return actor
    return None


# -- groups, organisations, places ----------------------------------------------------------


def cluster_groups(mentions: list[Mention]) -> list[Cluster]:
    """Generic groups by (country, sector): "Russian military leaders" and "the Russian
    military" are one RUSMIL actor; named groups ("the Kurds") by their name."""
    kb = load_kb()
    clusters: dict[tuple[str | None, str | None, str], Cluster] = {}
    for mention in mentions:
        if mention.source == "description":
            coding = code_stated(mention.country, mention.sector)
            # Without a country, only a sector that is an actor by itself ("rebels", "police")
            # joins its like; "the administration" and "several government officials" are
            # told apart by their head noun.
            alone = coding.code is not None or mention.country is not None
            key = (mention.country, mention.sector, "" if alone else f"HEAD:{mention.head}")
            if _one_office_holder(mention):
                # An office nobody is named for is one person: "the foreign minister" and
                # "the government spokesman" are two, whatever sector they share.
                office = _office(mention.title or "")
                key = (mention.country, mention.sector, f"OFFICE:{office}:{mention.body}")
        else:
            country = kb.country(mention.text)
            iso3 = country.iso3 if country else None
            key = (iso3, None, "" if iso3 else normalize(mention.text))
            coding = code_nationality(mention.text)
        cluster = clusters.setdefault(key, Cluster("GROUP", coding=coding))
        cluster.mentions.append(mention)
    return list(clusters.values())


def _one_office_holder(mention: Mention) -> bool:
    """A definite singular description by an office ("the foreign minister"): one person, not
    a body of people, nor any one of them ("a provincial official" joins "officials")."""
    words = mention.text.lower().split()
    if mention.title is None or words[0] != "the":
        return False
    return not words[-1].endswith("s") or words[-1] == mention.title.split()[-1]


def owners_country(phrases: list[Mention], people: list[Cluster]) -> None:
    """A group phrase built on a person's name takes that person's country: "the Obama
    administration", "Trump's lawyers" (the name is not the group, but says whose it is)."""
    for phrase in phrases:
        if phrase.label != "GROUP" or phrase.country is not None:
            continue
        for cluster in people:
            inside = any(
                m.label == "PERSON" and phrase.start <= m.start and m.end <= phrase.end
                for m in cluster.mentions
            )
            if inside and cluster.coding.country:
                phrase.country = cluster.coding.country
                break


def _acronym(words: list[str]) -> str:
    return "".join(w[0] for w in words if w.lower() not in ACRONYM_SKIP and w[:1].isupper())


def cluster_named(mentions: list[Mention], date: str | None) -> list[Cluster]:
    """Organisations, places, nationalities, facilities and events by identity."""
    kb = load_kb()
    clusters: dict[str, Cluster] = {}
    for mention in mentions:
        text = mention.text
        if mention.label == "LOCATION":
            country = kb.country(text)
            key = f"LOC:{country.iso3}" if country else f"LOC:{normalize(text)}"
            coding = code_place(text)
            name = country.name if country else None
        elif mention.label == "NORP":
            country = kb.country(text)
            key = f"NORP:{country.iso3}" if country else f"NORP:{normalize(text)}"
            coding = code_nationality(text)
            name = None
        elif mention.label == "ORG":
            actor = kb.organisation(text)
            key = f"ORG:{actor.id}" if actor else f"ORG:{normalize(text)}"
            key = _acronym_key(text, clusters) or key
            coding = code_organisation(text, date)
            name = actor.name if actor else None
        else:
            key = f"{mention.label}:{normalize(text)}"
            coding = Coding()
            name = None
        cluster = clusters.get(key)
        if cluster is None:
            # An organisation coded as rebels or a militia is a named armed group (Taliban).
            kind = "GROUP" if mention.label == "ORG" and coding.sector == "REB" else mention.label
            cluster = clusters[key] = Cluster(kind, coding=coding, name=name)
        cluster.mentions.append(mention)
    return list(clusters.values())


def _acronym_key(text: str, clusters: dict[str, Cluster]) -> str | None:
    """ "APEC" after "Asia-Pacific Economic Cooperation": the earlier organisation's key."""
    if not (text.isupper() and 2 <= len(text) <= 8 and " " not in text):
        return None
    for key, cluster in clusters.items():
        if cluster.kind != "ORG":
            continue
        for mention in cluster.mentions:
            words = mention.text.replace("-", " ").split()
            if len(words) >= 2 and _acronym(words) == text:
                return key
    return None
