"""``dateline eval entities``: gold loading, mention matching and the report on an invented
article."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from dateline.cli import cli
from dateline.errors import InputError
from dateline.evaluation.entity_documents import (
    Mention,
    MentionTally,
    is_named,
    load_entity_record,
    match_mentions,
)

ARTICLE = """Ministers meet in Nairobi over border dispute

NAIROBI (Reuters) - Kenya's foreign minister Amina Wekesa met her Ugandan counterpart \
John Okello on Tuesday to ease a dispute over fishing rights on Lake Victoria.

Wekesa accused Uganda's navy of seizing Kenyan fishing boats, according to a statement \
from her ministry.
"""


def _span(word: str, occurrence: int = 0) -> list[int]:
    start = -1
    for _ in range(occurrence + 1):
        start = ARTICLE.index(word, start + 1)
    return [start, start + len(word)]


def _mention(word: str, kind: str, country: str | None, code: str | None, n: int = 0) -> dict:
    return {"span": _span(word, n), "type": kind, "country": country, "code": code, "name": word}


def _records(tmp_path: Path) -> tuple[Path, Path, Path]:
    bench = tmp_path / "bench"
    (bench / "news").mkdir(parents=True)
    (bench / "news" / "nairobi.txt").write_text(ARTICLE, encoding="utf-8")
    sha1 = hashlib.sha1(ARTICLE.encode("utf-8")).hexdigest()
    base = {"path": "news/nairobi.txt", "field": None, "sha1": sha1, "topic": "politics"}
    entities = tmp_path / "entities"
    entities.mkdir()
    mentions = [
        _mention("Nairobi", "LOCATION", "KEN", None),
        _mention("NAIROBI", "LOCATION", "KEN", None),
        _mention("Reuters", "ORG", "GBR", "GBRMED"),
        _mention("Kenya", "LOCATION", "KEN", "KEN"),
        _mention("Amina Wekesa", "PERSON", "KEN", "KENGOV"),
        _mention("Ugandan", "NORP", "UGA", "UGA"),
        _mention("John Okello", "PERSON", "UGA", "UGAGOV"),
        _mention("Lake Victoria", "LOCATION", None, None),
        _mention("Wekesa", "PERSON", "KEN", "KENGOV", 1),
        _mention("Uganda", "LOCATION", "UGA", "UGA", 1),
        _mention("Kenyan", "NORP", "KEN", "KEN"),
    ]
    (entities / "nairobi.json").write_text(json.dumps({**base, "mentions": mentions}))
    events = tmp_path / "events"
    events.mkdir()
    meeting = {
        "trigger": _span("met"),
        "type": "CONSULT",
        "actor": [{"span": _span("Amina Wekesa"), "name": "Amina Wekesa"}],
        "recipient": [{"span": _span("John Okello"), "name": "John Okello"}],
        "status": "occurred",
        "place": {"span": _span("NAIROBI"), "name": "Nairobi"},
    }
    (events / "nairobi.json").write_text(json.dumps({**base, "events": [meeting]}))
    return bench, entities, events


def _m(start: int, end: int, kind: str = "PERSON", country: str | None = None) -> Mention:
    return Mention((start, end), kind, country, country, "x")


def test_mentions_match_one_to_one_by_largest_overlap() -> None:
    gold = [_m(0, 12), _m(13, 19)]
    # The long prediction overlaps both gold mentions; the short one only the second.
    predicted = [_m(0, 19), _m(14, 19)]
    assert sorted(match_mentions(predicted, gold)) == [(0, 0), (1, 1)]
    assert match_mentions([_m(20, 25)], gold) == []


def test_tally_counts_type_country_and_code_on_actor_mentions_only() -> None:
    gold = [_m(0, 5, "PERSON", "KEN"), _m(10, 15, "LOCATION", "UGA"), _m(20, 25, "ORG", None)]
    predicted = [_m(0, 5, "PERSON", "UGA"), _m(10, 15, "PERSON", "UGA"), _m(30, 35)]
    tally = MentionTally()
    tally.add(predicted, gold)
    assert (tally.predicted, tally.gold, tally.matched) == (3, 3, 2)
    assert tally.type_hits == 1
    # Only the PERSON gold mention is an actor: its country is wrong.
    assert (tally.actor_matched, tally.country_hits, tally.code_hits) == (1, 0, 0)


def test_pronouns_and_descriptions_are_not_named_mentions() -> None:
    assert is_named("Amina Wekesa")
    assert is_named("Kenyan")
    assert is_named("iOS") and is_named("UFC 223")
    # A description built on a name is not a name: the gold's mention is "Kenyan" alone.
    assert not is_named("Kenyan officials")
    assert not is_named("the Kenyan government")
    assert not is_named("He")
    assert not is_named("the minister")


def test_an_equal_overlap_goes_to_the_closest_extent() -> None:
    gold = [Mention((10, 16), "NORP", "KEN", "KEN", "Kenyan")]
    predicted = [
        Mention((6, 27), "GROUP", "KEN", "KENGOV", "the Kenyan government"),
        Mention((10, 16), "NORP", "KEN", "KEN", "Kenyan"),
    ]
    assert match_mentions(predicted, gold) == [(1, 0)]


def test_a_bad_record_is_one_input_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"path": "a.txt", "mentions": [{"span": [3, 1], "type": "ORG"}]}))
    with pytest.raises(InputError, match="mention 1"):
        load_entity_record(bad)
    bad.write_text(json.dumps({"path": "a.txt", "mentions": [{"span": [0, 2], "type": "CAR"}]}))
    with pytest.raises(InputError, match="unknown type"):
        load_entity_record(bad)


@pytest.mark.slow
def test_eval_entities_reports_both_systems_and_event_places(tmp_path: Path) -> None:
    bench, entities, events = _records(tmp_path)
    result = CliRunner().invoke(
        cli,
        [
            "eval", "entities", "--docs", str(entities), "--events", str(events),
            "--bench", str(bench), "--split", "all", "--errors",
        ],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    out = result.output
    assert "1 articles, 11 gold mentions" in out
    rows = {line.split(" | ")[0].strip("| "): line for line in out.splitlines() if "|" in line}
    assert "Dateline" in rows and "bare spaCy en_core_web_sm" in rows
    # Both systems find most of these plain names: recall above half.
    for row in (rows["Dateline"], rows["bare spaCy en_core_web_sm"]):
        recall = float(row.split(" | ")[2].split(" / ")[1])
        assert recall > 50
    assert "Gold events with a stated place: 1" in out
    # The error listing names the article; every line after it is one kind of error.
    listing = out.split("## news/nairobi.txt (politics)")[1].strip().splitlines()
    assert all(line.split()[0] in {"MISSED", "SPURIOUS", "WRONG"} for line in listing)


def test_eval_entities_names_a_missing_folder(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["eval", "entities", "--docs", str(tmp_path / "none")])
    assert result.exit_code != 0
    assert "no folder of entity gold records" in str(result.exception)
