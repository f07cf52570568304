"""The pipeline: stage resolution, and display strings parsed once by the body's model."""

from __future__ import annotations

import pytest

from conftest import make_article
from dateline.pipeline import Pipeline, _Entry, resolve_stages


class CountingModel:
    """A pipeline's model that notes every text it is asked to parse on its own."""

    def __init__(self, nlp, calls: list[str]) -> None:  # type: ignore[no-untyped-def]
        self._nlp = nlp
        self.vocab = nlp.vocab
        self.calls = calls

    def __call__(self, text: str):  # type: ignore[no-untyped-def]
        self.calls.append(text)
        return self._nlp(text)


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

    class CountingPipeline(Pipeline):
        @property
        def nlp(self):  # type: ignore[no-untyped-def]
            return CountingModel(nlp, calls)

    analysis = CountingPipeline(stages=resolve_stages(None)).annotate(article, doc)
    assert "events" in analysis.stages
    # Time, quotes and events all read the headline; it was parsed exactly once.
    assert calls.count("Leaders meet in Geneva as talks resume") == 1


def test_display_lines_are_parsed_in_the_bodies_batch(nlp) -> None:
    """Headline and standfirst go through the same nlp.pipe call as the bodies; the stages get
    the same parse a call of their own would have given, and the model is not called again."""
    articles = [
        make_article(
            "Flood waters rose along the river on Tuesday, the county said.",
            headline="River floods farms near Riverton",
        ),
        make_article("No headline here: the council met on Friday to approve the budget."),
    ]
    parses = Pipeline(stages=resolve_stages(None))._parse(
        [_Entry(a.source, a.source, article=a) for a in articles]
    )
    first, second = (parses[id(a)] for a in articles)
    assert set(first) == {None, "headline"} and set(second) == {None}
    alone = nlp("River floods farms near Riverton")
    assert [(t.text, t.tag_, t.dep_, t.head.i) for t in first["headline"]] == [
        (t.text, t.tag_, t.dep_, t.head.i) for t in alone
    ]
    # Only stages that parse display lines make the pipeline parse them.
    only_entities = Pipeline(stages=resolve_stages(["entities"]))._parse(
        [_Entry(a.source, a.source, article=a) for a in articles]
    )
    assert set(only_entities[id(articles[0])]) == {None}


