"""Tellings that are no act between parties, however their verb reads.

- **Opinion reports**: what a poll or survey finds, and what a share of a population thinks,
  wants or blames ("Most Americans want Congress to investigate the president", "60 percent of
  Democrats blame the president, a new poll found"). The guideline (docs/annotation/events.md)
  codes no opinions and no polls; the act a population wants done is only wished for, nobody
  has done or asked it of anyone.
- **A meeting with one's own staff** ("the president met with his top aides", "met top
  security aides"): PLOVER codes
  interactions between actors; an actor consulting its own people is one actor (PETRARCH drops
  an event whose source is its target).
- **An advisory to the general public** ("officials warned people to stay away from the area",
  "called on residents to boil water", "urged motorists to remain alert"): a request that
  asks only whoever hears it (people, the public, residents, motorists) to take care of
  themselves is no interaction between identifiable actors (the guideline's public-health
  advisories are no events). An appeal for information (the guideline's police appeal: "asked
  the public to report sightings"), for a political act ("urged citizens to keep up the
  protests") or to a people named by nation or place ("called on the Syrian people") stays a
  REQUEST.
- **Disputing evidence** ("Trump rejects any indicators that the economy is slowing",
  "dismissed the figures"): rejecting or denying data, evidence or a forecast is an opinion
  about facts, not a rejection of a party's proposal or demand (REJECT) nor a denial of an
  allegation (the guideline: opinions are no events).
- **An inquiry of science or health** ("conducted epidemiological investigations on people who
  might have been exposed"): an investigation qualified by a field of study is no accusation of
  wrongdoing (ACCUSE is an investigation of a party's conduct; tests and public-health work are
  no events in the guideline).
- **Doubt or criticism of a thing no party has** ("questioned the wisdom of the plan",
  "questioned the very need for moderators", "criticized long-standing free-trade deals"):
  questioning or criticising something with no party in it (no named entity, no possessor, no
  noun for people or a body, in the object or in its "of"/"by" phrase) is an opinion about the
  thing, not an accusation of anyone; "questioned Cruz's eligibility" and "criticized the
  government's response" name the party and stay.
"""

from __future__ import annotations

from spacy.tokens import Token

from dateline.entities.kb import load_kb
from dateline.entities.lexicon import lexicon as entity_lexicon
from dateline.nlp.labels import NOMINAL_SUBJECT_DEPS
from dateline.text import singular

# Nouns naming an opinion poll.
POLL_NOUNS = {"poll", "survey", "polling", "pollster", "canvass"}
# Verbs by which a poll reports its finding: "a poll found that", "the survey shows".
FINDING_VERBS = {"find", "show", "suggest", "indicate", "reveal", "say", "conclude"}
# Nouns of a share of a group: "60 percent of voters", "a majority of Americans", "most of them".
SHARE_NOUNS = {
    "majority", "minority", "plurality", "percent", "cent", "%", "half", "third", "quarter",
    "fifth", "tenth", "most", "many", "share", "proportion", "fraction",
}  # fmt: skip
# A percentage as a subject, with no "of": a share of the people a poll asked ("19 percent said").
PERCENT_NOUNS = {"percent", "cent", "%"}
# Quantifiers that make a people noun a share of a population: "most Americans", "many voters".
SHARE_QUANTIFIERS = {"most", "many"}
# Nouns of a population a poll samples (any nationality or religion, spaCy's NORP, counts too).
POPULATION_NOUNS = {
    "people", "public", "population", "electorate", "voter", "respondent", "adult", "citizen",
    "resident", "american", "briton", "consumer", "parent", "household", "taxpayer",
    "democrat", "republican", "independent", "those",
}  # fmt: skip
# Participles that make "those" the sampled: "those polled", "those surveyed".
SAMPLED_PARTICIPLES = {"poll", "survey", "question", "ask", "interview"}
# Types of expression: an attitude a population holds is told with them ("most voters back",
# "Americans reject"); a material act by many people ("thousands marched") is not one.
ATTITUDE_TYPES = {"ACCUSE", "SUPPORT", "REJECT", "REQUEST", "AGREE", "THREATEN"}
# Clause links through which a trigger is the content of the clause above it.
CONTENT_DEPS = {"xcomp", "ccomp", "conj"}
# How many clauses up a poll or a population is looked for.
MAX_CLIMB = 4
# The nouns of one's own staff: "met with his top aides", "consulted their lawyers".
STAFF_NOUNS = {
    "aide", "adviser", "advisor", "staff", "staffer", "cabinet", "lawyer", "attorney",
    "counsel", "assistant", "deputy", "lieutenant", "spokesman", "spokeswoman", "team",
}  # fmt: skip
POSSESSIVE_PRONOUNS = {"his", "her", "its", "their"}


