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
"""

from __future__ import annotations

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
