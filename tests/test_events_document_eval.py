"""``dateline eval events --docs``: matching, alignment and the report on an invented article."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from dateline.cli import cli
from dateline.errors import InputError
from dateline.evaluation.event_documents import (
    GoldArgument,
    GoldEvent,
    PredictedEntity,
    agrees,
    fold,
    load_record,
    match,
    source_text,
    split_of,
)

ARTICLE = """Ministers meet in Nairobi over border dispute

NAIROBI (Reuters) - Kenya's foreign minister Amina Wekesa met her Ugandan counterpart \
John Okello on Tuesday to ease a dispute over fishing rights on Lake Victoria.

Wekesa accused Uganda's navy of seizing Kenyan fishing boats and demanded their release, \
according to a statement from her ministry.

Okello did not respond to a request for comment. Reporting by Grace Njeri; editing by \
Paul Odhiambo.
"""


def _span(text: str, word: str, occurrence: int = 0) -> list[int]:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(word, start + 1)
    return [start, start + len(word)]


def _gold_record() -> dict:
    text = ARTICLE
    wekesa = {"span": _span(text, "Amina Wekesa"), "name": "Amina Wekesa"}
    okello = {"span": _span(text, "John Okello"), "name": "John Okello"}
    return {
        "path": "news/nairobi.txt",
        "field": None,
        "sha1": hashlib.sha1(text.encode("utf-8")).hexdigest(),
        "published": None,
        "topic": "politics",
        "annotator": "test",
        "events": [
            {
                "trigger": _span(text, "met"),
                "type": "CONSULT",
                "actor": [wekesa],
                "recipient": [okello],
                "date": None,
                "status": "occurred",
                "mentions": [_span(text, "meet")],
            },
            {
                "trigger": _span(text, "accused"),
                "type": "ACCUSE",
                "actor": [{"span": _span(text, "Wekesa", 1), "name": "Amina Wekesa"}],
                "recipient": [{"span": _span(text, "Uganda's navy"), "name": "Ugandan navy"}],
                "date": None,
                "status": "occurred",
            },
            {
                "trigger": _span(text, "demanded"),
                "type": "REQUEST",
                "actor": [{"span": _span(text, "Wekesa", 1), "name": "Amina Wekesa"}],
                "recipient": [{"span": _span(text, "Uganda's navy"), "name": "Ugandan navy"}],
                "date": None,
                "status": "occurred",
            },
        ],
    }


def _entity(*names: str, spans: tuple[tuple[int, int], ...] = ()) -> PredictedEntity:
    return PredictedEntity(frozenset(fold(n) for n in names), spans)


def test_fold_and_argument_agreement() -> None:
    assert fold("the Erdoğan's") == "erdogan s"
    gold = GoldEvent(
        ((10, 15),),
        "ACCUSE",
        (GoldArgument(None, "Amina Wekesa"),),
        (GoldArgument((40, 50), "Ugandan navy"),),
        None,
        "occurred",
    )
    from dateline.evaluation.event_documents import PredictedEvent

    def predicted(actor, recipient, kind="ACCUSE"):  # type: ignore[no-untyped-def]
        return PredictedEvent(((11, 16),), kind, actor, recipient, None, "occurred", 1.0, "x", None)  # type: ignore[arg-type]

    surname = (_entity("Wekesa"),)
    navy = (_entity("navy", spans=((44, 48),)),)
    assert agrees(predicted(surname, navy), gold, "type+actor+recipient", set())
    # An ambiguous surname does not count; a wrong recipient fails only the strictest level.
    assert not agrees(predicted(surname, navy), gold, "type+actor", {"wekesa"})
    wrong = (_entity("Kenya"),)
    assert agrees(predicted(surname, wrong), gold, "type+actor", set())
    assert not agrees(predicted(surname, wrong), gold, "type+actor+recipient", set())
    assert not agrees(predicted(surname, navy, "REQUEST"), gold, "type", set())
    # One-to-one: two predictions of one gold event give one match.
    source = "x" * 100
    pairs = match([predicted(surname, navy)] * 2, [gold], source, "type", set())
    assert pairs == [(0, 0)]


def test_split_is_fixed() -> None:
    assert split_of("geo/GeoWebNews/1.txt") == split_of("geo/GeoWebNews/1.txt")
    assert {split_of(f"news/{n}.txt") for n in range(40)} == {"dev", "test"}


def test_gold_record_in_an_xml_corpus(tmp_path: Path) -> None:
    """A record may point into an XML corpus (TR-News, LGL): ``field`` is an ElementTree path
    to the element whose text the offsets index."""
    body = ARTICLE.split("\n\n", 1)[1]
    corpus = "<articles>" + "".join(
        f'<article docid="{n}"><title>t</title><text><![CDATA[{text}]]></text></article>'
        for n, text in ((1, "Something else."), (2, body))
    ) + "</articles>"  # fmt: skip
    bench = tmp_path / "bench"
    bench.mkdir()
    (bench / "corpus.xml").write_text(corpus, encoding="utf-8")
    raw = {
        "path": "corpus.xml",
        "field": "article[@docid='2']/text",
        "sha1": hashlib.sha1(body.encode("utf-8")).hexdigest(),
        "topic": "politics",
        "events": [],
    }
    record_file = tmp_path / "corpus-2.json"
    record_file.write_text(json.dumps(raw), encoding="utf-8")
    record = load_record(record_file)
    assert record.id == "corpus.xml#article[@docid='2']/text"
    assert source_text(record, bench) == body
    raw["field"] = "article[@docid='3']/text"
    record_file.write_text(json.dumps(raw), encoding="utf-8")
    with pytest.raises(InputError, match="names 0 elements"):
        source_text(load_record(record_file), bench)
    # The corpus is parsed once for all its records, but a corpus changed on disk is read again:
    # the article's element gone, its record no longer finds it.
    raw["field"] = "article[@docid='2']/text"
    record_file.write_text(json.dumps(raw), encoding="utf-8")
    (bench / "corpus.xml").write_text(corpus.replace('docid="2"', 'docid="4"'), encoding="utf-8")
    with pytest.raises(InputError, match="names 0 elements"):
        source_text(load_record(record_file), bench)


def test_gold_record_on_a_fundus_page(tmp_path: Path) -> None:
    """A JSON pointer may name a Fundus gold page object: its text is the title, the summary,
    then each section's headlines and paragraphs, joined by blank lines."""
    page = {
        "title": " Port workers walk out over pay ",
        "publishing_date": "2024-05-02 09:10:00+00:00",
        "body": {
            "summary": ["Dockers in Mombasa stopped work on Wednesday."],
            "sections": [
                {"headline": [], "paragraphs": ["The union accused the port authority of delay."]},
                {"headline": ["What comes next"], "paragraphs": ["", "Talks resume on Friday."]},
            ],
        },
        "topics": ["Labour"],
    }
    bench = tmp_path / "bench"
    bench.mkdir()
    (bench / "Publisher.json").write_text(json.dumps({"V1": page}), encoding="utf-8")
    text = (
        "Port workers walk out over pay\n\nDockers in Mombasa stopped work on Wednesday.\n\n"
        "The union accused the port authority of delay.\n\nWhat comes next\n\n"
        "Talks resume on Friday."
    )
    raw = {
        "path": "Publisher.json",
        "field": "/V1",
        "sha1": hashlib.sha1(text.encode("utf-8")).hexdigest(),
        "topic": "society",
        "events": [],
    }
    record_file = tmp_path / "fundus-1.json"
    record_file.write_text(json.dumps(raw), encoding="utf-8")
    assert source_text(load_record(record_file), bench) == text
    # A pointer to any other object is not a page.
    raw["field"] = "/V1/body/sections/0"
    record_file.write_text(json.dumps(raw), encoding="utf-8")
    with pytest.raises(InputError, match="not a Fundus page"):
        source_text(load_record(record_file), bench)


