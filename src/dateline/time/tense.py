"""The tense of the clause a temporal expression sits in, read from the spaCy parse.

Relative dates ("Monday", "18 November", "early December") are resolved backwards in a past
clause and forwards in a future one. Future is signalled by a future auxiliary ("will meet"),
"going to", a progressive present ("is meeting on Friday"), or a scheduling verb whose "for"
complement is the date ("has been arranged for Wednesday", "was due to take place on ...").
"""

from __future__ import annotations

from typing import Literal

from spacy.tokens import Doc, Token

from dateline.time.lexicon import lexicon

Tense = Literal["past", "present", "future"]

# Penn tags of finite verbs and what tense they carry.
_FINITE = {"VBD": "past", "VBZ": "present", "VBP": "present"}


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
        if token.head is token:
            break
        token = token.head
    return None


def _verb_tense(verb: Token) -> Tense | None:
    lex = lexicon()
    auxiliaries = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if verb.lemma_.lower() in lex.scheduling_lemmas and _has_for_date(verb):
        return "future"
    for aux in auxiliaries:
        word = aux.lower_
        if word in lex.future_auxiliaries:
            return "future"
        if word == "going" and any(c.lower_ == "to" for c in verb.children):
            return "future"
    if verb.tag_ == "VBG" and any(a.tag_ in ("VBZ", "VBP") for a in auxiliaries):
        return "future"
    finite = [a for a in auxiliaries if a.tag_ in ("VBD", "VBZ", "VBP", "MD")]
    if finite:
        first = finite[0]
        if first.tag_ == "MD":
            return "future" if first.lower_ in lex.future_auxiliaries else None
        if first.lower_ in ("has", "have", "'ve", "'s") and verb.tag_ == "VBN":
            return "past"  # present perfect: the event lies in the past
        return _FINITE[first.tag_]  # type: ignore[return-value]
    if verb.tag_ in _FINITE:
        return _FINITE[verb.tag_]  # type: ignore[return-value]
    if verb.tag_ == "MD":
        return "future" if verb.lower_ in lex.future_auxiliaries else None
    return None


def _has_for_date(verb: Token) -> bool:
    return any(c.lower_ in ("for", "on", "until") for c in verb.children)


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
