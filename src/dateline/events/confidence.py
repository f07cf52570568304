"""How sure an event record is: a confidence in [0, 1] from what is known about it.

Precision first: a reader counts events, so an event the text does not support costs more
than one left out. The confidence multiplies a prior for the kind of trigger by factors for
each piece of evidence for or against it:

- the trigger: a hand-checked event verb, a noun carried by a light verb ("held talks") or an
  event noun, a demand read from "X said Y must ...", or a verb only the broad PETRARCH
  dictionary knows (weakest);
- the word's lexicon class (``data/verb_classes.tsv``): opinion and belief verbs ("think",
  "expect") are no events; speech verbs only report words; force and motion verbs are mostly
  figurative outside politics ("beat", "plunged", "struggling");
- the participants: a named actor, an actor only described ("police"), a recipient found, and
  whether any participant is a political actor (an entity with a country, sector or actor
  code, a nationality, a group or a country);
- the article's domain (``data/domains.tsv``): sport, market and technology pages rarely tell
  codeable events and use conflict words figuratively;
- the context: a question, a clause governed by an opinion verb, a credit line ("contributed
  reporting"), a refusal to speak ("declined to comment", "a request for comment"), an act
  only asked for or possible (status hypothetical);

The factors are set by hand from the PLOVER guideline and checked on the dev split of the
document gold set (``dateline eval events --docs tests/gold/events --split dev``). This score
is the baseline (``find_events(..., confidence="rules")``, threshold ``RULES_MIN_CONFIDENCE``)
and one feature of the learned confidence event records carry
(``dateline.events.confidence_model``), whose threshold ``DEFAULT_MIN_CONFIDENCE`` exports and
queries apply. ``Evidence`` also holds what only the learned confidence reads.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from spacy.attrs import IS_ALPHA, IS_STOP, LEMMA, ORTH
from spacy.tokens import Doc, Token

from dateline.events import DEFAULT_MIN_CONFIDENCE, lexicon
from dateline.nlp.doctext import token_strings
from dateline.resources import data_lines

__all__ = ["DEFAULT_MIN_CONFIDENCE", "Evidence", "confidence"]

TriggerKind = Literal[
    "verb", "dictionary_verb", "noun", "carried_noun", "derived_noun", "demand", "evaluation"
]
ActorKind = Literal["named", "described"]

PRIOR: dict[str, float] = {
    "verb": 0.8,
    "carried_noun": 0.8,
    "noun": 0.65,
    # A noun derived from a core verb ("denial", "imposition"): not checked word by word.
    "derived_noun": 0.55,
    "demand": 0.45,
    # Praise or criticism told by an evaluative word ("called the plan a disgrace").
    "evaluation": 0.45,
    "dictionary_verb": 0.5,
}
# The threshold the hand-set confidence was tuned for on dev (before the learned confidence,
# whose threshold is DEFAULT_MIN_CONFIDENCE); ``dateline eval events --docs`` reports both.
RULES_MIN_CONFIDENCE = 0.6
CLASS_FACTOR = {"opinion": 0.1, "speech": 0.3, "role": 0.3}
FIGURATIVE_OFF_DOMAIN = 0.15  # a force verb on a sport, market or tech page
FIGURATIVE_NO_POLITICAL_PARTY = 0.5  # a force verb between parties none of which is political
OFF_DOMAIN = 0.4  # any event on a sport, market or tech page
DESCRIBED_ACTOR = 0.85
NO_RECIPIENT = 0.8
POLITICAL_PARTY = 1.15
QUESTION = 0.3
OPINION_GOVERNED = 0.45
CREDIT_LINE = 0.05
NO_COMMENT = 0.08
HYPOTHETICAL = 0.7
EMBEDDED = (
    0.6  # told only inside another act's clause ("accused Russia of attempting to interfere")
)
# A domain is the article's when its words are at least this many and outnumber the
# political vocabulary by this ratio.
DOMAIN_MIN_HITS = 6
DOMAIN_RATIO = 1.5
POLITICS = "politics"
# Credit and byline phrasing of news copy: "X contributed reporting from Y", "Editing by".
CREDIT = re.compile(
    r"\b(?:contributed(?: additional)? (?:reporting|to this (?:report|story|article))|"
    r"(?:additional )?reporting by|editing by|writing by|compiled by|"
    r"photo(?:graph)?s? by|photo credit|image credit)\b",
    re.IGNORECASE,
)
# What one declines, refuses or is asked for when no act is told: "declined to comment",
# "a request for comment".
NO_COMMENT_WORDS = {"comment", "interview", "elaborate", "respond", "statement", "reply"}
QUESTION_MARKS = {"whether", "if"}
# Dependencies through which an opinion verb governs the trigger's clause.
GOVERNING_DEPS = {"ccomp", "xcomp", "advcl"}
POLITICAL_TYPES = {"NORP", "GROUP"}
# Modal verbs that hedge an act ("could strike", "might meet"); "will" and "must" do not.
HEDGING_MODALS = {"could", "might", "may", "would"}


@dataclass(frozen=True)
class Evidence:
    """What the events stage knows about one event, as the confidence reads it."""

    trigger_kind: TriggerKind
    word_class: str | None  # opinion, speech, figurative (lexicon class of the trigger word)
    actor: ActorKind | None
    recipient: bool
    political_party: bool
    domain: str
    question: bool = False
    opinion_governed: bool = False
    credit: bool = False
    no_comment: bool = False
    embedded: bool = False
    status: str = "occurred"
    # What the learned confidence (``dateline.events.confidence_model``) reads besides the above.
    event_type: str = ""  # the rules' PLOVER type
    lemma: str = ""  # the trigger's lemma
    actor_type: str | None = None  # entity type of the first actor (PERSON, ORG, GPE, NORP...)
    actor_count: int = 0
    recipient_type: str | None = None
    # The first actor (recipient) is coded: it has a CAMEO actor code or a country, so it is a
    # party of public life the knowledge base or the nationality rules know.
    actor_coded: bool = False
    actor_sector: bool = False  # the first actor has an agent sector (GOV, MIL, OPP, ...)
    recipient_coded: bool = False
    subject_pronoun: bool = False  # the trigger's grammatical subject is a pronoun
    # The first actor (recipient) is told in the trigger's sentence only by a pronoun or a
    # description ("he", "them", "the company"): the entities stage's coreference supplied it,
    # a link that is wrong more often than a name written there.
    actor_by_reference: bool = False
    recipient_by_reference: bool = False
    field: str = "text"  # text, headline or standfirst
    in_quote: bool = False
    position: float = 0.0  # where the telling starts in its field, 0 (first word) to 1
    modal: bool = False  # a modal verb hedges the trigger ("could", "might")
    # How the parse ties the first actor (recipient) to the trigger, read off its mention in the
    # sentence nearest the trigger: the trigger's subject ("subject"), a passive's agent
    # ("agent"), the possessor of a noun trigger ("possessor"), the subject of a verb governing
    # the trigger ("governor_subject"), the trigger's object ("object") or a preposition's object
    # ("prep"), elsewhere in the trigger's clause ("clause") or only in its sentence
    # ("sentence"); "outside" when the sentence does not name it (a pronoun resolved, a speaker
    # or a police force supplied by the rules); "speaker" for a characterisation's speaker (see
    # ``characterisation``). None without an actor (recipient).
    actor_link: str | None = None
    recipient_link: str | None = None
    actor_distance: int = -1  # words between the trigger and that actor mention (-1: none)
    codeable: float | None = None  # the classifier's P(codeable event) for the trigger
    type_probability: float | None = None  # the classifier's P(this type | codeable)
    classifier_type: str | None = None  # the classifier's most probable type
    # What a verb trigger acts on, read off its direct object: a named or described party
    # ("party"), a bare common noun naming no party ("urged motorists", "rejected bills":
    # generic, "bare"), another noun phrase ("noun"), only a clause ("refused to take sides",
    # "clause") or nothing ("none"). None for a noun trigger.
    object_kind: str | None = None
    # The trigger's clause is a relative clause describing someone ("a lawyer who defended
    # activists"): background to the story, seldom its event.
    relative_clause: bool = False
    # The telling is a speaker's characterisation of a party recoded as the speaker's
    # accusation ("'He refuses to take responsibility,' she said": she accuses him), not an act
    # the trigger names directly (``stage._characterised_by_speaker``).
    characterisation: bool = False


def confidence(evidence: Evidence) -> float:
    """The event's confidence in [0, 1] (see the module docstring)."""
    score = PRIOR[evidence.trigger_kind]
    score *= CLASS_FACTOR.get(evidence.word_class or "", 1.0)
    off_domain = evidence.domain != POLITICS
    if evidence.word_class == "figurative":
        if off_domain:
            score *= FIGURATIVE_OFF_DOMAIN
        elif not evidence.political_party:
            score *= FIGURATIVE_NO_POLITICAL_PARTY
    if off_domain:
        score *= OFF_DOMAIN
    if evidence.actor is None:
        return 0.0
    if evidence.actor == "described":
        score *= DESCRIBED_ACTOR
    if not evidence.recipient:
        score *= NO_RECIPIENT
    if evidence.political_party:
        score *= POLITICAL_PARTY
    if evidence.question:
        score *= QUESTION
    if evidence.opinion_governed:
        score *= OPINION_GOVERNED
    if evidence.credit:
        score *= CREDIT_LINE
    if evidence.no_comment:
        score *= NO_COMMENT
    if evidence.status == "hypothetical":
        score *= HYPOTHETICAL
    elif evidence.embedded:
        score *= EMBEDDED
    return round(min(score, 1.0), 3)


