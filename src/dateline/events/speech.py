"""Criticism carried by what someone said: "'Hale's reckless budget is a disaster,' the senator
said", "Lopez said the council had been lying to the farmers".

The guideline codes speech when its words do something PLOVER names. Plain speech verbs code
nothing, and :mod:`dateline.events.evaluations` reads a few fixed constructions around a
reporting or naming verb ("called Y a liar", "said Y was corrupt"); much criticism in the news
is told in the content of a quotation whose speaker is named in another sentence, or judges what
a party owns or does rather than the party. This module reads that content:

- the speech act and its speaker come from the ``quotes`` section (direct, partial and
  reported statements whose speaker is a known entity);
- the targets are the named entities (or entities of public life) the content mentions, other
  than the speaker and towns;
- the content judges a target when the words predicated of it, of what it owns ("Hale's
  budget"), or qualifying it carry a negative VADER valence (the tone stage's lexicon, as in
  ``evaluations``) of at least :data:`~dateline.events.evaluations.MIN_VALENCE`: a copula's
  complement ("is a disaster"), a verb of conduct and its manner ("has been lying", "treats
  us unfairly"), the owned thing itself ("China's lies") or its adjectives;
- the tone stage's target-dependent classifier (:func:`dateline.tone.model.classify`,
  trained on NewsMTSC) must read the sentence as portraying the target negatively too.

Such a statement is criticism (CAMEO 111, ACCUSE) by the speaker of the target. A target that is
a party of an act the lexicons code in the same content ("the army shelled the town") is left
to that act: the words report what it did rather than judge it; what happens to a party
("suffered", "lost") judges no one; a question judges no one. Praise read the same way was
measured and is not coded: on the document gold's dev split 1 of 27 such tellings was a gold
SUPPORT (docs/EVALUATION.md). The trigger is the most negative word of the content nearest the
target, else the statement's cue verb in the sentence; the telling's kind is ``speech``, so the
learned confidence weighs these tellings apart from the rest.
"""

from __future__ import annotations

import itertools
from bisect import bisect_left
from dataclasses import dataclass

from spacy.tokens import Span, Token

from dateline.events.arguments import EntityIndex
from dateline.events.evaluations import (
    COPULAS,
    CRITICISE,
    FEELINGS,
    MIN_VALENCE,
    Evaluation,
    negated,
    predicate_words,
    valence,
)
from dateline.events.triggers import Trigger
from dateline.tone import lexicon as tone_lexicon
from dateline.tone.model import CLASSES, classify

# How sure the tone classifier must be that the sentence portrays the target negatively: a
# second reading, by a model of the whole sentence, of what the words say of the target.
MIN_TONE = 0.5
NEGATIVE = CLASSES.index("negative")
SOURCE = "speech"
# Verbs whose subject undergoes or feels something: "the man suffered a concussion", "farmers
# lost their crops" say nothing of the subject's conduct.
UNDERGOING = {"suffer", "lose", "die", "need", "face", "fear", "worry", "struggle", "miss",
              "hurt", "feel", "hope", "want", "wish", "get", "receive", "survive", "endure",
              "deserve"}  # fmt: skip
# Dependents of a noun that say what it is like ("unfair trading actions", "Trump, a liar").
QUALIFYING_DEPS = {"amod", "appos"}
# Dependents of a verb that say how its subject acts ("treats me unfairly", "behaved
# shamefully"); not its object: "conducted the robbery" reports a deed, it judges no one.
PREDICATE_DEPS = {"acomp", "advmod", "oprd"}


@dataclass(frozen=True)
class Statement:
    """One attributed statement of the quotes section: where its words are, who said them, and
    the verb that attributes them."""

    start: int
    end: int
    speaker: str
    cue: str | None


def _mentions(
    tokens: list[Token], statement: Statement, index: EntityIndex, named: set[str]
) -> dict[str, list[Span]]:
    """Entity id -> its mentions inside the statement's words in this sentence: entities of
    ``named`` other than the speaker."""
    if not tokens:
        return {}
    doc = tokens[0].doc
    first, last = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
    low, high = max(first, statement.start), min(last, statement.end)
    found: dict[str, list[Span]] = {}
    spans = index.spans  # sorted by start
    first_inside = bisect_left(spans, (low,))
    for start, end, entity in itertools.islice(spans, first_inside, None):
        if start >= high:
            break
        if end > high or start < index.dateline_end or entity not in named:
            continue
        if entity == statement.speaker or entity in index.places:
            continue
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or not len(span):
            continue
        kept = found.setdefault(entity, [])
        # "Governor Tom Hale" and the "Hale" inside it are one mention.
        if all(span.root.i != other.root.i for other in kept):
            kept.append(span)
    return found


