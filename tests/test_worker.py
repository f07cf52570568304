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
