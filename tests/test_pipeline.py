"""The pipeline: stage resolution, and display strings parsed once by the body's model."""

from __future__ import annotations

import pytest

from conftest import make_article
from dateline.pipeline import Pipeline, resolve_stages


def test_requested_stages_bring_what_they_need() -> None:
    assert resolve_stages(["article"]) == ["article"]
    assert resolve_stages(["quotes"]) == ["article", "nlp", "entities", "quotes"]
    events = resolve_stages(["events"])
    assert (
        events.index("entities")
        < events.index("geo")
        < events.index("quotes")
        < events.index("events")
    )
    with pytest.raises(ValueError, match="unknown stage 'sentiment'"):
        resolve_stages(["sentiment"])


def test_headline_is_parsed_once_with_the_body_model(nlp) -> None:
    article = make_article(
        "The two presidents met in Geneva on Monday, officials said.\n\n"
        "“We agreed to keep talking,” the French President told reporters.",
        published="2021-06-16T10:00:00+00:00",
        headline="Leaders meet in Geneva as talks resume",
    )
    doc = nlp(article.text)
    calls: list[str] = []

    class CountingModel:
        """The body's model, counting what else it is asked to parse."""

        vocab = nlp.vocab

        def __call__(self, text: str):  # type: ignore[no-untyped-def]
            calls.append(text)
            return nlp(text)

    class CountingPipeline(Pipeline):
        @property
        def nlp(self):  # type: ignore[no-untyped-def]
            return CountingModel()

    analysis = CountingPipeline(stages=resolve_stages(None)).annotate(article, doc)
    assert "events" in analysis.stages
    # Time, quotes and events all read the headline; it was parsed exactly once.
    assert calls.count("Leaders meet in Geneva as talks resume") == 1
    assert doc._.dateline_fields["headline"].text == "Leaders meet in Geneva as talks resume"
