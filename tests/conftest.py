"""Shared test fixtures: the spaCy model (loaded once per session) and an ``analyze`` helper."""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from types import ModuleType

import pytest

from dateline.article.structure import article_id
from dateline.model import Analysis, Article

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
EXAMPLE = SHARED / "examples" / "putin-assad-sochi-2017-11-21.txt"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def script_module(name: str) -> ModuleType:
    """One of the repository's scripts/ as a module (scripts/ is not a package)."""
    sys.path.insert(0, str(REPO / "scripts"))
    try:
        return importlib.import_module(name)
    finally:
        sys.path.pop(0)


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


# -- the explorer (dateline serve) ---------------------------------------------------------------

XSS_HEADLINE = "<script>alert(1)</script> Ministers meet over drought aid"


def hostile_analysis() -> Analysis:
    """An article whose headline, body, names and quote carry markup, as a web page might."""
    from dateline.model import Entity, Event, Quote, Span

    body = (
        'Amina <b onmouseover="alert(2)">Farah</b> met Peter Okafor in Nairobi on Monday.\n\n'
        "\u201cWe will not let <img src=x onerror=alert(3)> happen,\u201d Okafor said."
    )
    name = 'Amina <b onmouseover="alert(2)">Farah</b>'
    article = make_article(body, "2024-03-05T09:00:00+00:00", XSS_HEADLINE)
    okafor = body.index("Peter Okafor")
    said = body.rindex("Okafor")
    quote_start = body.index("We will")
    quote_end = body.index(",\u201d")
    return Analysis(
        article=article.model_copy(update={"publisher": "Harbour <i>Times</i>"}),
        entities=[
            Entity(id="E1", name=name, type="PERSON", country="KEN",
                   mentions=[Span(start=0, end=len(name), text=name)]),
            Entity(id="E2", name="Peter Okafor", type="PERSON", country="NGA",
                   mentions=[Span(start=okafor, end=okafor + 12, text="Peter Okafor"),
                             Span(start=said, end=said + 6, text="Okafor")]),
        ],
        quotes=[
            Quote(id="Q1", text=body[quote_start:quote_end], kind="direct", speaker="E2",
                  speaker_name="Peter Okafor", cue="said", start=quote_start, end=quote_end,
                  speaker_span=Span(start=said, end=said + 6, text="Okafor")),
        ],
        events=[
            Event(id="V1", type="CONSULT", actor=["E1"], recipient=["E2"], date="2024-03-04",
                  trigger="met", sentence=body.split("\n\n")[0], start=body.index(" met ") + 1,
                  end=body.index(" met ") + 4),
        ],
        stages=["article", "entities", "quotes", "events"],
    )  # fmt: skip


@pytest.fixture(scope="session")
def synthetic_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small corpus written by the store writer: 60 generated articles and a hostile one."""
    from dateline.serve import synthetic

    path = tmp_path_factory.mktemp("serve") / "synthetic.duckdb"
    synthetic.build(path, 60, extra=[hostile_analysis()])
    return path


def _invented_news() -> list[dict[str, str]]:
    """Two invented wire stories for the explorer's ingest-based tests; one headline is markup."""
    return [
        {
            "title": XSS_HEADLINE,
            "publisher": "Harbour Times",
            "url": "https://harbour.example/drought-aid",
            "date": "2024-03-05T09:00:00+00:00",
            "text": (
                "Kenyan President William Ruto met Ethiopian Prime Minister Abiy Ahmed in Nairobi "
                "on Monday to discuss emergency food aid for the drought-hit north.\n\n"
                "\u201cWe will not let our people go hungry,\u201d Ruto told reporters after the "
                "meeting, adding that the two governments had agreed to share grain stores.\n\n"
                "Abiy said Ethiopia would send 200 trucks of wheat to the border next week. "
                "Residents of Turkana said <img src=x onerror=alert(2)> aid had been slow."
            ),
        },
        {
            "title": "Chile's president meets protest leaders in Santiago",
            "publisher": "Andes Wire",
            "url": "https://andes.example/santiago-talks",
            "date": "2024-03-07T15:30:00+00:00",
            "text": (
                "Chilean President Gabriel Boric met student leaders in Santiago on Wednesday "
                "after a week of protests over university fees.\n\n"
                "\u201cThe door to dialogue is open,\u201d Boric said after the talks. Police "
                "arrested 40 people during clashes near the presidential palace on Tuesday."
            ),
        },
    ]


@pytest.fixture(scope="session")
def ingested_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shared examples and two invented stories, ingested by `dateline ingest`."""
    import json

    from click.testing import CliRunner

    from dateline.cli import cli

    if not (SHARED / "examples").is_dir():
        pytest.skip(f"the shared examples are not at {SHARED / 'examples'}")
    folder = tmp_path_factory.mktemp("ingested")
    news = folder / "news.jsonl"
    news.write_text("".join(json.dumps(r) + "\n" for r in _invented_news()), encoding="utf-8")
    db = folder / "corpus.duckdb"
    result = CliRunner().invoke(
        cli, ["ingest", str(SHARED / "examples"), str(news), "--db", str(db), "--no-progress"]
    )
    assert result.exit_code == 0, result.output
    return db
