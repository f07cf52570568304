"""The reader's audit of default-visible events on pages outside the gold
(tests/gold/events_audit): every record points at an unchanged source that no gold record
uses, its spans sit inside that source, and its judgements are consistent."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from conftest import REPO, SHARED
from dateline.evaluation.event_documents import GoldDocument, record_id, source_text

AUDIT = REPO / "tests" / "gold" / "events_audit"
BENCH = SHARED / "bench"
RECORDS = sorted(AUDIT.glob("*.json"))
PLOVER = {
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
}  # fmt: skip


STRATA = (
    "random", "politics", "fresh", "fresh-politics", "fresh3", "fresh3-politics", "fresh4",
    "fresh4-politics",
)  # fmt: skip


def _script():  # type: ignore[no-untyped-def]
    """The audit script's module (scripts/ is not a package)."""
    sys.path.insert(0, str(REPO / "scripts"))
    try:
        import event_audit_pages
    finally:
        sys.path.pop(0)
    return event_audit_pages


def _gold_sources() -> set[str]:
    """The ids of every page a gold or agreement record annotates."""
    ids = set()
    for folder in ("events", "events_agreement", "merge", "entities"):
        for file in (REPO / "tests" / "gold" / folder).glob("*.json"):
            raw = json.loads(file.read_text(encoding="utf-8"))
            if isinstance(raw, dict) and "path" in raw:
                ids.add(record_id(raw["path"], raw.get("field")))
    return ids


def test_the_audit_has_its_pages() -> None:
    assert len(RECORDS) >= 60


def test_no_audited_page_is_in_the_gold() -> None:
    gold = _gold_sources()
    for file in RECORDS:
        raw = json.loads(file.read_text(encoding="utf-8"))
        assert record_id(raw["path"], raw["field"]) not in gold, file.name


@pytest.mark.parametrize("file", RECORDS, ids=lambda f: f.stem)
def test_record_spans_and_judgements(file: Path) -> None:
    if not BENCH.is_dir():
        pytest.skip(f"the shared bench is not at {BENCH}")
    raw = json.loads(file.read_text(encoding="utf-8"))
    doc = GoldDocument(
        record_id(raw["path"], raw["field"]),
        raw["path"],
        raw["field"],
        raw["topic"],
        None,
        (),
        file,
    )
    text = source_text(doc, BENCH)  # refuses a changed source (SHA-1)
    assert raw["stratum"] in STRATA
    for event in raw["events"]:
        start, end = event["sentence"]
        t_start, t_end = event["trigger"]
        assert 0 <= start <= t_start < t_end <= end <= len(text), file.name
        assert text[t_start:t_end].strip() == text[t_start:t_end], file.name
        assert event["system"]["type"] in PLOVER
        judgement = event["judgement"]
        assert judgement["note"]
        if not judgement["real"]:
            # Nothing further is judged for something that is not an event.
            assert all(judgement[k] is None for k in ("type", "actor", "recipient", "date"))
        else:
            assert all(isinstance(judgement[k], bool) for k in ("type", "actor", "recipient"))


def test_summary_counts_levels_cumulatively() -> None:
    figures = _script().summary(AUDIT)
    counts = [int(str(figures[f"precision {level}"]).split("/")[0]) for level in
              ("real", "type", "actor", "recipient")]  # fmt: skip
    assert counts == sorted(counts, reverse=True)
    assert figures["pages"] == len(RECORDS)


def test_summary_floor_counts_only_events_that_sure() -> None:
    summary = _script().summary
    everything = summary(AUDIT, "fresh3")
    shown = summary(AUDIT, "fresh3", floor=0.7)
    low = sum(
        1
        for file in RECORDS
        for event in json.loads(file.read_text(encoding="utf-8"))["events"]
        if json.loads(file.read_text(encoding="utf-8"))["stratum"] == "fresh3"
        and event["system"]["confidence"] < 0.7
    )
    assert int(str(shown["events"])) == int(str(everything["events"])) - low
    assert shown["pages"] == everything["pages"]


@pytest.mark.parametrize("round_", [2, 3, 4])
def test_fresh_rounds_pick_their_pages_again(round_: int) -> None:
    """Each fresh round leaves out only the earlier rounds, so it still selects the pages its
    own records judged."""
    if not BENCH.is_dir():
        pytest.skip(f"the shared bench is not at {BENCH}")
    script = _script()
    stratum = script.ROUNDS[round_][0]
    chosen = {(p["path"], p["field"]) for p in script.select_fresh(BENCH, round_)}
    judged = set()
    for file in RECORDS:
        raw = json.loads(file.read_text(encoding="utf-8"))
        if raw["stratum"] in (stratum, f"{stratum}-politics"):
            judged.add((raw["path"], raw["field"]))
    assert chosen == judged