def test_gold_record_in_a_timeml_document(tmp_path: Path) -> None:
    """A record may point at a TimeML document (``.tml``): ``field`` ``TEXT`` gives the whole
    text of the ``<TEXT>`` element, the words inside its ``EVENT``/``TIMEX3``/``SIGNAL`` tags
    included; the record's ``published`` (its DCT) reaches the analysed article."""
    timeml = (
        '<?xml version="1.0" ?>\n<TimeML>\n<DOCID>WIRE19970305.0042</DOCID>\n'
        '<DCT><TIMEX3 tid="t0" type="DATE" value="1997-03-05">19970305</TIMEX3></DCT>\n'
        '<TEXT>\nThe harbour authority of Port Elwin <EVENT eid="e1">fined</EVENT> two '
        'ferry operators <TIMEX3 tid="t1" type="DATE" value="1997-03-04">Tuesday</TIMEX3> '
        '<SIGNAL sid="s1">after</SIGNAL> a collision &amp; a fuel spill.\n</TEXT>\n</TimeML>\n'
    )
    text = (
        "\nThe harbour authority of Port Elwin fined two ferry operators Tuesday after a "
        "collision & a fuel spill.\n"
    )
    bench = tmp_path / "bench"
    (bench / "wire").mkdir(parents=True)
    (bench / "wire" / "WIRE19970305.0042.tml").write_text(timeml, encoding="utf-8")
    start = text.index("fined")
    raw = {
        "path": "wire/WIRE19970305.0042.tml",
        "field": "TEXT",
        "sha1": hashlib.sha1(text.encode("utf-8")).hexdigest(),
        "published": "1997-03-05",
        "topic": "society",
        "events": [
            {"trigger": [start, start + 5], "type": "SANCTION", "actor": [], "recipient": [],
             "date": "1997-03-04", "status": "occurred"},
        ],
    }  # fmt: skip
    record_file = tmp_path / "tbaq-WIRE19970305.0042.json"
    record_file.write_text(json.dumps(raw), encoding="utf-8")
    record = load_record(record_file)
    assert record.id == "wire/WIRE19970305.0042.tml#TEXT"
    assert split_of(record.id) in {"dev", "test"}
    source = source_text(record, bench)
    assert source == text and source[start : start + 5] == "fined"
    from dateline.evaluation.event_documents import analyse_record
    from dateline.pipeline import Pipeline

    _, analysis, _, _ = analyse_record(record, bench, Pipeline.create(["entities", "time"]))
    assert analysis.article.published == "1997-03-05"
    # So the weekday resolves against the story's date: the Tuesday before it.
    assert [t.value for t in analysis.times if t.text == "Tuesday"] == ["1997-03-04"]


