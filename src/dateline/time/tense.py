"""The tense of the clause a temporal expression sits in, read from the spaCy parse.

Relative dates ("Monday", "18 November", "early December") are resolved backwards in a past
clause and forwards in a future one. Future is signalled by a future auxiliary ("will meet"),
"going to", a progressive present ("is meeting on Friday"), or a scheduling verb whose "for"
complement is the date ("has been arranged for Wednesday"). A clause that looks ahead from
another time ("planned to leave on Thursday", "must be returned by Jan. 14", "was due to take
place on 18 November") is "prospective": the date may lie either side of publication, so the
nearest reading is taken.
"""

from __future__ import annotations

from typing import Literal

from spacy.tokens import Doc, Token

from dateline.time.lexicon import lexicon

Tense = Literal["past", "present", "future", "prospective"]

# Penn tags of finite verbs and what tense they carry.
_FINITE: dict[str, Tense] = {"VBD": "past", "VBZ": "present", "VBP": "present"}
_PROGRESSIVE_BE = frozenset({"is", "are", "am", "'s", "'re", "'m"})
_PERFECT_HAVE = frozenset({"has", "have", "had", "'ve", "'d"})


def clause_tense(doc: Doc, start: int, end: int) -> Tense | None:
    """The tense governing the characters ``start:end`` of ``doc``, or None if unknown."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    if _scheduled_for(doc, span.start):
        return "future"
    token: Token = span.root
    # Climb to the nearest verb, then through non-finite verbs to the finite one.
    for _ in range(8):
        if token.pos_ in ("VERB", "AUX") or token.dep_ == "ROOT" or token.head is token:
            break
        token = token.head
    for _ in range(5):
        tense = _verb_tense(token)
        if tense is not None:
            return tense
        if _headline_infinitive(token):
            return "future"
        if _looks_ahead(token):
            return "prospective"
        if token.head is token:
            break
        token = token.head
    return None


def _verb_tense(verb: Token) -> Tense | None:
    lex = lexicon()
    auxiliaries = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if verb.lemma_.lower() in lex.scheduling_lemmas and any(
        c.lower_ == "for" for c in verb.children
    ):
        return "future"
    for aux in auxiliaries:
        word = aux.lower_
        if word in lex.future_auxiliaries:
            return "future"
        if word == "going" and any(c.lower_ == "to" for c in verb.children):
            return "future"
    words = {a.lower_ for a in auxiliaries}
    if verb.tag_ == "VBG" and words & _PROGRESSIVE_BE and "been" not in words:
        return "future"  # "is meeting on Friday"
    if verb.tag_ == "VBG" and "been" in words and words & _PERFECT_HAVE:
        return "past"  # "have been searching since the Oct. 23 shooting": begun in the past
    finite = [a for a in auxiliaries if a.tag_ in ("VBD", "VBZ", "VBP", "MD")]
    if finite:
        first = finite[0]
        if first.tag_ == "MD":
            return "prospective"  # "must be returned by", "would meet on"
        if first.lower_ in ("has", "have", "'ve", "'s") and verb.tag_ == "VBN":
            return "past"  # present perfect: the event lies in the past
        return _FINITE[first.tag_]
    if verb.tag_ in _FINITE:
        return _FINITE[verb.tag_]
    if verb.tag_ == "MD":
        return "future" if verb.lower_ in lex.future_auxiliaries else "prospective"
    if (
        verb.tag_ == "VBN"
        and verb.dep_ in {"acl", "amod", "advcl"}
        and verb.lemma_.lower() not in lex.scheduling_lemmas | lex.intention_lemmas
    ):
        return "past"  # a participle without auxiliary: "the record high reached on Aug. 6"
    return None


def _headline_infinitive(verb: Token) -> bool:
    """True for the headline future "Leaders to meet in Sochi on Wednesday": a "to"
    infinitive heading the whole line (or hanging from the noun that heads it)."""
    has_to = any(c.lower_ == "to" and c.dep_ == "aux" for c in verb.children)
    if not has_to or verb.tag_ != "VB":
        return False
    if verb.dep_ == "ROOT":
        return True
    head = verb.head
    return head.pos_ in ("NOUN", "PROPN") and head.dep_ == "ROOT"


def _looks_ahead(verb: Token) -> bool:
    """True for the infinitive of "planned to leave", "due to take place", "invited to"."""
    has_to = any(c.lower_ == "to" and c.dep_ == "aux" for c in verb.children)
    if not has_to or verb.tag_ != "VB":
        return False
    head = verb.head
    return head is not verb and head.lemma_.lower() in lexicon().intention_lemmas


def _scheduled_for(doc: Doc, first: int) -> bool:
    """True for "<scheduling word> (for|on) [early|late] <date>" and "due (on|for) <date>"."""
    lex = lexicon()
    i = first - 1
    while i >= 0 and doc[i].lower_ in ("early", "late", "mid", "the", "next", "this"):
        i -= 1
    if i < 1 or doc[i].lower_ not in ("for", "on"):
        return False
    # Look back a few tokens for the scheduling verb ("re-scheduled for", "set for", "due on").
    for j in range(i - 1, max(-1, i - 4), -1):
        word = doc[j]
        if word.lemma_.lower() in lex.scheduling_lemmas or word.lower_ in lex.scheduling_lemmas:
            return True
        if word.lower_.endswith("scheduled"):
            return True
        if word.pos_ in ("VERB", "ADJ") or word.is_punct:
            break
    return False
