"""Entity spans never start or end with a bracket or quotation mark."""

from __future__ import annotations

from spacy.tokens import Span

from dateline.nlp.entity_edges import ENTITY_EDGES, trim_entity_edges
from dateline.nlp.loader import load_model, load_plain_model

TEXT = (
    "The president dismissed the defence minister [Anton Kovalenko] after a long quarrel, "
    "and shares of AT&T rose 5% on Tuesday."
)


def _span(doc, text: str, label: str) -> Span:  # type: ignore[no-untyped-def]
    start = doc.text.index(text)
    found = doc.char_span(start, start + len(text), label=label)
    assert found is not None
    return found


def test_a_bracket_or_quote_at_an_entity_edge_is_dropped() -> None:
    # As the small model sometimes reads an editor's bracketed insertion ("[Anton Kovalenko").
    doc = load_plain_model().make_doc(TEXT + ' The "Daily Courier" agreed.')
    doc.ents = [
        _span(doc, "[Anton Kovalenko", "PERSON"),
        _span(doc, "AT&T", "ORG"),
        _span(doc, "5%", "PERCENT"),
        _span(doc, '"Daily Courier"', "ORG"),
    ]
    names = {e.text: e.label_ for e in trim_entity_edges(doc).ents}
    # Other punctuation at the end of an entity or inside it is part of it.
    assert names == {
        "Anton Kovalenko": "PERSON",
        "AT&T": "ORG",
        "5%": "PERCENT",
        "Daily Courier": "ORG",
    }


def test_an_entity_of_marks_only_is_dropped() -> None:
    doc = load_plain_model().make_doc('He said "" twice.')
    doc.ents = [Span(doc, 2, 4, "ORG")]
    assert [e.text for e in doc.ents] == ['""']
    assert list(trim_entity_edges(doc).ents) == []


def test_trimming_sits_after_the_recogniser_only_in_dateline_model() -> None:
    names = load_model().pipe_names
    assert names.index(ENTITY_EDGES) == names.index("ner") + 1
    assert ENTITY_EDGES not in load_plain_model().pipe_names
    assert "Anton Kovalenko" in [e.text for e in load_model()(TEXT).ents]
