"""What an amount counts, read from the spaCy parse around the number.

In order: the noun after "of" ("32 per cent of Russians", "thousands of protesters"); the noun
the number modifies ("three soldiers", "a $2.5bn deal"); for money, what it is in or for
("€300m in aid"); for a percentage, the subject of its
clause ("inflation rose to 5 per cent"); for a bare number, the plural noun just before it
("Russian casualties – reportedly 131").
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from dateline.amounts.lexicon import lexicon
from dateline.nlp.labels import NOMINAL_SUBJECT_DEPS

_NOUNS = ("NOUN", "PROPN")


def counted_object(
    doc: Doc, start: int, end: int, is_percent: bool, is_money: bool = False
) -> Token | None:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    after = doc[span.end] if span.end < len(doc) else None
    if after is not None and after.lower_ == "of":
        return _object_of(after)
    modified = _modified_noun(span)
    if modified is not None:
        return modified
    if is_money and after is not None and after.lower_ in ("in", "for", "on"):
        return _object_of(after)  # "€300m in aid", "£45m for the striker"
    if is_percent:
        return _clause_subject(span)
    if after is not None and after.pos_ in _NOUNS and after.tag_ in ("NNS", "NNPS"):
        return after
    return _plural_noun_before(span)


def _object_of(of: Token) -> Token | None:
    for child in of.children:
        if child.dep_ == "pobj":
            return child
    for token in of.doc[of.i + 1 : of.i + 5]:
        if token.pos_ in _NOUNS:
            return token
    return None


def _modified_noun(span: Span) -> Token | None:
    measure_words = {w.split()[-1] for w in (*lexicon().measures, *lexicon().percent_words)}
    for token in span:
        head = token.head
        modifies = token.dep_ in ("nummod", "quantmod", "compound", "amod", "nmod")
        outside = head.i >= span.end and head.pos_ in _NOUNS
        if modifies and outside and head.lower_ not in measure_words:
            return head
    root = span.root
    if root.head.i >= span.end and root.head.pos_ in _NOUNS and root.dep_ != "pobj":
        return root.head
    return None


def _clause_subject(span: Span) -> Token | None:
    token = span.root
    for _ in range(6):
        if token.pos_ in ("VERB", "AUX"):
            for child in token.children:
                if child.dep_ in NOMINAL_SUBJECT_DEPS and not (span.start <= child.i < span.end):
                    return child
        if token.head is token:
            break
        token = token.head
    return None


def _plural_noun_before(span: Span) -> Token | None:
    """A plural noun among the six tokens before ``span``, in its sentence.

    Walks back token by token to the sentence start instead of asking ``span.sent``, which
    scans the whole sentence: quadratic on a page of numbers in one sentence.
    """
    doc = span.doc
    if span.start < len(doc) and doc[span.start].is_sent_start:
        return None
    for i in range(span.start - 1, max(-1, span.start - 7), -1):
        token = doc[i]
        if token.pos_ in _NOUNS and token.tag_ in ("NNS", "NNPS"):
            return token
        if token.is_sent_start:
            break
    return None
