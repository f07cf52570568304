"""The document event gold set itself (tests/gold/events): every record loads with the
evaluation's own reader, its source is unchanged (SHA-1), and every span is a sensible stretch
of that source. A record that fails here would silently count wrong in ``dateline eval events``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import REPO, SHARED
from dateline.evaluation.event_documents import load_record, source_text

GOLD = REPO / "tests" / "gold" / "events"
# The second, independent annotation of some of the same articles (inter-annotator agreement).
AGREEMENT = REPO / "tests" / "gold" / "events_agreement"
BENCH = SHARED / "bench"
PLOVER = {
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
}  # fmt: skip
TOPICS = {"politics", "conflict", "business", "sport", "tech", "society"}
# TIMEX3 calendar values: day, month, year, decade ("199"), century ("19").
TIMEX_DATE = re.compile(r"^(\d{4}(-\d{2}(-\d{2})?)?|\d{2,3})$")
RECORDS = sorted(GOLD.glob("*.json")) + sorted(AGREEMENT.glob("*.json"))


def _spans(raw: dict) -> list[tuple[str, list[int]]]:
    """Every span of a raw record, each with where it sits (for the failure message)."""
    found: list[tuple[str, list[int]]] = []
    for n, event in enumerate(raw["events"], 1):
        found.append((f"event {n} trigger", event["trigger"]))
        found += [(f"event {n} mention", m) for m in event.get("mentions") or []]
        for role in ("actor", "recipient"):
            found += [(f"event {n} {role}", a["span"]) for a in event[role] if a["span"]]
        if event.get("place"):
            found.append((f"event {n} place", event["place"]["span"]))
    return found


def test_the_gold_set_is_there() -> None:
    assert len(RECORDS) >= 60


@pytest.mark.parametrize("file", RECORDS, ids=lambda f: f"{f.parent.name}/{f.stem}")
def test_gold_record_is_sound(file: Path) -> None:
    record = load_record(file)  # the evaluation's reader: raises on a malformed record
    raw = json.loads(file.read_text(encoding="utf-8"))
    assert record.topic in TOPICS
    assert raw["published"] is None or TIMEX_DATE.match(raw["published"])
    for n, event in enumerate(record.events, 1):
        assert event.type in PLOVER, f"event {n}: {event.type}"
        assert event.date is None or TIMEX_DATE.match(event.date), f"event {n}: {event.date}"
        assert len(set(event.spans)) == len(event.spans), f"event {n}: a telling twice"
    if not BENCH.is_dir():
        pytest.skip(f"the benchmark sources are not at {BENCH}")
    text = source_text(record, BENCH)  # raises when the source changed (SHA-1)
    for where, (start, end) in _spans(raw):
        piece = text[start:end]
        assert 0 <= start < end <= len(text), f"{where}: {start}-{end} outside the text"
        assert piece.strip() == piece, f"{where}: {piece!r} starts or ends with a space"
        assert re.search(r"\w", piece), f"{where}: {piece!r} holds no word"
        # A span cuts no word in two.
        assert start == 0 or not (text[start - 1].isalnum() and piece[0].isalnum()), where
        assert end == len(text) or not (text[end].isalnum() and piece[-1].isalnum()), where


def test_agreement_records_annotate_gold_articles() -> None:
    """Each record of the second annotation is an article of the gold set, annotated anew."""
    gold_ids = {load_record(f).id for f in GOLD.glob("*.json")}
    second = [load_record(f) for f in AGREEMENT.glob("*.json")]
    assert len(second) >= 10
    assert {r.id for r in second} <= gold_ids
