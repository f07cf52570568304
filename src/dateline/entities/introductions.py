"""People a story describes before it names them (a delayed identification).

A news lede often tells who acted by an indefinite description and names the person a
sentence or two later: "A New York judge has rejected a media request ... Manhattan Supreme
Court Justice Frank Nervo rejected that argument", "an anti-Castro lawmaker subpoenaed him
Friday ... Rep. Dan Burton said he subpoenaed". The description is that person, not a group
of judges or lawmakers; left a group, the lede's act would be told by a party nobody can find.

The link needs what the text says about both: the phrase is indefinite and singular ("a",
"an": a new referent), headed by an office or a noun for one person ("a judge", "a police
officer"; not "a court") of a sector (JUD, LEG, COP); the person is first named in one of the
next few sentences, not before the phrase, and holds that sector (stated or from the knowledge
base); and their countries, when both are known, agree.

A private person (`name_introduced_people`) is introduced the same way ("A Coral Gables man
was arrested ... Keith Martello, 45, told police") but has no sector to check: the link needs
the way a story names a private person, with their age beside the name, nobody but an
official named in between, and no gender or age of the two that disagrees.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from spacy.tokens import Doc

from dateline.entities.coref import Cluster
from dateline.entities.mentions import Mention
from dateline.text import INDEFINITE_ARTICLES

PLURAL_TAGS = {"NNS", "NNPS"}
# How many sentences after the description the person may first be named.
NAMING_WINDOW = 3
# Head nouns of the people lexicon that stand for one person; the others ("unit", "team",
# "delegation", "staff") are bodies, as are agent nouns without a title ("a court", "an agency").
ONE_PERSON_HEADS = {
    "officer", "member", "representative", "delegate", "figure", "chief", "head", "commander",
    "source",
}  # fmt: skip


def name_described_people(doc: Doc, phrases: list[Mention], people: list[Cluster]) -> None:
    """Join each indefinite one-person group phrase ("a New York judge") to the person the
    next sentences name with its sector, relabelling it a description of that person (so it
    is no group of its own)."""
    starts = [sentence.start for sentence in doc.sents]
    taken: set[int] = set()
    for phrase in phrases:
        if phrase.label != "GROUP" or not _introduces_one_person(doc, phrase):
            continue
        here = bisect_right(starts, phrase.start) - 1
        person = _named_later(phrase, here, starts, people, taken)
        if person is None:
            continue
        phrase.label = "DESCRIPTION"
        person.mentions.append(phrase)
        taken.add(id(person))


def _introduces_one_person(doc: Doc, phrase: Mention) -> bool:
    """ "a New York judge", "an anti-Castro lawmaker": indefinite, singular, with a sector, and
    an office or a noun for one person (not "a court")."""
    if phrase.source != "description" or phrase.sector is None or phrase.former:
        return False
    if phrase.title is None and phrase.head not in ONE_PERSON_HEADS:
        return False
    head = doc[phrase.start : phrase.end].root
    return doc[phrase.start].lower_ in INDEFINITE_ARTICLES and head.tag_ not in PLURAL_TAGS


def _named_later(
    phrase: Mention, here: int, starts: list[int], people: list[Cluster], taken: set[int]
) -> Cluster | None:
    """The person first named (by name, after the phrase) nearest it within the window, of
    the phrase's sector and no other country."""
    best: tuple[int, Cluster] | None = None
    for cluster in people:
        if id(cluster) in taken or not cluster.mentions:
            continue
        if min(m.start for m in cluster.mentions) < phrase.end:
            continue  # told before the phrase: the phrase brings in someone new
        names = [m.start for m in cluster.mentions if m.label == "PERSON"]
        if not names:
            continue
        first = min(names)
        sentence = bisect_right(starts, first) - 1
        if not here < sentence <= here + NAMING_WINDOW:
            continue
        if not _same_party(phrase, cluster):
            continue
        if best is None or first < best[0]:
            best = (first, cluster)
    return best[1] if best is not None else None


def _same_party(phrase: Mention, cluster: Cluster) -> bool:
    sectors = {cluster.coding.sector, *(m.sector for m in cluster.mentions if not m.former)}
    if phrase.sector not in sectors:
        return False
    country = cluster.coding.country
    return phrase.country is None or country is None or country == phrase.country


