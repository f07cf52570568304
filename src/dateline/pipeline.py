"""The Dateline pipeline: source → article → nlp → entities → geo/time/amounts → quotes → events → tone.

Each analysis stage lives in its own subpackage and exposes one function in its ``stage``
module::

    def annotate(analysis: Analysis, doc: spacy.tokens.Doc) -> Analysis

It reads the Analysis document (and the spaCy ``Doc`` of ``analysis.article.text``) and returns
a new Analysis with its own section filled. Stages are imported lazily so that
``--stages article`` never pays for loading spaCy or the gazetteers.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from dateline.model import Analysis, Article, Notice

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

# Stage name -> (module holding ``annotate``, stages it needs).
STAGES: dict[str, tuple[str, tuple[str, ...]]] = {
    "entities": ("dateline.entities.stage", ()),
    "geo": ("dateline.geo.stage", ("entities",)),
    "time": ("dateline.time.stage", ()),
    "amounts": ("dateline.amounts.stage", ()),
    "quotes": ("dateline.quotes.stage", ("entities",)),
    "events": ("dateline.events.stage", ("entities", "geo", "time", "quotes")),
    "tone": ("dateline.tone.stage", ("entities", "quotes", "events")),
}
ALL_STAGES: tuple[str, ...] = ("article", "nlp", *STAGES)
# Stages that only make sense on English text.
ENGLISH_STAGES = frozenset(STAGES)

StageFn = Callable[[Analysis, "Doc"], Analysis]
ErrorHandler = Callable[[Article, Exception], None]


def resolve_stages(requested: Iterable[str] | None) -> list[str]:
    """Expand the requested stages with what they need, in pipeline order."""
    if requested is None:
        return list(ALL_STAGES)
    wanted: set[str] = {"article"}
    todo = [s.strip() for s in requested if s.strip()]
    while todo:
        name = todo.pop()
        if name not in ALL_STAGES:
            raise ValueError(f"unknown stage {name!r}; choose from {', '.join(ALL_STAGES)}")
        if name in wanted:
            continue
        wanted.add(name)
        if name in STAGES:
            wanted.add("nlp")
            todo.extend(STAGES[name][1])
    return [s for s in ALL_STAGES if s in wanted]


def _stage_function(name: str) -> StageFn:
    module = importlib.import_module(STAGES[name][0])
    fn: StageFn = module.annotate
    return fn


@dataclass
class Pipeline:
    """Runs the chosen stages over articles; the spaCy model is loaded once, on first need."""

    stages: list[str]
    model: str | None = None
    batch_size: int = 16

    @classmethod
    def create(cls, stages: Iterable[str] | None = None, model: str | None = None) -> Pipeline:
        return cls(stages=resolve_stages(stages), model=model)

    @property
    def nlp(self) -> Language:
        from dateline.nlp import load_model

        return load_model(self.model)

    def annotate(self, article: Article, doc: Doc | None = None) -> Analysis:
        """Run every stage after ``article`` on an already structured article."""
        analysis = Analysis(article=article, stages=["article"])
        if "nlp" not in self.stages:
            return analysis
        if article.language not in (None, "en"):
            notice = Notice(
                stage="nlp",
                message=f"article language is {article.language!r}, not English: "
                "English-only stages skipped",
            )
            return analysis.model_copy(update={"notices": [*analysis.notices, notice]})
        if doc is None:
            doc = self.nlp(article.text)
        from dateline.nlp import bind_model

        # Headline, standfirst and captions are parsed by the same model as the body.
        bind_model(doc, self.nlp)
        analysis = analysis.model_copy(update={"stages": [*analysis.stages, "nlp"]})
        for name in self.stages:
            if name in STAGES:
                analysis = _stage_function(name)(analysis, doc)
                analysis = analysis.model_copy(update={"stages": [*analysis.stages, name]})
        return analysis

    def annotate_many(
        self, articles: Iterable[Article], on_error: ErrorHandler | None = None
    ) -> Iterator[Analysis]:
        """Annotate articles in order, batching the spaCy work with ``nlp.pipe``.

        Without ``on_error`` an exception in any article's analysis propagates. With it, the
        failing article is passed to ``on_error(article, exception)`` and skipped, so one
        broken article cannot end a run over many.
        """
        if "nlp" not in self.stages:
            for article in articles:
                yield from self._guarded(article, None, on_error)
            return
        batch: list[Article] = []
        for article in articles:
            batch.append(article)
            if len(batch) >= self.batch_size:
                yield from self._annotate_batch(batch, on_error)
                batch = []
        if batch:
            yield from self._annotate_batch(batch, on_error)

    def _annotate_batch(
        self, batch: list[Article], on_error: ErrorHandler | None
    ) -> Iterator[Analysis]:
        english = [a for a in batch if a.language in (None, "en")]
        docs = dict(
            zip((id(a) for a in english), self.nlp.pipe(a.text for a in english), strict=True)
        )
        for article in batch:
            yield from self._guarded(article, docs.get(id(article)), on_error)

    def _guarded(
        self, article: Article, doc: Doc | None, on_error: ErrorHandler | None
    ) -> Iterator[Analysis]:
        if on_error is None:
            yield self.annotate(article, doc)
            return
        try:
            analysis = self.annotate(article, doc)
        except Exception as exc:  # reported through on_error; the caller decides what it means
            on_error(article, exc)
            return
        yield analysis
