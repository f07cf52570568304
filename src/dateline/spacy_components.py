"""Dateline's stages as spaCy pipeline components.

::

    import spacy, dateline.spacy_components  # registers the factories (also via entry points)
    nlp = spacy.load("en_core_web_sm")
    nlp.add_pipe("dateline_entities")
    nlp.add_pipe("dateline_quotes")
    nlp.add_pipe("dateline_events")
    doc = nlp(text)
    doc._.dateline            # the Analysis document so far
    doc._.dateline.entities   # Entity records; offsets are character offsets into doc.text

Set ``doc._.dateline_published`` (ISO 8601) before the pipeline runs — e.g. with
``nlp.make_doc`` and then calling the components — to anchor relative dates; otherwise
dates are left unresolved where they need an anchor.

Each component runs the stages it needs that have not run yet on this ``Doc``.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from dateline.model import Analysis, Article
from dateline.pipeline import STAGES, resolve_stages

if not Doc.has_extension("dateline"):
    Doc.set_extension("dateline", default=None)
if not Doc.has_extension("dateline_published"):
    Doc.set_extension("dateline_published", default=None)


class StageComponent:
    """Runs one Dateline stage (and the stages it needs) on a spaCy ``Doc``."""

    def __init__(self, stage: str, nlp: Language | None = None) -> None:
        self.stage = stage
        self.nlp = nlp
        self.order = [s for s in resolve_stages([stage]) if s in STAGES]

    def __call__(self, doc: Doc) -> Doc:
        from dateline.article.structure import article_id
        from dateline.nlp import bind_model
        from dateline.pipeline import _stage_function

        if self.nlp is not None and doc._.dateline_nlp is None:
            bind_model(doc, self.nlp)
        analysis: Analysis | None = doc._.dateline
        if analysis is None:
            article = Article(
                id=article_id(doc.text),
                source="spacy",
                published=doc._.dateline_published,
                language="en",
                paragraphs=[doc.text],
                text=doc.text,
            )
            analysis = Analysis(article=article, stages=["article", "nlp"])
        for name in self.order:
            if name not in analysis.stages:
                analysis = _stage_function(name)(analysis, doc)
                analysis = analysis.model_copy(update={"stages": [*analysis.stages, name]})
        doc._.dateline = analysis
        return doc


@Language.factory("dateline_entities")
def make_entities(nlp: Language, name: str) -> StageComponent:
    return StageComponent("entities", nlp)


@Language.factory("dateline_quotes")
def make_quotes(nlp: Language, name: str) -> StageComponent:
    return StageComponent("quotes", nlp)


@Language.factory("dateline_events")
def make_events(nlp: Language, name: str) -> StageComponent:
    return StageComponent("events", nlp)
