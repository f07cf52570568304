"""The attribute ruler's column matcher finds exactly what spaCy's Matcher finds."""

from __future__ import annotations

import pytest
from spacy.attrs import LEMMA, MORPH, POS, TAG
from spacy.language import Language
from spacy.pipeline import AttributeRuler

from dateline.nlp.attributes import ColumnMatcher, UnsupportedPattern, use_column_matcher
from dateline.nlp.loader import load_plain_model

# Sentences that reach the model's tag map, its morphology and lemma rules (contractions,
# "gonna", "y'all", pronouns as subject and object, expletive "there"), spaces and the dashes.
SENTENCES = [
    "The council said on Tuesday that it wouldn't raise taxes, but the mayor disagreed.",
    "I ain't gonna sign it, y'all. Let's go, c'mon! Nothin' doin', she said.",
    "There's a strike at the port and there are queues; you and I saw them, they saw you.",
    "He gets paid; she got ta leave. Do it now! Whether or not he did, I'm here.",
    "Smith, 40 ― a father of two ― was shot.\n\n  Police   \t arrived.",
    "",
    "   ",
]


@pytest.fixture(scope="module")
def plain() -> Language:
    return load_plain_model()


def _up_to_ruler(nlp: Language, text: str):  # type: ignore[no-untyped-def]
    names = nlp.pipe_names
    with nlp.select_pipes(enable=names[: names.index("attribute_ruler")]):
        return nlp(text)


def test_same_matches_as_spacy(plain: Language) -> None:
    ruler = plain.get_pipe("attribute_ruler")
    assert isinstance(ruler, AttributeRuler)
    columns = ColumnMatcher(ruler)
    for text in SENTENCES:
        doc = _up_to_ruler(plain, text)
        assert columns(doc) == ruler.match(doc), text


def test_same_annotations_as_spacy(plain: Language, nlp: Language) -> None:
    assert isinstance(nlp.get_pipe("attribute_ruler").match, ColumnMatcher)
    for text in SENTENCES:
        ours, theirs = nlp(text), plain(text)
        attrs = [TAG, POS, MORPH, LEMMA]
        assert (ours.to_array(attrs) == theirs.to_array(attrs)).all(), text
        assert [t.lemma_ for t in ours] == [t.lemma_ for t in theirs]


def test_unreadable_pattern_keeps_spacys_matcher() -> None:
    nlp = load_plain_model()
    ruler = nlp.get_pipe("attribute_ruler")
    assert isinstance(ruler, AttributeRuler)
    ruler.add([[{"LOWER": "very", "OP": "+"}]], {"POS": "ADV"})
    with pytest.raises(UnsupportedPattern):
        ColumnMatcher(ruler)
    assert not use_column_matcher(nlp)
    assert not isinstance(ruler.match, ColumnMatcher)
