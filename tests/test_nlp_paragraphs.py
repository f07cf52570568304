"""A blank line ends a sentence before the parser reads it (nlp.paragraphs)."""

from __future__ import annotations

from dateline.nlp.loader import load_model, load_plain_model
from dateline.nlp.paragraphs import PARAGRAPH_BREAKS

# A subheading without closing punctuation, then a paragraph; the last paragraph is
# hard-wrapped with single line breaks, which must stay inside one sentence.
PAGE = (
    "Flood barriers fail in river town\n\n"
    "The regional council evacuated 300 families on Sunday after the river rose.\n\n"
    "What residents were told\n"
    " \n"
    "Engineers warned the mayor in March that the\n"
    "barriers would not hold."
)


def _sentences(nlp) -> list[str]:  # type: ignore[no-untyped-def]
    return [sentence.text.strip() for sentence in nlp(PAGE).sents if sentence.text.strip()]


def test_blank_line_ends_a_sentence():
    sentences = _sentences(load_model())
    assert sentences[0] == "Flood barriers fail in river town"
    assert sentences[1].startswith("The regional council evacuated")
    assert "What residents were told" in sentences
    # A single line break inside a paragraph is no boundary.
    assert "Engineers warned the mayor in March that the\nbarriers would not hold." in sentences


def test_marker_sits_before_the_parser_only_in_dateline_model():
    names = load_model().pipe_names
    assert names.index(PARAGRAPH_BREAKS) < names.index("parser")
    # The speed benches' bare spaCy is spaCy as shipped.
    assert PARAGRAPH_BREAKS not in load_plain_model().pipe_names