def _population(noun: Token) -> bool:
    """A noun naming a population a poll samples: "voters", "Americans", "those polled"."""
    if noun.ent_type_ == "NORP":
        return True
    if (
        noun.lemma_.lower() not in POPULATION_NOUNS
        and singular(noun.lower_) not in POPULATION_NOUNS
    ):
        return False
    if noun.lower_ == "those":
        return any(
            c.dep_ == "acl" and c.lemma_.lower() in SAMPLED_PARTICIPLES for c in noun.children
        )
    return True


def _in_body(noun: Token) -> bool:
    """ "Republicans in the Senate", "a majority of the party's members on the board": a
    phrase after the noun names an organisation, whose members act as it (they vote)."""
    return any(
        c.dep_ == "prep" and any(g.dep_ == "pobj" and g.ent_type_ == "ORG" for g in c.children)
        for c in noun.children
    )


def population_share(subject: Token) -> bool:
    """Whether a subject names a share of a population: "60 percent of Democrats", "a majority
    of voters", "most Americans", "two-thirds of those polled" (not of a body's members: "a
    majority of Republicans in the Senate")."""
    if _in_body(subject):
        return False
    head = subject.lemma_.lower()
    if head in PERCENT_NOUNS and not any(c.dep_ == "prep" for c in subject.children):
        return True  # "only 19 percent knew": a percentage of people is a poll's share
    if head in SHARE_NOUNS:
        for prep in (c for c in subject.children if c.dep_ == "prep" and c.lower_ == "of"):
            if any(g.dep_ == "pobj" and _population(g) and not _in_body(g) for g in prep.children):
                return True
        return False
    if not _population(subject) or subject.tag_ not in {"NNS", "NNPS"}:
        return False
    return any(
        c.dep_ in {"amod", "det", "compound"} and c.lower_ in SHARE_QUANTIFIERS
        for c in subject.children
    )


def _subject(verb: Token) -> Token | None:
    return next((c for c in verb.children if c.dep_ in NOMINAL_SUBJECT_DEPS), None)


def _clause_of(token: Token) -> Token:
    """The verb of the clause a trigger stands in (a noun's governing verb)."""
    current = token
    for _ in range(MAX_CLIMB):
        if current.pos_ in {"VERB", "AUX"} or current.dep_ == "ROOT":
            return current
        current = current.head
    return current


def _poll(noun: Token) -> bool:
    return noun.lemma_.lower() in POLL_NOUNS


def _cites_poll(verb: Token) -> bool:
    """ "according to a new poll, ...", "in a Gallup survey, ...": the clause tells a poll's
    finding."""
    for prep in (c for c in verb.children if c.dep_ == "prep"):
        objects = [g for g in prep.subtree if g.dep_ == "pobj"]
        if prep.lower_ in {"according", "in"} and any(_poll(g) for g in objects[:2]):
            return True
    return False


def _finding_of_poll(verb: Token) -> bool:
    """ "a poll found that most voters back ...": the clause is what a poll's verb of finding
    reports."""
    head = verb.head
    if verb.dep_ not in {"ccomp", "dep"} or head.lemma_.lower() not in FINDING_VERBS:
        return False
    subject = _subject(head)
    return subject is not None and _poll(subject)


def _appended_finding(verb: Token) -> bool:
    """ "Most voters back the plan, a new poll found": a poll and its verb of finding set off
    after the clause (the parser hangs them on a noun of the clause)."""
    return any(
        _poll(token)
        and token.dep_ in {"appos", "npadvmod", "parataxis"}
        and any(
            c.dep_ in {"acl", "relcl"} and c.lemma_.lower() in FINDING_VERBS for c in token.children
        )
        for token in verb.subtree
    )


