"""The ingest worker's batch: memory kept flat over batches, results unchanged."""

from __future__ import annotations

import json

from dateline.sources.files import RawInput
from dateline.sources.stream import InputItem
from dateline.store import worker


def _items(n: int) -> list[InputItem]:
    # Invented names and places: words no vocabulary has.
    stories = [
        ("Vexmoor council votes on Quarnby bridge",
         "The Vexmoor council voted on Tuesday to rebuild the Quarnby bridge, its chair "
         "Odalys Trennick said. Work will start in March and cost 4 million euros."),
        ("Strikes at Pelgrave docks",
         "Dock workers in Pelgrave walked out on Friday over pay, the Zundel union said. "
         "Talks with the port authority resume next week."),
    ]  # fmt: skip
    headline, body = stories[n % len(stories)]
    record = json.dumps({"headline": headline, "text": body}).encode()
    return [InputItem(f"story-{n}.json", f"story-{n}.json", RawInput(f"story-{n}.json", record))]


def test_a_batch_leaves_no_new_words_in_the_model_and_results_do_not_change(nlp) -> None:
    worker.init_worker(["article", "nlp", "entities", "time"], None)
    pipeline = worker._pipeline
    assert pipeline is not None
    strings = pipeline.nlp.vocab.strings
    before = len(strings)
    first = worker.analyse_batch(_items(0) + _items(1))
    assert all(r.analysis is not None for r in first)
    # The batch's new words were transient (spaCy's memory zone): the vocabulary is as it was.
    assert "Quarnby" not in strings and "Pelgrave" not in strings
    assert len(strings) == before
    # The same inputs again give the same documents, word for word.
    again = worker.analyse_batch(_items(0) + _items(1))
    assert [r.analysis.to_json() for r in again] == [r.analysis.to_json() for r in first]  # type: ignore[union-attr]
    assert any(e.name == "Odalys Trennick" for e in first[0].analysis.entities)  # type: ignore[union-attr]


def test_the_heap_is_trimmed_only_once_the_worker_grew_past_the_margin(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A batch that leaves the worker within the margin of its size after the last trim keeps
    its freed pages for the next parse; one that leaves it larger is trimmed, and the size
    after that trim is the new reference."""
    mib = 1.0  # resident memory is read in MB
    resident = [300 * mib]
    trims: list[int] = []

    def trim(pad: int) -> int:
        trims.append(pad)
        resident[0] = 310 * mib  # what the trim gave back
        return 1

    monkeypatch.setattr(worker, "_malloc_trim", trim)
    monkeypatch.setattr(worker, "resident_mb", lambda: resident[0])
    monkeypatch.setattr(worker, "_resident_mb_after_trim", 300 * mib)
    margin = worker.TRIM_AFTER_GROWTH_MB

    resident[0] = 300 * mib + margin  # grew by exactly the margin: kept
    worker._release_free_memory()
    assert trims == []
    resident[0] = 300 * mib + margin + mib  # past it: trimmed
    worker._release_free_memory()
    assert trims == [0] and worker._resident_mb_after_trim == 310 * mib
    resident[0] = 310 * mib + margin  # measured from the size after that trim
    worker._release_free_memory()
    assert trims == [0]
    # Where resident memory cannot be read, every batch is trimmed.
    monkeypatch.setattr(worker, "resident_mb", lambda: None)
    worker._release_free_memory()
    worker._release_free_memory()
    assert trims == [0, 0, 0]