# A private person a local story introduces by a description before naming them ("A Coral
# Gables man was arrested ... Keith Martello, 45, told police"): nouns for one person, with
# the gender they state (None: either).
PRIVATE_PERSON_HEADS: dict[str, str | None] = {
    "man": "male", "woman": "female", "boy": "male", "girl": "female", "father": "male",
    "mother": "female", "husband": "male", "wife": "female", "son": "male",
    "daughter": "female", "teenager": None, "teen": None, "youth": None, "resident": None,
    "driver": None, "motorist": None, "pedestrian": None, "suspect": None, "victim": None,
    "citizen": None, "native": None, "student": None, "worker": None, "employee": None,
}  # fmt: skip
# "a 33-year-old man": the age the description states.
_AGE_WORD = re.compile(r"^(\d{1,3})-(year|month|week|day)s?-old$")
# Ages under a year ("an 11-month-old boy") are 0 years.
_UNITS = ("year", "month", "week", "day")


def name_introduced_people(doc: Doc, phrases: list[Mention], people: list[Cluster]) -> None:
    """Join an indefinite description of one private person ("a Coral Gables man", "a
    51-year-old woman", a headline's "Alexandria woman") to the person the next sentences
    name the way a story introduces a private person: with their age beside the name ("Keith
    Martello, 45,", "45-year-old Keith Martello"). Nobody else is named between them (but an
    official with an office); a gender or an age both state agree; where two descriptions
    fit, the one that is its clause's subject is the person, else neither."""
    starts = [sentence.start for sentence in doc.sents]
    introducing = [p for p in phrases if p.label == "GROUP" and _introduces_private_person(doc, p)]
    headlines = _headline_descriptions(doc, phrases)
    introducing += headlines
    named = _first_names(people)
    # Names that may be the private person: an official named with an office ("Police Chief
    # Edwin Hale said") in between does not stand between the description and the name.
    person_starts = sorted(
        m.start for c in people for m in c.mentions if m.label == "PERSON" and m.title is None
    )
    used: set[int] = set()
    for first, person in named:
        age = _stated_age(doc, first)
        if age is None or min(m.start for m in person.mentions) < first.start:
            continue
        sentence = bisect_right(starts, first.start) - 1
        if any(starts[sentence] <= p.start < first.start for p in introducing):
            continue  # "A man from Clacton - Aseany Duncan, 19 -": described where named
        fits = []
        for phrase in introducing:
            if id(phrase) in used or phrase.end > first.start:
                continue
            here = bisect_right(starts, phrase.start) - 1
            if not here < sentence <= here + NAMING_WINDOW:
                continue
            between = bisect_right(person_starts, first.start - 1) - bisect_right(
                person_starts, phrase.end - 1
            )
            if between == 0 and _fits(doc, phrase, person, age):
                fits.append(phrase)
        chosen = _described_by(doc, fits, headlines)
        for phrase in chosen:
            used.add(id(phrase))
            phrase.label = "DESCRIPTION"
            person.mentions.append(phrase)


def _described_by(doc: Doc, fits: list[Mention], headlines: list[Mention]) -> list[Mention]:
    """Which of the fitting descriptions are the person: the one told in the body (of
    several, the one that is its clause's subject, else none), with a headline's description
    of the same noun ("Woman handcuffs self ..." over "a woman attempting to ..."); with none
    in the body, the one headline description."""
    body = [p for p in fits if not any(p is h for h in headlines)]
    heads = [p for p in fits if any(p is h for h in headlines)]
    if len(body) > 1:
        body = [p for p in body if doc[p.start : p.end].root.dep_ in ("nsubj", "nsubjpass")]
    if len(body) > 1:
        return []
    if not body:
        return heads if len(heads) == 1 else []
    return [*body, *(h for h in heads if h.head == body[0].head)]


def _first_names(people: list[Cluster]) -> list[tuple[Mention, Cluster]]:
    """Each person's first mention by name, in text order."""
    found = []
    for cluster in people:
        names = [m for m in cluster.mentions if m.label == "PERSON"]
        if names:
            found.append((min(names, key=lambda m: m.start), cluster))
    return sorted(found, key=lambda pair: pair[0].start)