def opinion_report(trigger: Token, event_type: str) -> bool:
    """Whether the trigger's clause tells an opinion, not an act: what a poll found, what a
    share of a population holds ("most voters back the plan", for the types of expression),
    or any act such a population wants or thinks done ("most Americans want Congress to
    investigate": nobody has asked it of Congress)."""
    verb = _clause_of(trigger)
    own_clause = True
    for _ in range(MAX_CLIMB):
        subject = _subject(verb)
        attitude = not own_clause or event_type in ATTITUDE_TYPES
        if attitude and subject is not None and population_share(subject):
            return True
        if _cites_poll(verb) or _finding_of_poll(verb):
            return True
        if verb.dep_ == "ROOT" and _appended_finding(verb):
            return True
        if verb.dep_ not in CONTENT_DEPS and not (
            verb.dep_ == "dep" and verb.head.lemma_.lower() in FINDING_VERBS
        ):
            break
        if verb.dep_ == "conj" and subject is not None:
            break  # a clause of its own: "Clinton leads in a new poll, and Trump attacked her"
        if verb.dep_ != "conj":
            own_clause = False
        verb = verb.head
    return False


def meets_own_staff(trigger: Token) -> bool:
    """A meeting whose other side is the doer's own staff: "met with his top aides",
    "consulted their lawyers" (the object, or the object of "with", is a staff noun with a
    possessive pronoun)."""
    objects = [c for c in trigger.children if c.dep_ == "dobj"]
    for prep in (c for c in trigger.children if c.dep_ == "prep" and c.lower_ == "with"):
        objects += [g for g in prep.children if g.dep_ == "pobj"]
    return any(_own_staff(o) for o in objects)


# Staff nouns that, with no owner named, are the doer's own ("met top national security aides",
# "consulted the cabinet"); a lawyer or a spokesman may be anyone's.
OWN_STAFF_NOUNS = {"aide", "adviser", "advisor", "staff", "staffer", "cabinet", "assistant"}


def _own_staff(noun: Token) -> bool:
    """ "his top aides" (a possessive pronoun), or "top national security aides" (no owner: no
    possessor, no "of"/"to" phrase, no named modifier: "Trump aides", "aides to the king")."""
    lemma = noun.lemma_.lower()
    if lemma not in STAFF_NOUNS:
        return False
    if any(c.dep_ == "poss" and c.lower_ in POSSESSIVE_PRONOUNS for c in noun.children):
        return True
    if lemma not in OWN_STAFF_NOUNS or noun.ent_type_:
        return False
    return not any(
        c.dep_ in {"poss", "prep", "relcl", "acl"} or (c.dep_ == "compound" and c.ent_type_)
        for c in noun.children
    )


# Words of the general public: people addressed only as whoever hears ("warned people",
# "asked the public", "told everyone").
PUBLIC_WORDS = {"people", "public", "everyone", "everybody", "anyone", "anybody", "folk", "folks"}
# Plural nouns of the general public, in the singular ("urged residents", "told motorists"); a
# singular one names somebody in particular ("asked the driver").
PUBLIC_NOUNS = {
    "resident", "citizen", "traveller", "traveler", "motorist", "driver", "visitor", "tourist",
    "commuter", "consumer", "shopper", "customer", "passenger", "homeowner", "household",
    "parent", "user", "viewer", "reader", "listener", "fan", "pedestrian", "cyclist", "beachgoer",
    "swimmer", "hiker", "boater", "holidaymaker",
}  # fmt: skip
# Nouns of a count: "millions of citizens" addresses the citizens.
COUNT_NOUNS = {"million", "thousand", "hundred", "dozen", "billion", "lot", "number"}
# Types of a request or warning to an addressee.
ADVISORY_TYPES = {"REQUEST"}


def _named_group(noun: Token) -> bool:
    """ "the Syrian people", "the people of Gaza", "Iran's citizens", "members of the party": a
    noun tied to a named nation, place or body is a party, not the general public."""
    for child in noun.children:
        if child.ent_type_ in {"NORP", "GPE", "ORG", "LOC", "FAC", "PERSON"}:
            return True
        if (
            child.dep_ == "prep"
            and child.lower_ in {"of", "in", "from"}
            and any(g.ent_type_ or g.pos_ == "PROPN" for g in child.subtree if g is not child)
        ):
            return True
    return False