# -- lexicon classes ------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _classes() -> dict[str, dict[str, str]]:
    """Kind ("block", "lemma", "object") -> key -> class."""
    table: dict[str, dict[str, str]] = {"block": {}, "lemma": {}, "object": {}}
    for line in data_lines("dateline.events", "data", "verb_classes.tsv"):
        kind, key, word_class = line.split("\t")
        table[kind][key] = word_class
    return table


# CAMEO roots of giving, promising and releasing: their object says whether anything was
# given ("released a video" releases nobody).
GIVING_ROOTS = ("03", "06", "07", "08")


def word_class(token: Token, cameo: str = "") -> str | None:
    """The lexicon class of a trigger word: its own entry, else its PETRARCH verb block's;
    a giving verb whose object is only words ("sent an email") is speech."""
    table = _classes()
    blocks, lemmas, objects = table["block"], table["lemma"], table["object"]
    lemma = token.lemma_.lower()
    if cameo.startswith(GIVING_ROOTS) and any(
        c.dep_ == "dobj" and c.lemma_.lower() in objects for c in token.children
    ):
        return "speech"
    if lemma in lemmas:
        return lemmas[lemma]
    if token.pos_ in {"VERB", "AUX"}:
        block, code = lexicon.cameo_verbs().get(lemma, ("", ""))
        found = blocks.get(block)
        if found == "speech" and code and not code.startswith("01"):
            return None  # a block of speech verbs may hold a verbal act: "mock" (111)
        return found
    return None