def _question(tokens: list[Token]) -> bool:
    """Whether the sentence ends in a question mark (closing quotes and brackets aside)."""
    for token in reversed(tokens):
        if not (token.is_space or token.is_quote or token.text in {")", "]"}):
            return token.text == "?"
    return False


def _trigger_token(
    tokens: list[Token], inside: list[Token], mentions: list[Span], cue: str | None
) -> Token:
    """The most negative word of the content nearest the target, else the cue verb of the
    statement in this sentence, else the head of the content."""
    covered = {t.i for m in mentions for t in m}
    scored = []
    for token in inside:
        if token.i in covered:
            continue
        value = -tone_lexicon.valence(token.text, token.lemma_)
        if value > 0:
            distance = min(abs(token.i - m.root.i) for m in mentions)
            scored.append((distance, -value, token.i, token))
    if scored:
        return min(scored)[3]
    if cue:
        word = cue.split()[0].lower()
        cues = [t for t in tokens if t.lower_ == word and t not in inside]
        if cues:
            return cues[0]
    roots = [t for t in inside if t.head not in inside or t.head.i == t.i]
    return roots[0] if roots else inside[0]


def _qualifiers(noun: Token, exclude: Span) -> list[Token]:
    """The words that qualify a noun phrase: its adjectives and appositions."""
    return [
        t
        for child in noun.children
        if child.dep_ in QUALIFYING_DEPS
        for t in child.subtree
        if not exclude.start <= t.i < exclude.end
    ]


def _judgement(mention: Span, taken: set[int]) -> float | None:
    """The summed valence of the words of the content that evaluate the mentioned party: what
    is predicated of it or of what it owns ("China's actions are unfair", "these parties suck",
    "the governor's reckless budget"), and what qualifies it; a negated predicate reverses it.
    None when the party is a participant of an act the lexicons code ("said the army shelled
    the town": the act is reported, not judged)."""
    node = mention.root
    score = 0.0
    if node.dep_ == "poss":
        node = node.head  # "China's unfair actions", "China's lies": what it owns or does
        if node.i in taken:
            return None
        score = valence([node])
    score += valence(_qualifiers(node, mention))
    if node.dep_ != "nsubj":
        return None if node.head.i in taken else score
    predicate = node.head
    lemma = predicate.lemma_.lower()
    if predicate.i in taken or lemma in FEELINGS:
        return None
    words: list[Token] = []
    if lemma in COPULAS:
        words = predicate_words(predicate, [node])[1:]
    elif predicate.pos_ == "VERB" and lemma not in UNDERGOING:
        words = [predicate]
        words += [
            t for child in predicate.children if child.dep_ in PREDICATE_DEPS for t in child.subtree
        ]
        # Only the words that blame count: "they help farmers but behave shamefully".
        words = [w for w in words if valence([w]) < 0]
    judged = valence([w for w in words if w.lemma_.lower() not in FEELINGS])
    return score + (-judged if negated(predicate) else judged)


def speech_evaluations(
    tokens: list[Token],
    triggers: list[Trigger],
    statements: list[Statement],
    index: EntityIndex,
    named: set[str],
) -> list[Evaluation]:
    """Criticism of the entities that the statements overlapping this sentence name and
    judge, by the statements' speakers. ``named`` are the entities that may be judged:
    named parties and parties of public life, not descriptions such as "people" or "the
    athletes", whose portrayal in a statement is rarely a judgement of anyone."""
    if not tokens:
        return []
    first, last = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
    overlapping = [s for s in statements if s.start < last and first < s.end]
    if not overlapping or _question(tokens):
        return []
    taken = {t.token.i for t in triggers} | {t.carrier.i for t in triggers if t.carrier}
    found = []
    for statement in overlapping:
        inside = [t for t in tokens if statement.start <= t.idx < statement.end]
        if not inside:
            continue
        for entity, mentions in _mentions(tokens, statement, index, named).items():
            scores = [_judgement(m, taken) for m in mentions]
            if any(s is None for s in scores):
                continue
            score = sum(s for s in scores if s is not None)
            if score > -MIN_VALENCE:
                continue
            if classify(*mentions)[NEGATIVE] < MIN_TONE:
                continue  # the tone classifier reads the sentence otherwise
            token = _trigger_token(tokens, inside, mentions, statement.cue)
            trigger = Trigger(token, CRITICISE, False, nominal=False, source=SOURCE)
            found.append(Evaluation(trigger, [statement.speaker], [entity]))
    return found
