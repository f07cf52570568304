"""Tellings that are no act between parties, however their verb reads.

- **Opinion reports**: what a poll or survey finds, and what a share of a population thinks,
  wants or blames ("Most Americans want Congress to investigate the president", "60 percent of
  Democrats blame the president, a new poll found"). The guideline (docs/annotation/events.md)
  codes no opinions and no polls; the act a population wants done is only wished for, nobody
  has done or asked it of anyone.
- **A meeting with one's own staff** ("the president met with his top aides"): PLOVER codes
  interactions between actors; an actor consulting its own people is one actor (PETRARCH drops
  an event whose source is its target).
"""

from __future__ import annotations

from spacy.tokens import Token

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
    return any(
        o.lemma_.lower() in STAFF_NOUNS
        and any(c.dep_ == "poss" and c.lower_ in POSSESSIVE_PRONOUNS for c in o.children)
        for o in objects
    )
