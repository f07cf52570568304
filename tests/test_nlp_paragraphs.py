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


def test_batched_parse_hands_the_marker_its_text(monkeypatch):
    """The pipeline's batched parse makes each Doc with its text remembered before the
    components run (``pipeline.tokenised``), so the blank-line marker never joins the tokens'
    texts again; the parse is the one ``nlp.pipe`` makes from the strings."""
    from spacy.attrs import DEP, HEAD, LEMMA, SENT_START, TAG

    from dateline.nlp import doctext, paragraphs
    from dateline.pipeline import Pipeline, tokenised
    from dateline.sources.files import RawInput

    remembered: list[bool] = []

    def doc_text(doc):  # type: ignore[no-untyped-def]
        remembered.append(doc in doctext._TEXTS)
        return doctext.doc_text(doc)

    monkeypatch.setattr(paragraphs, "doc_text", doc_text)
    texts = [PAGE, "Ministers met in Oslo on Friday.\n\nTalks resume on Monday, they said."]
    raws = [RawInput(source=f"page{n}.txt", data=text.encode()) for n, text in enumerate(texts)]
    outcomes = list(Pipeline.create(["nlp"]).run(raws, raise_errors=True))
    assert len(outcomes) == 2 and remembered and all(remembered)
    monkeypatch.undo()
    nlp = load_model()
    columns = [TAG, DEP, HEAD, LEMMA, SENT_START]
    for ours, theirs in zip(nlp.pipe(tokenised(nlp, texts)), nlp.pipe(texts), strict=True):
        assert (ours.to_array(columns) == theirs.to_array(columns)).all()