def test_eval_events_docs_on_an_invented_article(tmp_path: Path) -> None:
    bench = tmp_path / "bench"
    (bench / "news").mkdir(parents=True)
    (bench / "news" / "nairobi.txt").write_text(ARTICLE, encoding="utf-8")
    gold = tmp_path / "gold"
    gold.mkdir()
    (gold / "news-nairobi.json").write_text(json.dumps(_gold_record()), encoding="utf-8")
    result = CliRunner().invoke(
        cli,
        ["eval", "events", "--docs", str(gold), "--bench", str(bench), "--split", "all",
         "--errors"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "1 articles, 3 gold events" in result.output
    rows = [line for line in result.output.splitlines() if "(confidence ≥" in line]
    # Before confidences; the hand-set rule confidence; with the dates before narrative
    # dating; with the learned roles' option; as shipped (the learned confidence).
    assert len(rows) == 5 and "hand-set rule confidence" in rows[1]
    assert "narrative dating" in rows[2]
    assert "learned roles" in rows[3]
    assert "(default)" in rows[4]
    # The meeting is found with both participants: type+actor+recipient recall is not zero.
    confident = rows[-1].split("|")
    type_precision, type_recall = (float(v) for v in confident[4].split("/"))
    strict_recall = float(confident[6].split("/")[1])
    assert type_precision > 0 and type_recall > 0 and strict_recall > 0
    # The credit line and the request for comment are not counted as events.
    assert "Njeri" not in "".join(
        line for line in result.output.splitlines() if line.startswith("  P ")
    )


def test_eval_events_docs_bad_record(tmp_path: Path) -> None:
    gold = tmp_path / "gold"
    gold.mkdir()
    (gold / "broken.json").write_text('{"events": []}', encoding="utf-8")
    result = CliRunner().invoke(cli, ["eval", "events", "--docs", str(gold)])
    assert result.exit_code != 0
    assert "broken.json" in str(result.exception) and "no 'path'" in str(result.exception)
    both = CliRunner().invoke(cli, ["eval", "events"])
    assert both.exit_code != 0 and "exactly one of --data" in both.output


def test_a_time_of_the_gold_day_is_the_same_calendar_date() -> None:
    from dateline.evaluation.event_documents import same_date

    assert same_date("2018-03-28TMO", "2018-03-28")
    assert same_date("2018-03-28T14:30", "2018-03-28")
    assert not same_date("2018-03-28TMO", "2018-03-27")
    assert not same_date("2018-03", "2018-03-28")
    assert same_date(None, None) and same_date("", None)
    assert not same_date(None, "2018-03-28")
