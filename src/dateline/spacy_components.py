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

Each component runs, through the one Dateline pipeline, the stages it requires that have not
run yet on this ``Doc``.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from dateline.model import Analysis, Article, Notice, parse_published
from dateline.pipeline import Pipeline
from dateline.stage import Parsed

if not Doc.has_extension("dateline"):
    Doc.set_extension("dateline", default=None)
if not Doc.has_extension("dateline_published"):
    Doc.set_extension("dateline_published", default=None)


class StageComponent:
    """Runs one Dateline stage (and the stages it requires) on a spaCy ``Doc``."""

    def __init__(self, stage: str, nlp: Language | None = None) -> None:
        self.stage = stage
        self.nlp = nlp
        self.pipeline = Pipeline.create([stage])

    def __call__(self, doc: Doc) -> Doc:
        from dateline.article.structure import article_id

        analysis: Analysis | None = doc._.dateline
        if analysis is None:
            published: str | None = doc._.dateline_published
            notices: list[Notice] = []
            if published is not None:
                try:
                    parse_published(published)
                except ValueError:
                    message = f"publication time {published!r} is not ISO 8601: relative dates left unresolved"
                    notices.append(Notice(stage="article", message=message))
                    published = None
            article = Article(
                id=article_id(doc.text),
                source="spacy",
                published=published,
                language="en",
                paragraphs=[doc.text],
                text=doc.text,
            )
            analysis = Analysis(article=article, stages=["article", "nlp"], notices=notices)
        # Stages that already ran on this Doc (another component's requirement) are skipped.
        doc._.dateline = self.pipeline.apply(analysis, Parsed(doc, self.nlp))
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
