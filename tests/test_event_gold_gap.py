"""The gold-gap measurement (tests/gold/events_audit/goldgap): every judged event points at an
unchanged dev source, its calls are cumulative, its class is one of the four, and the script's
arithmetic counts the gold's gaps as right."""

from __future__ import annotations

import hashlib
import json
from collections import Counter

import pytest

from conftest import REPO, SHARED, script_module
from dateline.evaluation.event_documents import GoldDocument, record_id, source_text, split_of

RECORD = REPO / "tests" / "gold" / "events_audit" / "goldgap" / "goldgap.json"
BENCH = SHARED / "bench"
EVENTS = json.loads(RECORD.read_text(encoding="utf-8"))["events"]


def _script():  # type: ignore[no-untyped-def]
    return script_module("event_gold_gap")


def test_every_judged_event_is_of_a_dev_gold_article() -> None:
    for event in EVENTS:
        assert split_of(record_id(event["path"], event["field"])) == "dev", event["case"]
        assert (REPO / "tests" / "gold" / "events" / event["gold_record"]).is_file()
        assert event["sets"] and set(event["sets"]) <= {"out_of_fold", "in_sample"}


def test_calls_are_cumulative_and_classes_known() -> None:
    levels = ("real", "type", "actor", "recipient")
    for event in EVENTS:
        calls = [event["on_sight"][level] for level in levels]
        assert event["on_sight"]["note"] and event["class_note"]
        # Counted cumulatively: after the first level judged wrong, a level is unjudged or wrong.
        first_wrong = next((i for i, c in enumerate(calls) if c is False), len(calls))
        assert all(c is True for c in calls[:first_wrong])
        assert all(c is not True for c in calls[first_wrong + 1 :])
        assert event["class"] in {"a", "b", "c", "d"}


@pytest.mark.parametrize("event", EVENTS, ids=lambda e: str(e["case"]))
def test_offsets_sit_on_words_of_the_unchanged_source(event: dict) -> None:
    if not BENCH.is_dir():
        pytest.skip(f"the shared bench is not at {BENCH}")
    doc = GoldDocument(
        record_id(event["path"], event["field"]),
        event["path"],
        event["field"],
        "",
        None,
        (),
        RECORD,
    )
    # The record keeps one SHA-1 per event, not per file: check it against the text directly.
    text = source_text(doc, BENCH)
    assert hashlib.sha1(text.encode("utf-8")).hexdigest() == event["sha1"]
    spans = [event["trigger"], *(g["trigger"] for g in event["gold_near"])]
    for start, end in spans:
        assert 0 <= start < end <= len(text)
        assert text[start:end].strip() == text[start:end]
        assert start == 0 or not text[start - 1].isalnum()


def test_the_gaps_count_as_right_in_the_estimate() -> None:
    script = _script()
    counts = Counter({"a": 14, "c": 6, "d": 1})
    line = script.precision_line("x", counts, 181, 202)
    assert "as the eval counts 89.6 (181/202)" in line
    assert "b+c right 92.6 (187/202)" in line
    assert "b+c+d right 93.1 (188/202)" in line
    assert script.ratio("191/209") == (191, 209)