def _crash_on_marker(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make the time stage fail on any article mentioning the (invented) word 'Zorblax'."""
    import dataclasses

    import dateline.pipeline

    real = dateline.pipeline.stage_record("time")

    def crashing(analysis, parsed):  # type: ignore[no-untyped-def]
        if "Zorblax" in analysis.article.text:
            raise IndexError("list index out of range")
        return real.function(analysis, parsed)

    patched = dataclasses.replace(real, function=crashing)
    records = {
        name: dateline.pipeline.stage_record(name) for name in dateline.pipeline.STAGE_MODULES
    }
    records["time"] = patched
    monkeypatch.setattr(dateline.pipeline, "stage_record", records.__getitem__)


def test_one_failing_article_does_not_end_the_run(monkeypatch, nlp) -> None:
    _crash_on_marker(monkeypatch)
    articles = [
        make_article("Protesters marched in Lagos on Friday, police said."),
        make_article("The Zorblax summit opened in Geneva on Monday."),
        make_article("The central bank raised rates on Thursday, its governor said."),
    ]
    outcomes = list(Pipeline.create(["time"]).run_articles(articles, raise_errors=False))
    done = [o.analysis.article.text for o in outcomes if o.analysis is not None]
    assert done == [articles[0].text, articles[2].text]
    failed = [o.problem for o in outcomes if o.analysis is None]
    assert len(failed) == 1 and failed[0].startswith(
        "analysis crashed: IndexError: list index out of range (at "
    )
    # Raising, the error propagates: nothing is silently dropped.
    with pytest.raises(IndexError):
        list(Pipeline.create(["time"]).run_articles(articles))


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
    assert f"{bad}: analysis crashed: IndexError: list index out of range" in result.stderr


def test_stage_declarations_are_checked_when_the_pipeline_is_built() -> None:
    from dateline.pipeline import PipelineError, stage_record

    # Every stage's requirements are assigned by the stages resolve_stages puts before it.
    full = Pipeline.create(None)
    assigned: set[str] = set()
    for record in full.records:
        assert set(record.requires) <= assigned, record.name
        assigned.add(record.assigns)
    assert stage_record("events").requires == ("entities", "locations", "times", "quotes")
    # A requirement no earlier stage assigns is an error, as spaCy's analyze_pipes reports.
    with pytest.raises(PipelineError, match="'quotes' requires entities"):
        Pipeline(stages=["article", "nlp", "quotes"])
    with pytest.raises(PipelineError, match="needs the nlp stage"):
        Pipeline(stages=["article", "time"])


def test_a_stage_section_of_the_wrong_type_is_refused(nlp) -> None:
    import dataclasses

    from dateline.pipeline import PipelineError, stage_record, with_section

    article = make_article("The finance minister resigned on Tuesday, officials said.")
    analysis = Pipeline.create(["article"]).annotate(article)
    time_record = stage_record("time")
    with pytest.raises(PipelineError, match="invalid 'times' section"):
        with_section(analysis, time_record, ["next Tuesday"])
    with pytest.raises(PipelineError, match="invalid 'times' section"):
        with_section(analysis, time_record, [{"text": "Tuesday", "start": 0, "end": 7, "x": 1}])
    # A stage cannot declare a section the document does not have.
    with pytest.raises(ValueError, match="not an Analysis field"):
        dataclasses.replace(time_record, assigns="sentiment")
    # A valid section is written with the stage's name.
    written = with_section(analysis, time_record, [])
    assert written.times == [] and written.stages == ["article", "time"]


def test_timing_hook_sees_structuring_parsing_and_every_stage(nlp) -> None:
    from dateline.sources import RawInput

    spent: dict[str, float] = {}
    pipeline = Pipeline.create(["quotes", "amounts"])
    pipeline.on_timing = lambda stage, seconds: spent.__setitem__(
        stage, spent.get(stage, 0.0) + seconds
    )
    raw = RawInput(
        source="wire.txt",
        data=b"Dock workers ended a 12-day strike on Friday, the union said.\n",
    )
    [outcome] = list(pipeline.run([raw]))
    assert outcome.analysis is not None and outcome.key == "wire.txt"
    assert set(spent) == {"article", "nlp", "entities", "amounts", "quotes"}
    assert outcome.analysis.stages == ["article", "nlp", "entities", "amounts", "quotes"]


def test_token_strings_read_as_columns_equal_the_tokens(nlp) -> None:
    from spacy.attrs import LEMMA, LOWER, ORTH

    from dateline.nlp.doctext import token_strings

    doc = nlp("The MINISTER’s café reopened on 3rd May  \n\n“It was time,” İlker Başbuğ said.")
    assert token_strings(doc, ORTH) == [t.text for t in doc]
    assert token_strings(doc, LOWER) == [t.lower_ for t in doc]
    assert token_strings(doc, LEMMA) == [t.lemma_ for t in doc]


def test_document_columns_equal_what_the_tokens_say(nlp) -> None:
    from dateline.nlp.doctext import line_paragraphs, sentence_numbers, token_pos, token_starts

    text = (
        "Dock workers in Gdansk struck on Monday.  The port said talks would resume.\n\n"
        "  \n“We will not move,” a union leader said.\r\nShips waited offshore.\n"
    )
    doc = nlp(text)
    assert token_starts(doc) == [t.idx for t in doc]
    assert token_pos(doc) == [t.pos_ for t in doc]
    sentences = [index for index, sentence in enumerate(doc.sents) for _ in sentence]
    assert sentence_numbers(doc) == sentences
    paragraphs, paragraph = [], 0
    for token in doc:
        paragraphs.append(paragraph)
        paragraph += "\n" in token.text_with_ws
    assert line_paragraphs(doc) == paragraphs
    assert paragraphs[-1] >= 2  # the line breaks were counted
    empty = nlp("")
    assert (line_paragraphs(empty), sentence_numbers(empty), token_starts(empty)) == ([], [], [])


def test_entity_rows_equal_the_documents_entities(nlp) -> None:
    from spacy.attrs import ORTH

    from dateline.nlp.doctext import ent_rows, token_strings

    doc = nlp(
        "Mayor Anne Hidalgo met Olaf Scholz in Berlin on 14 March 2023 at 9 a.m., "
        "and Siemens pledged $2 billion to the Paris region."
    )
    assert ent_rows(doc) == [(e.start, e.end, e.start_char, e.end_char, e.label_) for e in doc.ents]
    assert {row.label for row in ent_rows(doc)} >= {"PERSON", "GPE", "DATE"}
    # What the geo stage reads from them: the words of each entity, the text of a one-word one.
    texts = token_strings(doc, ORTH)
    for row, ent in zip(ent_rows(doc), doc.ents, strict=True):
        assert texts[row.start : row.end] == [t.text for t in ent]
        if len(ent) == 1:
            assert texts[row.start] == ent.text
    assert ent_rows(nlp("")) == []


def test_a_parsed_text_is_the_documents_text(nlp) -> None:
    from dateline.nlp.doctext import doc_text
    from dateline.pipeline import Pipeline
    from dateline.sources.files import RawInput

    body = "Farmers blocked a motorway near Lyon on Tuesday.\n\n“Enough,” one of them said."
    pipeline = Pipeline.create(["nlp"])
    parses = pipeline._parse([pipeline._structure(RawInput("farm.txt", body.encode()), True)])
    (docs,) = parses.values()
    for doc in docs.values():
        assert doc_text(doc) == doc.text


def test_a_body_analysed_before_is_not_analysed_again(monkeypatch, nlp) -> None:
    import dataclasses
    import json

    import dateline.pipeline
    from dateline.sources.files import RawInput

    real = dateline.pipeline.stage_record("time")

    def crashing(analysis, parsed):  # type: ignore[no-untyped-def]
        if "withdrawn" in (analysis.article.headline or ""):
            raise ValueError("no time for this headline")
        return real.function(analysis, parsed)

    monkeypatch.setattr(
        dateline.pipeline, "stage_record",
        {"time": dataclasses.replace(real, function=crashing)}.__getitem__,
    )  # fmt: skip
    body = "Dockers in Antwerp walked out on Thursday over pay, their union said."
    other = "A new bridge over the Douro opened in Porto on Saturday, the city said."

    def page(name: str, headline: str, text: str) -> RawInput:
        record = {"headline": headline, "text": text}
        return RawInput(f"{name}.json", json.dumps(record).encode())

    analysed: dict[str, None] = {}
    pipeline = Pipeline.create(["time"])
    outcomes = list(
        pipeline.run(
            [page("wire", "Dock strike", body), page("paper", "Antwerp dockers strike", body),
             page("bridge", "Bridge opens", other)],
            analysed=analysed,
        )
    )  # fmt: skip
    assert [o.repeat for o in outcomes] == [False, True, False]
    first, repeat, _ = (o.analysis for o in outcomes)
    assert first is not None and "time" in first.stages
    # The repeat is its own structured article (its own headline), not analysed.
    assert repeat is not None and repeat.stages == ["article"]
    assert repeat.article.headline == "Antwerp dockers strike"
    assert repeat.article.id == first.article.id and list(analysed) == [
        first.article.id, outcomes[2].analysis.article.id,  # type: ignore[union-attr]
    ]  # fmt: skip
    # Remembered across calls; without ``analysed`` nothing is skipped.
    again = list(pipeline.run([page("mirror", "Dock strike", body)], analysed=analysed))
    assert again[0].repeat and again[0].analysis.stages == ["article"]  # type: ignore[union-attr]
    plain = list(pipeline.run([page("mirror", "Dock strike", body)]))
    assert not plain[0].repeat and "time" in plain[0].analysis.stages  # type: ignore[union-attr]
    # When the first telling of a body fails, the next is analysed in full.
    fresh: dict[str, None] = {}
    mixed = list(
        pipeline.run(
            [page("wire", "Dock strike withdrawn", body), page("paper", "Dock strike", body)],
            analysed=fresh,
        )
    )  # fmt: skip
    assert mixed[0].analysis is None and mixed[0].problem is not None
    assert not mixed[1].repeat and "time" in mixed[1].analysis.stages  # type: ignore[union-attr]


def test_long_texts_of_a_batch_are_parsed_in_parts_in_order() -> None:
    from dateline.pipeline import PARSE_CHARS, _parts

    half, tenth = "a" * (PARSE_CHARS // 2), "b" * (PARSE_CHARS // 10)
    huge = "c" * (PARSE_CHARS * 2)
    texts = [half, half, tenth, huge, tenth, tenth]
    parts = list(_parts(texts))
    assert [t for part in parts for t in part] == texts
    assert [len(part) for part in parts] == [2, 1, 1, 2]
    assert all(sum(map(len, part)) <= PARSE_CHARS or len(part) == 1 for part in parts)


def test_parsing_a_batch_in_small_parts_changes_no_analysis(nlp, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The parse's scratch memory follows the characters of one ``nlp.pipe`` call; a batch cut
    into many calls must give the same analyses as one call."""
    import json

    import dateline.pipeline
    from dateline.sources.files import RawInput

    bodies = [
        "Dockers in Antwerp walked out on Thursday over pay, their union said. The port "
        "authority said ships would be diverted to Rotterdam until Monday.",
        "A new bridge over the Douro opened in Porto on Saturday. The mayor, Ana Ribeiro, "
        "said it had cost 40 million euros and would carry 20,000 cars a day.",
        "Kenya's central bank raised its main rate to 13 percent on Tuesday, citing food "
        'prices. "We will act again if needed," Governor Peter Mwangi told reporters.',
    ]
    pages = [
        RawInput(f"p{n}.json", json.dumps({"headline": f"Story {n}", "text": b}).encode())
        for n, b in enumerate(bodies)
    ]
    pipeline = Pipeline.create(["entities", "geo", "time", "quotes", "events"])
    whole = [o.analysis for o in pipeline.run(pages)]
    monkeypatch.setattr(dateline.pipeline, "PARSE_CHARS", 60)
    parts = [o.analysis for o in pipeline.run(pages)]
    assert all(a is not None for a in whole)
    assert [a.model_dump() for a in parts] == [a.model_dump() for a in whole]  # type: ignore[union-attr]


def test_captions_holding_a_quotation_are_parsed_in_the_bodies_batch(nlp) -> None:
    """The quotes stage parses a caption only when it holds a quotation; the pipeline puts
    exactly those captions in the bodies' batch, and the stage then calls the model for none."""
    article = make_article(
        "The harbour master closed the port on Sunday as the storm approached.\n\n"
        "“Nobody sails until the wind drops,” said Tomas Ekdahl, the harbour master."
    ).model_copy(
        update={
            "captions": [
                "Fishing boats tied up at the quay on Sunday",
                "Tomas Ekdahl: ‘Nobody sails until the wind drops’",
            ]
        }
    )
    pipeline = Pipeline(stages=resolve_stages(["quotes"]))
    parses = pipeline._parse([_Entry(article.source, article.source, article=article)])[id(article)]
    assert set(parses) == {None, "captions[1]"}
    alone = nlp(article.captions[1])
    assert [(t.text, t.tag_, t.dep_, t.head.i) for t in parses["captions[1]"]] == [
        (t.text, t.tag_, t.dep_, t.head.i) for t in alone
    ]

    calls: list[str] = []

    class CountingPipeline(Pipeline):
        @property
        def nlp(self):  # type: ignore[no-untyped-def]
            return CountingModel(nlp, calls)

        def _parse(self, entries):  # type: ignore[no-untyped-def]
            return {id(article): parses}

    [outcome] = CountingPipeline(stages=resolve_stages(["quotes"])).run_articles([article])
    assert outcome.analysis is not None
    assert [q.field for q in outcome.analysis.quotes] == ["text", "captions[1]"]
    assert calls == []


@pytest.fixture
def gc_calls(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The pipeline's collector replaced by one that records its calls (collect, freeze, new
    thresholds) in the list returned, in order."""
    import dateline.pipeline as pipeline_module

    calls: list[str] = []

    class RecordingGC:
        def collect(self) -> None:
            calls.append("collect")

        def freeze(self) -> None:
            calls.append("freeze")

        def set_threshold(self, *thresholds: int) -> None:
            calls.append(f"thresholds {thresholds}")

    monkeypatch.setattr(pipeline_module, "gc", RecordingGC())
    return calls


def test_a_run_freezes_the_loaded_heap_once_it_reaches_its_second_batch(
    monkeypatch, gc_calls: list[str]
) -> None:
    import dateline.pipeline as pipeline_module

    calls = gc_calls
    monkeypatch.setattr(pipeline_module, "_heap_frozen", False)
    articles = [make_article(f"Dock workers in port {n} went on strike.") for n in range(3)]
    pipeline = Pipeline(stages=["article"], batch_size=2)
    # One batch (``analyze`` of a few articles): nothing collected.
    assert len(list(pipeline.run_articles(articles[:2]))) == 2
    assert calls == []
    # Two batches: collected and frozen before the second, young objects then collected less
    # often; once per process.
    settled = ["collect", "freeze", f"thresholds {pipeline_module.COLLECTOR_THRESHOLDS}"]
    assert len(list(pipeline.run_articles(articles))) == 3
    assert calls == settled
    assert len(list(pipeline.run_articles(articles))) == 3
    assert calls == settled


def test_analyze_freezes_the_loaded_model_before_the_first_article(
    tmp_path, gc_calls: list[str]
) -> None:
    from click.testing import CliRunner

    import dateline.pipeline as pipeline_module
    from dateline.cli import cli

    calls = gc_calls
    path = tmp_path / "strike.txt"
    path.write_text("Port workers in Antwerp walked out on Friday over a pay offer, unions said.\n")
    result = CliRunner().invoke(cli, ["analyze", str(path), "--stages", "time", "--format", "json"])
    assert result.exit_code == 0, result.output
    # Frozen once the model is loaded, with no full collection first (nothing is garbage yet).
    assert calls == ["freeze", f"thresholds {pipeline_module.COLLECTOR_THRESHOLDS}"]


def test_stage_names_are_checked_without_resolving_them() -> None:
    from dateline.pipeline import PipelineError, check_stage_names

    check_stage_names(None)
    check_stage_names(["events", " tone ", ""])
    # The same error as resolve_stages gives for the same request.
    for requested in (["sentiment"], ["time", "sentiment", "events", "mood"]):
        with pytest.raises(PipelineError) as checked:
            check_stage_names(requested)
        with pytest.raises(PipelineError) as resolved:
            resolve_stages(requested)
        assert str(checked.value) == str(resolved.value)
