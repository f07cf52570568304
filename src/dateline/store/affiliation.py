"""Which body a person acts for, as the article says it around the person's name.

Outlets tell one act of a body by the person who did it ("police officer Jane Doe shot ...",
"Jane Doe, a county police officer, fired") or by the body ("was shot by police"). The
entities stage keeps the person and the body apart, as it should: two officers of one force
are two parties. For recognising one act across articles (``event_identity``) the person is
read as acting for the body the article names in the person's own title: a role noun right
before or right after the name ("police officer", "FBI Director", "a Tulsa police officer"),
the words before the role noun naming the body ("police", "FBI"). The body is the article's
own entity whose names hold those words; nothing is added to the entities.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from dateline.model import Analysis, Entity

# Entity types that can be a body a person acts for.
BODY_TYPES = frozenset({"ORG", "GROUP"})
# How far before or after a person's name the title that names the body may reach.
TITLE_REACH = 60
# Nouns naming a person by an office or post held in a body, in which the person's acts are
# the body's: its officers and agents, its officials, spokespeople and heads of a service
# ("police officer", "FBI agent", "the agency's director"). Not the heads of a state or
# government (a president and the state are two parties, ``states.state_actor``), not trades
# or standings ("lawyer", "analyst", "candidate", "member": a member's act is not the body's).
ROLE_NOUNS = frozenset(
    {
        "officer", "policeman", "policewoman", "constable", "trooper", "detective", "sergeant",
        "deputy", "marshal", "investigator", "agent", "inspector", "director", "chief",
        "commissioner", "administrator", "superintendent", "spokesman", "spokeswoman",
        "spokesperson", "official", "prosecutor", "chairman", "chairwoman", "chairperson",
        "commander", "ceo", "executive", "representative",
    }
)  # fmt: skip
# Words before a role noun that say which rank or level, not which body ("senior", "deputy").
RANK_WORDS = frozenset({"senior", "junior", "deputy", "acting", "chief", "top", "veteran"})
# A run of plain words (letters, dots of an acronym, an apostrophe) ending where the name
# starts, or after ", a"/", an"/", the" where it ends: the title around a name.
_WORDS_BEFORE = re.compile(r"((?:[A-Za-z][A-Za-z.'’-]*\s+){1,4})$")
_WORDS_AFTER = re.compile(r"^,\s+(?:a|an|the)\s+((?:[A-Za-z][A-Za-z.'’-]*\s*){1,5}?)(?=[,.;)]|$)")
_SPACES = re.compile(r"\s+")


def bodies_acted_for(analysis: Analysis, people: Iterable[str]) -> frozenset[str]:
    """Local ids of the bodies the article says the persons ``people`` (local entity ids) act
    for, by a title around one of their names (``title_domains``); a former office
    ("former FBI director") is none."""
    by_id = {entity.id: entity for entity in analysis.entities}
    bodies = [entity for entity in analysis.entities if entity.type in BODY_TYPES]
    found: set[str] = set()
    # The bodies' name words, built once for all titles asked about (and only if one is).
    named: list[tuple[Entity, tuple[frozenset[str], ...]]] | None = None
    for person_id in people:
        person = by_id.get(person_id)
        if person is None or person.type != "PERSON":
            continue
        for domain in title_domains(analysis, person):
            if named is None:
                named = [(body, _names_words(body)) for body in bodies]
            found.update(body.id for body in _bodies_named(named, domain))
    return frozenset(found)


def title_domains(analysis: Analysis, person: Entity) -> list[tuple[str, ...]]:
    """For each title around a mention of ``person``, the lower-cased words naming the body
    (those before the role noun, but rank words): "police officer Jane Doe" gives {"police"};
    a title naming no body ("Officer Jane Doe") gives nothing."""
    domains = []
    for mention in person.mentions:
        text = analysis.article.field_text(mention.field) or ""
        before = _words_before(text[max(0, mention.start - TITLE_REACH) : mention.start])
        after = _WORDS_AFTER.search(text[mention.end : mention.end + TITLE_REACH])
        for match in (before, after):
            if match is None:
                continue
            words = [w.lower().strip(".'’") for w in match.group(1).split()]
            domain = _domain(words)
            if domain:
                domains.append(domain)
    return domains


def _words_before(window: str) -> re.Match[str] | None:
    """``_WORDS_BEFORE.search(window)``, tried only where a match can begin: a match is one to
    four words each followed by its whole run of white space, the last run ending the window,
    so it begins after the fifth run from the end (searched from every character, the
    pattern's nested repeats made this some 15 µs a mention; now ~2.5)."""
    runs = [space.end() for space in _SPACES.finditer(window)]
    if not runs or runs[-1] != len(window):
        return None  # a match ends in white space at the window's end
    return _WORDS_BEFORE.search(window, runs[-5] if len(runs) >= 5 else 0)


def _domain(words: list[str]) -> tuple[str, ...]:
    """The body words of a title, in order: the words before its role noun (the last word of
    a title after the name; before the name, the title must end at the name), back to a rank
    word or another role noun. A former office names no body the person acts for."""
    from dateline.entities.lexicon import lexicon

    roles = ROLE_NOUNS
    if not words or words[-1] not in roles:
        return ()
    head = words[:-1]
    if any(word in lexicon().former for word in head):
        return ()
    kept: list[str] = []
    for word in reversed(head):
        if word in RANK_WORDS or word in roles:
            break
        kept.insert(0, word.removesuffix("'s").removesuffix("’s"))
    return tuple(word for word in kept if word)


def _bodies_named(
    named: list[tuple[Entity, tuple[frozenset[str], ...]]], domain: tuple[str, ...]
) -> list[Entity]:
    """The bodies (each with its names' words, ``_names_words``) one of whose names holds the
    longest run of the last words of ``domain``: the run before a role noun may open with
    words of the sentence ("criticized police officer"), and "Tulsa police officer" means the
    Tulsa police where two forces are named."""
    for length in range(len(domain), 0, -1):
        wanted = set(domain[-length:])
        held = [body for body, names in named if any(wanted <= words for words in names)]
        if held:
            return held
    return []


def _names_words(body: Entity) -> tuple[frozenset[str], ...]:
    """The lower-cased words of each of a body's names (its name, then its aliases)."""
    return tuple(_name_words(name) for name in (body.name, *body.aliases))


@lru_cache(maxsize=4096)
def _name_words(name: str) -> frozenset[str]:
    """A name's lower-cased words without dots, quotes or a possessive 's: the same names
    recur across an article's events and across articles, so each is split once."""
    return frozenset(
        w.lower().strip(".'’").removesuffix("'s").removesuffix("’s") for w in name.split()
    )
