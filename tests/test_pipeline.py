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


def _crash_on_marker(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make the time stage fail on any article mentioning the (invented) word 'Zorblax'."""
    import dateline.time.stage as time_stage

    real = time_stage.annotate

    def annotate(analysis, doc):  # type: ignore[no-untyped-def]
        if "Zorblax" in analysis.article.text:
            raise IndexError("list index out of range")
        return real(analysis, doc)

    monkeypatch.setattr(time_stage, "annotate", annotate)


def test_one_failing_article_does_not_end_the_run(monkeypatch, nlp) -> None:
    _crash_on_marker(monkeypatch)
    articles = [
        make_article("Protesters marched in Lagos on Friday, police said."),
        make_article("The Zorblax summit opened in Geneva on Monday."),
        make_article("The central bank raised rates on Thursday, its governor said."),
    ]
    failed: list[tuple[str, str]] = []
    done = list(
        Pipeline.create(["time"]).annotate_many(
            articles, on_error=lambda a, e: failed.append((a.text, type(e).__name__))
        )
    )
    assert [a.article.text for a in done] == [articles[0].text, articles[2].text]
    assert failed == [(articles[1].text, "IndexError")]
    # Without a handler the error propagates: nothing is silently dropped.
    with pytest.raises(IndexError):
        list(Pipeline.create(["time"]).annotate_many(articles))


def test_analyze_reports_a_crashing_article_and_goes_on(monkeypatch, tmp_path, nlp) -> None:
    from click.testing import CliRunner

    from dateline.cli import cli

    _crash_on_marker(monkeypatch)
    good = tmp_path / "good.txt"
    good.write_text("Ministers met in Oslo on Tuesday to discuss fishing quotas, officials said.\n")
    bad = tmp_path / "bad.txt"
    bad.write_text("The Zorblax delegation arrived in Cairo on Sunday for three days of talks.\n")
    result = CliRunner().invoke(
        cli, ["analyze", str(good), str(bad), "--format", "jsonl", "--stages", "time"]
    )
    assert result.exit_code == 1
    assert len(result.stdout.strip().splitlines()) == 1
    assert '"source":"' + str(good) in result.stdout.replace(": ", ":")
    assert f"{bad}: analysis failed (IndexError: list index out of range)" in result.stderr