def _public(noun: Token) -> bool:
    """A noun addressing the general public, through a count ("millions of citizens")."""
    if noun.lemma_.lower() in COUNT_NOUNS or singular(noun.lower_) in COUNT_NOUNS:
        for prep in (c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"):
            inner = next((g for g in prep.children if g.dep_ == "pobj"), None)
            if inner is not None:
                return _public(inner)
        return False
    if noun.ent_type_ or noun.pos_ == "PROPN":
        return False
    word = noun.lower_
    plural = noun.tag_ == "NNS" and singular(word) in PUBLIC_NOUNS
    if word not in PUBLIC_WORDS and not plural:
        return False
    return not _named_group(noun)


def _addressees(trigger: Token) -> list[Token]:
    """Whom a verb of asking or warning addresses: its object ("warned people"), the object of
    "on" ("called on residents") or, in the passive, its subject ("residents were urged")."""
    found = []
    for child in trigger.children:
        if child.dep_ in {"dobj", "dative", "nsubjpass"}:
            found.append(child)
        elif child.dep_ in {"prep", "prt"} and child.lower_ == "on":
            found += [g for g in child.children if g.dep_ == "pobj"]
    if trigger.dep_ == "prt":
        return found
    # "called on people": the parser may hang "people" on the particle "on".
    for child in trigger.children:
        if child.dep_ == "prt" and child.lower_ == "on":
            found += [g for g in child.children if g.dep_ == "pobj"]
    return found


# Acts of one's own safety that an advisory asks of the public: "stay away", "avoid contact",
# "boil water", "remain alert", "be careful", "keep away", "take precautions".
PRECAUTION_VERBS = {
    "stay", "avoid", "remain", "boil", "throw", "discard", "wash", "cook", "wear", "shelter",
    "prepare", "conserve", "save", "limit", "refrain", "stock", "vaccinate", "isolate",
    "quarantine", "drink", "eat", "drive", "cover", "lock", "secure", "unplug", "heed",
}  # fmt: skip
# "keep away", "keep indoors", "keep out": keeping oneself from harm (not "keep up protests").
KEEPING_PARTICLES = {"away", "out", "off", "clear", "indoors", "inside", "safe"}
# "be careful", "be cautious": a state of care asked of oneself (not "be alert", "be on the
# lookout", which a police appeal for information asks: the guideline's REQUEST).
CAREFUL_STATES = {"careful", "cautious", "safe", "prepared", "patient", "calm", "sensible"}
# "take precautions", "seek shelter", "seek medical attention".
CARE_OBJECTS = {"precaution", "care", "shelter", "attention", "treatment", "advice", "cover"}


def _precaution(verb: Token) -> bool:
    """Whether a requested act is the addressee's own precaution: "to stay away", "to boil their
    water", "to be careful", "to keep away", "to take precautions", "how to be prepared"."""
    lemma = verb.lemma_.lower()
    if lemma in PRECAUTION_VERBS:
        return True
    children = list(verb.children)
    if lemma == "keep":
        return any(c.lower_ in KEEPING_PARTICLES for c in children)
    if lemma == "be":
        return any(c.dep_ == "acomp" and c.lower_ in CAREFUL_STATES for c in children)
    if lemma in {"take", "seek", "follow", "get"}:
        return any(
            c.dep_ == "dobj" and (c.lemma_.lower() in CARE_OBJECTS or c.lower_ == "rid")
            for c in children
        ) or any(c.lower_ == "rid" for c in children)
    return False


def public_advisory(trigger: Token, event_type: str) -> bool:
    """Whether a request is an advisory: it asks only the general public to take care of
    itself ("officials warned people to stay away from the area", "urged motorists to remain
    alert", "told citizens how to be prepared"). An appeal for information ("asked the public
    to report sightings", the guideline's police appeal) or for a political act ("urged
    citizens to keep up the protests") stays a REQUEST."""
    if event_type not in ADVISORY_TYPES or trigger.pos_ not in {"VERB", "AUX"}:
        return False
    addressees = _addressees(trigger)
    if not addressees or not all(_public(a) for a in addressees):
        return False
    asked = [c for c in trigger.children if c.dep_ in {"xcomp", "ccomp"}]
    return bool(asked) and all(_precaution(a) for a in asked)


# Verbs of rejecting or denying.
DISPUTING_VERBS = {"reject", "dismiss", "deny", "refute", "discount", "disregard", "dispute"}
# Nouns of data, evidence or a forecast: what is disputed is a fact, not a party's proposal
# (not a claim about someone: "denied speculation that he would resign", "rejected the
# characterisation" deny an allegation, REJECT).
EVIDENCE_NOUNS = {
    "indicator", "indication", "evidence", "data", "datum", "statistic", "figure", "number",
    "poll", "survey", "science", "forecast", "projection", "estimate", "prediction", "sign",
    "comparison", "analogy",
}  # fmt: skip


def disputes_evidence(trigger: Token, event_type: str) -> bool:
    """Whether a rejection's object is data, evidence or a forecast: "rejects any indicators
    that the economy is slowing", "dismissed the poll numbers"."""
    if event_type != "REJECT" or trigger.lemma_.lower() not in DISPUTING_VERBS:
        return False
    objects = [c for c in trigger.children if c.dep_ == "dobj"]
    objects += [g for o in objects for g in o.conjuncts]
    return bool(objects) and all(
        o.lemma_.lower() in EVIDENCE_NOUNS or singular(o.lower_) in EVIDENCE_NOUNS for o in objects
    )


# Fields of study whose inquiries accuse nobody: "epidemiological investigations".
SCIENCE_MODIFIERS = {
    "epidemiological", "scientific", "medical", "clinical", "archaeological", "archeological",
    "geological", "statistical", "environmental", "academic", "technical", "genetic",
    "veterinary", "biological", "historical", "psychological", "meteorological",
}  # fmt: skip


def science_inquiry(trigger: Token, event_type: str) -> bool:
    """Whether an ACCUSE noun of inquiry is qualified by a field of study ("epidemiological
    investigations", "a scientific review")."""
    if event_type != "ACCUSE" or trigger.pos_ not in {"NOUN", "PROPN"}:
        return False
    return any(
        c.dep_ in {"amod", "compound"} and c.lower_ in SCIENCE_MODIFIERS for c in trigger.children
    )


# Verbs of doubt or criticism whose object may be a thing rather than a party.
DOUBTING_OR_CRITICISING = {"question", "criticize", "criticise", "doubt"}
# Named-entity labels of a party (or a party's name on a thing: "Chinese policy").
PARTY_LABELS = {"PERSON", "ORG", "NORP", "GPE"}


def _party_word(token: Token) -> bool:
    """Whether a token names or stands for a party: a named entity, a pronoun, a noun for
    people or a body (the KB's agent nouns, the entities stage's agent and people nouns)."""
    if token.ent_type_ in PARTY_LABELS or token.pos_ in {"PRON", "PROPN"}:
        return True
    people = entity_lexicon()
    word = singular(token.lower_)
    if word in people.agent_nouns or word in people.people_nouns or word in people.titles:
        return True
    return load_kb().agent(token.lower_) is not None or load_kb().agent(word) is not None


def _names_party(noun: Token, depth: int = 0) -> bool:
    """Whether a noun phrase names a party: the noun itself, a possessor, a named modifier,
    or (one level down) its "of" or "by" object."""
    if _party_word(noun):
        return True
    for child in noun.children:
        if child.dep_ == "poss":
            return True  # "Cruz's eligibility", "its decision"
        if child.dep_ in {"compound", "amod", "nmod"} and child.ent_type_ in PARTY_LABELS:
            return True  # "the Trump administration policy", "Chinese policy"
        if child.dep_ == "prep" and child.lower_ in {"of", "by"} and depth == 0:
            objects = [g for g in child.children if g.dep_ == "pobj"]
            objects += [c for o in objects for c in o.conjuncts]
            if any(_names_party(o, depth + 1) for o in objects):
                return True
    return False


def doubts_a_thing(trigger: Token, event_type: str, recipient: list[str] | None) -> bool:
    """Whether a verb of doubt or criticism has only things no party has as its objects and
    no recipient: "questioned the wisdom of the plan", "criticized free-trade deals"."""
    if event_type != "ACCUSE" or recipient or trigger.pos_ != "VERB":
        return False
    if trigger.lemma_.lower() not in DOUBTING_OR_CRITICISING:
        return False
    children = list(trigger.children)
    if any(c.dep_ in {"ccomp", "dative", "nsubjpass"} for c in children):
        return False  # "questioned whether ...", a person questioned in the passive
    objects = [c for c in children if c.dep_ == "dobj"]
    objects += [g for o in objects for g in o.conjuncts]
    return bool(objects) and not any(_names_party(o) for o in objects)
