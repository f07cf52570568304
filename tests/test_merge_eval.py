"""``dateline eval merge``: reading the cross-article merge gold."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dateline.errors import InputError
from dateline.evaluation.merge import load_gold

REPO = Path(__file__).resolve().parent.parent


def test_the_shipped_merge_gold_reads_and_groups_every_mention_once() -> None:
    mentions, published = load_gold(REPO / "tests" / "gold" / "merge")
    ids = [m.id for m in mentions]
    assert len(ids) == len(set(ids)) and len(mentions) >= 10
    assert len({m.path for m in mentions}) >= 5  # several outlets
    assert all(m.path in published for m in mentions)
    assert any(sum(1 for m in mentions if m.event == e) >= 3 for e in {m.event for m in mentions})


def test_a_broken_record_is_named_in_the_error(tmp_path: Path) -> None:
    (tmp_path / "bad.json").write_text(json.dumps({"mentions": [{"id": "m1"}], "events": [["m1"]]}))
    with pytest.raises(InputError, match="bad.json"):
        load_gold(tmp_path)
    with pytest.raises(InputError, match="no merge gold"):
        load_gold(tmp_path / "empty")


def test_the_split_is_by_pair_of_articles_fixed_and_both_sides_hold_same_event_pairs() -> None:
    from dateline.evaluation.merge import split_of

    mentions, _ = load_gold(REPO / "tests" / "gold" / "merge")
    a, b = "quotes/x/one.txt", "quotes/x/two.txt"
    assert split_of(a, b) == split_of(b, a) in {"dev", "test"}
    sides = {
        split_of(x.path, y.path)
        for x in mentions
        for y in mentions
        if x.path != y.path and x.event == y.event
    }
    assert sides == {"dev", "test"}


def test_a_mention_may_name_the_type_pooled_from_a_trigger_telling_two(tmp_path: Path) -> None:
    record = {
        "published": {"a.txt": "2016-10-03"},
        "mentions": [
            {"id": "m1", "path": "a.txt", "span": [10, 17], "type": "ACCUSE"},
            {"id": "m2", "path": "a.txt", "span": [10, 17], "type": "REQUEST"},
        ],
        "events": [["m1"], ["m2"]],
    }
    (tmp_path / "story.json").write_text(json.dumps(record))
    mentions, published = load_gold(tmp_path)
    assert [m.type for m in mentions] == ["ACCUSE", "REQUEST"]
    assert published == {"a.txt": "2016-10-03"}


def test_pairs_count_a_gold_mention_without_an_event_as_a_miss_of_the_all_recall() -> None:
    from dateline.evaluation.merge import GoldMention, score_pairs

    # Four articles tell one event; Dateline finds it in three, merges two of them, and
    # wrongly merges the fourth article's other mention with one of them.
    gold = [
        GoldMention("s:a", "a.txt", (0, 5), 0),
        GoldMention("s:b", "b.txt", (0, 5), 0),
        GoldMention("s:c", "c.txt", (0, 5), 0),
        GoldMention("s:d", "d.txt", (0, 5), 0),
        GoldMention("s:d2", "d.txt", (9, 15), 1),
    ]
    scores = score_pairs(gold, [0, 0, 1, None, 1], "all")
    assert scores.judged == 9  # ten pairs less the one inside d.txt
    assert scores.same_all == 6 and scores.same_found == 3
    assert scores.merged == 2 and scores.hits == 1  # a~b right, c~d2 wrong


def test_a_trigger_the_gold_gives_two_types_lends_its_event_only_to_the_mention_of_its_type() -> (
    None
):
    from types import SimpleNamespace

    from dateline.evaluation.merge import GoldMention, _event_of, _shared_triggers

    # "The mayor spoke out on Monday, arguing that the closures must be reversed": one
    # utterance that accuses and demands, two gold events at "arguing". Dateline tells only
    # the demand there: it is the demand's mention, and the accusation's is not found (it
    # was counted found, its pairs missed by type and its merges wrong for the other act).
    accuse = GoldMention("s:arguing-accuse", "a.txt", (31, 38), 0, "ACCUSE")
    request = GoldMention("s:arguing-request", "a.txt", (31, 38), 1, "REQUEST")
    alone = GoldMention("s:criticized", "b.txt", (10, 20), 0, "ACCUSE")
    shared = _shared_triggers([accuse, request, alone])
    assert shared == {("a.txt", (31, 38))}
    demand = SimpleNamespace(type="REQUEST")
    assert _event_of(request, [demand], shared) is demand  # type: ignore[list-item]
    assert _event_of(accuse, [demand], shared) is None  # type: ignore[list-item]
    # A mention alone at its trigger still takes an event of another type (a type miss).
    assert _event_of(alone, [demand], shared) is demand  # type: ignore[list-item]
    criticism = SimpleNamespace(type="ACCUSE")
    assert _event_of(accuse, [demand, criticism], shared) is criticism  # type: ignore[list-item]


def test_a_timeml_article_is_its_text_element_dated_by_its_creation_time(tmp_path: Path) -> None:
    from dateline.article.structure import structure
    from dateline.evaluation.merge import article_source

    file = tmp_path / "WIRE20010304.0001.tml"
    file.write_text(
        '<?xml version="1.0" ?>\n<TimeML><DOCID>WIRE20010304.0001</DOCID>'
        '<DCT><TIMEX3 tid="t0" type="DATE" value="2001-03-04" functionInDocument="CREATION_TIME">'
        "March 4, 2001</TIMEX3></DCT><TITLE>Port reopens</TITLE><TEXT>\nMOMBASA (Wire) --\n\n"
        'The port authority <EVENT eid="e1" class="OCCURRENCE">reopened</EVENT> the harbour '
        '<TIMEX3 tid="t1" type="DATE" value="2001-03-03">Saturday</TIMEX3> after the storm.\n'
        "</TEXT></TimeML>\n",
        encoding="utf-8",
    )
    raw, source, published = article_source(file)
    # The offsets of a record point into the text without the markup.
    assert source.index("reopened") == source.index("authority") + len("authority ")
    assert "<EVENT" not in source and published == "2001-03-04"
    assert "reopened the harbour Saturday" in structure(raw).text


def test_errors_say_which_tests_a_missed_pair_fails_and_why_a_mention_has_no_event(
    tmp_path: Path, nlp
) -> None:  # type: ignore[no-untyped-def]
    from dateline.evaluation.merge import evaluate_merge

    # Two invented outlets telling one accusation; the second also tells it as "the row", a
    # word no trigger rule reads as an act, and the gold pools all three mentions.
    bench, gold = tmp_path / "bench", tmp_path / "gold"
    bench.mkdir()
    gold.mkdir()
    first = (
        "Finance Minister Ada Okafor accused Musa Bello on Tuesday of inflating a rail contract."
    )
    second = (
        "Ada Okafor accused her rival Musa Bello on Tuesday of padding the Kano rail contract. "
        "The row dominated the papers."
    )
    (bench / "one.txt").write_text(first, encoding="utf-8")
    (bench / "two.txt").write_text(second, encoding="utf-8")

    def span(text: str, word: str) -> list[int]:
        return [text.index(word), text.index(word) + len(word)]

    record = {
        "published": {"one.txt": "2024-05-14", "two.txt": "2024-05-14"},
        "mentions": [
            {"id": "m1", "path": "one.txt", "span": span(first, "accused")},
            {"id": "m2", "path": "two.txt", "span": span(second, "accused")},
            {"id": "m3", "path": "two.txt", "span": span(second, "row")},
        ],
        "events": [["m1", "m2", "m3"]],
    }
    (gold / "story.json").write_text(json.dumps(record), encoding="utf-8")
    report = evaluate_merge(gold, bench, split="all", errors=True)
    assert "N story:m3: no telling" in report
    assert "Mentions not found by cause: no telling 1" in report
    assert "Missed found pairs by every test failed:" in report
    assert "Same-event found pairs with a mention below the default confidence" in report