def _fits(doc: Doc, phrase: Mention, person: Cluster, age: int) -> bool:
    """Whether the description may be the person: no gender or age of the two disagrees."""
    gender = PRIVATE_PERSON_HEADS.get(phrase.head or "")
    if gender is not None and person.gender not in (None, gender):
        return False
    wanted = _description_age(doc, phrase)
    return wanted is None or wanted == age


def _introduces_private_person(doc: Doc, phrase: Mention) -> bool:
    if phrase.source != "description" or phrase.title is not None or phrase.former:
        return False
    if phrase.head not in PRIVATE_PERSON_HEADS:
        return False
    head = doc[phrase.start : phrase.end].root
    return doc[phrase.start].lower_ in INDEFINITE_ARTICLES and head.tag_ not in PLURAL_TAGS


def _headline_descriptions(doc: Doc, phrases: list[Mention]) -> list[Mention]:
    """A headline's bare description as its sentence's subject ("Alexandria woman charged
    in fire", "Man arrested for DUI crash"): no article, the noun and its modifiers opening
    the sentence. Only headline style leaves out the article, so the phrase is as new a
    referent as "a man"."""
    found = []
    for sentence in doc.sents:
        head = next((t for t in sentence if t.dep_ in ("nsubj", "nsubjpass")), None)
        if (
            head is None
            or head.lower_ not in PRIVATE_PERSON_HEADS
            or head.tag_ not in ("NN", "NNP")
        ):
            continue
        if head.left_edge.i != sentence.start or not doc[sentence.start].is_title:
            continue
        if any(c.dep_ in ("det", "poss", "nummod") for c in head.children):
            continue
        if any(p.start <= head.i < p.end for p in phrases):
            continue
        mention = Mention.of_span(doc[sentence.start : head.i + 1], "GROUP", "description")
        mention.head = head.lower_
        found.append(mention)
    return found


def _next_named(
    phrase: Mention, here: int, starts: list[int], people: list[Cluster]
) -> Cluster | None:
    """The person whose first mention is the first by name after the phrase, if it falls
    within the window and they are not mentioned before the phrase."""
    best: tuple[int, Cluster] | None = None
    for cluster in people:
        names = [m.start for m in cluster.mentions if m.label == "PERSON"]
        if not names:
            continue
        first = min(names)
        if first < phrase.end:
            continue
        if best is None or first < best[0]:
            best = (first, cluster)
    if best is None:
        return None
    first, cluster = best
    if min(m.start for m in cluster.mentions) < phrase.end:
        return None
    sentence = bisect_right(starts, first) - 1
    return cluster if here < sentence <= here + NAMING_WINDOW else None


def _stated_age(doc: Doc, name: Mention) -> int | None:
    """The age written beside a name: "Keith Martello, 45," or "45-year-old Keith Martello"."""
    end = name.end
    if end + 1 < len(doc) and doc[end].text == "," and doc[end + 1].like_num:
        after = doc[end + 2] if end + 2 < len(doc) else None
        if after is None or after.text in (",", "-", "–", "—", ")") or after.is_sent_end:
            return _number(doc[end + 1].text)
    before = name.start - 1
    if before >= 0:
        match = _AGE_WORD.match(doc[before].lower_)
        if match:
            return int(match.group(1)) if match.group(2) == "year" else 0
        # "45-year-old" split into tokens: 45 - year - old
        if before >= 4 and doc[before].lower_ == "old" and doc[before - 2].lower_ == "year":
            return _number(doc[before - 4].text)
    return None


def _description_age(doc: Doc, phrase: Mention) -> int | None:
    """The age in years a description states ("a 33-year-old man"; "an 11-month-old boy": 0)."""
    words = [t.lower_ for t in doc[phrase.start : phrase.end]]
    for i, word in enumerate(words):
        match = _AGE_WORD.match(word)
        if match:
            return int(match.group(1)) if match.group(2) == "year" else 0
        unit = word.rstrip("s")
        if unit in _UNITS and i >= 2 and i + 2 < len(words) and words[i + 2] == "old":
            number = _number(words[i - 2]) if words[i - 1] == "-" else None
            if number is not None:
                return number if unit == "year" else 0
    return None


def _number(text: str) -> int | None:
    return int(text) if text.isdigit() and len(text) <= 3 else None