@lru_cache(maxsize=1)
def _domain_words() -> dict[str, str]:
    return dict(line.split("\t") for line in data_lines("dateline.events", "data", "domains.tsv"))


def article_domain(doc: Doc) -> str:
    """``politics`` (the default), or ``sport``, ``market`` or ``tech`` when the article's
    vocabulary says it is a page of that kind."""
    words = _domain_words()
    hits: Counter[str] = Counter()
    # Every token's flags and lemma read as columns, not one Token object per token; the
    # alphabetic words that are not stop words picked by the array itself, in token order.
    flags = doc.to_array([IS_ALPHA, IS_STOP]).reshape(len(doc), 2)
    kept = ((flags[:, 0] != 0) & (flags[:, 1] == 0)).nonzero()[0].tolist()
    lemmas = token_strings(doc, LEMMA)
    for i in kept:
        domain = words.get(lemmas[i].lower())
        if domain:
            hits[domain] += 1
    politics = hits.pop(POLITICS, 0)
    if not hits:
        return POLITICS
    domain, count = hits.most_common(1)[0]
    if count >= DOMAIN_MIN_HITS and count >= DOMAIN_RATIO * max(politics, 1):
        return domain
    return POLITICS


# -- context cues ---------------------------------------------------------------------------


def in_question(token: Token) -> bool:
    """In a question: the sentence ends with "?", or the trigger asks "whether"/"if"/"about"
    (a reporter's question, not a request)."""
    sentence = token.sent
    # The words' texts from the document's column, not a ``Token`` per word of the sentence.
    if "?" in token_strings(token.doc, ORTH)[sentence.start : sentence.end]:
        return True
    if any(c.dep_ == "mark" and c.lower_ == "whether" for c in token.children):
        return True  # "was asked whether he respects Putin"
    if token.lemma_.lower() in {"ask", "question", "wonder"}:
        # '"Is that fair?" he asked': the question may be parsed as the sentence before.
        before = token.doc[max(sentence.start - 3, 0) : token.i]
        if any(t.text == "?" for t in before):
            return True
        for child in token.children:
            if child.dep_ in {"ccomp", "advcl"} and any(
                g.dep_ == "mark" and g.lower_ in QUESTION_MARKS for g in child.children
            ):
                return True
            if child.dep_ == "prep" and child.lower_ == "about":
                return True
    return False


def opinion_governed(token: Token) -> bool:
    """Whether an opinion verb governs the trigger's clause ("I think we should talk")."""
    current = token
    for _ in range(3):
        if current.dep_ not in GOVERNING_DEPS or current.head.i == current.i:
            return False
        current = current.head
        if word_class(current) == "opinion":
            return True
    return False


# Clauses that tell an act only as part of another: "to interfere", "of attempting to".
EMBEDDING_DEPS = {"xcomp", "advcl", "acl", "relcl", "pcomp"}


def embedded(token: Token) -> bool:
    """Whether a verb trigger is told only inside another act's clause: an infinitive or
    gerund complement ("accused Russia of attempting to interfere", "to impose its will")."""
    if token.pos_ != "VERB" or token.dep_ not in EMBEDDING_DEPS:
        return False
    infinitive = any(c.dep_ == "aux" and c.tag_ == "TO" for c in token.children)
    return infinitive or token.dep_ == "pcomp" or token.tag_ == "VBG"


def credit_line(sentence_text: str) -> bool:
    return CREDIT.search(sentence_text) is not None


def no_comment(token: Token) -> bool:
    """ "declined to comment", "did not respond to a request for comment", "refused an
    interview": a refusal or request whose object is only speech."""
    for child in token.children:
        if child.dep_ in {"xcomp", "dobj"} and child.lemma_.lower() in NO_COMMENT_WORDS:
            return True
        if (
            child.dep_ == "prep"
            and child.lower_ in {"for", "to"}
            and any(g.lemma_.lower() in NO_COMMENT_WORDS for g in child.children)
        ):
            return True
    return False
