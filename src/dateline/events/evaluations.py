"""Praise and criticism told by evaluative words: speech acts the guideline codes although no
event verb names them.

The PLOVER guideline codes speech when the words do something PLOVER names: calling a party a
"disgrace" or a "liar" criticises it (CAMEO 111, ACCUSE), calling it "a brave leader" praises
it (CAMEO 051, SUPPORT). Three constructions carry such an evaluation of a named party:

- naming: "X called / labelled / described Y (as) Z" — Z is the evaluation, Y the party;
- an evaluative adjective with the party as its object: "X was critical of Y", "X is grateful
  to Y";
- reported evaluation: "X said (that) Y was Z" / "... Y behaved shamefully", where Y is a named
  party and the predicate evaluates it.

How strongly words evaluate comes from the VADER valence lexicon the tone stage already reads
(``dateline.tone.lexicon``): the summed valence of the evaluating words, with a negation
flipping it, must reach :data:`MIN_VALENCE` in either direction. Feelings ("afraid of",
"worried about") are states of mind, not evaluations of a party, and are never coded. The
party must be a named or described entity other than the one who evaluates.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from dateline.events.arguments import EntityIndex, clause_subject, phrase_entities
from dateline.events.triggers import Trigger
from dateline.nlp.labels import SUBJECT_DEPS
from dateline.tone.lexicon import valences

CRITICISE = "111"  # CAMEO: criticize or denounce (PLOVER ACCUSE)
PRAISE = "051"  # CAMEO: praise or endorse (PLOVER SUPPORT)
# Summed VADER valence (-4..+4 per word) the evaluating words must reach.
MIN_VALENCE = 1.2
# Verbs that name someone as something: "called Y a liar", "described Y as reckless".
NAMING_VERBS = {"call", "label", "brand", "dub", "describe", "characterize", "characterise",
                "term", "deem"}  # fmt: skip
# Verbs that report words: their clause may evaluate a party ("said the mayor was corrupt").
REPORTING_VERBS = {"say", "tell", "write", "add", "argue", "insist", "claim", "declare",
                   "maintain", "tweet", "post", "charge", "allege", "contend", "suggest"}  # fmt: skip
# Verbs of being whose complement says what the subject is ("was corrupt", "remains a threat").
COPULAS = {"be", "seem", "remain", "become", "look", "sound", "appear"}
# Prepositions through which an adjective names whom it evaluates ("critical of", "grateful to").
PARTY_PREPS = {"of", "to", "toward", "towards", "with", "at"}
# Adjectives of feeling: a state of the one who feels, not an evaluation of a party.
FEELINGS = {"afraid", "scared", "fearful", "worried", "concerned", "nervous", "anxious",
            "sad", "sorry", "happy", "glad", "excited", "hopeful", "confident", "sure",
            "aware", "unaware", "tired", "sick", "jealous", "envious", "curious"}  # fmt: skip
NEGATIONS = {"not", "never", "n't", "no"}
# Dependents of a predicate that carry its evaluation.
EVALUATING_DEPS = {"acomp", "attr", "oprd", "advmod"}


@dataclass(frozen=True)
class Evaluation:
    """One evaluative speech act: its trigger, who evaluates and whom."""

    trigger: Trigger
    actor: list[str]
    recipient: list[str]


def valence(tokens: list[Token]) -> float:
    """Summed VADER valence of ``tokens`` (a word's own form first, then its lemma)."""
    table = valences()
    total = 0.0
    for token in tokens:
        value = table.get(token.lower_)
        if value is None:
            value = table.get(token.lemma_.lower(), 0.0)
        total += value
    return total


def _negated(token: Token) -> bool:
    return any(c.dep_ == "neg" or c.lower_ in NEGATIONS for c in token.children)


def _code(score: float) -> str | None:
    if score <= -MIN_VALENCE:
        return CRITICISE
    if score >= MIN_VALENCE:
        return PRAISE
    return None


def _inside(token: Token, roots: list[Token]) -> bool:
    return any(r.left_edge.i <= token.i <= r.right_edge.i for r in roots)


def _predicate_words(predicate: Token, exclude: list[Token]) -> list[Token]:
    """The words of a copular predicate that may evaluate: its complements and manner
    modifiers, without the evaluated party's own phrase."""
    words = [predicate]
    for child in predicate.children:
        if child.dep_ in EVALUATING_DEPS:
            words += [t for t in child.subtree if not _inside(t, exclude)]
    return words


def _evaluation(
    token: Token, actor: list[str], recipient: list[str], score: float
) -> Evaluation | None:
    code = _code(score)
    recipient = [r for r in recipient if r not in actor]
    if code is None or not recipient:
        return None
    trigger = Trigger(token, code, False, nominal=False, source="evaluation")
    return Evaluation(trigger, actor, recipient)


def _subject_entities(verb: Token, index: EntityIndex) -> list[str]:
    subject = clause_subject(verb)
    return phrase_entities(subject, index, allow_places=True) if subject is not None else []


def _named(verb: Token, index: EntityIndex) -> Evaluation | None:
    """ "X called Y a liar", "X described Y as reckless"."""
    objects = [c for c in verb.children if c.dep_ in {"dobj", "oprd"}]
    if not objects:
        return None
    party = next((o for o in objects if phrase_entities(o, index, allow_places=True)), None)
    if party is None:
        return None
    complements = [o for o in objects if o.i != party.i]
    complements += [
        p for p in verb.children if p.dep_ == "prep" and p.lower_ == "as"
    ]  # "described Y as reckless"
    if not complements:
        return None
    words = [t for c in complements for t in c.subtree]
    score = valence(words) * (-1 if _negated(verb) else 1)
    recipient = phrase_entities(party, index, allow_places=True)
    return _evaluation(verb, _subject_entities(verb, index), recipient, score)


def _adjectival(adjective: Token, index: EntityIndex) -> Evaluation | None:
    """ "X was critical of Y", "X is grateful to Y"."""
    if adjective.dep_ not in {"acomp", "oprd"} or adjective.lemma_.lower() in FEELINGS:
        return None
    parties = [
        g
        for p in adjective.children
        if p.dep_ == "prep" and p.lower_ in PARTY_PREPS
        for g in p.children
        if g.dep_ == "pobj"
    ]
    recipient = [e for g in parties for e in phrase_entities(g, index, allow_places=True)]
    if not recipient:
        return None
    negated = _negated(adjective) or _negated(adjective.head)
    score = valence([adjective]) * (-1 if negated else 1)
    return _evaluation(adjective, _subject_entities(adjective.head, index), recipient, score)


def _reported(verb: Token, index: EntityIndex) -> Evaluation | None:
    """ "X said Y was corrupt", "Y behaved shamefully, X said"."""
    clause = next((c for c in verb.children if c.dep_ == "ccomp"), None)
    if clause is None:
        return None
    subject = next((c for c in clause.children if c.dep_ in SUBJECT_DEPS), None)
    # "'The man is a bigot,' Ruiz said of Hale": whom the words are said of is the one they
    # evaluate, whatever the quotation calls him.
    spoken_of = [
        e
        for p in verb.children
        if p.dep_ == "prep" and p.lower_ in {"of", "about"}
        for g in p.children
        if g.dep_ == "pobj"
        for e in phrase_entities(g, index, allow_places=True)
    ]
    if subject is None or (subject.pos_ not in {"PROPN", "NOUN"} and not spoken_of):
        return None  # "he was wrong": a pronoun may stand for the speaker himself
    if clause.lemma_.lower() not in COPULAS:
        return None  # "said two soldiers were killed" reports an act, it evaluates no one
    recipient = spoken_of or phrase_entities(subject, index, allow_places=True)
    if not recipient:
        return None
    words = _predicate_words(clause, [subject])
    score = valence(words) * (-1 if _negated(clause) else 1)
    return _evaluation(verb, _subject_entities(verb, index), recipient, score)


def evaluation_events(
    tokens: list[Token], triggers: list[Trigger], index: EntityIndex
) -> list[Evaluation]:
    """The evaluative speech acts of one sentence, leaving out words that already trigger an
    event ("condemned", "praised" are coded by the lexicons)."""
    taken = {t.token.i for t in triggers} | {t.carrier.i for t in triggers if t.carrier}
    found = []
    for token in tokens:
        # Only verbs and adjectives evaluate: the rest is passed over before any lemma is read.
        pos = token.pos_
        if (pos != "VERB" and pos != "ADJ") or token.i in taken:
            continue
        lemma = token.lemma_.lower()
        evaluation = None
        if pos == "VERB" and lemma in NAMING_VERBS:
            evaluation = _named(token, index)
        if evaluation is None and pos == "ADJ":
            evaluation = _adjectival(token, index)
        if evaluation is None and pos == "VERB" and lemma in REPORTING_VERBS:
            evaluation = _reported(token, index)
        if evaluation is not None:
            found.append(evaluation)
    return found
