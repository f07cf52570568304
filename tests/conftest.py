"""Shared test fixtures: the spaCy model (loaded once per session) and an ``analyze`` helper."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

import pytest

from dateline.article.structure import article_id
from dateline.model import Analysis, Article

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
EXAMPLE = SHARED / "examples" / "putin-assad-sochi-2017-11-21.txt"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def nlp():  # type: ignore[no-untyped-def]
    from dateline.nlp import load_model

    return load_model()


def make_article(body: str, published: str | None = None, headline: str | None = None) -> Article:
    """An Article whose paragraphs are ``body``'s blank-line-separated blocks."""
    paragraphs = [" ".join(p.split()) for p in body.split("\n\n") if p.strip()]
    text = "\n\n".join(paragraphs)
    return Article(
        id=article_id(text),
        source="test",
        headline=headline,
        published=published,
        language="en",
        paragraphs=paragraphs,
        text=text,
    )


@pytest.fixture(scope="session")
def analyze(nlp) -> Callable[..., Analysis]:  # type: ignore[no-untyped-def]
    """analyze(body, published=None, headline=None, stages=None) -> Analysis."""
    from dateline.pipeline import Pipeline

    def run(
        body: str,
        published: str | None = None,
        headline: str | None = None,
        stages: Iterable[str] | None = None,
    ) -> Analysis:
        pipeline = Pipeline.create(stages)
        return pipeline.annotate(make_article(body, published, headline))

    return run


@pytest.fixture(scope="session")
def example_analysis(nlp) -> Analysis:  # type: ignore[no-untyped-def]
    """The canonical example article, structured and analysed by every stage."""
    from dateline.article import structure
    from dateline.pipeline import Pipeline
    from dateline.sources import read_input

    return Pipeline.create(None).annotate(structure(read_input(str(EXAMPLE))))
